#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Scores the contracts of a rules file (`retcheck infer -o`) against the
labelled sample of docs/evaluation/inference-recall (its README defines
every term used here).

  score-inference.py RULES.json [--labels labels.tsv] [--quiet]

Prints one line per sampled function (the label, the contract, the verdict),
then recall (labelled must-check functions whose contract matches) and
precision (contracts on sampled functions that are right), each with a
Wilson 95% interval, lookups apart, and the misses by shape.

A contract matches a label when its error set holds every error value of
the label and none of the label's successes. Error sets are value sets in
the function's result type, as rules/README.md defines them: the
convention's errors narrowed by `errors` (`value`: `error_value`).
"""

import argparse
import collections
import csv
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LABELS = os.path.join(HERE, "..", "docs", "evaluation",
                              "inference-recall", "labels.tsv")

# --- value sets: sorted lists of closed intervals of Python ints ----------

INT_TYPES = {
    "char": (8, True), "signed char": (8, True), "unsigned char": (8, False),
    "short": (16, True), "unsigned short": (16, False),
    "int8_t": (8, True), "uint8_t": (8, False),
    "int16_t": (16, True), "uint16_t": (16, False),
    "int32_t": (32, True), "uint32_t": (32, False),
    "int64_t": (64, True), "uint64_t": (64, False),
    "int": (32, True), "unsigned": (32, False), "unsigned int": (32, False),
    "long": (64, True), "unsigned long": (64, False),
    "long long": (64, True), "unsigned long long": (64, False),
    "size_t": (64, False), "ssize_t": (64, True), "off_t": (64, True),
    "hwaddr": (64, False), "target_ulong": (64, False),
    "target_long": (64, True), "ram_addr_t": (64, False),
    "gsize": (64, False), "gssize": (64, True), "gint": (32, True),
    "guint": (32, False), "gboolean": (32, True), "guint32": (32, False),
    "gint64": (64, True), "guint64": (64, False), "vaddr": (64, False),
}


def type_range(kind, result_type):
    """(min, max) of the result type; unknown typedefs and enums: int64."""
    if kind == "pointer":
        return 0, 2**64 - 1
    if kind == "bool":
        return 0, 1
    t = re.sub(r"\b(const|volatile|signed)\b\s*", "", result_type).strip()
    t = re.sub(r"\s+int$", "", t) if t not in ("unsigned int",) else t
    bits, signed = INT_TYPES.get(t, (64, True))
    if result_type.strip().startswith("enum"):
        bits, signed = 32, True
    return ((-2**(bits - 1), 2**(bits - 1) - 1) if signed
            else (0, 2**bits - 1))


def norm(v, lo, hi):
    """v converted to the type [lo, hi] (C's conversion)."""
    width = hi - lo + 1
    return (v - lo) % width + lo


def vs_norm(ivs):
    ivs = sorted((a, b) for a, b in ivs if a <= b)
    out = []
    for a, b in ivs:
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def vs_intersect(x, y):
    out = []
    for a, b in x:
        for c, d in y:
            if max(a, c) <= min(b, d):
                out.append((max(a, c), min(b, d)))
    return vs_norm(out)


def vs_complement(x, lo, hi):
    out, at = [], lo
    for a, b in x:
        if a > at:
            out.append((at, a - 1))
        at = max(at, b + 1)
    if at <= hi:
        out.append((at, hi))
    return out


def vs_contains_all(big, small):
    return vs_intersect(big, small) == vs_norm(small)


def vs_text(x, lo, hi):
    if not x:
        return "{}"
    parts = []
    for a, b in x:
        if a == b:
            parts.append(str(a))
        elif a == lo and b == hi:
            parts.append("any")
        elif a == lo:
            parts.append(f"<= {b}")
        elif b == hi:
            parts.append(f">= {a}")
        else:
            parts.append(f"{a}..{b}")
    return ", ".join(parts)


def parse_spec(spec, lo, hi):
    """A value set of rules/README.md (terms separated by commas)."""
    out = []
    for term in (t.strip() for t in spec.split(",")):
        if not term:
            continue
        m = re.fullmatch(r"(<=|>=|<|>|==|!=)\s*(-?\d+)", term)
        if term == "null":
            out.append((0, 0))
        elif term == "nonnull":
            out.append((1, hi))
        elif m:
            op, n = m.group(1), norm(int(m.group(2)), lo, hi)
            out += {"<": [(lo, n - 1)], "<=": [(lo, n)], ">": [(n + 1, hi)],
                    ">=": [(n, hi)], "==": [(n, n)],
                    "!=": [(lo, n - 1), (n + 1, hi)]}[op]
        elif re.fullmatch(r"-?\d+\.\.arg\d+", term):
            out.append((norm(int(term.split("..")[0]), lo, hi), hi))
        elif re.fullmatch(r"-?\d+\.\.-?\d+", term):
            a, b = term.split("..")
            out.append((int(a), int(b)))
        elif re.fullmatch(r"-?\d+", term):
            n = norm(int(term), lo, hi)
            out.append((n, n))
        else:
            raise ValueError(f"bad value set term '{term}' in '{spec}'")
    return vs_norm(out)


# Conventions: (errors, successes) without `errors`/`success`.
def convention_sets(conv, lo, hi, error_value=None):
    minus_one = norm(-1, lo, hi)
    nonneg = [(max(lo, 0), hi)]
    if conv == "negative":
        return vs_norm([(lo, min(-1, hi))]), nonneg
    if conv == "minus-one":
        return [(minus_one, minus_one)], nonneg
    if conv == "nonzero":
        return vs_complement([(0, 0)], lo, hi), [(0, 0)]
    if conv in ("null", "nullable"):
        return [(0, 0)], [(1, hi)]
    if conv == "value":
        v = norm(int(error_value), lo, hi)
        return [(v, v)], vs_complement([(v, v)], lo, hi)
    return [], [(lo, hi)]  # none


def error_set(conv, errors, success, lo, hi, error_value=None):
    """(errors, successes) of a contract or a label."""
    if conv == "value" and error_value is None:
        error_value = errors  # labels write the value in `errors`
        errors = ""
    e, s = convention_sets(conv, lo, hi, error_value)
    if errors:
        spec = parse_spec(errors, lo, hi)
        e = vs_intersect(e, spec)
    if success:
        s = parse_spec(success, lo, hi)
    s = vs_intersect(s, vs_complement(e, lo, hi))
    return e, s


# --- rules -----------------------------------------------------------------

def load_rules(path):
    rules = json.load(open(path))["rules"]
    by_name = collections.defaultdict(list)
    for r in rules:
        by_name[r["function"]].append(r)
    return by_name


def same_file(a, b):
    """Whether two relative paths name the same file (one is a suffix of
    the other, at a path separator)."""
    a, b = a.strip("/").split("/"), b.strip("/").split("/")
    n = min(len(a), len(b))
    return a[-n:] == b[-n:]


def rule_for(by_name, label):
    """The rule that applies to the labelled function, as retcheck chooses:
    a rule with the static function's file wins over one without."""
    candidates = by_name.get(label["name"], [])
    if label["linkage"] == "static":
        # retcheck's key: the file of the first declaration (static_file),
        # which is not the body's for a prototype in another file.
        key = label.get("static_file") or label["file"]
        for r in candidates:
            if "file" in r and same_file(r["file"], key):
                return r
    for r in candidates:
        if "file" not in r:
            return r
    return None


# --- scoring ---------------------------------------------------------------

def wilson(k, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def ratio(name, k, n):
    lo, hi = wilson(k, n)
    p = k / n if n else float("nan")
    return f"{name}: {k}/{n} = {p:.2f} (Wilson 95% {lo:.2f}-{hi:.2f})"


def short_count(label, rule, ctext, must, lo, hi):
    """A byte count that fails short of argument K (label success "argK"):
    the contract must bound its successes by that argument (rules'
    `N..argK`), and cover the label's explicit error values if any."""
    arg = label["success"].strip()
    notes = []
    if arg not in rule.get("success", ""):
        notes.append(f"successes not bounded by {arg} (short count)")
    if label["errors"]:
        le = parse_spec(label["errors"], lo, hi)
        re_, _ = error_set(rule["convention"], rule.get("errors", ""),
                           rule.get("success", ""), lo, hi,
                           rule.get("error_value"))
        if not vs_contains_all(re_, le):
            notes.append("errors " + label["errors"] + " not covered")
    if notes:
        return ("mismatch" if must else "lookup-mismatch"), ctext, "; ".join(notes)
    return ("hit" if must else "lookup-hit"), ctext, ""


def judge(label, rule):
    """(verdict, contract text, note) of one sampled function."""
    lo, hi = type_range(label["kind"], label["result_type"])
    must = label["must_check"] == "yes"
    lookup = label["lookup"] == "yes"
    has_rule = rule is not None and rule["convention"] != "none"
    ctext = "-"
    if rule is not None:
        ctext = rule["convention"]
        if rule["convention"] == "value":
            ctext += f" {rule.get('error_value')}"
        if "errors" in rule:
            ctext += f" errors {rule['errors']}"
        if "success" in rule:
            ctext += f" success {rule['success']}"
        if rule.get("error_out_param", {}).get("set_on_failure"):
            ctext += " +errp-set"
        if "fails_when" in rule:  # errors only for some arguments
            ctext += " fails_when " + json.dumps(rule["fails_when"])
    if not (must or lookup):
        return ("wrong" if has_rule else "ok-none"), ctext, ""
    if not has_rule:
        return ("miss" if must else "lookup-miss"), ctext, ""
    if label["convention"] == "short-count":
        return short_count(label, rule, ctext, must, lo, hi)
    le, ls = error_set(label["convention"], label["errors"],
                       label["success"], lo, hi)
    re_, _ = error_set(rule["convention"], rule.get("errors", ""),
                       rule.get("success", ""), lo, hi,
                       rule.get("error_value"))
    notes = []
    if not le:
        notes.append("the label's failure is not a value set")
    elif not vs_contains_all(re_, le):
        notes.append("errors " + vs_text(vs_intersect(
            le, vs_complement(re_, lo, hi)), lo, hi) + " not covered")
    bad = vs_intersect(re_, ls)
    if bad:
        notes.append("successes " + vs_text(bad, lo, hi) + " called errors")
    if notes:
        return ("mismatch" if must else "lookup-mismatch"), ctext, "; ".join(notes)
    return ("hit" if must else "lookup-hit"), ctext, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rules")
    ap.add_argument("--labels", default=DEFAULT_LABELS)
    ap.add_argument("--quiet", action="store_true",
                    help="only the totals, not every function")
    args = ap.parse_args()

    by_name = load_rules(args.rules)
    labels = list(csv.DictReader(open(args.labels), delimiter="\t",
                                 quoting=csv.QUOTE_NONE))
    usable = [l for l in labels if l["must_check"] in ("yes", "no")]

    counts = collections.Counter()
    misses = collections.Counter()
    errp = collections.Counter()
    rows = []
    for l in usable:
        rule = rule_for(by_name, l)
        verdict, ctext, note = judge(l, rule)
        counts[verdict] += 1
        if verdict in ("miss", "mismatch"):
            misses[l["category"] or "?"] += 1
        if verdict == "hit" and l["errp"] == "all":
            errp["set_on_failure" if "+errp-set" in ctext else "not said"] += 1
        label_text = "-" if l["convention"] == "none" else " ".join(
            x for x in (l["convention"], l["errors"] and f"errors {l['errors']}",
                        l["success"] and f"success {l['success']}") if x)
        rows.append((l["id"], verdict, l["name"], l["file"] if l["linkage"] == "static" else "",
                     ("must" if l["must_check"] == "yes" else "lookup" if l["lookup"] == "yes" else "no") + f"/{l['category'] or '-'}",
                     label_text, ctext, note))

    if not args.quiet:
        w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "verdict", "function", "file", "label", "label errors",
                    "contract", "note"])
        for r in rows:
            w.writerow(r)
        print()

    must = counts["hit"] + counts["miss"] + counts["mismatch"]
    lookups = counts["lookup-hit"] + counts["lookup-miss"] + counts["lookup-mismatch"]
    contracts = (counts["hit"] + counts["mismatch"] + counts["lookup-hit"] +
                 counts["lookup-mismatch"] + counts["wrong"])
    right = counts["hit"] + counts["lookup-hit"]
    print(f"labelled: {len(labels)}, usable {len(usable)}: must-check {must}, "
          f"lookups {lookups}, neither {counts['ok-none'] + counts['wrong']}")
    print(ratio("recall (must-check)", counts["hit"], must)
          + f"; {counts['miss']} without a contract, {counts['mismatch']} with other errors")
    print(ratio("recall (lookups)", counts["lookup-hit"], lookups))
    print(ratio("precision", right, contracts)
          + f"; wrong: {counts['mismatch']} must-check with other errors, "
          f"{counts['lookup-mismatch']} lookups with other errors, "
          f"{counts['wrong']} on functions without a contract")
    print(ratio("precision (must-check only)", counts["hit"],
                counts["hit"] + counts["mismatch"] + counts["wrong"]))
    if errp:
        print("hits whose every failure sets Error **: " +
              ", ".join(f"{k} {v}" for k, v in sorted(errp.items())))
    print("misses by shape (no contract or other errors): " +
          ", ".join(f"{k} {v}" for k, v in misses.most_common()))


if __name__ == "__main__":
    main()
