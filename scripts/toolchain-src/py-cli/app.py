"""A wasi:cli/command program: reports which environment variables are set
and the size of `settings.txt` in the working directory, using only the
Python standard library (the runtime turns these into WASI calls)."""

import os

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        for key in ("HOME", "TOKEN"):
            print(f"{key} {'set' if key in os.environ else 'unset'}")
        try:
            with open("settings.txt", "rb") as f:
                print(f"settings.txt: {len(f.read(1024))} bytes")
        except OSError as e:
            print(f"settings.txt: {e.strerror}")
