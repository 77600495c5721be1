#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Draws the stratified random sample of functions that measures the
inference's recall (docs/evaluation/inference-recall/README.md).

The population is what `retcheck infer ... --debug-dump-functions FILE`
writes: one line per body of every function that returns an integer (enums
included), a bool or a pointer; an exported name is one function, a static
function one per file. Functions with no body in the hand-written source
(generated under the build directory, imported into the tree:
GENERATED_IN_SOURCE, or in a library's header) are counted and left out.

Strata: return kind (int, bool, pointer) x linkage (static, extern). Each
kind gets a share of the sample proportional to its size but at least
--min-per-kind; within a kind, linkages get shares proportional to their
sizes, at least --min-per-cell. random.Random(--seed) shuffles each
stratum's sorted functions in turn and the first ones are drawn: the same
dump and options give the same sample, and a larger --size extends it.

  recall-sample.py FUNCTIONS.tsv --root DIR --src DIR --build DIR
                   [--seed N] [--size N] [-o SAMPLE.tsv]

--root is the run's source root (the dump's paths are relative to it),
--src the source tree, --build the build directory (generated files).
The population's counts by stratum go to stderr.
"""

import argparse
import collections
import csv
import os
import random
import re
import sys

KINDS = ("int", "bool", "pointer")

# Generated code committed to the source tree, relative to --src: the
# Xtensa cores' files that target/xtensa/import_core.sh extracts from
# Tensilica's configuration overlays (xtensa-modules.c.inc, binutils'
# tables of encoders and field getters).
GENERATED_IN_SOURCE = r"^target/xtensa/core-[^/]+/"

LINKAGES = ("static", "extern")


def read_population(path, root, src, build):
    """{key: function} where key is (name, file of its body) for a static
    function and (name, "") for an exported one (retcheck keys a static
    function by its first declaration's file, static_file: the same file
    but for a static declared elsewhere first, such as decodetree's trans_
    functions, whose prototypes are in the generated decoder); a function keeps its bodies, each marked
    "source", "generated" (under build), "imported" (GENERATED_IN_SOURCE) or
    "external" (elsewhere: a library's header read without -isystem)."""
    src = os.path.realpath(src) + os.sep
    build = os.path.realpath(build) + os.sep
    functions = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            full = os.path.normpath(os.path.join(root, row["file"]))
            origin = ("generated" if full.startswith(build) else
                      "external" if not full.startswith(src) else
                      "imported" if re.match(GENERATED_IN_SOURCE,
                                             full[len(src):]) else "source")
            key = (row["name"], row["file"] if row["linkage"] == "static" else "")
            fn = functions.setdefault(key, {
                "name": row["name"], "linkage": row["linkage"],
                "kind": row["kind"], "result_type": row["result_type"],
                "error_param": row["error_param"],
                "static_file": row.get("static_file", ""), "bodies": []})
            fn["bodies"].append((row["file"], int(row["line"]), origin))
    for fn in functions.values():
        fn["bodies"].sort(key=lambda b: (b[2] != "source", b[0], b[1]))
        fn["origin"] = fn["bodies"][0][2]  # source when any body is
        fn["file"], fn["line"] = fn["bodies"][0][0], fn["bodies"][0][1]
    return functions


def largest_remainder(total, weights, minimum):
    """Integers summing to total, proportional to weights, each at least
    minimum (where its weight allows)."""
    n = len(weights)
    fixed = [None] * n
    while True:
        free = [i for i in range(n) if fixed[i] is None]
        left = total - sum(v for v in fixed if v is not None)
        wsum = sum(weights[i] for i in free) or 1
        exact = {i: left * weights[i] / wsum for i in free}
        low = [i for i in free if exact[i] < min(minimum, weights[i])]
        if not low:
            break
        for i in low:
            fixed[i] = min(minimum, weights[i])
    out = [v if v is not None else int(exact[i]) for i, v in enumerate(fixed)]
    order = sorted(free, key=lambda i: exact[i] - int(exact[i]), reverse=True)
    for i in order[:total - sum(out)]:
        out[i] += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("functions")
    ap.add_argument("--root", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--size", type=int, default=180)
    ap.add_argument("--min-per-kind", type=int, default=30)
    ap.add_argument("--min-per-cell", type=int, default=8)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    functions = read_population(args.functions, args.root, args.src,
                                args.build)
    strata = collections.defaultdict(list)
    left_out = collections.Counter()
    for key, fn in functions.items():
        if fn["kind"] not in KINDS:
            continue
        if fn["origin"] != "source":
            left_out[fn["origin"], fn["kind"], fn["linkage"]] += 1
            continue
        strata[fn["kind"], fn["linkage"]].append(key)

    by_kind = [sum(len(strata[k, l]) for l in LINKAGES) for k in KINDS]
    kind_sizes = largest_remainder(args.size, by_kind, args.min_per_kind)
    sizes = {}
    for k, n in zip(KINDS, kind_sizes):
        cells = largest_remainder(n, [len(strata[k, l]) for l in LINKAGES],
                                  args.min_per_cell)
        for l, c in zip(LINKAGES, cells):
            sizes[k, l] = c

    rng = random.Random(args.seed)
    origins = ("generated", "imported", "external")
    print("stratum\tpopulation\tleft out: " + "\t".join(origins) +
          "\tsample", file=sys.stderr)
    rows = []
    for k in KINDS:
        for l in LINKAGES:
            # A whole shuffle, whatever the size: a larger --size draws a
            # superset (each stratum's first N of the same order).
            keys = sorted(strata[k, l])
            order = keys[:]
            rng.shuffle(order)
            drawn = order[:sizes[k, l]]
            print(f"{k}/{l}\t{len(keys)}\t" +
                  "\t".join(str(left_out[o, k, l]) for o in origins) +
                  f"\t{len(drawn)}", file=sys.stderr)
            for key in drawn:
                fn = functions[key]
                others = ",".join(f"{f}:{n}" for f, n, _ in fn["bodies"][1:])
                rows.append([f"{k}/{l}", fn["name"], fn["file"], fn["line"],
                             fn["kind"], fn["result_type"], fn["linkage"],
                             fn["error_param"], len(fn["bodies"]), others,
                             fn["static_file"]])
    total = sum(len(v) for v in strata.values())
    print(f"total\t{total}\t" + "\t".join(
        str(sum(v for k, v in left_out.items() if k[0] == o)) for o in origins)
        + f"\t{len(rows)}", file=sys.stderr)

    out = sys.stdout if args.output == "-" else open(args.output, "w")
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(["id", "stratum", "name", "file", "line", "kind", "result_type",
                "linkage", "error_param", "bodies", "other_bodies",
                "static_file"])
    for i, r in enumerate(rows, 1):
        w.writerow([f"R{i:03d}"] + r)


if __name__ == "__main__":
    main()
