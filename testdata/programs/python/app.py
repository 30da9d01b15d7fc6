"""The program of testdata/wat/program-python.wat, as componentize-py was given it."""
from wit_world import exports
from wit_world.imports import counter

NAMES = [f"n{i}" for i in range(5)] + ["x"]


class Processor(exports.Processor):
    def process(self) -> int:
        return sum(counter.get_count(len(name)) for name in NAMES)
