#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# CI features of the command line: SARIF (validated against the 2.1.0
# schema), GitLab Code Quality, baselines that survive moved lines, shards
# that cover the input exactly once.
#   ci_formats_test.sh <retcheck> <source dir> [sarif schema]
set -u
RETCHECK=$1
SRC=$2
SCHEMA=${3:-/usr/local/share/retcheck-test/sarif-schema-2.1.0.json}
WORK=$(mktemp -d /tmp/retcheck-ci-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PASS=0
FAIL=0
check() { if "$@"; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAIL: $*"; fi; }

# A database over every C fixture.
mkdir -p "$WORK/tree"
cp "$SRC"/fixtures/*.c "$WORK/tree/"
rm "$WORK/tree/retcheck-args-define.c" # needs its own -D
python3 - "$WORK/tree" "$SRC/fixtures/include" <<'PY'
import glob, json, os, sys
tree, inc = sys.argv[1:3]
json.dump([{"directory": tree, "file": os.path.basename(f),
            "arguments": ["clang", "-std=gnu11", "-I" + inc, "-c", os.path.basename(f)]}
           for f in sorted(glob.glob(tree + "/*.c"))],
          open(tree + "/compile_commands.json", "w"))
PY
R() { "$RETCHECK" --quiet -p "$WORK/tree" "$@"; }

# --- SARIF 2.1.0, validated by the published schema (Debian's jsonschema)
R --format sarif --output "$WORK/r.sarif"
check test -s "$SCHEMA"
check /usr/bin/python3 - "$SCHEMA" "$WORK/r.sarif" <<'PY'
import json, sys, jsonschema
schema, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.Draft7Validator(schema).validate(doc)
run = doc["runs"][0]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert rules == {"retcheck-ignored-result", "retcheck-minus-one-check",
                 "retcheck-unchecked-store", "retcheck-lossy-store",
                 "retcheck-incomplete-check", "retcheck-unchecked-use"}, rules
assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
results = run["results"]
assert results and all(r["partialFingerprints"]["retcheckFingerprint/v1"] for r in results)
assert any("fixes" in r for r in results)
loc = results[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%" and loc["region"]["startLine"] > 0
PY

# --- GitLab Code Quality
R --format codequality --output "$WORK/cq.json"
check python3 - "$WORK/cq.json" "$WORK/r.sarif" <<'PY'
import json, sys
cq, sarif = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert len(cq) == len(sarif["runs"][0]["results"]) > 0
for i in cq:
    assert set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert not i["location"]["path"].startswith("/") and i["location"]["lines"]["begin"] > 0
assert len({i["fingerprint"] for i in cq}) == len(cq), "fingerprints must be unique"
PY

# --- baseline: accepted findings stay quiet after lines move; new ones show
R --write-baseline "$WORK/baseline.json" >/dev/null
f="$WORK/tree/direct-minus-one.c"
{ printf '/* a new comment\n   moves every line */\n'; cat "$f"; } >"$f.new" && mv "$f.new" "$f"
R --baseline "$WORK/baseline.json" --format json --output "$WORK/b1.json"
check python3 -c "
import json; d=json.load(open('$WORK/b1.json'))
assert d['findings'] == [], d['findings']
assert d['stats']['baselined'] > 0"
cat >>"$f" <<'C'
int added_later(const char *p) { return get_image_size(p) == -1; }
C
R --baseline "$WORK/baseline.json" --format json --output "$WORK/b2.json"
check python3 -c "
import json; d=json.load(open('$WORK/b2.json'))
assert [x['line'] for x in d['findings']] == [$(wc -l <"$f")], d['findings']"
echo '{"version": 1}' >"$WORK/notbaseline.json"
"$RETCHECK" -p "$WORK/tree" --baseline "$WORK/notbaseline.json" >/dev/null 2>"$WORK/err"
check test $? = 2
check grep -q "not a retcheck baseline" "$WORK/err"

# --- shards: 3 shards cover every finding exactly once
R --format json --output "$WORK/all.json"
for k in 1 2 3; do R --shard "$k/3" --format json --output "$WORK/s$k.json"; done
check python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
key = lambda f: (f["file"], f["line"], f["column"], f["check"])
full = sorted(map(key, json.load(open(w + "/all.json"))["findings"]))
parts = [json.load(open(f"{w}/s{k}.json")) for k in (1, 2, 3)]
merged = sorted(key(f) for p in parts for f in p["findings"])
assert merged == full, (len(merged), len(full))
assert sum(p["stats"]["translation_units"] for p in parts) == json.load(open(w + "/all.json"))["stats"]["translation_units"]
assert all(p["stats"]["translation_units"] > 0 for p in parts)
PY
"$RETCHECK" -p "$WORK/tree" --shard 4/3 >/dev/null 2>&1
check test $? = 2

# --- --changed-since: only TUs the change reaches, only changed lines
G="$WORK/git"
mkdir -p "$G"
cp "$SRC/fixtures/include/qemu-stubs.h" "$SRC/fixtures/include/qemu-common-stubs.h" "$G/"
cat >"$G/inline.h" <<'C'
#include "qemu-stubs.h"
static inline int probe(const char *p) { return get_image_size(p) != -1; }
C
printf '#include "inline.h"\nint a(const char *p) { return probe(p); }\nvoid old(const char *p) { get_image_size(p); }\n' >"$G/a.c"
printf '#include "qemu-stubs.h"\nvoid b(const char *p) { get_image_size(p); }\n' >"$G/b.c"
python3 - "$G" <<'PY'
import json, sys
g = sys.argv[1]
json.dump([{"directory": g, "file": f, "arguments": ["clang", "-c", f]} for f in ("a.c", "b.c")],
          open(g + "/compile_commands.json", "w"))
PY
(cd "$G" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm base) || FAIL=$((FAIL + 1))
sed -i 's/!= -1/== -1/' "$G/inline.h"             # a changed line in a header
echo 'void added(const char *p) { load_image_targphys(p, 0, 1); }' >>"$G/a.c"
"$RETCHECK" --quiet -p "$G" --changed-since HEAD --format json --output "$WORK/ch.json"
check python3 - "$WORK/ch.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted((f["file"].rsplit("/", 1)[1], f["line"], f["check"]) for f in d["findings"])
assert got == [("a.c", 4, "retcheck-ignored-result"),
               ("inline.h", 2, "retcheck-minus-one-check")], got
assert d["stats"]["skipped"] == 1, d["stats"]   # b.c reads no changed file
PY
"$RETCHECK" -p "$G" --changed-since no-such-rev >/dev/null 2>"$WORK/err"
check test $? = 2
check grep -q "unknown revision" "$WORK/err"
# Where git is missing (CI images), the message says so, not "unknown
# revision"; a shallow clone without the base says how to fetch it; a
# checkout owned by another user (GitHub's container jobs) names
# safe.directory.
mkdir -p "$WORK/nogit"
for tool in sh cat; do ln -s "$(command -v $tool)" "$WORK/nogit/"; done
PATH=$WORK/nogit "$RETCHECK" -p "$G" --changed-since HEAD >/dev/null 2>"$WORK/err"
check test $? = 2
check grep -qF -- "--changed-since HEAD: git is not installed (no 'git' on PATH)" "$WORK/err"
base=$(git -C "$G" rev-parse HEAD)
(cd "$G" && git add -A && git -c user.name=t -c user.email=t@t commit -qm change)
git clone -q --depth 1 "file://$G" "$WORK/shallow"
cp "$G/compile_commands.json" "$WORK/shallow/"
sed -i "s|$G|$WORK/shallow|g" "$WORK/shallow/compile_commands.json"
"$RETCHECK" -p "$WORK/shallow" --changed-since "$base" >/dev/null 2>"$WORK/err"
check test $? = 2
check grep -qF "unknown revision '$base' in $WORK/shallow (a shallow clone: fetch it, git fetch --depth=1 origin $base)" "$WORK/err"
if [ "$(id -u)" = 0 ]; then
  chown -R 1001 "$WORK/shallow"
  GIT_CONFIG_NOSYSTEM=1 HOME=$WORK "$RETCHECK" -p "$WORK/shallow" --changed-since HEAD >/dev/null 2>"$WORK/err"
  check test $? = 2
  check grep -qF "git cannot read the repository at $WORK/shallow: detected dubious ownership" "$WORK/err"
  chown -R 0 "$WORK/shallow"
fi

# --- the source root: the top of the git work tree holding the sources,
# whatever the build directory (QEMU builds beside its source); recorded in
# results and baselines; a baseline made with another root is named
S=$WORK/qemu
mkdir -p "$S/src/hw" "$S/build"
cp "$SRC/fixtures/include/qemu-stubs.h" "$SRC/fixtures/include/qemu-common-stubs.h" "$S/src/"
printf '#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); }\n' >"$S/src/hw/a.c"
printf '#include "qemu-stubs.h"\nint g(const char *p) { return get_image_size(p) == -1; }\n' >"$S/src/hw/b.c"
python3 - "$S" <<'PY'
import json, sys
s = sys.argv[1]
json.dump([{"directory": s + "/build", "file": "../src/hw/" + f, "arguments": ["clang", "-I../src", "-c", "../src/hw/" + f]}
           for f in ("a.c", "b.c")], open(s + "/build/compile_commands.json", "w"))
PY
(cd "$S/src" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm base) || FAIL=$((FAIL + 1))
"$RETCHECK" --quiet -p "$S/build" --format json --output "$WORK/root.json" --write-baseline "$WORK/root-baseline.json"
check test $? = 0
check python3 - "$WORK/root.json" "$WORK/root-baseline.json" "$S/src/" <<'PY'
import json, sys
r, b, top = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
assert r["source_root"] == top and r["source_root_in_repository"] == ".", r["source_root"]
assert sorted(f["relative_file"] for f in r["findings"]) == ["hw/a.c", "hw/b.c"], r["findings"]
assert b["source_root"] == top and b["source_root_in_repository"] == ".", b
PY
"$RETCHECK" -p "$S/build" --baseline "$WORK/root-baseline.json" --format json >"$WORK/out" 2>"$WORK/err"
check test $? = 0
if grep -q "was made with" "$WORK/err"; then echo "FAIL: no warning with the same root"; FAIL=$((FAIL + 1)); fi
# The same tree from the directory above: another root, said so.
"$RETCHECK" -p "$S/build" --source-root "$S" --baseline "$WORK/root-baseline.json" --format json >"$WORK/out" 2>"$WORK/err"
check test $? = 1
check grep -q "warning: --baseline .*root-baseline.json was .*paths start with 'src/'" "$WORK/err"
# report --compare says it too.
"$RETCHECK" --quiet -p "$S/build" --source-root "$S" --format json --output "$WORK/root-above.json"
"$RETCHECK" report --quiet "$WORK/root-above.json" --compare "$WORK/root.json" -o "$WORK/cmp" 2>"$WORK/err"
check grep -q "warning: .*root.json was .*source root" "$WORK/err"
"$RETCHECK" report --quiet "$WORK/root.json" --compare "$WORK/root.json" -o "$WORK/cmp" 2>"$WORK/err"
check test ! -s "$WORK/err"

# --- --changed-since in a merge request: git runs in the sources'
# repository (the build directory is outside it); a change anywhere in the
# call's statement or its test counts; untracked files count; a compile
# error the change cannot reach does not decide the exit code.
cat >"$S/src/hw/c.c" <<'C'
#include "qemu-stubs.h"
int c(const char *p)
{
    int size = load_image_targphys(p,
                                   0, 4096);
    if (size ==
        -1)
        return 1;
    return 0;
}
int d(const char *p)
{
    int x = 1;
    return get_image_size(p) == -1 || x;
}
C
printf '#include "qemu-stubs.h"\n#include "generated-header.h"\nvoid e(const char *p) { get_image_size(p); }\n' >"$S/src/hw/broken.c"
python3 - "$S" <<'PY'
import json, sys
s = sys.argv[1]
json.dump([{"directory": s + "/build", "file": "../src/hw/" + f, "arguments": ["clang", "-I../src", "-c", "../src/hw/" + f]}
           for f in ("a.c", "b.c", "c.c", "broken.c")], open(s + "/build/compile_commands.json", "w"))
PY
(cd "$S/src" && git add -A && git -c user.name=t -c user.email=t@t commit -qm more) || FAIL=$((FAIL + 1))
changed() { "$RETCHECK" --quiet -p "$S/build" --changed-since HEAD --format json --output "$WORK/ch.json" "$@"; }
found() { python3 -c "import json; print(' '.join(sorted('%s:%d' % (f['relative_file'], f['line']) for f in json.load(open('$WORK/ch.json'))['findings'])))"; }
changed; check test $? = 0
check test "$(found)" = ""
sed -i 's/0, 4096);/0, 8192);/' "$S/src/hw/c.c"          # the call's second line
changed; check test $? = 1
check test "$(found)" = "hw/c.c:6"
git -C "$S/src" checkout -q hw/c.c
sed -i 's/^        -1)/        (-1))/' "$S/src/hw/c.c"       # the test's second line
changed; check test $? = 1
check test "$(found)" = "hw/c.c:6"
git -C "$S/src" checkout -q hw/c.c
sed -i 's/int x = 1;/int x = 2;/' "$S/src/hw/c.c"         # the function, not the statement
changed; check test $? = 0
check test "$(found)" = ""
git -C "$S/src" checkout -q hw/c.c
printf '#include "qemu-stubs.h"\nvoid n(const char *p) { get_image_size(p); }\n' >"$S/src/hw/new.c"
python3 - "$S" <<'PY'
import json, sys
s = sys.argv[1]
db = json.load(open(s + "/build/compile_commands.json"))
db.append({"directory": s + "/build", "file": "../src/hw/new.c", "arguments": ["clang", "-I../src", "-c", "../src/hw/new.c"]})
json.dump(db, open(s + "/build/compile_commands.json", "w"))
PY
changed; check test $? = 1                                 # an untracked file
check test "$(found)" = "hw/new.c:2"
# broken.c's missing header makes it a compile error in every run; the
# change does not reach it, so it is only a warning.
changed 2>"$WORK/err"; check test $? = 1
check grep -q "broken.c: warning: compile-error (not counted: the change does not reach" "$WORK/err"
"$RETCHECK" --quiet -p "$S/build" --format json --output "$WORK/ch.json"; check test $? = 3
# git runs where the sources are, even when the root is not in git.
changed --source-root "$S"; check test $? = 1
check test "$(found)" = "src/hw/new.c:2"

echo "ci-formats: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
