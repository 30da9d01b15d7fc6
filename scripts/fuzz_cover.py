#!/usr/bin/env python3
"""Picks at most CAP corpus inputs that together cover the most edges.

    fuzz_cover.py CONTROL_FILE CAP OUT_DIR

CONTROL_FILE is a libFuzzer merge control file (written by `-merge=1
-merge_control_file=...`): the input paths, then per input `COV` lines
with the edges it covers. The greedy choice (the input adding most new
edges, ties to the smaller and then the earlier input) keeps the committed
regression corpus of a slow target small enough for `cargo test`.
"""
import heapq
import os
import shutil
import sys


def main() -> None:
    control, cap, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(control, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    count = int(lines[0])
    paths = lines[2 : 2 + count]
    cover: dict[int, set[str]] = {}
    for line in lines[2 + count :]:
        if line.startswith("COV "):
            parts = line.split()
            cover.setdefault(int(parts[1]), set()).update(parts[2:])
    covered: set[str] = set()
    chosen: list[int] = []
    # Lazy greedy: a gain only shrinks, so a stale heap entry is
    # re-scored when it surfaces and taken if it still leads.
    heap = [(-len(edges), os.path.getsize(paths[i]), i) for i, edges in cover.items()]
    heapq.heapify(heap)
    while heap and len(chosen) < cap:
        _, size, i = heapq.heappop(heap)
        gain = len(cover[i] - covered)
        if gain == 0:
            continue
        if heap and gain < -heap[0][0]:
            heapq.heappush(heap, (-gain, size, i))
            continue
        chosen.append(i)
        covered |= cover[i]
    os.makedirs(out, exist_ok=True)
    for i in chosen:
        shutil.copy(paths[i], os.path.join(out, os.path.basename(paths[i])))
    total = set().union(*cover.values()) if cover else set()
    print(f"kept {len(chosen)} of {count} inputs covering {len(covered)} of {len(total)} edges")


if __name__ == "__main__":
    main()
