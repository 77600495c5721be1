#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check-db.py COMPILE_COMMANDS.JSON JOBS: run every entry of a compile
database through clang-19 -fsyntax-only (clang++-19 for C++ files) in its
directory, with the compiler replaced and the output and dependency-file
options (-o -MF -MT -MQ -MD -MMD -MP -c) left out.  Lists the arguments
clang-19 rejects and retries the failing entries without them; "clang -cc1"
entries are listed, not run.  Last line: "RESULT: all entries parse" or
"RESULT: N entries do not parse".  Never edits the database."""
import collections, concurrent.futures as cf, json, os, re, shlex, subprocess, sys
db = json.load(open(sys.argv[1]))
jobs = int(sys.argv[2])
files = {os.path.normpath(os.path.join(e['directory'], e['file'])) for e in db}
print(f"database: {sys.argv[1]}")
print(f"entries: {len(db)}  distinct files: {len(files)}")
print("compilers:", dict(collections.Counter(
    os.path.basename((e['arguments'] if 'arguments' in e else shlex.split(e['command']))[0])
    for e in db)))
CXX = ('.cc', '.cpp', '.cxx', '.C')
def cmd(e, drop=()):
    args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
    out, skip = ['clang++-19' if e['file'].endswith(CXX) else 'clang-19', '-fsyntax-only'], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a in ('-o', '-MF', '-MT', '-MQ'): skip = True; continue
        if a in ('-c', '-MD', '-MMD', '-MP') or a in drop: continue
        out.append(a)
    return out
# clang-19: "error: unknown argument: '-x'", "error: unsupported option '-x'",
# "warning: optimization flag '-x' is not supported", "warning: unknown warning option '-Wx'"
PAT = re.compile(r"(error|warning): (?:unknown argument:? |unsupported option |"
                 r"optimization flag |unknown warning option )'([^']+)'")
def run(e, drop=()):
    r = subprocess.run(cmd(e, drop), cwd=e['directory'], capture_output=True, text=True)
    return r.returncode, r.stderr
def args_of(e):
    return e['arguments'] if 'arguments' in e else shlex.split(e['command'])
# bear also records the "clang -cc1" frontend processes that the clang driver
# spawns when one command compiles and links (rsync's rounding.c probe): list
# them, but do not run them through the driver.
cc1 = [e for e in db if '-cc1' in args_of(e)[1:2]]
if cc1:
    print(f"'clang -cc1' entries (not driver commands; not checked): {len(cc1)}:",
          sorted({e['file'] for e in cc1}))
db = [e for e in db if '-cc1' not in args_of(e)[1:2]]
with cf.ThreadPoolExecutor(jobs) as ex:
    res = list(ex.map(run, db))
rejected, warned = collections.Counter(), collections.Counter()
for rc, err in res:
    for kind, flag in set(PAT.findall(err)):
        (rejected if kind == 'error' else warned)[flag] += 1
ok = sum(1 for rc, _ in res if rc == 0)
print(f"parse as recorded (compiler -> clang-19): {ok}/{len(db)} OK")
print("arguments clang-19 rejected (entries):", dict(rejected) if rejected else "none")
print("arguments clang-19 accepted with a warning (entries):", dict(warned) if warned else "none")
failed = [e for i, e in enumerate(db) if res[i][0] != 0]
if failed and rejected:
    drop = set(rejected)
    with cf.ThreadPoolExecutor(jobs) as ex:
        res2 = list(ex.map(lambda e: run(e, drop), failed))
    still = [(e, err) for e, (rc, err) in zip(failed, res2) if rc != 0]
    print(f"retried {len(failed)} without the rejected arguments: "
          f"{len(failed) - len(still)} OK, {len(still)} still fail")
else:
    still = [(e, err) for e, (rc, err) in zip(db, res) if rc != 0]
for e, err in still:
    print(f"FAIL {e['file']} (in {e['directory']}):")
    print('    ' + '\n    '.join(err.strip().splitlines()[:8]))
print("RESULT:", "all entries parse" if not still else f"{len(still)} entries do not parse")
