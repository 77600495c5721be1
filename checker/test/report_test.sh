#!/usr/bin/env bash
# `retcheck report` end to end, on real retcheck results of the fixtures and
# examples/board: shards merge into the unsharded run, comparison after real
# edits, corrupt and foreign inputs, --keep-going, escaping, no URLs, and
# Markdown snapshots (checker/test/report/*.md; RETCHECK_UPDATE_SNAPSHOTS=1
# rewrites them).
#   report_test.sh <retcheck> <source dir>
set -u
RETCHECK=$1
SRC=$2
SNAPSHOTS=$SRC/checker/test/report
. "$(dirname "$0")/testlib.sh"
check() { if "$@"; then ok; else bad "$*"; fi; }
has() { grep -qF -- "$2" "$1" || { echo "  '$2' not in $1:"; head -5 "$1" | sed 's/^/  | /'; false; }; }
hasnt() { ! grep -qF -- "$2" "$1" || { echo "  '$2' in $1"; false; }; }
snapshot() { # NAME FILE: FILE equals checker/test/report/NAME
  if [ -n "${RETCHECK_UPDATE_SNAPSHOTS:-}" ]; then cp "$2" "$SNAPSHOTS/$1"; fi
  diff -u "$SNAPSHOTS/$1" "$2"
}
REPORT() { "$RETCHECK" report --quiet "$@"; }

# A tree of every C fixture, spread over directories.
TREE=$WORK/tree
python3 "$SRC/checker/test/make_fixture_tree.py" "$TREE" "$SRC" --dirs hw/mips,hw/arm,util
R() { "$RETCHECK" --quiet -p "$TREE" "$@"; }
R --format json --output "$WORK/all.json"

# --- shards of one run merge into exactly the unsharded run
for k in 1 2 3; do R --shard "$k/3" --format json --output "$WORK/s$k.json"; done
expect_exit 0 "shards" -- REPORT "$WORK/s1.json" "$WORK/s2.json" "$WORK/s3.json" -o "$WORK/shards"
expect_exit 0 "unsharded" -- REPORT "$WORK/all.json" -o "$WORK/full"
check python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
full = json.load(open(w + "/all.json"))
merged = json.load(open(w + "/shards/merged.json"))
shards = [json.load(open(f"{w}/s{k}.json")) for k in (1, 2, 3)]
assert all(s["findings"] for s in shards), "every shard should have findings"
assert all(s["source_root"] == full["source_root"] for s in shards)
assert len(merged["trees"]) == 1 and merged["source_root"] == full["source_root"]
strip = lambda fs: [{k: v for k, v in f.items() if k != "tree"} for f in fs]
assert strip(merged["findings"]) == full["findings"], "merged shards != unsharded run"
for key in ("translation_units", "files", "failed", "findings"):
    assert merged["stats"][key] == full["stats"][key], key
dirs = {f["relative_file"].rsplit("/", 1)[0] for f in full["findings"]}
assert dirs == {"hw/mips", "hw/arm", "util"}, dirs
PY
check cmp "$WORK/shards/summary.md" "$WORK/full/summary.md"
# Merging a merged result again, or the same shard twice, changes nothing.
expect_exit 0 "merged again" -- REPORT "$WORK/shards/merged.json" "$WORK/s1.json" -o "$WORK/again"
check cmp "$WORK/again/summary.md" "$WORK/full/summary.md"

# --- corrupt, foreign and unreadable inputs: named, exit 2, nothing written
head -c 300 "$WORK/s2.json" >"$WORK/corrupt.json"
expect_exit 2 "corrupt input" -- REPORT "$WORK/s1.json" "$WORK/corrupt.json" "$WORK/s3.json" -o "$WORK/bad"
check has "$WORK/err" "error: $WORK/corrupt.json: invalid JSON at byte 301"
check has "$WORK/err" "--keep-going"
check test -z "$(ls -A "$WORK/bad")"   # nothing written, no temporary left
echo '{"version": 1, "tool": "retcheck", "x": 1e309}' >"$WORK/hugenumber.json"
expect_exit 2 "a number out of range" -- REPORT "$WORK/hugenumber.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/hugenumber.json: invalid JSON number overflow parsing '1e309'"
R --format sarif --output "$WORK/r.sarif"
expect_exit 2 "SARIF input" -- REPORT "$WORK/r.sarif" -o "$WORK/bad"
check has "$WORK/err" "$WORK/r.sarif: a SARIF log, not a retcheck result"
R --format codequality --output "$WORK/cq.json"
expect_exit 2 "Code Quality input" -- REPORT "$WORK/cq.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/cq.json: a GitLab Code Quality report, not a retcheck result"
python3 -c "
import json; d = json.load(open('$WORK/all.json')); del d['findings'][2]['line']
json.dump(d, open('$WORK/noline.json', 'w'))"
expect_exit 2 "missing field" -- REPORT "$WORK/noline.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/noline.json: findings[2]: missing field 'line'"
sed 's/"version": 1/"version": 7/' "$WORK/all.json" >"$WORK/v7.json"
expect_exit 2 "version 7" -- REPORT "$WORK/v7.json" -o "$WORK/bad"
check has "$WORK/err" "retcheck result version 7; this retcheck reads version 1"
expect_exit 2 "missing file" -- REPORT "$WORK/missing.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/missing.json: no such file"
expect_exit 6 "unwritable -o" -- REPORT "$WORK/all.json" -o /proc/version/out
check has "$WORK/err" "cannot create '/proc/version/out'"
expect_exit 2 "no -o" -- "$RETCHECK" report "$WORK/all.json"

# --- --keep-going: the rest is merged, the dropped file named, exit 3
expect_exit 3 "--keep-going" -- REPORT --keep-going "$WORK/s1.json" "$WORK/corrupt.json" "$WORK/r.sarif" \
  "$WORK/s2.json" "$WORK/s3.json" -o "$WORK/kept"
check has "$WORK/err" "warning: dropped $WORK/corrupt.json: invalid JSON"
check has "$WORK/err" "warning: dropped $WORK/r.sarif: a SARIF log"
check python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
full = json.load(open(w + "/all.json"))
kept = json.load(open(w + "/kept/merged.json"))
assert [f["fingerprint"] for f in kept["findings"]] == [f["fingerprint"] for f in full["findings"]]
assert kept["trees"][0]["inputs"] == [f"{w}/s{k}.json" for k in (1, 2, 3)], kept["trees"]
PY
check has "$WORK/kept/report.html" "2 inputs were not merged"
check has "$WORK/kept/report.html" "$WORK/corrupt.json: invalid JSON at byte 301"
check has "$WORK/kept/summary.md" "**Not merged** (--keep-going): 2 inputs."
# --keep-going with nothing readable is still an error.
expect_exit 2 "--keep-going, nothing readable" -- REPORT --keep-going "$WORK/corrupt.json" -o "$WORK/none"
check has "$WORK/err" "no input could be read"

# --- comparison after real edits of a copy: a moved finding is unchanged,
# a fixed one fixed, a new call new
NEW=$WORK/tree2
python3 "$SRC/checker/test/make_fixture_tree.py" "$NEW" "$SRC" --dirs hw/mips,hw/arm,util
rel() { (cd "$NEW" && find . -name "$1" | sed 's|^\./||'); }
moved=$(rel ignored-result-statement.c)
fixed=$(rel direct-minus-one.c)
added=$(rel escape-return.c)
{ printf '/* two new lines\n   move every finding */\n'; cat "$NEW/$moved"; } >"$WORK/moved.c"
mv "$WORK/moved.c" "$NEW/$moved"
"$RETCHECK" --quiet --fix -p "$NEW" "$NEW/$fixed" >/dev/null
echo 'int added_later(const char *p) { return get_image_size(p) == -1; }' >>"$NEW/$added"
"$RETCHECK" --quiet -p "$NEW" --format json --output "$WORK/new.json"
expect_exit 0 "--compare" -- REPORT "$WORK/new.json" --compare "$WORK/all.json" -o "$WORK/cmp"
check python3 - "$WORK" "$moved" "$fixed" "$added" "$(wc -l <"$NEW/$added")" <<'PY'
import json, re, sys
w, moved, fixed, added, added_line = sys.argv[1:6]
old = json.load(open(w + "/all.json"))["findings"]
new = json.load(open(w + "/new.json"))["findings"]
html = open(w + "/cmp/report.html").read()
status = {fp: st for st, fp in
          re.findall(r'data-status="(\w+)" data-fingerprint="(\w+)"', html)}
want_fixed = {f["fingerprint"] for f in old if f["relative_file"] == fixed and f["fixes"]}
want_new = {f["fingerprint"] for f in new
            if f["relative_file"] == added and f["line"] == int(added_line)}
assert want_fixed and len(want_new) == 1, (want_fixed, want_new)
got = lambda s: {fp for fp, st in status.items() if st == s}
assert got("fixed") == want_fixed, got("fixed")
assert got("new") == want_new, got("new")
assert got("unchanged") == {f["fingerprint"] for f in new} - want_new
# The moved findings are unchanged although every line number differs.
before = sorted(f["line"] for f in old if f["relative_file"] == moved)
after = sorted(f["line"] for f in new if f["relative_file"] == moved)
assert before and after == [l + 2 for l in before], (before, after)
assert all(status[f["fingerprint"]] == "unchanged" for f in new if f["relative_file"] == moved)
counts = dict(re.findall(r'data-count="(\w+)">(\d*)<', html))
assert counts == {"findings": str(len(new)), "new": "1", "fixed": str(len(want_fixed)),
                  "unchanged": str(len(new) - 1)}, counts
PY
check has "$WORK/cmp/summary.md" "| new | 1 |"
check has "$WORK/cmp/summary.md" "| \`$added:$(wc -l <"$NEW/$added")\` | \`retcheck-minus-one-check\` |"
# Several trees compare by label; an older tree that no input has is an error.
expect_exit 0 "--compare by label" -- REPORT "fixtures=$WORK/new.json" "other=$WORK/s1.json" \
  --compare "fixtures=$WORK/all.json" -o "$WORK/cmp2"
check has "$WORK/cmp2/summary.md" "Compared with: fixtures ← fixtures;"
expect_exit 2 "--compare, unknown label" -- REPORT "a=$WORK/new.json" "b=$WORK/s1.json" --compare "c=$WORK/all.json" -o "$WORK/bad"
check has "$WORK/err" "the older results hold tree 'c', which no input has"
expect_exit 2 "--compare, corrupt" -- REPORT "$WORK/new.json" --compare "$WORK/corrupt.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/corrupt.json: invalid JSON"

# --- sources that changed or went away after the analysis are said so
stale=$(python3 -c "
import json; print(json.load(open('$WORK/all.json'))['findings'][0]['relative_file'])")
sed -i '1i /* an edit after the analysis */' "$TREE/$stale"
gone=$(python3 -c "
import json; fs = json.load(open('$WORK/all.json'))['findings']
print([f['relative_file'] for f in fs if f['relative_file'] != '$stale'][-1])")
rm "$TREE/$gone"
expect_exit 0 "changed sources" -- REPORT "$WORK/all.json" -o "$WORK/stale"
check python3 - "$WORK" "$stale" "$gone" <<'PY'
import json, sys
w, stale, gone = sys.argv[1:4]
fs = json.load(open(w + "/all.json"))["findings"]
html = open(w + "/stale/report.html").read()
n = lambda rel: sum(f["relative_file"] == rel for f in fs)
assert html.count("source changed since the analysis") == n(stale), html.count("source changed")
assert html.count("source not found: ") == n(gone)
assert html.count('class="ctx') > 0   # the other files still show their source
PY

# --- escaping: a message and a label with markup are text, not markup
python3 -c "
import json; d = json.load(open('$WORK/all.json'))
d['findings'][0]['message'] = '<script>alert(1)</script><img src=x onerror=alert(2)>'
json.dump(d, open('$WORK/hostile.json', 'w'))"
expect_exit 0 "markup in a message" -- REPORT "x<b>y=$WORK/hostile.json" --title 'T <i>' -o "$WORK/hostile"
check has "$WORK/hostile/report.html" "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
check hasnt "$WORK/hostile/report.html" "<script>alert"
check hasnt "$WORK/hostile/report.html" "<img"
check hasnt "$WORK/hostile/report.html" "<b>y"
check has "$WORK/hostile/report.html" "<title>T &lt;i&gt;</title>"
check has "$WORK/hostile/summary.md" "| tree | x&lt;b&gt;y |"

# --- no page loads anything: no URL at all, and a policy that forbids it
for html in "$WORK"/*/report.html; do
  check hasnt "$html" "http://"
  check hasnt "$html" "https://"
  check hasnt "$html" "//cdn"
  check has "$html" "default-src 'none'"
done

# --- Markdown snapshots from real runs on examples/board and fixtures
cp -r "$SRC/examples/board" "$WORK/board"
"$RETCHECK" --quiet --format json --output "$WORK/board.json" \
  "$WORK/board/hw/board.c" "$WORK/board/hw/device.c" -- -I"$WORK/board/include"
SNAP=$WORK/snap
python3 "$SRC/checker/test/make_fixture_tree.py" "$SNAP" "$SRC" --dirs hw/mips,hw/arm \
  direct-minus-one.c loops.c ignored-result-statement.c lossy-store-uint64.c \
  compound-and-or.c assign-in-condition.c escape-return.c
"$RETCHECK" --quiet -p "$SNAP" --format json --output "$WORK/snap-old.json"
sed -i 's/== -1/< 0/' "$SNAP/hw/mips/direct-minus-one.c"
echo 'void added_later(const char *p) { get_image_size(p); }' >>"$SNAP/hw/mips/escape-return.c"
"$RETCHECK" --quiet -p "$SNAP" --format json --output "$WORK/snap-new.json"
expect_exit 0 "snapshot: board" -- REPORT "$WORK/board.json" -o "$WORK/md1"
check snapshot examples-board.md "$WORK/md1/summary.md"
expect_exit 0 "snapshot: side by side" -- REPORT "board=$WORK/board.json" "fixtures=$WORK/snap-new.json" \
  --title "Two trees side by side" -o "$WORK/md2"
check snapshot side-by-side.md "$WORK/md2/summary.md"
expect_exit 0 "snapshot: compare" -- REPORT "$WORK/snap-new.json" --compare "$WORK/snap-old.json" \
  --title "Fixtures against their older run" -o "$WORK/md3"
check snapshot compare.md "$WORK/md3/summary.md"
expect_exit 0 "snapshot: --max-findings" -- REPORT "$WORK/snap-new.json" --max-findings 2 -o "$WORK/md4"
check snapshot max-findings.md "$WORK/md4/summary.md"

finish report
