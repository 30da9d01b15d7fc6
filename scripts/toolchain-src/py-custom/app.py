"""A component for a custom world that names no WASI interface: it only
talks to the host's key-value store."""

from typing import List

import wit_world
from wit_world.imports import store


class WitWorld(wit_world.WitWorld):
    def process(self, keys: List[str]) -> int:
        present = 0
        for key in keys:
            if store.get(key) is not None:
                present += 1
                store.set(key, "seen")
        return present
