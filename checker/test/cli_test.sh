#!/usr/bin/env bash
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

# --- --fix rewrites to the .fixed text; a second run finds no -1 check
cp "$SRC/fixtures/direct-minus-one.c" "$WORK/fix.c"
expect_exit 1 "--fix" -- "$RETCHECK" --fix "$WORK/fix.c" -- "$INC"
if cmp -s "$WORK/fix.c" "$SRC/fixtures/direct-minus-one.c.fixed"; then ok; else bad "--fix output differs from .fixed"; fi
"$RETCHECK" "$WORK/fix.c" -- "$INC" >"$WORK/out" 2>&1
if grep -q "retcheck-minus-one-check" "$WORK/out"; then bad "minus-one left after --fix"; else ok; fi

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

finish cli
