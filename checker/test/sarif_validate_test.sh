#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# SARIF that GitHub code scanning and validators accept: Microsoft's SARIF
# multitool (npm @microsoft/sarif-multitool-linux, from
# scripts/install-deps.sh) validates a run with its SARIF and GitHub rule
# sets and must report no error and no warning; then what it cannot check:
# paths with spaces are URI references, every rule carries its
# documentation, columns and fix offsets count code points as the run
# declares (a line after a UTF-8 comment), compile errors are tool execution
# notifications, git provenance names the commit.
#   sarif_validate_test.sh <retcheck> <source dir> [multitool]
set -u
RETCHECK=$1
SRC=$2
MULTITOOL=${3:-/usr/local/share/retcheck-test/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
. "$(dirname "$0")/testlib.sh"

T=$WORK/tree
mkdir -p "$T/hw dir"
cp "$SRC/fixtures/include/"*.h "$T/"
# A name with a space, and a fix after multi-byte characters on the line
# and above it.
printf '%s\n' '// résumé — 😀 UTF-8 text before the finding' '#include "qemu-stubs.h"' \
  'int load(const char *path)' '{' '    int size = load_image_targphys(path, 0, 4096);' \
  '    /* éé — 😀 */ if (size == -1)' '        return 1;' '    return 0;' '}' >"$T/hw dir/load image.c"
printf '#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); undeclared(); }\n' >"$T/broken.c"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
json.dump([{"directory": t, "file": f, "arguments": ["clang", "-I" + t, "-c", f]}
           for f in ("hw dir/load image.c", "broken.c")], open(t + "/compile_commands.json", "w"))
PY
(cd "$T" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm t) || bad "git repository"

expect_exit 3 "SARIF run with a compile error" -- "$RETCHECK" -p "$T" --format sarif --output "$WORK/r.sarif" \
  --docs-url https://example.org/retcheck/docs/checks/

if [ -x "$MULTITOOL" ]; then
  "$MULTITOOL" validate --rule-kind "Sarif;Gh" --config "$SRC/checker/test/sarif-multitool.xml" \
    --level "Error;Warning;Note" -o "$WORK/validation.sarif" "$WORK/r.sarif" >"$WORK/multitool.log" 2>&1
  python3 - "$WORK/validation.sarif" <<'PY' && ok || { bad "the multitool reports errors or warnings"; sed 's/^/  | /' "$WORK/multitool.log" | head -30; }
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
levels = {}
for r in results:
    levels.setdefault(r.get("level", "warning"), set()).add(r["ruleId"])
print("  multitool:", {k: sorted(v) for k, v in sorted(levels.items())})
assert not levels.get("error") and not levels.get("warning"), levels
PY
else
  bad "the SARIF multitool is missing ($MULTITOOL): run scripts/install-deps.sh"
fi

python3 - "$WORK/r.sarif" "$T" "$(git -C "$T" rev-parse HEAD)" <<'PY' && ok || bad "SARIF content"
import json, sys, urllib.parse
doc, tree, head = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
run = doc["runs"][0]
assert run["columnKind"] == "unicodeCodePoints", run["columnKind"]
rules = run["tool"]["driver"]["rules"]
assert len(rules) == 6
for r in rules:
    assert r["name"] != r["id"] and r["name"][0].isupper(), r["name"]
    for key in ("shortDescription", "fullDescription"):
        assert r[key]["text"], (r["id"], key)
    assert r["help"]["text"] and r["help"]["markdown"].startswith("# " + r["id"]), r["id"]
    assert r["helpUri"] == "https://example.org/retcheck/docs/checks/" + r["id"] + ".md", r["helpUri"]

results = run["results"]
minus = [x for x in results if x["ruleId"] == "retcheck-minus-one-check"]
assert minus, results
loc = minus[0]["locations"][0]["physicalLocation"]
uri = loc["artifactLocation"]["uri"]
assert uri == "hw%20dir/load%20image.c", uri
assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
# Columns and offsets in code points: the text they name is the operator.
path = tree + "/" + urllib.parse.unquote(uri)
text = open(path, encoding="utf-8").read()
line = text.split("\n")[loc["region"]["startLine"] - 1]
col = loc["region"]["startColumn"]
assert line[col - 1:col + 1] == "==", (line, col)
fix = minus[0]["fixes"][0]["artifactChanges"][0]
assert fix["artifactLocation"]["uri"] == uri
rep = fix["replacements"][0]
region = rep["deletedRegion"]
deleted = text[region["charOffset"]:region["charOffset"] + region["charLength"]]
assert deleted.startswith("==") and rep["insertedContent"]["text"] == "< 0", (deleted, rep)

inv = run["invocations"][0]
assert inv["executionSuccessful"] is False
notes = inv["toolExecutionNotifications"]
assert [n["descriptor"]["id"] for n in notes] == ["compile-error"], notes
assert notes[0]["level"] == "error" and "undeclared" in notes[0]["message"]["text"]
assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.c"

vcp = run["versionControlProvenance"][0]
assert vcp["revisionId"] == head, vcp
assert vcp["repositoryUri"].startswith("file:///"), vcp
assert vcp["mappedTo"]["uriBaseId"] == "%SRCROOT%"
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + urllib.parse.quote(tree) + "/"
PY

# A root below the top of the work tree: %SRCROOT% is a place in the
# repository (%REPOROOT%), and still valid SARIF.
"$RETCHECK" --quiet -p "$T" --source-root "$T/hw dir" --format sarif --output "$WORK/sub.sarif" \
  --docs-url https://example.org/retcheck/docs/checks/
sarif_validates "$WORK/sub.sarif" "a root below the top"
python3 - "$WORK/sub.sarif" "$T" <<'PY' && ok || bad "a root below the top of the work tree"
import json, sys, urllib.parse
run, tree = json.load(open(sys.argv[1]))["runs"][0], sys.argv[2]
bases = run["originalUriBaseIds"]
assert bases["%SRCROOT%"] == {"uri": "hw%20dir/", "uriBaseId": "%REPOROOT%"}, bases
assert bases["%REPOROOT%"]["uri"] == "file://" + urllib.parse.quote(tree) + "/", bases
assert run["versionControlProvenance"][0]["mappedTo"]["uriBaseId"] == "%REPOROOT%"
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert "load%20image.c" in uris, uris
PY

# Without --docs-url (and no default built in): no helpUri and no file://
# URI of this machine's docs, which code scanning could not open; each
# rule still carries its page as help.
"$RETCHECK" --quiet -p "$T" --format sarif --output "$WORK/nodocs.sarif"
python3 - "$WORK/nodocs.sarif" <<'PY' && ok || bad "no helpUri without --docs-url"
import json, sys
driver = json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]
assert "informationUri" not in driver, driver.get("informationUri")
for r in driver["rules"]:
    assert "helpUri" not in r, r["helpUri"]
    assert r["help"]["markdown"].startswith("# " + r["id"]), r["id"]
PY
# The multitool's SARIF2005 (a warning of the SARIF rules; GitHub's own
# rules accept it) asks for the tool's informationUri, which retcheck
# cannot give without a published address.
sarif_validates "$WORK/nodocs.sarif" "SARIF without --docs-url" SARIF2005
grep -q "SARIF2005.*informationUri" "$WORK/multitool.log" && ok || bad "without --docs-url, only informationUri is missing"

# Outside git: no provenance, the root as before.
rm -rf "$T/.git"
"$RETCHECK" --quiet -p "$T" --format sarif --output "$WORK/nogit.sarif"
python3 -c "
import json; run = json.load(open('$WORK/nogit.sarif'))['runs'][0]
assert 'versionControlProvenance' not in run" && ok || bad "no provenance outside git"

finish sarif-validate
