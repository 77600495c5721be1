#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check-lines.py LIST.tsv OLD NEW

Checks a fixed-bugs list (docs/evaluation/fixed-bugs/*.tsv) against the two
trees it was made from: for every row, the callee's name followed by '(' is on
old_line of OLD/old_file and on new_line of NEW/new_file, and old_line lies in
a function named caller (by candidates.py's reading of function bodies).
Prints one line per problem and a summary; exit status 1 when any row fails,
2 on bad input.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from candidates import Source  # noqa: E402

COLUMNS = ['id', 'old_file', 'old_line', 'callee', 'caller', 'kind', 'new_file', 'new_line',
           'what_new_does', 'note']
KINDS = {'ignored', 'minus-one-check', 'incomplete-check', 'unchecked-use', 'lossy-store',
         'unchecked-store'}


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
        call = re.compile(r'(?<![\w])' + re.escape(r['callee']) + r'\s*\(')
        for side, tree in (('old', old), ('new', new)):
            src, n = source(tree, r[side + '_file']), int(r[side + '_line'])
            if src is None:
                problems.append(f"{side}: no file {r[side + '_file']}")
            elif not call.search(src.raw[n - 1] if 0 < n <= len(src) else ''):
                problems.append(f"{side}: {r['callee']}( not on {r[side + '_file']}:{n}")
        src = source(old, r['old_file'])
        if src is not None and src.function_of(int(r['old_line'])) != r['caller']:
            problems.append(f"old: line {r['old_line']} is in {src.function_of(int(r['old_line']))}, "
                            f"not {r['caller']}")
        for p in problems:
            print(f"{r['id']}: {p}")
        bad += bool(problems)
    print(f'{len(rows)} rows, {len(rows) - bad} OK, {bad} with problems')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
