#!/usr/bin/env python3
"""Compares two `jets lund` JSON-lines outputs number by number (exact equality
of the parsed doubles): `archive jets lund` against fastjet_lund's output."""
import json
import sys


def main(ours_path, theirs_path):
    with open(ours_path) as f:
        ours = f.read().splitlines()
    with open(theirs_path) as f:
        theirs = f.read().splitlines()
    if len(ours) != len(theirs):
        sys.exit(f"error: {len(ours)} jets in {ours_path}, {len(theirs)} in {theirs_path}")
    declusterings = mismatched = 0
    for line, (a, b) in enumerate(zip(ours, theirs), start=1):
        da, db = json.loads(a)["declusterings"], json.loads(b)["declusterings"]
        declusterings += len(db)
        if da != db:
            mismatched += 1
            if mismatched <= 5:
                print(f"jet {line}: {len(da)} vs {len(db)} declusterings; first difference:", file=sys.stderr)
                for x, y in zip(da, db):
                    if x != y:
                        print(f"  ours   {x}\n  theirs {y}", file=sys.stderr)
                        break
    print(f"{len(ours)} jets, {declusterings} primary declusterings: {len(ours) - mismatched} jets identical, {mismatched} differ")
    sys.exit(1 if mismatched else 0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: compare.py OURS.jsonl THEIRS.jsonl")
    main(sys.argv[1], sys.argv[2])
