#!/usr/bin/env python3
"""Builds src/rules/p3/items.jsonl, the p2 -> p3 item table wcaudit's p3
rules read, from the shared reference catalog (p3-hazards.md): Appendix B
gives instance and binary names per item, Appendix A the WIT signatures.

Usage: scripts/gen-p3-items.py ../shared/reference/p3-hazards.md > src/rules/p3/items.jsonl
"""
import json
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
appendix_a = text[text.index("## Appendix A."):text.index("## Appendix B.")]
appendix_b = text[text.index("## Appendix B."):]

# Appendix A: signature by location, e.g. "io/wit/poll.wit:45".
signature = {}
cell = re.compile(r"<sub>([^<]+)</sub>")
for line in appendix_a.splitlines():
    if not line.startswith("| `"):
        continue
    cols = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cols) < 5:
        continue
    p2_loc = cell.search(cols[0])
    p3_loc = cell.search(cols[3])
    p2_sig = cols[1].strip("`")
    p3_sig = cols[4].strip("`")
    if p2_loc:
        signature[("p2", p2_loc.group(1))] = p2_sig
    if p3_loc:
        signature[("p3", p3_loc.group(1))] = p3_sig

for line in appendix_b.splitlines():
    if not line.startswith("{"):
        continue
    row = json.loads(line)
    out = {"pkg": row["pkg"], "status": row["status"], "note": row["note"]}
    for side in ("p2", "p3"):
        item = row[side]
        if item is None:
            continue
        out[f"{side}_instance"] = item["instance"]
        out[f"{side}_item"] = item["item"]
        out[f"{side}_bin"] = item["bin"]
        sig = signature.get((side, item["loc"]), "")
        if sig:
            out[f"{side}_sig"] = sig
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))
