#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# End-to-end tests of the retcheck command line: exit codes, JSON, --fix,
# --export-fixes and compile databases (bad input: robustness_test.sh).
#   cli_test.sh <retcheck binary> <source dir>
set -u
RETCHECK=$1
SRC=$2
. "$(dirname "$0")/testlib.sh"

# --- a bundled example with findings; text output like clang-tidy's
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/ex.c"
expect_exit 1 "findings" -- "$RETCHECK" "$WORK/ex.c" -- "$INC"
expect_in "$WORK/out" "warning: error check of 'get_image_size' only catches -1" "text output"
expect_in "$WORK/out" "[retcheck-minus-one-check]" "check name in text"
expect_in "$WORK/out" "< 0" "fix-it line in text"

# --- a clean file
printf '#include "qemu-stubs.h"\nint f(const char *p) { return get_image_size(p) < 0; }\n' >"$WORK/clean.c"
expect_exit 0 "clean file" -- "$RETCHECK" "$WORK/clean.c" -- "$INC"

# --- JSON, version 1
expect_exit 1 "json" -- "$RETCHECK" --format json "$WORK/ex.c" -- "$INC"
if python3 - "$WORK/out" "$WORK/ex.c" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1, d
assert d["errors"] == [], d["errors"]
assert d["stats"]["translation_units"] == 1
f = d["findings"][0]
for k in ("check", "file", "line", "column", "message", "function", "call", "fixes"):
    assert k in f, k
assert f["file"] == sys.argv[2], f["file"]
assert f["check"] == "retcheck-minus-one-check"
assert f["function"] in ("get_image_size", "load_image_targphys")
assert set(f["call"]) == {"line", "column"}
fx = f["fixes"][0]
assert fx["replacement"] == "< 0" and fx["file"] == sys.argv[2]
text = open(sys.argv[2]).read()
assert text[fx["offset"]:fx["offset"] + fx["length"]].startswith("==")
PY
then ok; else bad "json content"; fi

# --- --output
expect_exit 1 "--output" -- "$RETCHECK" --format json --output "$WORK/r.json" "$WORK/ex.c" -- "$INC"
expect_in "$WORK/r.json" '"version": 1' "--output file"
expect_exit 6 "unwritable --output" -- "$RETCHECK" --output /nonexistent/dir/r.json "$WORK/ex.c" -- "$INC"
expect_in "$WORK/err" "cannot write '/nonexistent/dir/r.json'" "unwritable output message"

# --- --fix rewrites to the .fixed text; a second run finds no -1 check.
# Every finding fixed: exit 0; a finding without a fix-it left: exit 1.
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/fix.c"
expect_exit 0 "--fix that fixed everything" -- "$RETCHECK" --fix "$WORK/fix.c" -- "$INC"
if cmp -s "$WORK/fix.c" "$SRC/fixtures/direct-minus-one.c.fixed"; then ok; else bad "--fix output differs from .fixed"; fi
"$RETCHECK" "$WORK/fix.c" -- "$INC" >"$WORK/out" 2>&1
if grep -q "retcheck-minus-one-check" "$WORK/out"; then bad "minus-one left after --fix"; else ok; fi

cp "$SRC/fixtures/direct-minus-one.c" "$WORK/fix2.c"
echo 'void more(const char *p) { get_image_size(p); }' >>"$WORK/fix2.c"
expect_exit 1 "--fix with a finding it cannot fix" -- "$RETCHECK" --fix "$WORK/fix2.c" -- "$INC"

# --- --export-fixes, applied by clang-apply-replacements when available
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/exp.c"
mkdir -p "$WORK/fixes"
expect_exit 1 "--export-fixes" -- "$RETCHECK" --export-fixes "$WORK/fixes/f.yaml" "$WORK/exp.c" -- "$INC"
expect_in "$WORK/fixes/f.yaml" "DiagnosticName:  retcheck-minus-one-check" "yaml diagnostic"
expect_in "$WORK/fixes/f.yaml" "ReplacementText: '< 0'" "yaml replacement"
CAR=$(command -v clang-apply-replacements-19 || ls /usr/lib/llvm-19/bin/clang-apply-replacements 2>/dev/null)
if [ -n "$CAR" ]; then
  "$CAR" "$WORK/fixes" && cmp -s "$WORK/exp.c" "$SRC/fixtures/direct-minus-one.c.fixed" && ok || bad "clang-apply-replacements result"
fi

# --- compile databases: all TUs, duplicates once, missing files exit 3
mkdir -p "$WORK/db"
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/db/a.c"
cp "$WORK/clean.c" "$WORK/db/b.c"
cat >"$WORK/db/compile_commands.json" <<JSON
[
 {"directory": "$WORK/db", "file": "a.c", "arguments": ["clang", "-c", "$INC", "-DTARGET_A", "a.c"]},
 {"directory": "$WORK/db", "file": "a.c", "arguments": ["clang", "-c", "$INC", "-DTARGET_B", "a.c"]},
 {"directory": "$WORK/db", "file": "b.c", "arguments": ["clang", "-c", "$INC", "b.c"]}
]
JSON
expect_exit 1 "-p database" -- "$RETCHECK" -p "$WORK/db" --format json
python3 -c "
import json,sys; d=json.load(open('$WORK/out'))
assert d['stats']['translation_units'] == 3, d['stats']
assert d['stats']['files'] == 2, d['stats']
keys=[(f['file'],f['line'],f['column'],f['check']) for f in d['findings']]
assert len(keys) == len(set(keys)) and len(keys) > 0, keys
" && ok || bad "database: each finding once"
expect_exit 0 "-p with a clean selected file" -- "$RETCHECK" -p "$WORK/db" "$WORK/db/b.c"

cat >"$WORK/db/compile_commands.json" <<JSON
[
 {"directory": "$WORK/db", "file": "a.c", "arguments": ["clang", "-c", "$INC", "a.c"]},
 {"directory": "$WORK/db", "file": "gone.c", "arguments": ["clang", "-c", "gone.c"]}
]
JSON
expect_exit 3 "entry with a missing file" -- "$RETCHECK" -p "$WORK/db" --format json
python3 -c "
import json; d=json.load(open('$WORK/out'))
assert any(e['kind']=='not-analysed' and e['file'].endswith('gone.c') for e in d['errors']), d['errors']
assert len(d['findings']) > 0
" && ok || bad "missing file listed, others reported"

# --- a TU with a compile error is still analysed; exit 3
printf '#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); undeclared(); }\n' >"$WORK/broken.c"
expect_exit 3 "compile error" -- "$RETCHECK" --format json "$WORK/broken.c" -- "$INC"
python3 -c "
import json; d=json.load(open('$WORK/out'))
assert d['errors'][0]['kind']=='compile-error', d
assert d['findings'][0]['check']=='retcheck-ignored-result'
" && ok || bad "compile error: findings still reported"

# --- the prefilter skips only TUs that provably call no rule function:
# calls hidden in macros, after a keyword macro, or pasted are analysed,
# and every fixture gives the same findings with and without it.
mkdir -p "$WORK/pre"
printf '#include "qemu-stubs.h"\nint64_t get_image_size(const char *f);\nint unrelated(int x) { return x + 1; }\n' >"$WORK/pre/none.c"
python3 - "$SRC" "$WORK/pre" <<'PY'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(src, "fixtures", "*.c"))) + [os.path.join(out, "none.c")]
json.dump([{"directory": out, "file": f,
            "arguments": ["clang", "-std=gnu11", "-I" + os.path.join(src, "fixtures/include"), "-c", f]}
           for f in files], open(os.path.join(out, "compile_commands.json"), "w"))
PY
"$RETCHECK" -p "$WORK/pre" --format json --output "$WORK/pre/with.json" 2>/dev/null
"$RETCHECK" -p "$WORK/pre" --prefilter=false --format json --output "$WORK/pre/without.json" 2>/dev/null
python3 - "$WORK/pre" <<'PY' && ok || bad "prefilter: same findings, hidden calls analysed"
import json, sys
d = sys.argv[1]
w, wo = json.load(open(d + "/with.json")), json.load(open(d + "/without.json"))
key = lambda r: sorted((f["file"], f["line"], f["column"], f["check"], f["message"]) for f in r["findings"])
assert key(w) == key(wo), "findings differ with the prefilter"
assert wo["stats"]["skipped"] == 0, wo["stats"]
assert w["stats"]["skipped"] > 0, w["stats"]
files = {f["file"].rsplit("/", 1)[1] for f in w["findings"]}
for name in ("prefilter-macro-call.c", "prefilter-keyword-macro.c", "prefilter-token-paste.c"):
    assert name in files, name + " was skipped"
PY
printf '#include "qemu-stubs.h"\nint unrelated(int x) { return x; }\n' >"$WORK/pre/none.c"
"$RETCHECK" --format json "$WORK/pre/none.c" -- "$INC" >"$WORK/out" 2>/dev/null
python3 -c "import json; s=json.load(open('$WORK/out'))['stats']; assert s['skipped']==1, s" && ok || bad "a TU with only declarations is skipped"

# --- --version: retcheck's (with the commit when built from git) and LLVM's;
# results and baselines carry it
expect_exit 0 "--version" -- "$RETCHECK" --version
expect_in "$WORK/out" "retcheck 0." "--version names retcheck"
expect_in "$WORK/out" "LLVM 19." "--version names LLVM"
if [ -e "$SRC/.git" ]; then expect_in "$WORK/out" "(git " "--version names the commit"; fi
version=$(head -1 "$WORK/out" | sed 's/^retcheck //')
"$RETCHECK" --format json --write-baseline "$WORK/vb.json" "$WORK/ex.c" -- "$INC" >"$WORK/out" 2>/dev/null
python3 -c "
import json, sys
assert json.load(open('$WORK/out'))['retcheck_version'] == sys.argv[1]
assert json.load(open('$WORK/vb.json'))['retcheck_version'] == sys.argv[1]" "$version" && ok || bad "results and baselines carry the version"

# --- exit codes CI can use
expect_exit 0 "--write-baseline exits 0" -- "$RETCHECK" --write-baseline "$WORK/wb.json" "$WORK/ex.c" -- "$INC"
expect_exit 1 "the baseline's findings, without it" -- "$RETCHECK" "$WORK/ex.c" -- "$INC"
expect_exit 0 "with it" -- "$RETCHECK" --baseline "$WORK/wb.json" "$WORK/ex.c" -- "$INC"
# A reader that goes away (`| head`, here one that reads nothing): exit 6,
# nothing on stderr but the summary.
"$RETCHECK" "$WORK/ex.c" -- "$INC" 2>"$WORK/err" | true
status=${PIPESTATUS[0]}
[ "$status" = 6 ] && ok || bad "closed stdout: exit $status, want 6"
if grep -v "^retcheck: 2 findings" "$WORK/err" | grep -q .; then bad "closed stdout: noise on stderr"; sed 's/^/  | /' "$WORK/err" | head -5; else ok; fi
# Which findings fail the run: --fail-on and --fail-checks. Notes come
# from results whose findings a rule made notes.
"$RETCHECK" --format json --output "$WORK/r.json" "$WORK/ex.c" -- "$INC" 2>/dev/null
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
d = json.load(open(w + "/r.json"))
for f in d["findings"]:
    f["severity"] = "note"
json.dump(d, open(w + "/notes.json", "w"))
PY
expect_exit 1 "--results: warnings fail" -- "$RETCHECK" --results "$WORK/r.json"
expect_in "$WORK/out" "only catches -1" "--results prints the findings"
expect_exit 0 "--results: notes do not fail by default" -- "$RETCHECK" --results "$WORK/notes.json"
expect_in "$WORK/out" ": remark: error check of 'load_image_targphys' only catches -1" "notes are reported as remarks, as clang-tidy does"
expect_exit 0 "notes as Code Quality" -- "$RETCHECK" --results "$WORK/notes.json" --format codequality
python3 -c "
import json; assert {i['severity'] for i in json.load(open('$WORK/out'))} == {'info'}" && ok || bad "notes are Code Quality 'info'"
expect_exit 0 "notes as SARIF" -- "$RETCHECK" --results "$WORK/notes.json" --format sarif
python3 -c "
import json; assert {r['level'] for r in json.load(open('$WORK/out'))['runs'][0]['results']} == {'note'}" && ok || bad "notes are SARIF notes"
expect_exit 1 "--fail-on=note" -- "$RETCHECK" --results "$WORK/notes.json" --fail-on=note
expect_exit 0 "--fail-on=none" -- "$RETCHECK" --results "$WORK/r.json" --fail-on=none
expect_exit 0 "--fail-checks leaving the check out" -- "$RETCHECK" --results "$WORK/r.json" --fail-checks='*,-retcheck-minus-one-check'
expect_exit 1 "--fail-checks naming the check" -- "$RETCHECK" --results "$WORK/r.json" --fail-checks='-*,retcheck-minus-*'
# A rule that makes a check a note, in a real analysis.
printf '#include "qemu-stubs.h"\nvoid n(const char *f) { load_image_targphys(f, 0, 1); }\n' >"$WORK/note.c"
expect_exit 0 "a note alone does not fail the run" -- "$RETCHECK" --rules "$SRC/fixtures/rules/severity.json" "$WORK/note.c" -- "$INC"
expect_in "$WORK/out" "remark: result of 'load_image_targphys' is ignored" "the note is reported"
expect_in "$WORK/err" "1 finding (1 note)" "the summary counts notes"
expect_exit 1 "--fail-on=note fails on it" -- "$RETCHECK" --fail-on=note --rules "$SRC/fixtures/rules/severity.json" "$WORK/note.c" -- "$INC"
expect_exit 2 "--results with files" -- "$RETCHECK" --results "$WORK/r.json" "$WORK/ex.c"
expect_exit 2 "--results unreadable" -- "$RETCHECK" --results "$WORK/none.json"
expect_error_line "none.json" "--results names the file"
"$RETCHECK" --help >"$WORK/out" 2>&1
expect_in "$WORK/out" "EXIT CODES" "--help lists the exit codes"
expect_in "$WORK/out" "7  --fix left some fixes unapplied" "--help: every code"
expect_in "$WORK/out" "--fail-on" "--help: --fail-on"

# --- the summary line: rule files with their function counts, the files
# that have findings
cp "$WORK/clean.c" "$WORK/clean2.c"
expect_exit 1 "summary" -- "$RETCHECK" "$WORK/ex.c" "$WORK/clean.c" "$WORK/clean2.c" -- "$INC"
expect_in "$WORK/err" "retcheck: 2 findings in 1 file; 3 translation units" "summary counts files with findings"
expect_in "$WORK/err" "qemu.json (4 functions)" "summary names the rules file"
# A rule whose function no analysed TU of a database declares is named,
# once; the prefilter's skipped TUs count as declaring what they name, and
# so do parsed ones.
printf '{"version": 1, "rules": [{"function": "get_image_size", "convention": "negative"},\n  {"function": "no_such_function", "convention": "negative"}]}\n' >"$WORK/two.json"
mkdir -p "$WORK/decl"
cp "$WORK/ex.c" "$WORK/decl/a.c"
cp "$WORK/ex.c" "$WORK/decl/b.c"
printf '#include "qemu-stubs.h"\nint unrelated(int x) { return x; }\n' >"$WORK/decl/c.c"
python3 - "$WORK/decl" "$INC" <<'PY'
import json, sys
d, inc = sys.argv[1:3]
json.dump([{"directory": d, "file": f, "arguments": ["clang", "-c", inc, f]} for f in ("a.c", "b.c", "c.c")],
          open(d + "/compile_commands.json", "w"))
PY
expect_exit 1 "a rule nobody declares" -- "$RETCHECK" --rules "$WORK/two.json" -p "$WORK/decl"
[ "$(grep -c "declares 'no_such_function'" "$WORK/err")" = 1 ] && ok || bad "one warning for no_such_function"
if grep -q "declares 'get_image_size'" "$WORK/err"; then bad "get_image_size is declared"; else ok; fi
expect_in "$WORK/err" "two.json (2 functions)" "summary: two.json"
printf '[{"directory": "%s", "file": "c.c", "arguments": ["clang", "-c", "%s", "c.c"]}]\n' "$WORK/decl" "$INC" >"$WORK/decl/compile_commands.json"
for prefilter in true false; do
  expect_exit 0 "declared in c.c, --prefilter=$prefilter" -- "$RETCHECK" --prefilter=$prefilter --rules "$WORK/two.json" -p "$WORK/decl"
  if grep -q "declares 'get_image_size'" "$WORK/err"; then bad "--prefilter=$prefilter: get_image_size is declared"; else ok; fi
  expect_in "$WORK/err" "declares 'no_such_function'" "--prefilter=$prefilter: no_such_function is not"
done
# Files named (a few of a tree): only a pack none of whose functions they
# declare is worth a warning.
expect_exit 1 "named files declaring one rule function" -- "$RETCHECK" --rules "$WORK/two.json" "$WORK/ex.c" -- "$INC"
if grep -q "warning:" "$WORK/err"; then bad "named files: no warning when one rule function is declared"; else ok; fi
printf '{"version": 1, "rules": [{"function": "no_such_function", "convention": "negative"}]}\n' >"$WORK/foreign.json"
expect_exit 0 "named files declaring no rule function" -- "$RETCHECK" --rules "$WORK/foreign.json" "$WORK/ex.c" -- "$INC"
expect_in "$WORK/err" "declare none of the 1 rule functions" "a foreign pack is named"

# --- --color, --explain
expect_exit 1 "--color=always" -- "$RETCHECK" --color=always "$WORK/ex.c" -- "$INC"
grep -q $'\e\[' "$WORK/out" && ok || bad "--color=always colors a pipe"
expect_exit 1 "--color=never" -- "$RETCHECK" --color=never "$WORK/ex.c" -- "$INC"
if grep -q $'\e\[' "$WORK/out"; then bad "--color=never"; else ok; fi
expect_exit 2 "--color=bogus" -- "$RETCHECK" --color=bogus "$WORK/ex.c" -- "$INC"
for check in retcheck-ignored-result retcheck-minus-one-check retcheck-unchecked-store \
             retcheck-lossy-store retcheck-incomplete-check retcheck-unchecked-use; do
  expect_exit 0 "--explain $check" -- "$RETCHECK" --explain "$check"
  cmp -s "$WORK/out" "$SRC/docs/checks/$check.md" && ok || bad "--explain $check prints docs/checks/$check.md"
  grep -q '^## Example' "$WORK/out" && ok || bad "$check's page has an example"
done
expect_exit 2 "--explain an unknown check" -- "$RETCHECK" --explain retcheck-nope
expect_error_line "no check 'retcheck-nope'" "unknown check named"

# --- findings are printed as each translation unit is done, as clang-tidy
# prints them: slow.c includes a FIFO, so its worker waits until this test
# writes to it; good.c's findings must be on stdout before that.
mkdir -p "$WORK/stream"
cp "$WORK/ex.c" "$WORK/stream/good.c"
printf '#include "qemu-stubs.h"\n#include "shared.h"\n' >"$WORK/stream/other.c"
printf 'static inline int probe(const char *p) { return get_image_size(p) == -1; }\n' >"$WORK/stream/shared.h"
printf '#include "shared.h"\n' >>"$WORK/stream/good.c"
mkfifo "$WORK/stream/slow.h"
printf '#include "slow.h"\n' >"$WORK/stream/slow.c"
python3 - "$WORK/stream" "$INC" <<'PY'
import json, sys
d, inc = sys.argv[1], sys.argv[2]
json.dump([{"directory": d, "file": f, "arguments": ["clang", "-c", inc, f]}
           for f in ("good.c", "other.c", "slow.c")], open(d + "/compile_commands.json", "w"))
PY
"$RETCHECK" -j 2 --timeout 0 --color never -p "$WORK/stream" >"$WORK/stream.out" 2>"$WORK/stream.err" &
pid=$!
seen=
for _ in $(seq 1800); do # up to three minutes on a loaded machine
  grep -q "good.c:.*warning:" "$WORK/stream.out" && grep -q "other.c\|shared.h" "$WORK/stream.out" && { seen=1; break; }
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if [ -n "$seen" ] && kill -0 $pid 2>/dev/null; then ok; else bad "findings printed before every TU is done"; cat "$WORK/stream.out"; fi
# The worker reads an empty header and ends (the writer tries again
# should the header be opened more than once).
(while kill -0 $pid 2>/dev/null; do timeout 2 sh -c ': >"$1"' sh "$WORK/stream/slow.h"; done) &
writer=$!
wait $pid
[ $? = 1 ] && ok || { bad "the streamed run ends with exit 1"; cat "$WORK/stream.err"; }
wait $writer
# A header's finding, seen from two TUs, is printed once, like every other.
[ "$(grep -c "shared.h:1:.*warning:" "$WORK/stream.out")" = 1 ] && ok || bad "the header's finding printed once"
[ "$(grep -c "warning:" "$WORK/stream.out")" = 3 ] && ok || { bad "each finding printed once"; cat "$WORK/stream.out"; }

# --- the documentation counts the checks there are (README said "four"
# when there were six)
expect_exit 0 "--list-checks of every check" -- "$RETCHECK" --list-checks --checks='*'
checks=$(grep -c '^    retcheck-' "$WORK/out")
python3 - "$checks" "$SRC/README.md" "$SRC/docs/DEVELOPING.md" "$SRC/docs/man/retcheck.1.in" <<'PY' && ok || bad "a stale count of checks in the documentation"
import re, sys
count = int(sys.argv[1])
words = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
stale = []
for path in sys.argv[2:]:
    text = re.sub(r"\\f[BIRP]|\\-", "", open(path).read())
    for m in re.finditer(r"(?<![\w-])(?:all\s+)?(\w+)\s+(?:retcheck\s+)?checks\b", text):
        n = words.get(m[1].lower(), int(m[1]) if m[1].isdigit() else None)
        if n is not None and n != count:
            stale.append(f"{path}: '{m[0]}'")
assert not stale, "\n".join(stale)
PY

# --- repairs in the terminal: every source line printed beside a number is
# that line of the file, also when a repair edits lines far from its note
# (a local retyped 30 lines above the store: clang used to number the
# store's line as the declaration's)
mkdir -p "$WORK/show"
python3 - "$SRC/fixtures/repair-lossy-retype.c" "$WORK/show/far.c" <<'PY'
import sys
text = open(sys.argv[1]).read()
decl = "    ram_addr_t initrd_offset;\n"
assert decl in text
open(sys.argv[2], "w").write(text.replace(decl, decl + "    /* padding */\n" * 30, 1))
PY
cp "$SRC"/fixtures/repair-*.c "$SRC/fixtures/lossy-store-uint64.c" "$WORK/show/"
expect_exit 1 "text output with repair notes" -- "$RETCHECK" --color=never "$WORK"/show/*.c -- "$INC"
python3 - "$WORK/out" <<'PY' && ok || bad "snippet lines beside the wrong numbers"
import re, sys
out = open(sys.argv[1]).read().splitlines()
files, checked, notes, current = {}, 0, 0, None
for line in out:
    m = re.match(r"^(/\S+?):(\d+):(\d+): (warning|note|remark): ", line)
    if m:
        current = m[1]
        notes += m[4] == "note"
        continue
    m = re.match(r"^ *(\d+) \| (.*)$", line)
    if m and current:
        lines = files.setdefault(current, open(current).read().split("\n"))
        n = int(m[1])
        assert lines[n - 1] == m[2], f"{current}:{n} printed as {m[2]!r}, is {lines[n - 1]!r}"
        checked += 1
assert notes > 5 and checked > notes, (notes, checked)
PY
grep -q "far.c:[0-9]*:[0-9]*: note: declare 'initrd_size' as 'int64_t'" "$WORK/out" && ok || bad "the far repair's note is printed"

# --- --diff (and --fix --dry-run): what --fix would change, as a unified
# diff on stdout that `patch -p1` and `git apply` take, paths relative to
# the source root; no file changes; the exit code is --fix's
for d in orig fixed patched applied; do
  mkdir -p "$WORK/diff/$d/hw"
  cp "$SRC"/fixtures/repair-*.c "$SRC/fixtures/direct-minus-one.c" "$SRC/fixtures/lossy-store-uint64.c" "$WORK/diff/$d/hw/"
done
D=$WORK/diff
( cd "$D/orig" && "$RETCHECK" --diff --fix-notes --source-root . hw/*.c -- "$INC" >"$D/notes.diff" 2>"$WORK/err" )
diff_status=$?
( cd "$D/fixed" && "$RETCHECK" --fix-notes --source-root . hw/*.c -- "$INC" >/dev/null 2>&1 )
fix_status=$?
[ "$diff_status" = "$fix_status" ] && ok || bad "--diff exits $diff_status, --fix-notes $fix_status"
diff -r "$SRC/fixtures" "$D/orig/hw" 2>/dev/null | grep -q '^diff' && bad "--diff changed a file" || ok
grep -q '^--- a/hw/repair-goto.c$' "$D/notes.diff" && grep -q '^+++ b/hw/repair-goto.c$' "$D/notes.diff" && ok || bad "--diff paths relative to the source root"
expect_in "$WORK/err" "in the diff; no file changed" "--diff says nothing was changed"
( cd "$D/patched" && patch -p1 --quiet --batch <"$D/notes.diff" ) && ok || bad "patch -p1 rejects the diff"
diff -r "$D/fixed" "$D/patched" >/dev/null && ok || bad "patch -p1 of --diff differs from --fix-notes"
for f in "$D"/fixed/hw/*.c; do
  n=$SRC/fixtures/$(basename "$f").fixed-notes
  if [ -e "$n" ]; then cmp -s "$f" "$n" && ok || bad "$(basename "$f"): --fix-notes differs from its .fixed-notes"; fi
done
( cd "$D/applied" && git init -q . && git apply "$D/notes.diff" ) && ok || bad "git apply rejects the diff"
diff -r -x .git "$D/fixed" "$D/applied" >/dev/null && ok || bad "git apply of --diff differs from --fix-notes"
# Without --fix-notes, the fix-its alone; --fix --dry-run is --diff.
( cd "$D/orig" && "$RETCHECK" --diff --source-root . hw/*.c -- "$INC" >"$D/fixits.diff" 2>/dev/null )
( cd "$D/orig" && "$RETCHECK" --fix --dry-run --source-root . hw/*.c -- "$INC" >"$D/dry.diff" 2>/dev/null )
cmp -s "$D/fixits.diff" "$D/dry.diff" && ok || bad "--fix --dry-run differs from --diff"
grep -q '^+    if (get_image_size(path) < 0)$' "$D/fixits.diff" && ok || bad "--diff shows the fix-its"
if grep -q 'repair-goto.c' "$D/fixits.diff"; then bad "--diff without --fix-notes shows repairs"; else ok; fi
# With --output, the report goes there and the diff to stdout.
( cd "$D/orig" && "$RETCHECK" --diff --format json --output "$D/r.json" --source-root . hw/direct-minus-one.c -- "$INC" >"$D/one.diff" 2>/dev/null )
[ $? = 0 ] && ok || bad "--diff that fixes every finding exits 0"
python3 -c "import json; assert json.load(open('$D/r.json'))['findings']" && ok || bad "--diff --output writes the report"
grep -q '^@@ ' "$D/one.diff" && ok || bad "--diff --output prints the diff"
expect_exit 2 "--dry-run without --fix" -- "$RETCHECK" --dry-run "$WORK/ex.c" -- "$INC"
expect_error_line "--dry-run previews --fix or --fix-notes" "--dry-run alone is refused"
# A file outside the source root cannot be named in the diff: left out, exit 7.
expect_exit 7 "--diff of a file outside the source root" -- "$RETCHECK" --diff --source-root "$D/orig" "$D/orig/hw/direct-minus-one.c" "$WORK/ex.c" -- "$INC"
grep -q '^+++ b/hw/direct-minus-one.c$' "$WORK/out" && ok || bad "--diff keeps the files inside the source root"
expect_in "$WORK/err" "not in the diff: outside the source root" "outside the source root said"

finish cli
