#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""How many fixed call sites of a list a retcheck run on the old tree
reports, and how: as a warning, as a note, or not at all.

    score.py RESULT.json LIST.tsv [--verbose]

RESULT.json is `retcheck --format json` on the old tree (with --infer and
rules/posix.json for the fixed-bugs corpus); LIST.tsv a list of
docs/evaluation/fixed-bugs. A site matches a finding on the same call: the
finding's file ends with the row's old_file, its call's line is the row's
old_line and its function is the row's callee. Prints one line per site
(with --verbose) and the counts, overall and without test code.
"""
import csv
import json
import sys


def rows(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    result = json.load(open(args[0]))
    findings = {}
    for f in result["findings"]:
        findings.setdefault((f["call"]["line"], f["function"]), []).append(f)
    counts = {"all": {}, "outside tests": {}}
    for row in rows(args[1]):
        test = row["note"].lower().startswith("test code")
        key = (int(row["old_line"]), row["callee"])
        match = [f for f in findings.get(key, [])
                 if f["file"].endswith("/" + row["old_file"])]
        if not match:
            how = "missed"
        else:
            f = max(match, key=lambda f: f.get("rank", 0))
            how = "warning" if f["severity"] == "warning" else "note"
        for scope in counts:
            if scope == "all" or not test:
                counts[scope][how] = counts[scope].get(how, 0) + 1
        if verbose:
            detail = ""
            if match:
                f = max(match, key=lambda f: f.get("rank", 0))
                reasons = "; ".join(
                    ("+" if s["weight"] > 0 else "-") + s["why"]
                    for s in f.get("rank_signals", []))
                detail = f' {f["check"]} rank {f.get("rank", "-")} [{reasons}]'
            print(f'{row["id"]}\t{how}\t{row["old_file"]}:{row["old_line"]} '
                  f'{row["callee"]} ({row["kind"]}{", test" if test else ""}){detail}')
    for scope, c in counts.items():
        total = sum(c.values())
        print(f"{scope}: {total} sites, {c.get('warning', 0)} warnings, "
              f"{c.get('note', 0)} notes, {c.get('missed', 0)} missed")


if __name__ == "__main__":
    main()
