#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Random whole programs for retcheck: csmith generates C, this rewrites
some of it to call the rule functions, and the (sanitized) retcheck CLI
runs on the result.

    csmith_fuzz.py RETCHECK SOURCE_DIR OUT_DIR SECONDS

For every program: it must compile (clang-19 -fsyntax-only; a program the
rewriting broke is skipped and counted), retcheck must exit 0 or 1 with no
sanitizer report, and `retcheck --fix` must leave a file that still
compiles. A failing program is kept in OUT_DIR/failures/ with its log.
Needs Debian's csmith and libcsmith-dev.

The rewriting, seeded by the csmith seed so a failure can be regenerated:
a scalar local's initializer or an assignment's right side becomes a rule
call (the local's own type: int8_t, uint64_t, ... give lossy stores), and
after a declaration comes a test of the result (-1 comparisons, complete
tests, assignments in conditions, macros, __builtin_expect) or nothing, so
that csmith's own uses of the local (escapes, reassignments, comparisons)
are what follows the call. Some calls are ignored outright.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

RETCHECK, SRC, OUT, SECONDS = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
CLANG = "clang-19"
FLAGS = ["-std=gnu11", "-w", "-I/usr/include/csmith", "-I" + os.path.join(SRC, "fixtures/include")]
RULES = [os.path.join(SRC, "rules", p) for p in ("qemu.json", "posix.json")]

PREAMBLE = """#include "qemu-stubs.h"
#include <unistd.h>
static EventNotifier rc_en;
static char rc_buf[8];
#define RC_FAILED(x) ((x) == -1)
#define RC_SIZE(f) get_image_size(f)
"""
CALLS = [
    'get_image_size("f")',
    'load_image_targphys("f", 0, 64)',
    "event_notifier_init(&rc_en, 0)",
    "read(0, rc_buf, sizeof rc_buf)",
    'RC_SIZE("g")',
]
# {v}: the local holding the result, {c}: a rule call.
TESTS = [
    "if ({v} == -1) {{ }}",
    "if (-1 != {v}) {{ }}",
    "if (({v} = {c}) == -1) {{ }}",
    "while ({v} == -1) {{ break; }}",
    "if (({v} == -1) || ({v} < 8)) {{ }}",
    "if (__builtin_expect({v} == -1, 0)) {{ }}",
    "if (!({v} != -1)) {{ }}",
    "if (RC_FAILED({v})) {{ }}",
    "if ({v} == (uint32_t)-1) {{ }}",
    "if ({v} < 0) {{ }}",
    "if ({v}) {{ }} else {{ }}",
    "{v} = {v} == -1 ? 0 : {v};",
    "{c};",
    "(void){c};",
    "",
    "",
]
SCALAR = r"(?:u?int(?:8|16|32|64)_t)"
DECL = re.compile(r"^(\s+)(" + SCALAR + r") (l_\d+) = (.+);$")
ASSIGN = re.compile(r"^(\s+)(l_\d+|g_\d+) = (.+);$")


SCALAR_VAR = re.compile(r"^\s*(?:static )?(" + SCALAR + r") ([lg]_\d+) = ", re.M)


def inject(text, rng):
    # csmith numbers every variable uniquely: these are assignable integers.
    scalars = set(m[2] for m in SCALAR_VAR.finditer(text))
    out = []
    in_function = False
    for line in text.splitlines():
        if line.startswith("{"):
            in_function = True
        elif line.startswith("}"):
            in_function = False
        m = DECL.match(line) if in_function else None
        if m and rng.random() < 0.6:
            indent, typ, var, _ = m.groups()
            out.append(f"{indent}{typ} {var} = {rng.choice(CALLS)};")
            test = rng.choice(TESTS)
            if test:
                out.append(indent + test.format(v=var, c=rng.choice(CALLS)))
            continue
        m = ASSIGN.match(line) if in_function else None
        if m and m[2] in scalars and rng.random() < 0.3:
            indent, var, _ = m.groups()
            out.append(f"{indent}{var} = {rng.choice(CALLS)};")
            continue
        out.append(line)
    return PREAMBLE + "\n".join(out) + "\n"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def compiles(path):
    return run([CLANG, "-fsyntax-only"] + FLAGS + [path]).returncode == 0


def sanitizer_report(text):
    return any(s in text for s in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                   "runtime error:", "Stack dump:"))


def main():
    os.makedirs(os.path.join(OUT, "failures"), exist_ok=True)
    work = os.path.join(OUT, "work")
    os.makedirs(work, exist_ok=True)
    stats = dict(programs=0, broken_by_rewrite=0, findings=0, fixes=0, fixed_files=0,
                 failures=0, fixes_left_after_fix=0)
    checks = {}
    seed = int(time.time())
    end = time.time() + SECONDS
    while time.time() < end:
        seed += 1
        rng = random.Random(seed)
        prog = os.path.join(work, "prog.c")
        # (csmith writes platform.info into its working directory)
        r = run(["csmith", "--seed", str(seed), "--max-funcs", "4", "--no-volatiles",
                 "-o", os.path.join(work, "orig.c")], cwd=work)
        if r.returncode != 0:
            continue
        with open(os.path.join(work, "orig.c")) as f:
            text = inject(f.read(), rng)
        with open(prog, "w") as f:
            f.write(text)
        if not compiles(prog):
            stats["broken_by_rewrite"] += 1
            continue
        stats["programs"] += 1
        problem, log = check(prog, work, stats, checks)
        if problem:
            stats["failures"] += 1
            keep = os.path.join(OUT, "failures", f"csmith-{seed}")
            shutil.copy(prog, keep + ".c")
            with open(keep + ".log", "w") as f:
                f.write(problem + "\n" + log)
            print(f"FAILURE seed {seed}: {problem} (kept in {keep}.c)", flush=True)
    stats["checks"] = checks
    print(json.dumps(stats, indent=1))
    return 1 if stats["failures"] else 0


def retcheck(args, path):
    cmd = [RETCHECK, "--quiet", "--format", "json"]
    for r in RULES:
        cmd += ["--rules", r]
    return run(cmd + args + [path, "--"] + FLAGS)


def check(prog, work, stats, checks):
    r = retcheck([], prog)
    log = r.stderr[-20000:]
    if r.returncode not in (0, 1) or sanitizer_report(r.stderr):
        return f"retcheck exit {r.returncode}", log
    findings = json.loads(r.stdout)["findings"]
    stats["findings"] += len(findings)
    for f in findings:
        checks[f["check"]] = checks.get(f["check"], 0) + 1
    if not any(f["fixes"] for f in findings):
        return None, log
    stats["fixes"] += sum(len(f["fixes"]) for f in findings)
    fixed = os.path.join(work, "fixed.c")
    shutil.copy(prog, fixed)
    r = retcheck(["--fix"], fixed)
    log += r.stderr[-20000:]
    if r.returncode not in (0, 1) or sanitizer_report(r.stderr):
        return f"retcheck --fix exit {r.returncode}", log
    stats["fixed_files"] += 1
    if not compiles(fixed):
        return "the fixed program does not compile", log + run(
            [CLANG, "-fsyntax-only"] + FLAGS + [fixed]).stderr[-5000:]
    r = retcheck([], fixed)
    if r.returncode not in (0, 1) or sanitizer_report(r.stderr):
        return f"retcheck on the fixed program: exit {r.returncode}", log + r.stderr[-20000:]
    stats["fixes_left_after_fix"] += sum(len(f["fixes"]) for f in json.loads(r.stdout)["findings"])
    return None, log


if __name__ == "__main__":
    sys.exit(main())
