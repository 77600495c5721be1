#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Inference on fixtures/infer, a small tree with no rules file: the rules
# `retcheck infer` writes (against fixtures/infer/expected-rules.json), the
# findings of `--infer` (against expected-findings.txt), the written file
# read back as rules, corrections by hand-written rules, --min-confidence,
# and the clang-tidy module reading the inferred file.
#   infer_test.sh RETCHECK SOURCE_DIR [CLANG_TIDY PLUGIN]
RETCHECK=$1 SRC=$2 TIDY=${3:-} PLUGIN=${4:-}
source "$(dirname "$0")/testlib.sh"
TREE=$SRC/fixtures/infer

python3 - "$TREE" "$WORK/compile_commands.json" <<'PY'
import json, sys
tree, out = sys.argv[1], sys.argv[2]
json.dump([{"directory": tree, "file": f,
            "arguments": ["clang", "-c", "-std=gnu11", f, "-o", f + ".o"]}
           for f in ("base.c", "callers.c", "statics_a.c", "statics_b.c", "stubs.c", "shapes.c")],
          open(out, "w"), indent=1)
PY

# Findings as "file:line check function contract", sorted.
findings() { # JSON
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(d["findings"], key=lambda f: (f["relative_file"], f["line"])):
    print(f'{f["relative_file"]}:{f["line"]} {f["check"]} {f["function"]} {f["contract"]}')
PY
}

# Paths in the rules and findings are relative to the tree (the default
# source root is the top of the git work tree, this repository).
# --- retcheck infer: the rules file
expect_exit 0 "retcheck infer" -- "$RETCHECK" infer -p "$WORK" --source-root "$TREE" -o "$WORK/rules.json" --debug-dump-functions "$WORK/functions.tsv"
# The hidden dump of every function (docs/evaluation/inference-recall): statics per file, a name's bodies.
expect_in "$WORK/functions.tsv" $'get_file_size\tstatics_b.c\t4\tint\tint\tstatic\t-1\t1\tstatics_b.c' "a static function per file"
expect_in "$WORK/functions.tsv" $'clock_raw\tstubs.c\t8\tint\tint64_t\textern\t-1\t2\t' "an exported name's bodies"
expect_in "$WORK/functions.tsv" $'parse_thing\tbase.c\t64\tbool\t_Bool\textern\t1\t1\t' "the Error ** parameter"
expect_in "$WORK/err" "inferred 27 contract(s)" "summary counts the contracts"
python3 - "$WORK/rules.json" "$TREE/expected-rules.json" <<'PY' && ok || bad "inferred rules differ from expected-rules.json"
import json, sys
got, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got.pop("description"); want.pop("description")
if got != want:
    print(json.dumps(got, indent=1))
    sys.exit(1)
PY
expect_exit 2 "retcheck infer without -o" -- "$RETCHECK" infer -p "$WORK"
expect_error_line "needs -o FILE" "infer without -o says so"
expect_exit 2 "the dump needs inference" -- "$RETCHECK" -p "$WORK" --debug-dump-functions "$WORK/f2.tsv"
expect_error_line "needs --infer" "the dump without inference says so"
mkdir -p "$WORK/decl"; printf 'static int twice(int x);\n' > "$WORK/decl/decl.h"
printf '#include "decl.h"\nstatic int twice(int x) { return 2 * x; }\nint use(void) { return twice(1); }\n' > "$WORK/decl/a.c"
expect_exit 0 "dump, a static declared in a header" -- "$RETCHECK" infer --source-root "$WORK/decl" -o "$WORK/decl/rules.json" --debug-dump-functions "$WORK/decl/f.tsv" "$WORK/decl/a.c" -- -std=gnu11
expect_in "$WORK/decl/f.tsv" $'twice\ta.c\t2\tint\tint\tstatic\t-1\t1\tdecl.h' "a static is identified by its first declaration's file"

# --- --infer: the findings, with contract and evidence
expect_exit 1 "--infer" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --format json --output "$WORK/infer.json"
findings "$WORK/infer.json" > "$WORK/infer.txt"
if diff -u "$TREE/expected-findings.txt" "$WORK/infer.txt"; then ok; else bad "--infer findings differ from expected-findings.txt"; fi
python3 - "$WORK/infer.json" <<'PY' && ok || bad "findings carry their evidence and confidence"
import json, sys
d = json.load(open(sys.argv[1]))
f = next(f for f in d["findings"] if f["function"] == "get_file_size")
assert f["contract"] == "inferred" and 0 < f["confidence"] <= 1, f
assert any("returns -1 after error_report()" in e for e in f["evidence"]), f
PY
# The static namesake that cannot fail stays silent; the other is reported.
expect_in "$WORK/infer.txt" "statics_a.c:18 retcheck-ignored-result get_file_size" "static of statics_a.c"
if grep -q statics_b "$WORK/infer.txt"; then bad "statics_b.c's get_file_size has no contract"; else ok; fi

# --- the written file, read back as rules, gives the same findings
expect_exit 1 "--rules rules.json" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --rules "$WORK/rules.json" --min-confidence 0 --format json --output "$WORK/back.json"
findings "$WORK/back.json" > "$WORK/back.txt"
if diff -u "$WORK/infer.txt" "$WORK/back.txt"; then ok; else bad "the inferred rules file read back gives other findings"; fi

# --- corrections: a hand-written rule wins; "none" removes a contract
cat > "$WORK/fix.json" <<'JSON'
{"version": 1, "rules": [
  {"function": "wrap_thrice", "convention": "none"},
  {"function": "lib_connect", "convention": "minus-one"}]}
JSON
expect_exit 1 "--infer with corrections" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --rules "$WORK/fix.json" --min-confidence 0 --format json --output "$WORK/fixed.json"
findings "$WORK/fixed.json" > "$WORK/fixed.txt"
if grep -q wrap_thrice "$WORK/fixed.txt"; then bad "convention none removes wrap_thrice's contract"; else ok; fi
expect_in "$WORK/fixed.txt" "callers.c:37 retcheck-ignored-result lib_connect written" "the written rule wins"
# ... also when both are rules files, in either order.
expect_exit 1 "two files" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --rules "$WORK/rules.json" --rules "$WORK/fix.json" --min-confidence 0 --format json --output "$WORK/two.json"
findings "$WORK/two.json" > "$WORK/two.txt"
if diff -u "$WORK/fixed.txt" "$WORK/two.txt"; then ok; else bad "a written rule wins over an inferred file"; fi

# --- --min-confidence filters findings of inferred contracts only
expect_exit 1 "--min-confidence 0.99" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --rules "$WORK/fix.json" --min-confidence 0.99 --format json --output "$WORK/sure.json"
findings "$WORK/sure.json" > "$WORK/sure.txt"
if [ "$(cat "$WORK/sure.txt")" = "callers.c:37 retcheck-ignored-result lib_connect written" ]; then ok; else
  bad "--min-confidence 0.99 keeps only the written contract's finding"; cat "$WORK/sure.txt"; fi

# --- the clang-tidy module reads the committed inferred file
if [ -n "$TIDY" ]; then
  "$TIDY" --load="$PLUGIN" --checks='-*,retcheck-*' --quiet \
    --config="{CheckOptions: {RulesFiles: '$WORK/rules.json'}}" \
    "$TREE/callers.c" -- -std=gnu11 > "$WORK/tidy.out" 2>/dev/null
  "$RETCHECK" --quiet --rules "$WORK/rules.json" --min-confidence 0 "$TREE/callers.c" -- -std=gnu11 > "$WORK/cli.out" 2>&1
  if diff <(grep -E 'warning:|remark:' "$WORK/tidy.out" | sort) <(grep -E 'warning:|remark:' "$WORK/cli.out" | sort); then ok; else
    bad "clang-tidy with the inferred rules differs from the CLI"; fi
  expect_in "$WORK/tidy.out" "result of 'lib_connect' is ignored" "clang-tidy uses the inferred contract"
fi

# --- scripts/score-inference.py against labels, on the rules written above
{
  printf 'id\tstratum\tname\tfile\tline\tkind\tresult_type\tlinkage\terror_param\tstatic_file\tmust_check\tlookup\tconvention\terrors\tsuccess\terrp\tcategory\treason\n'
  printf 'L1\tint/static\tget_file_size\tstatics_a.c\t5\tint\tint\tstatic\t-1\tstatics_a.c\tyes\tno\tminus-one\t-1\t>= 0\t-\treported\tr\n'
  printf 'L2\tint/static\tget_file_size\tstatics_b.c\t4\tint\tint\tstatic\t-1\tstatics_b.c\tno\tno\tnone\t\t\t-\t\tr\n'
  printf 'L3\tbool/extern\tparse_thing\tbase.c\t64\tbool\t_Bool\textern\t1\t\tyes\tno\tvalue\t0\t1\tall\terrp\tr\n'
  printf 'L4\tint/extern\tclock_raw\tshapes.c\t83\tint\tint64_t\textern\t-1\t\tyes\tno\tnegative\t< 0\t>= 0\t-\terrno\tr\n'
  printf 'L5\tpointer/extern\tmake_buf\tbase.c\t53\tpointer\tchar *\textern\t-1\t\tno\tyes\tnull\tnull\t\t-\tlookup\tr\n'
  printf 'L6\tint/extern\tuse_all\tcallers.c\t5\tint\tint\textern\t-1\t\tyes\tno\tnegative\t< 0\t0\t-\tplain\tr\n'
} > "$WORK/labels.tsv"
python3 "$SRC/scripts/score-inference.py" "$WORK/rules.json" --labels "$WORK/labels.tsv" > "$WORK/score.txt"
for want in $'L1\thit' $'L2\tok-none' $'L3\thit' $'L4\tmismatch' $'L5\tlookup-hit' $'L6\tmiss' \
    "recall (must-check): 2/4 = 0.50" "recall (lookups): 1/1" "precision: 3/4" "set_on_failure 1" "misses by shape (no contract or other errors): errno 1, plain 1"; do
  expect_in "$WORK/score.txt" "$want" "score-inference.py"
done

finish infer
