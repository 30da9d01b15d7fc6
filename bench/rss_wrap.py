#!/usr/bin/env python3
"""Fallback peak-RSS wrapper, used by bench.py when GNU /usr/bin/time is unavailable.

usage: rss_wrap.py OUTFILE -- CMD [ARGS...]
Runs CMD (stdio inherited) and writes one line to OUTFILE:
  "<peak RSS KiB> <wall ms> <cpu ms>"
Peak RSS is getrusage(RUSAGE_CHILDREN).ru_maxrss; wall and user+sys CPU are the
child's own, so this interpreter's start-up is excluded from both.
Caveat: Linux carries a process's RSS high-water mark across exec, so the figure
can never be below this wrapper's own RSS (~10 MiB); bench.py prints that floor.
Imports are kept minimal to keep the floor low.
Exits with CMD's status (128+N when killed by signal N).
"""
import os
import resource
import sys
import time


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    argv = sys.argv[3:]
    t0 = time.perf_counter()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ)
    except OSError as e:
        sys.stderr.write(f"rss_wrap: cannot run {argv[0]}: {e}\n")
        return 127
    _, status = os.waitpid(pid, 0)
    wall = (time.perf_counter() - t0) * 1e3
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = ru.ru_maxrss // (1024 if sys.platform == "darwin" else 1)  # bytes on macOS
    cpu = (ru.ru_utime + ru.ru_stime) * 1e3
    with open(sys.argv[1], "w") as f:
        f.write(f"{rss} {wall:.3f} {cpu:.3f}\n")
    rc = os.waitstatus_to_exitcode(status)
    return rc if rc >= 0 else 128 - rc


if __name__ == "__main__":
    sys.exit(main())
