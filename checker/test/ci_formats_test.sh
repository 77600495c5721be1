#!/usr/bin/env bash
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

echo "ci-formats: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
