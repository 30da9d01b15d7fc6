"""A program the fixture does not carry."""
from wit_world.imports import counter


def elsewhere() -> int:
    return counter.get_count(1)
