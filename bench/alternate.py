#!/usr/bin/env python3
"""Alternates commands one invocation at a time and prints median wall and
CPU time, with each command's ratio to the first.

    bench/alternate.py FILE ROUNDS NAME=COMMAND [NAME=COMMAND...]

FILE replaces the word FILE in each command. Give programs by full path:
Python resolves a bare name on its own PATH, where a pyenv shim can put a
different program of the same name first (pip's blint installs a Python
`wasm-tools`). Example:

    bench/alternate.py ../shared/corpus/out/py-http-chatty-p2.wasm 21 \\
        "validate=$HOME/.cargo/bin/wasm-tools validate FILE" \\
        "wcaudit=target/release/wcaudit check FILE --format sarif --output /dev/null"
"""
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, rounds = sys.argv[1], int(sys.argv[2])
    commands = {}
    for spec in sys.argv[3:]:
        name, command = spec.split("=", 1)
        commands[name] = [path if word == "FILE" else word for word in command.split()]
    wall = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime
                             - before.ru_utime - before.ru_stime)
    first = statistics.median(wall[next(iter(commands))])
    for name in commands:
        median = statistics.median(wall[name])
        print(f"{name:12} wall median {median * 1e3:8.1f} ms  min {min(wall[name]) * 1e3:8.1f}"
              f"  cpu median {statistics.median(cpu[name]) * 1e3:8.1f} ms"
              f"  ratio {median / first:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
