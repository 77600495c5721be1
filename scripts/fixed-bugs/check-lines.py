#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check-lines.py LIST.tsv OLD NEW

Checks a fixed-bugs list (docs/evaluation/fixed-bugs/*.tsv) against the two
trees it was made from: for every row, the callee's name followed by '(' is on
old_line of OLD/old_file; on new_line of NEW/new_file stands the callee's or
the new callee's (the first function what_new_does calls, assert_se, if,
return and the like skipped: a callee the new tree renamed); and old_line lies
in a function named caller (by candidates.py's reading of function bodies, or
where that finds none, by candidates-systemd.py's, which knows systemd's
headers split over lines and its TEST(name) functions).
Prints one line per problem and a summary; exit status 1 when any row fails,
2 on bad input.
"""
import csv
import importlib.util
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from candidates import Source  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    'candidates_systemd', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'candidates-systemd.py'))
candidates_systemd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(candidates_systemd)

COLUMNS = ['id', 'old_file', 'old_line', 'callee', 'caller', 'kind', 'new_file', 'new_line',
           'what_new_does', 'note']
NOT_CALLEE = {'if', 'while', 'for', 'return', 'switch', 'sizeof', 'assert', 'assert_se'}
KINDS = {'ignored', 'minus-one-check', 'incomplete-check', 'unchecked-use', 'lossy-store',
         'unchecked-store'}


def new_callee(row):
    for m in re.finditer(r'\b([A-Za-z_]\w*)\s*\(', row['what_new_does']):
        if m.group(1) not in NOT_CALLEE:
            return m.group(1)
    return row['callee']


def function_of(src, tree, rel, n):
    """The name of the function holding line n of tree/rel."""
    name = src.function_of(n)
    if name != '?':
        return name
    for f in candidates_systemd.functions_of(tree, rel):
        if f.line(f.start) <= n <= f.line(f.end):
            return f.name
    return '?'


def main():
    if len(sys.argv) != 4:
        print('usage: ' + __doc__.strip().split('\n')[0], file=sys.stderr)
        sys.exit(2)
    path, old, new = sys.argv[1:]
    for d in (old, new):
        if not os.path.isdir(d):
            print(f'check-lines.py: {d}: not a directory', file=sys.stderr)
            sys.exit(2)
    with open(path) as f:
        lines = [l for l in f if not l.startswith('#')]
    rows = list(csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE))
    if not rows or list(rows[0].keys()) != COLUMNS:
        print(f'{path}: the header must be: ' + ' '.join(COLUMNS), file=sys.stderr)
        sys.exit(2)
    sources, bad = {}, 0

    def source(tree, rel):
        p = os.path.join(tree, rel)
        if p not in sources:
            sources[p] = Source(p) if os.path.isfile(p) else None
        return sources[p]

    for r in rows:
        problems = []
        if r['kind'] not in KINDS:
            problems.append(f"kind {r['kind']!r} is not one of {sorted(KINDS)}")
        for side, tree, names in (('old', old, [r['callee']]),
                                  ('new', new, sorted({r['callee'], new_callee(r)}))):
            call = re.compile(r'(?<![\w])(' + '|'.join(map(re.escape, names)) + r')\s*\(')
            src, n = source(tree, r[side + '_file']), int(r[side + '_line'])
            if src is None:
                problems.append(f"{side}: no file {r[side + '_file']}")
            elif not call.search(src.raw[n - 1] if 0 < n <= len(src) else ''):
                problems.append(f"{side}: {'( or '.join(names)}( not on {r[side + '_file']}:{n}")
        src = source(old, r['old_file'])
        func = function_of(src, old, r['old_file'], int(r['old_line'])) if src is not None else None
        if src is not None and func != r['caller']:
            problems.append(f"old: line {r['old_line']} is in {func}, not {r['caller']}")
        for p in problems:
            print(f"{r['id']}: {p}")
        bad += bool(problems)
    print(f'{len(rows)} rows, {len(rows) - bad} OK, {bad} with problems')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
