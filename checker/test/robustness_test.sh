#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# retcheck never crashes and never loses a user's code: every kind of bad
# input gets one clear error line and its own exit code, a translation unit
# that crashes or hangs is reported while the others are analysed, and
# --fix leaves each file either old or new.
#   robustness_test.sh <retcheck binary> <source dir>
# Exit codes: 2 command line, 3 TU not analysed, 4 rules, 5 compile
# database, 6 output, 7 fixes not applied (README.md, "Exit codes").
set -u
RETCHECK=$1
SRC=$2
. "$(dirname "$0")/testlib.sh"
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/ex.c"
json() { python3 -c "import json,sys; d=json.load(open('$WORK/out')); $1" && ok || bad "$2"; }
# A database in $1 with one entry per file given after it.
make_db() {
  local dir=$1
  shift
  python3 - "$dir" "$INC" "$@" <<'PY'
import json, sys
d, inc, files = sys.argv[1], sys.argv[2], sys.argv[3:]
json.dump([{"directory": d, "file": f, "arguments": ["clang", "-c", inc, f]}
           for f in files], open(d + "/compile_commands.json", "w"))
PY
}
# Waits on a condition, never on time: a loaded machine may take long to
# get there. Each stops early when retcheck PID has exited.
until_analysing() { # PID: until retcheck has forked a worker (not git)
  local exe child
  exe=$(readlink -f "$RETCHECK")
  while kill -0 $1 2>/dev/null; do
    for child in $(cat /proc/$1/task/$1/children 2>/dev/null); do
      [ "$(readlink /proc/$child/exe)" = "$exe" ] && return
    done
    sleep 0.05
  done
}
until_exists() { # FILE PID
  while [ ! -e "$1" ] && kill -0 $2 2>/dev/null; do sleep 0.05; done
}

# --- 2: the command line
expect_exit 2 "no input" -- "$RETCHECK"
expect_error_line "nothing to analyse" "no input message"
expect_exit 2 "missing source" -- "$RETCHECK" "$WORK/nope.c" --
expect_error_line "nope.c: no such file" "missing source message"
expect_exit 2 "directory as source" -- "$RETCHECK" "$WORK" --
expect_error_line "is a directory" "directory message"
expect_exit 2 "unknown option" -- "$RETCHECK" --no-such-option "$WORK/ex.c"
expect_exit 2 "bad --shard" -- "$RETCHECK" --shard 3/2 "$WORK/ex.c" -- "$INC"
expect_error_line "--shard wants K/N" "bad --shard message"
# A working directory deleted under the run: one line, not clang's "out
# of memory" and a stack dump per TU.
mkdir "$WORK/gone"
expect_exit 2 "deleted working directory" -- sh -c 'cd "$1" && rmdir "$1" && exec "$2" "$3" -- "$4"' sh \
  "$WORK/gone" "$RETCHECK" "$WORK/ex.c" "$INC"
expect_error_line "the working directory no longer exists" "deleted working directory message"
if grep -q "LLVM ERROR\|Stack dump" "$WORK/err"; then bad "no LLVM error or stack dump"; else ok; fi
# --source-root must exist and hold the analysed files.
expect_exit 2 "missing --source-root" -- "$RETCHECK" --source-root "$WORK/nowhere" "$WORK/ex.c" -- "$INC"
expect_error_line "--source-root $WORK/nowhere: no such directory" "missing --source-root message"
mkdir -p "$WORK/elsewhere"
expect_exit 2 "--source-root holding no analysed file" -- "$RETCHECK" --source-root "$WORK/elsewhere" "$WORK/ex.c" -- "$INC"
expect_error_line "holds none of the analysed files" "foreign --source-root message"
echo 'not json' >"$WORK/baseline.json"
expect_exit 2 "malformed baseline" -- "$RETCHECK" --baseline "$WORK/baseline.json" "$WORK/ex.c" -- "$INC"
expect_error_line "--baseline $WORK/baseline.json" "baseline message"
expect_exit 2 "--changed-since outside git" -- "$RETCHECK" --changed-since HEAD "$WORK/ex.c" -- "$INC"
expect_error_line "--changed-since HEAD" "changed-since message"

# --- 4: rules
printf '{"version": 1,\n "rules": [{"function": "f", "convention": "bogus"}]}\n' >"$WORK/unknown.json"
expect_exit 4 "unknown convention" -- "$RETCHECK" --rules "$WORK/unknown.json" "$WORK/ex.c" -- "$INC"
expect_error_line "unknown.json:2:" "rules error position"
expect_in "$WORK/err" "unknown convention 'bogus'" "unknown convention message"
printf '{"version": 1,\n "rules": [{"function": "f",, }]}\n' >"$WORK/malformed.json"
expect_exit 4 "malformed rules JSON" -- "$RETCHECK" --rules "$WORK/malformed.json" "$WORK/ex.c" -- "$INC"
expect_error_line "malformed.json:2:" "malformed rules position"
printf '{"version": 1, "rules": []}\n' >"$WORK/empty.json"
expect_exit 4 "empty rules" -- "$RETCHECK" --rules "$WORK/empty.json" "$WORK/ex.c" -- "$INC"
expect_error_line "'rules' is empty" "empty rules message"
expect_exit 4 "duplicate rules across files" -- "$RETCHECK" --rules "$SRC/rules/qemu.json" --rules "$SRC/rules/qemu.json" "$WORK/ex.c" -- "$INC"
expect_error_line "duplicate rule for 'load_image_targphys'" "duplicate rules message"
expect_exit 4 "missing rules file" -- "$RETCHECK" --rules "$WORK/none.json" "$WORK/ex.c" --
expect_error_line "none.json" "missing rules message"
expect_exit 4 "rules file is a directory" -- "$RETCHECK" --rules "$WORK" "$WORK/ex.c" --
expect_error_line "$WORK" "directory rules message"
printf '{"version": 1, "rules": [{"function": "f\xff\xfe", "convention": "negative"}]}\n' >"$WORK/latin1.json"
expect_exit 4 "rules that are not UTF-8" -- "$RETCHECK" --rules "$WORK/latin1.json" "$WORK/ex.c" -- "$INC"
expect_error_line "latin1.json:1:" "non-UTF-8 rules position"

# --- 5: compile databases
expect_exit 5 "-p missing" -- "$RETCHECK" -p "$WORK/nodir"
expect_error_line "cannot load a compile database from '$WORK/nodir'" "-p missing message"
mkdir -p "$WORK/nodb" "$WORK/malformed" "$WORK/emptydb" "$WORK/foreign" "$WORK/dirdb/compile_commands.json"
expect_exit 5 "-p without a database" -- "$RETCHECK" -p "$WORK/nodb"
expect_error_line "cannot load a compile database" "no database message"
echo '[' >"$WORK/malformed/compile_commands.json"
expect_exit 5 "malformed database" -- "$RETCHECK" -p "$WORK/malformed"
expect_error_line "cannot load a compile database" "malformed database message"
mkdir -p "$WORK/hugenumber"
echo '[{"directory": "/", "file": "a.c", "command": "cc a.c", "x": 1e309}]' >"$WORK/hugenumber/compile_commands.json"
expect_exit 5 "database with a number out of range" -- "$RETCHECK" -p "$WORK/hugenumber"
expect_error_line "number overflow parsing '1e309'" "number out of range message"
echo '[]' >"$WORK/emptydb/compile_commands.json"
expect_exit 5 "empty database" -- "$RETCHECK" -p "$WORK/emptydb"
expect_error_line "has no entries" "empty database message"
echo '{"version": 1}' >"$WORK/foreign/compile_commands.json"
expect_exit 5 "database that is not a list" -- "$RETCHECK" -p "$WORK/foreign"
expect_error_line "cannot load a compile database" "foreign database message"
expect_exit 5 "unreadable database (a directory)" -- "$RETCHECK" -p "$WORK/dirdb"
expect_error_line "cannot load a compile database" "unreadable database message"
# -p also takes the database file itself.
mkdir -p "$WORK/db"
cp "$WORK/ex.c" "$WORK/db/a.c"
make_db "$WORK/db" a.c
expect_exit 1 "-p names the database file" -- "$RETCHECK" -p "$WORK/db/compile_commands.json"

# --- 3: translation units that cannot be analysed; the others are
mkdir -p "$WORK/db/dir.c"
make_db "$WORK/db" a.c dir.c gone.c
expect_exit 3 "entries naming a missing file and a directory" -- "$RETCHECK" --format json -p "$WORK/db"
json "e = {x['file'].rsplit('/', 1)[1]: x['kind'] for x in d['errors']}
assert e == {'dir.c': 'not-analysed', 'gone.c': 'not-analysed'}, e
assert len(d['findings']) == 2, d['findings']" "missing file and directory listed, a.c reported"

# Non-UTF-8 text (a Latin-1 file with a Latin-1 name) gives valid JSON and
# the same findings.
latin=$(printf 'caf\xe9.c')
{ printf '// r\xe9sum\xe9: \xff\xfe\n'; sed 's/"bios.bin"/"\xe9t\xe9.bin"/' "$WORK/ex.c"; } >"$WORK/$latin"
expect_exit 1 "Latin-1 source" -- "$RETCHECK" --format json "$WORK/$latin" -- "$INC"
json "assert len(d['findings']) == 2, d" "Latin-1 source: valid JSON, both findings"
expect_exit 1 "Latin-1 source, SARIF" -- "$RETCHECK" --format sarif "$WORK/$latin" -- "$INC"
json "assert len(d['runs'][0]['results']) == 2" "Latin-1 source: valid SARIF"

# A large source (about 10 MB, 200 000 functions) with one finding at the end.
python3 - "$WORK/large.c" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('#include "qemu-stubs.h"\n')
    for i in range(200000):
        f.write(f"int filler_{i}(int x) {{ return x * {i} + {i % 7}; }}\n")
    f.write("int last(const char *p) { return get_image_size(p) == -1; }\n")
PY
expect_exit 1 "large source" -- "$RETCHECK" --format json "$WORK/large.c" -- "$INC"
json "f = d['findings']; assert [(x['line'], x['check']) for x in f] == [(200002, 'retcheck-minus-one-check')], f" "large source: the finding on its last line"

# A source deleted while the run is under way: reported, the rest analysed.
mkdir -p "$WORK/del"
cp "$WORK/large.c" "$WORK/del/1-slow.c"
cp "$WORK/ex.c" "$WORK/del/2-deleted.c"
cp "$WORK/ex.c" "$WORK/del/3-kept.c"
make_db "$WORK/del" 1-slow.c 2-deleted.c 3-kept.c
"$RETCHECK" -j 1 --format json -p "$WORK/del" >"$WORK/out" 2>"$WORK/err" &
pid=$!
until_analysing $pid
rm "$WORK/del/2-deleted.c"
wait $pid
[ $? = 3 ] && ok || bad "deleted source: exit 3"
json "assert [x['file'].rsplit('/', 1)[1] for x in d['errors']] == ['2-deleted.c'], d['errors']
assert sorted({x['file'].rsplit('/', 1)[1] for x in d['findings']}) == ['1-slow.c', '3-kept.c'], d['findings']" "deleted source listed, the others reported"

# --- 6: outputs that cannot be written, before or after the work
for opt in --output --export-fixes --write-baseline; do
  expect_exit 6 "unwritable $opt" -- "$RETCHECK" $opt /nonexistent/dir/x "$WORK/ex.c" -- "$INC"
  expect_error_line "cannot write '/nonexistent/dir/x'" "unwritable $opt message"
done
if [ -w /dev/full ]; then
  expect_exit 6 "full disk on stdout" -- sh -c '"$0" --format json "$1" -- "$2" >/dev/full' "$RETCHECK" "$WORK/ex.c" "$INC"
  expect_error_line "cannot write the report to stdout" "full disk message"
  expect_exit 6 "full disk on --output" -- "$RETCHECK" --output /dev/full "$WORK/ex.c" -- "$INC"
fi

# A FIFO as --output is opened once, so its reader gets the whole report.
mkfifo "$WORK/fifo"
cat "$WORK/fifo" >"$WORK/fifo.out" &
reader=$!
expect_exit 1 "--output to a FIFO" -- timeout 600 "$RETCHECK" --format json --output "$WORK/fifo" "$WORK/ex.c" -- "$INC"
wait $reader
python3 -c "import json; assert len(json.load(open('$WORK/fifo.out'))['findings']) == 2" && ok || bad "FIFO reader got the report"

# A report appears whole or not at all: an interrupted run leaves the
# previous one.
echo previous >"$WORK/report.json"
"$RETCHECK" --format json --output "$WORK/report.json" -p "$WORK/del" >/dev/null 2>&1 &
pid=$!
until_analysing $pid
kill -TERM $pid
wait $pid
[ "$(cat "$WORK/report.json")" = previous ] && ok || bad "interrupted run: previous report kept"
[ -z "$(find "$WORK" -maxdepth 1 -name 'report.json.*')" ] && ok || bad "interrupted run: no temporary left"
expect_exit 3 "the same run, not interrupted" -- "$RETCHECK" --format json --output "$WORK/report.json" -p "$WORK/del"
python3 -c "import json; json.load(open('$WORK/report.json'))" && ok || bad "report replaced"

# --- crash isolation: a TU that crashes Clang (SIGILL) and one that
# exhausts the stack (300 000 nested additions) cost only themselves. No
# time limit: the stack exhaustion takes a second on a quiet machine and
# many more on a loaded one, and must end as a crash all the same.
mkdir -p "$WORK/crash" "$WORK/hang"
cp "$WORK/ex.c" "$WORK/crash/good.c"
cp "$WORK/ex.c" "$WORK/hang/good.c"
printf '#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); }\n#pragma clang __debug %s\n' \
  crash >"$WORK/crash/trap.c"
python3 -c "print('#include \"qemu-stubs.h\"\nint f(const char *p) { int s = get_image_size(p); return ' + '+'.join(['s'] * 300000) + '; }')" >"$WORK/crash/deep.c"
make_db "$WORK/crash" trap.c deep.c good.c
for jobs in 1 2; do
  expect_exit 3 "crashes with -j $jobs" -- "$RETCHECK" -j $jobs --timeout 0 --format json -p "$WORK/crash"
  json "e = {x['file'].rsplit('/', 1)[1]: x['kind'] for x in d['errors']}
assert e == {'trap.c': 'crash', 'deep.c': 'crash'}, e
assert {x['file'].rsplit('/', 1)[1] for x in d['findings']} == {'good.c'} and len(d['findings']) == 2, d['findings']" "-j $jobs: crashed TUs listed, good.c reported"
done
expect_in "$WORK/err" "retcheck crashed on this translation unit (signal 4" "crash message names the signal"
# A crashing worker does not take the report being written with it.
expect_exit 3 "crashes with --output" -- "$RETCHECK" --timeout 0 --format json --output "$WORK/crash.json" -p "$WORK/crash"
python3 -c "import json; d=json.load(open('$WORK/crash.json')); assert len(d['errors']) == 2" && ok || bad "crashes with --output: the report is written"
# Nor the facts an --infer run keeps on disk until it judges, nor a map
# stage's: a crash removes no file of the parent's.
expect_exit 3 "crashes with --infer" -- "$RETCHECK" --timeout 0 --infer --format json --output "$WORK/crash-infer.json" -p "$WORK/crash"
python3 -c "import json; d=json.load(open('$WORK/crash-infer.json')); assert len(d['errors']) == 2 and {f['file'].rsplit('/', 1)[1] for f in d['findings']} == {'good.c'}, d" && ok || bad "crashes with --infer: the others judged"
expect_exit 3 "crashes in a map stage" -- "$RETCHECK" --timeout 0 --write-facts "$WORK/crash-facts" -p "$WORK/crash"
[ -s "$WORK/crash-facts/facts.bin" ] && [ "$(ls "$WORK/crash-facts")" = facts.bin ] && ok || bad "crashes in a map stage: facts.bin written, no temporary left: $(ls "$WORK/crash-facts")"
# A TU that hangs (clang's overflow_stack pragma loops in an optimised
# build) is given up after --timeout; the limit is far above what the
# other TU needs even on a loaded machine, so only the hang reaches it.
printf '#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); }\n#pragma clang __debug %s\n' \
  overflow_stack >"$WORK/hang/hang.c"
make_db "$WORK/hang" hang.c good.c
expect_exit 3 "a hanging TU" -- "$RETCHECK" -j 2 --timeout 30 --format json -p "$WORK/hang"
json "e = {x['file'].rsplit('/', 1)[1]: x['kind'] for x in d['errors']}
assert e == {'hang.c': 'timeout'}, e
assert {x['file'].rsplit('/', 1)[1] for x in d['findings']} == {'good.c'}, d['findings']" "a hanging TU listed, good.c reported"
expect_in "$WORK/err" "gave up on this translation unit after 30 s" "timeout message"

# --- database entries: a directory that is gone is one not-analysed line
# (no crash, no stack dump); a relative directory is relative to the
# database's folder; a path that is not UTF-8 is accepted, as clang-tidy
# accepts it.
mkdir -p "$WORK/dbdir/sub" "$WORK/dbdir/build"
cp "$WORK/ex.c" "$WORK/dbdir/sub/a.c"
cat >"$WORK/dbdir/build/compile_commands.json" <<JSON
[{"directory": "../sub", "file": "a.c", "arguments": ["clang", "-c", "$INC", "a.c"]},
 {"directory": "$WORK/dbdir/gone", "file": "b.c", "arguments": ["clang", "-c", "b.c"]}]
JSON
expect_exit 3 "a gone directory and a relative one" -- sh -c 'cd / && exec "$0" --format json -p "$1"' "$RETCHECK" "$WORK/dbdir/build"
json "e = [(x['file'].rsplit('/', 1)[1], x['kind']) for x in d['errors']]
assert e == [('b.c', 'not-analysed')], e
assert 'does not exist' in d['errors'][0]['message'], d['errors']
assert {x['file'] for x in d['findings']} == {'$WORK/dbdir/sub/a.c'}, d['findings']" "gone directory listed, the relative one analysed"
if grep -q "Stack dump\|LLVM ERROR" "$WORK/err"; then bad "gone directory: no stack dump"; sed 's/^/  | /' "$WORK/err" | head -3; else ok; fi
[ "$(grep -c "b.c: error: not-analysed" "$WORK/err")" = 1 ] && ok || bad "gone directory: one error line"
lat=$(printf 'lat\xe9')
mkdir -p "$WORK/$lat"
cp "$WORK/ex.c" "$WORK/$lat/a.c"
printf '[{"directory": "%s", "file": "a.c", "arguments": ["clang", "-c", "%s", "a.c"]}]\n' "$WORK/$lat" "$INC" >"$WORK/$lat/compile_commands.json"
expect_exit 1 "a database path that is not UTF-8" -- "$RETCHECK" --format json -p "$WORK/$lat"
json "assert len(d['findings']) == 2, d" "non-UTF-8 database path: findings reported"

# --- the progress line (on a terminal) is cleared before anything else is
# printed, including what a crashing worker prints
mkdir -p "$WORK/progress"
cp "$WORK/ex.c" "$WORK/progress/good1.c"
cp "$WORK/ex.c" "$WORK/progress/good2.c"
cp "$WORK/crash/trap.c" "$WORK/progress/trap.c"
make_db "$WORK/progress" good1.c good2.c trap.c
python3 - "$RETCHECK" "$WORK/progress" <<'PY' && ok || bad "progress line cleared before other output"
import os, pty, subprocess, sys
retcheck, d = sys.argv[1:3]
master, slave = pty.openpty()
p = subprocess.Popen([retcheck, "-j", "1", "-p", d], stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
p.wait()
text = out.decode("utf-8", "replace")
assert "/3] " in text, repr(text[:300])
for marker in ("retcheck: a worker crashed", ": error: crash:", "retcheck: 4 findings"):
    i = text.find(marker)
    assert i >= 0, (marker, repr(text[:500]))
    line = text[text.rfind("\n", 0, i) + 1:i]
    visible = line.split("\r\x1b[K")[-1]
    assert "proved free" not in visible and "\r" not in visible, (marker, repr(line))
PY

# --- --fix never loses code
# A file edited between the analysis and the fix is left alone; so is a
# file deleted meanwhile, and a read-only one. The others are fixed.
fix_setup() { # DIR FILE...: copies of ex.c and a database
  rm -rf "$1"
  mkdir -p "$1"
  local d=$1
  shift
  for f in "$@"; do cp "$WORK/ex.c" "$d/$f"; done
  make_db "$d" "$@"
}
fixed="$SRC/fixtures/direct-minus-one.c.fixed"
fix_setup "$WORK/fx" edited.c deleted.c readonly.c fine.c linked.c
chmod 444 "$WORK/fx/readonly.c"
chmod 640 "$WORK/fx/fine.c"
mkdir -p "$WORK/fx/real"
mv "$WORK/fx/linked.c" "$WORK/fx/real/target.c"
ln -s real/target.c "$WORK/fx/linked.c"
"$RETCHECK" --fix --debug-pause-before-fix "$WORK/fx/pause" -p "$WORK/fx" >"$WORK/out" 2>"$WORK/err" &
pid=$!
until_exists "$WORK/fx/pause" $pid
echo "// edited meanwhile" >>"$WORK/fx/edited.c"
cp "$WORK/fx/edited.c" "$WORK/edited.expected"
rm "$WORK/fx/deleted.c" "$WORK/fx/pause"
wait $pid
[ $? = 7 ] && ok || bad "--fix with files it must not touch: exit 7"
cmp -s "$WORK/fx/edited.c" "$WORK/edited.expected" && ok || bad "edited file untouched"
expect_in "$WORK/err" "edited.c: not fixed: the file changed since it was analysed" "edited file reported"
[ ! -e "$WORK/fx/deleted.c" ] && ok || bad "deleted file not recreated"
expect_in "$WORK/err" "deleted.c: cannot read" "deleted file reported"
cmp -s "$WORK/fx/readonly.c" "$WORK/ex.c" && ok || bad "read-only file untouched"
[ "$(stat -c %a "$WORK/fx/readonly.c")" = 444 ] && ok || bad "read-only file keeps its mode"
expect_in "$WORK/err" "readonly.c: not fixed: the file is read-only" "read-only file reported"
cmp -s "$WORK/fx/fine.c" "$fixed" && ok || bad "fine.c fixed"
[ "$(stat -c %a "$WORK/fx/fine.c")" = 640 ] && ok || bad "fixed file keeps its mode"
[ -L "$WORK/fx/linked.c" ] && cmp -s "$WORK/fx/real/target.c" "$fixed" && ok || bad "a link stays a link; its target is fixed"
expect_in "$WORK/err" "applied 4 fix(es) in 2 file(s)" "fix summary"
[ -z "$(find "$WORK/fx" -name '*.retcheck-*')" ] && ok || bad "no temporary left behind"

# Two TUs that see one header through different macros propose different
# fixes for the same text: neither is applied, the rest is.
mkdir -p "$WORK/conflict"
cat >"$WORK/conflict/rules.json" <<'JSON'
{"version": 1, "rules": [{"function": "neg_load", "convention": "negative"},
                         {"function": "nz_load", "convention": "nonzero"}]}
JSON
cat >"$WORK/conflict/shared.h" <<'C'
int neg_load(const char *p);
int nz_load(const char *p);
static inline int load(const char *p) {
  if (LOAD(p) == -1)
    return 1;
  return 0;
}
C
printf '#define LOAD neg_load\n#include "shared.h"\nint a(void) { return neg_load("a") == -1; }\n' >"$WORK/conflict/a.c"
printf '#define LOAD nz_load\n#include "shared.h"\nint b(void) { return load("b"); }\n' >"$WORK/conflict/b.c"
cp "$WORK/conflict/shared.h" "$WORK/shared.h.orig"
expect_exit 7 "conflicting fixes from two TUs" -- "$RETCHECK" --fix --rules "$WORK/conflict/rules.json" "$WORK/conflict/a.c" "$WORK/conflict/b.c" --
cmp -s "$WORK/conflict/shared.h" "$WORK/shared.h.orig" && ok || bad "conflicting header untouched"
expect_in "$WORK/err" "shared.h: error: conflicting fix at offset" "conflict reported"
expect_in "$WORK/conflict/a.c" 'neg_load("a") < 0' "the non-conflicting fix applied"

# Killed in the middle of --fix: every file is entirely old or entirely new.
# SIGTERM waits for the file being replaced, so no temporary is left;
# SIGKILL may leave one (named *.retcheck-*), never a half-written source.
files=$(seq -f 'f%03g.c' 1 200)
for signal in KILL TERM; do
  for delay in 0.01 0.05 0.15; do
    # shellcheck disable=SC2086
    fix_setup "$WORK/kill" $files
    "$RETCHECK" --quiet --fix --debug-pause-before-fix "$WORK/kill/pause" -p "$WORK/kill" >/dev/null 2>&1 &
    pid=$!
    until_exists "$WORK/kill/pause" $pid
    rm -f "$WORK/kill/pause"
    sleep $delay
    kill -$signal $pid 2>/dev/null
    wait $pid 2>/dev/null
    old=0 new=0 other=0
    for f in $files; do
      if cmp -s "$WORK/kill/$f" "$WORK/ex.c"; then old=$((old + 1))
      elif cmp -s "$WORK/kill/$f" "$fixed"; then new=$((new + 1))
      else other=$((other + 1)); fi
    done
    [ $other = 0 ] && ok || bad "SIG$signal after ${delay}s: $other file(s) neither old nor new"
    if [ $signal = TERM ]; then
      [ -z "$(find "$WORK/kill" -name '*.retcheck-*')" ] && ok || bad "SIGTERM left a temporary"
    fi
    echo "  SIG$signal after ${delay}s: $old old, $new new"
  done
done

finish robustness
