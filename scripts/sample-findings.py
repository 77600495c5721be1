#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Draws a seeded sample of findings for reading against the source, and
scores the verdicts written into it (../shared/finding-verdicts.md: W worth
a patch, C correct but not worth it, X wrong).

  sample-findings.py draw RESULT.json [RESULT.json...] --seed N --size K
      [--level warning] [--contract inferred|written]
      [--exclude SHEET.tsv...] -o SHEET.tsv
  sample-findings.py score SHEET.tsv [SHEET.tsv...]

The sheet is a TSV with one finding a row: where, what and why it ranks
where it does, and empty columns verdict, contract_ok, reason for the
reader. Findings are drawn from all the results' findings at the level
asked for (and, with --contract, only those judged under an inferred or
a written contract), in file order, leaving out fingerprints already in
--exclude sheets (an earlier sample that guided the work says little about
it).
"""
import argparse
import collections
import csv
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from stats import ratio  # noqa: E402

COLUMNS = ["id", "project", "location", "check", "callee", "caller", "rank",
           "contract", "evidence", "rank_reasons", "message", "verdict",
           "contract_ok", "reason"]


def contract_of(f):
    if f.get("contract") != "inferred":
        return "written"
    return (f"inferred from {f.get('contract_basis', 'body')}, "
            f"confidence {f.get('confidence', 0):.2f}")


def draw(args):
    seen = set()
    for sheet in args.exclude:
        with open(sheet) as fh:
            seen |= {r["id"] for r in csv.DictReader(fh, delimiter="\t")}
    population = []
    for path in args.results:
        with open(path) as fh:
            result = json.load(fh)
        project = os.path.basename(path).rsplit(".", 1)[0]
        for f in result["findings"]:
            kind = "inferred" if f.get("contract") == "inferred" else "written"
            if args.contract and kind != args.contract:
                continue
            if f["severity"] == args.level and f["fingerprint"] not in seen:
                population.append((project, f))
    population.sort(key=lambda pf: (pf[0], pf[1]["relative_file"],
                                    pf[1]["line"], pf[1]["fingerprint"]))
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(range(len(population)),
                               min(args.size, len(population))))
    with open(args.output, "w", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for i in chosen:
            project, f = population[i]
            reasons = "; ".join(
                ("+ " if s["weight"] > 0 else "- ") + s["why"]
                for s in f.get("rank_signals", []))
            w.writerow([f["fingerprint"], project,
                        f"{f['relative_file']}:{f['line']}", f["check"],
                        f["function"], f["enclosing_function"], f["rank"],
                        contract_of(f), " | ".join(f.get("evidence", [])),
                        reasons, f["message"], "", "", ""])
    what = f"{args.contract} " if args.contract else ""
    print(f"{len(chosen)} of {len(population)} {what}{args.level}s drawn "
          f"(seed {args.seed}) into {args.output}")


def score(args):
    rows = []
    for sheet in args.sheets:
        with open(sheet) as fh:
            rows += list(csv.DictReader(fh, delimiter="\t"))
    verdicts = [r["verdict"].strip().upper()[:1] for r in rows]
    missing = sum(1 for v in verdicts if v not in "WCX" or not v)
    if missing:
        print(f"{missing} rows without a verdict W, C or X", file=sys.stderr)
        return 2
    n = len(rows)
    count = collections.Counter(verdicts)
    print(f"{n} findings: {count['W']} worth a patch, {count['C']} correct "
          f"but not worth it, {count['X']} wrong")
    print(ratio("worth a patch", count["W"], n))
    print(ratio("correct (W or C)", count["W"] + count["C"], n))
    by = collections.defaultdict(collections.Counter)
    for r, v in zip(rows, verdicts):
        by[r["check"]][v] += 1
        by[r["contract"].split(",")[0]][v] += 1
    for key in sorted(by):
        c = by[key]
        print(f"  {key}: W {c['W']}, C {c['C']}, X {c['X']}")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("results", nargs="+")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--size", type=int, required=True)
    d.add_argument("--level", default="warning", choices=["warning", "note"])
    d.add_argument("--contract", choices=["inferred", "written"])
    d.add_argument("--exclude", action="append", default=[])
    d.add_argument("-o", "--output", required=True)
    s = sub.add_parser("score")
    s.add_argument("sheets", nargs="+")
    args = p.parse_args()
    return draw(args) or 0 if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
