# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A compile database entry's arguments for parsing alone: without the
compiler, the output, the dependency file and -c, so that a caller can
add -fsyntax-only or -M. Shared by scripts/bench.py,
scripts/syntax-baseline.py and checker/test/ci_pipeline.py."""
import shlex

DROP_WITH_VALUE = {"-o", "-MF", "-MQ", "-MT"}
DROP = {"-c", "-MD", "-MMD"}


def parse_args(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a in DROP_WITH_VALUE:
            skip = True
        elif a not in DROP:
            out.append(a)
    return out
