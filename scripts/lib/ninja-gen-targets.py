#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""ninja-gen-targets.py BUILD.NINJA: print the targets that the C/C++ compile
edges need before they can run: for every compile edge (rule *_COMPILER,
output *.o) its order-only inputs plus the explicit/implicit inputs that are
themselves outputs of another edge (generated headers and sources).  Building
just these (`xargs ninja < list`) makes every compile command of the
database runnable without compiling anything.  Installed beside
ci/retcheck-ci.sh, whose `generate` runs it in CI (retcheck parses, it
compiles nothing)."""
import re, sys
def lines(path):
    buf = ''
    with open(path) as f:
        for raw in f:
            raw = raw.rstrip('\n')
            # a trailing unescaped '$' continues the line
            m = re.search(r'(\$*)$', raw)
            if m and len(m.group(1)) % 2 == 1:
                buf += raw[:-1]
                continue
            yield buf + raw
            buf = ''
    if buf:
        yield buf
def split(s):  # split on unescaped spaces, unescape '$ ', '$:', '$$'
    toks, cur, i = [], '', 0
    while i < len(s):
        c = s[i]
        if c == '$' and i + 1 < len(s):
            cur += s[i + 1]; i += 2; continue
        if c == ' ':
            if cur: toks.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    if cur: toks.append(cur)
    return toks
outputs, edges = set(), []
for l in lines(sys.argv[1]):
    if not l.startswith('build '):
        continue
    # split "build OUTS: RULE INS" at the first unescaped ':'
    m = re.match(r'build ((?:[^:$]|\$.)*):(.*)$', l)
    if not m:
        continue
    outs = split(m.group(1))
    outs = [o for o in outs if o != '|']
    outputs.update(outs)
    rest = split(m.group(2))
    if not rest:
        continue
    rule, ins = rest[0], rest[1:]
    edges.append((outs, rule, ins))
want = set()
for outs, rule, ins in edges:
    if not rule.endswith('_COMPILER') or not any(o.endswith('.o') for o in outs):
        continue
    oo = False
    for t in ins:
        if t == '||':
            oo = True; continue
        if t == '|':
            continue
        if oo or t in outputs:
            want.add(t)
for t in sorted(want):
    print(t)
