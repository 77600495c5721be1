#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Check the places a fixed-bugs list names against the two trees.

    scripts/fixed-bugs/check-lines.py LIST.tsv OLD_TREE NEW_TREE

For every row of LIST.tsv (columns id, old_file, old_line, callee, caller,
kind, new_file, new_line, what_new_does, note; `#` lines and the header are
skipped): old_file at old_line must hold a call of callee (`callee (`), and
new_file at new_line a call of the new callee, which is the first function
called in what_new_does (assert_se, if, return and the like skipped), and
the old line must lie inside a function named caller (the function
definitions are found as scripts/fixed-bugs/candidates-systemd.py finds
them).  kind must be one of retcheck's checks.  Prints one line per problem
and a summary; exit status 1 when there is a problem, 2 on bad usage.
"""
import csv
import importlib.util
import os
import re
import sys

KINDS = {'ignored', 'minus-one-check', 'incomplete-check', 'unchecked-use', 'lossy-store',
         'unchecked-store'}
NOT_CALLEE = {'if', 'while', 'for', 'return', 'switch', 'sizeof', 'assert', 'assert_se', 'ASSERT_OK'}
COLUMNS = ['id', 'old_file', 'old_line', 'callee', 'caller', 'kind', 'new_file', 'new_line',
           'what_new_does', 'note']


def load_candidates_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        'candidates_systemd', os.path.join(here, 'candidates-systemd.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def new_callee(what_new_does, callee):
    for m in re.finditer(r'\b([A-Za-z_]\w*)\s*\(', what_new_does):
        if m.group(1) not in NOT_CALLEE:
            return m.group(1)
    return callee


def line_of(tree, rel, n, cache={}):
    path = os.path.join(tree, rel)
    if path not in cache:
        with open(path, encoding='utf-8', errors='replace') as f:
            cache[path] = f.read().split('\n')
    lines = cache[path]
    return lines[n - 1] if 0 < n <= len(lines) else None


def enclosing(mod, tree, rel, n, cache={}):
    key = (tree, rel)
    if key not in cache:
        cache[key] = mod.functions_of(tree, rel)
    for f in cache[key]:
        if f.line(f.start) <= n <= f.line(f.end):
            return f.name
    return None


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().split('\n')[2].strip(), file=sys.stderr)
        sys.exit(2)
    tsv, old, new = sys.argv[1:]
    mod = load_candidates_module()
    with open(tsv, encoding='utf-8') as f:
        rows = list(csv.reader((l for l in f if not l.startswith('#')), delimiter='\t'))
    if not rows or rows[0] != COLUMNS:
        print(f'{tsv}: the header is not {" ".join(COLUMNS)}', file=sys.stderr)
        sys.exit(1)
    problems, ids = 0, set()

    def bad(row, what):
        nonlocal problems
        problems += 1
        print(f'{row[0]}: {what}')

    for row in rows[1:]:
        if len(row) != len(COLUMNS):
            bad(row, f'{len(row)} columns')
            continue
        r = dict(zip(COLUMNS, row))
        if r['id'] in ids:
            bad(row, 'duplicate id')
        ids.add(r['id'])
        if r['kind'] not in KINDS:
            bad(row, f'kind {r["kind"]!r}')
        for side, tree, name in (('old', old, r['callee']),
                                 ('new', new, new_callee(r['what_new_does'], r['callee']))):
            text = line_of(tree, r[side + '_file'], int(r[side + '_line']))
            if text is None:
                bad(row, f'{side}: no line {r[side + "_line"]} in {r[side + "_file"]}')
            elif not re.search(r'\b%s\s*\(' % re.escape(name), text):
                bad(row, f'{side}: no call of {name} at {r[side + "_file"]}:{r[side + "_line"]}: {text.strip()}')
        func = enclosing(mod, old, r['old_file'], int(r['old_line']))
        if func != r['caller']:
            bad(row, f'old line is in function {func}, not {r["caller"]}')
    print(f'{len(rows) - 1} rows, {problems} problems')
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
