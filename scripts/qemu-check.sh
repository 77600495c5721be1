#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# qemu-check.sh BUILD_DIR EXPECTED [RETCHECK [PLUGIN [CLANG_TIDY]]]
#
# Accuracy check on a real QEMU tree (see scripts/qemu-corpus.sh): runs
# retcheck over every hw/ translation unit of BUILD_DIR/compile_commands.json
# and compares the findings with EXPECTED (one line per finding, line numbers
# left out so that a newer Debian revision of the same release still
# compares): "path|check|function|enclosing function". Then runs the
# clang-tidy module on the files with findings and requires the same
# findings as the CLI. Prints what differs; exits 1 if anything does.
set -euo pipefail
BUILD=$1
EXPECTED=$2
HERE=$(cd "$(dirname "$0")/.." && pwd)
RETCHECK=${3:-$HERE/build/checker/retcheck}
PLUGIN=${4:-$HERE/build/checker/libretcheck-tidy.so}
TIDY=${5:-clang-tidy-19}
WORK=$(mktemp -d /tmp/retcheck-qemu-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

SRC=$(python3 - "$BUILD" "$WORK/hw.txt" <<'PY'
import json, os, sys
db = json.load(open(os.path.join(sys.argv[1], "compile_commands.json")))
files = sorted({os.path.normpath(os.path.join(e["directory"], e["file"])) for e in db})
open(sys.argv[2], "w").write("\n".join(f for f in files if "/hw/" in f) + "\n")
print(os.path.commonpath([f for f in files if "/hw/" in f]).rsplit("/hw", 1)[0])
PY
)
echo "qemu-check: $(wc -l <"$WORK/hw.txt") hw/ files under $SRC"

mapfile -t HW <"$WORK/hw.txt"
set +e
"$RETCHECK" --quiet --format json --output "$WORK/cli.json" -p "$BUILD" "${HW[@]}"
status=$?
set -e
[ "$status" -le 1 ] || { echo "retcheck failed with exit status $status"; exit 1; }

python3 - "$WORK/cli.json" "$SRC" "$EXPECTED" "$WORK/files.txt" <<'PY'
import collections, json, os, sys
result, src, expected_path, files_out = sys.argv[1:5]
d = json.load(open(result))
got = collections.Counter()
files = set()
for f in d["findings"]:
    rel = os.path.relpath(f["file"], src)
    got["|".join((rel, f["check"], f["function"], f["enclosing_function"]))] += 1
    files.add(f["file"])
    print(f"  {rel}:{f['line']}:{f['column']}: {f['check']}: {f['message']}")
want = collections.Counter(l.strip() for l in open(expected_path)
                           if l.strip() and not l.startswith("#"))
open(files_out, "w").write("\n".join(sorted(files)) + "\n")
missing, extra = want - got, got - want
for k in sorted(missing.elements()):
    print("MISSING (expected, not reported):", k)
for k in sorted(extra.elements()):
    print("NEW (reported, not expected):", k)
print(f"qemu-check: {sum(got.values())} findings on hw/, {len(missing)} missing, {len(extra)} new")
sys.exit(1 if missing or extra else 0)
PY

# The clang-tidy module must say the same on the same files.
fail=0
while read -r file; do
  [ -n "$file" ] || continue
  # clang-tidy prints paths as the database spells them (relative to the
  # entry's directory); the CLI prints them absolute.
  "$TIDY" --load="$PLUGIN" -checks='-*,retcheck-*' -p "$BUILD" --quiet "$file" 2>/dev/null |
    python3 -c "
import os, re, sys
for line in sys.stdin:
    m = re.match(r'^(.*):(\d+):(\d+): warning: (.*) \[(retcheck-[a-z-]+)\]$', line.rstrip())
    if m:
        path = os.path.normpath(os.path.join('$BUILD', m[1]))
        print(f'{path}:{m[2]}:{m[3]}:{m[5]}:{m[4]}')" | sort -u >"$WORK/tidy.txt"
  "$RETCHECK" --quiet --format json -p "$BUILD" "$file" >"$WORK/one.json" || true
  python3 -c "
import json,sys
for f in json.load(open('$WORK/one.json'))['findings']:
    print(f\"{f['file']}:{f['line']}:{f['column']}:{f['check']}:{f['message']}\")" | sort -u >"$WORK/cli.txt"
  if ! diff -u "$WORK/cli.txt" "$WORK/tidy.txt" >"$WORK/diff.txt"; then
    echo "clang-tidy module differs from the CLI on $file:"; cat "$WORK/diff.txt"; fail=1
  fi
done <"$WORK/files.txt"
echo "qemu-check: clang-tidy module on $(grep -c . "$WORK/files.txt") files: $([ $fail = 0 ] && echo same findings as the CLI || echo DIFFERENT)"
exit $fail
