#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Prints what must be built before the compile commands of a ninja build
can be parsed: the generated headers and sources they need, one a line.

    ninja-generated-inputs.py BUILD_DIR/build.ninja

For every compile edge (rule *_COMPILER, output *.o): its order-only inputs,
and those of its other inputs that another edge writes (generated .c files,
such as QEMU's trace and QAPI sources). Meson writes its edges so; QEMU's
build is one. Building these (`ninja TARGET...`) costs a minute where the
whole build costs many: retcheck parses the sources, it compiles nothing.
Used by ci/retcheck-ci.sh (`generate`) and scripts/qemu-corpus.sh.
"""
import re
import sys


def lines(path):
    """The logical lines of a ninja file: a trailing unescaped '$' continues."""
    buf = ''
    with open(path) as f:
        for raw in f:
            raw = raw.rstrip('\n')
            m = re.search(r'(\$*)$', raw)
            if m and len(m.group(1)) % 2 == 1:
                buf += raw[:-1]
                continue
            yield buf + raw
            buf = ''
    if buf:
        yield buf


def split(s):
    """Splits on unescaped spaces; unescapes '$ ', '$:', '$$'."""
    toks, cur, i = [], '', 0
    while i < len(s):
        c = s[i]
        if c == '$' and i + 1 < len(s):
            cur += s[i + 1]
            i += 2
            continue
        if c == ' ':
            if cur:
                toks.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    if cur:
        toks.append(cur)
    return toks


def generated_inputs(path):
    outputs, edges = set(), []
    for line in lines(path):
        if not line.startswith('build '):
            continue
        # "build OUTS: RULE INS", split at the first unescaped ':'
        m = re.match(r'build ((?:[^:$]|\$.)*):(.*)$', line)
        if not m:
            continue
        outs = [o for o in split(m.group(1)) if o != '|']
        outputs.update(outs)
        rest = split(m.group(2))
        if rest:
            edges.append((outs, rest[0], rest[1:]))
    want = set()
    for outs, rule, ins in edges:
        if not rule.endswith('_COMPILER') or not any(o.endswith('.o') for o in outs):
            continue
        order_only = False
        for t in ins:
            if t == '||':
                order_only = True
                continue
            if t == '|':
                continue
            if order_only or t in outputs:
                want.add(t)
    return sorted(want)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: ninja-generated-inputs.py BUILD_DIR/build.ninja')
    for target in generated_inputs(sys.argv[1]):
        print(target)
