#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The HTML report in a real browser (Debian's chromium, driven headless by
# playwright-core): a report of two trees compared with an older run, one
# finding's message carrying markup, checked by report_browser_test.js; the
# screenshot is kept for people to look at. Then two broken copies of the
# page, which the same check must reject (it can fail).
#   report_browser_test.sh <retcheck> <source dir> <screenshot.png>
set -u
RETCHECK=$1
SRC=$2
SHOT=$3
WORK=$(mktemp -d /tmp/retcheck-browser-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CHECK="node $SRC/checker/test/report_browser_test.js"

# Two trees (fixtures spread over directories, examples/board); the fixture
# tree edited after its first run: a fix applied, a call added, a -1 test
# turned into a lossy store at the same call (changed). Both trees are
# grouped by the sections of a MAINTAINERS file.
python3 "$SRC/checker/test/make_fixture_tree.py" "$WORK/tree" "$SRC" --dirs hw/mips,hw/arm,util
"$RETCHECK" --quiet -p "$WORK/tree" --format json --output "$WORK/old.json"
in_tree() { find "$WORK/tree" -name "$1"; }
"$RETCHECK" --quiet --fix -p "$WORK/tree" "$(in_tree direct-minus-one.c)" >/dev/null
echo 'void added_later(const char *p) { get_image_size(p); }' >>"$(in_tree loops.c)"
sed -i '0,/int64_t size = get_image_size(path);/s//size_t size = get_image_size(path);/' \
  "$(in_tree minus-one-or-sizeof.c)"
cat >"$WORK/tree/MAINTAINERS" <<'EOF'
All patches CC here
F: */

MIPS
F: hw/mips/
X: hw/mips/loops.c

ARM
F: hw/arm
EOF
"$RETCHECK" --quiet -p "$WORK/tree" --format json --output "$WORK/new.json"
python3 - "$WORK/new.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["findings"][0]["message"] = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# Two notes that rank low, which the page folds below the warnings.
for i, rank in ((1, 20), (2, 35)):
    d["findings"][i].update(severity="note", rank=rank)
json.dump(d, open(sys.argv[1], "w"))
PY
cp -r "$SRC/examples/board" "$WORK/board"
"$RETCHECK" --quiet --format json --output "$WORK/board.json" \
  "$WORK/board/hw/board.c" "$WORK/board/hw/device.c" -- -I"$WORK/board/include"
"$RETCHECK" report --quiet "fixtures=$WORK/new.json" "board=$WORK/board.json" \
  --compare "fixtures=$WORK/old.json" --title "retcheck: fixtures and board" \
  --maintainers "$WORK/tree/MAINTAINERS" -o "$WORK/out" || exit 1
# The older run's report names the same sections: a fixed finding's row
# shows its section too.
"$RETCHECK" report --quiet "fixtures=$WORK/old.json" \
  --maintainers "$WORK/tree/MAINTAINERS" -o "$WORK/old" || exit 1

$CHECK "$WORK/out" "$SHOT" "$WORK/old/merged.json" || exit 1

# The check must reject a page that lost a row, and one with a script error.
fails_on() { # NAME SED-SCRIPT
  mkdir -p "$WORK/$1" && cp "$WORK/out/merged.json" "$WORK/$1/"
  sed "$2" "$WORK/out/report.html" >"$WORK/$1/report.html"
  if cmp -s "$WORK/out/report.html" "$WORK/$1/report.html"; then
    echo "FAIL: the $1 copy is not broken"; return 1
  fi
  if $CHECK "$WORK/$1" "$WORK/$1.png" "$WORK/old/merged.json" >"$WORK/$1.log" 2>&1; then
    echo "FAIL: the check passed a page with $1"; return 1
  fi
  echo "ok: the check rejects a page with $1 ($(grep -c '^FAIL' "$WORK/$1.log") failures)"
}
fails_on "a-missing-row" '/^<tr class="finding" id="f3" /d' || exit 1
fails_on "a-script-error" 's|^<script>$|<script>undefinedFunction();</script><script>|' || exit 1
echo "screenshot: $SHOT"
