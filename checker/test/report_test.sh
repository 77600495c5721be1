#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
# a fixed one fixed, a new call new, and a finding whose check changed at the
# same call (QEMU's smbios.c: `int size == -1` in 7.2, `size_t size` in 10.0)
# changed
NEW=$WORK/tree2
python3 "$SRC/checker/test/make_fixture_tree.py" "$NEW" "$SRC" --dirs hw/mips,hw/arm,util
rel() { (cd "$NEW" && find . -name "$1" | sed 's|^\./||'); }
moved=$(rel ignored-result-statement.c)
fixed=$(rel direct-minus-one.c)
added=$(rel escape-return.c)
kind=$(rel minus-one-or-sizeof.c)
{ printf '/* two new lines\n   move every finding */\n'; cat "$NEW/$moved"; } >"$WORK/moved.c"
mv "$WORK/moved.c" "$NEW/$moved"
"$RETCHECK" --quiet --fix -p "$NEW" "$NEW/$fixed" >/dev/null
echo 'int added_later(const char *p) { return get_image_size(p) == -1; }' >>"$NEW/$added"
# read_header's `int64_t size` becomes a size_t: its -1 test is now a lossy
# store at the call, one line up.
sed -i '0,/int64_t size = get_image_size(path);/s//size_t size = get_image_size(path);/' "$NEW/$kind"
"$RETCHECK" --quiet -p "$NEW" --format json --output "$WORK/new.json"
expect_exit 0 "--compare" -- "$RETCHECK" report "$WORK/new.json" --compare "$WORK/all.json" -o "$WORK/cmp"
check has "$WORK/err" "; 1 new, 1 changed, "
check python3 - "$WORK" "$moved" "$fixed" "$added" "$(wc -l <"$NEW/$added")" "$kind" <<'PY'
import json, re, sys
w, moved, fixed, added, added_line, kind = sys.argv[1:7]
old = json.load(open(w + "/all.json"))["findings"]
new = json.load(open(w + "/new.json"))["findings"]
merged = json.load(open(w + "/cmp/merged.json"))
html = open(w + "/cmp/report.html").read()
status = {fp: st for st, fp in
          re.findall(r'data-status="(\w+)" data-fingerprint="(\w+)"', html)}
want_fixed = {f["fingerprint"] for f in old if f["relative_file"] == fixed and f["fixes"]}
want_new = {f["fingerprint"] for f in new
            if f["relative_file"] == added and f["line"] == int(added_line)}
# The changed finding and the one it replaces: same file, function and
# enclosing function, another check.
was = [f for f in old if f["relative_file"] == kind and f["enclosing_function"] == "read_header"]
now = [f for f in new if f["relative_file"] == kind and f["enclosing_function"] == "read_header"]
assert [f["check"] for f in was] == ["retcheck-minus-one-check"], was
assert [f["check"] for f in now] == ["retcheck-lossy-store"], now
want_changed = {now[0]["fingerprint"]}
assert want_fixed and len(want_new) == 1, (want_fixed, want_new)
got = lambda s: {fp for fp, st in status.items() if st == s}
assert got("fixed") == want_fixed, got("fixed")
assert got("new") == want_new, got("new")
assert got("changed") == want_changed, got("changed")
assert got("unchanged") == {f["fingerprint"] for f in new} - want_new - want_changed
assert was[0]["fingerprint"] not in status, "the replaced finding is not listed as fixed"
# The page says what it was.
row = re.search(r'<tr class="finding"[^>]*data-status="changed".*?</tr>', html).group(0)
assert f'was <code>minus-one-check</code> at line {was[0]["line"]}' in row, row
# The moved findings are unchanged although every line number differs.
before = sorted(f["line"] for f in old if f["relative_file"] == moved)
after = sorted(f["line"] for f in new if f["relative_file"] == moved)
assert before and after == [l + 2 for l in before], (before, after)
assert all(status[f["fingerprint"]] == "unchanged" for f in new if f["relative_file"] == moved)
counts = dict(re.findall(r'data-count="(\w+)">(\d*)<', html))
assert counts == {"findings": str(len(new)), "new": "1", "changed": "1",
                  "fixed": str(len(want_fixed)), "unchanged": str(len(new) - 2)}, counts
# merged.json: each finding's status, the older finding of a changed one,
# the fixed ones per tree.
by_fp = {f["fingerprint"]: f for f in merged["findings"]}
assert {fp: f["status"] for fp, f in by_fp.items()} == \
    {fp: st for fp, st in status.items() if st != "fixed"}, "merged.json statuses"
assert by_fp[now[0]["fingerprint"]]["previous"] == was[0], by_fp[now[0]["fingerprint"]]
cmp = merged["trees"][0]["comparison"]
assert (cmp["new"], cmp["changed"], cmp["fixed"]) == (1, 1, len(want_fixed)), cmp
assert {f["fingerprint"] for f in cmp["fixed_findings"]} == want_fixed
PY
check has "$WORK/cmp/summary.md" "| new | 1 |"
check has "$WORK/cmp/summary.md" "| changed | 1 |"
check has "$WORK/cmp/summary.md" "| \`$added:$(wc -l <"$NEW/$added")\` | \`retcheck-minus-one-check\` |"
check has "$WORK/cmp/summary.md" "#### Changed findings"
check has "$WORK/cmp/summary.md" "| \`$kind:11\` | \`retcheck-lossy-store\` | \`retcheck-minus-one-check\` at line 12 | \`get_image_size\` | \`read_header\` |"
# Several trees compare by label; an older tree that no input has is an error.
expect_exit 0 "--compare by label" -- REPORT "fixtures=$WORK/new.json" "other=$WORK/s1.json" \
  --compare "fixtures=$WORK/all.json" -o "$WORK/cmp2"
check has "$WORK/cmp2/summary.md" "Compared with: fixtures ← fixtures;"
expect_exit 2 "--compare, unknown label" -- REPORT "a=$WORK/new.json" "b=$WORK/s1.json" --compare "c=$WORK/all.json" -o "$WORK/bad"
check has "$WORK/err" "the older results hold tree 'c', which no input has"
expect_exit 2 "--compare, corrupt" -- REPORT "$WORK/new.json" --compare "$WORK/corrupt.json" -o "$WORK/bad"
check has "$WORK/err" "$WORK/corrupt.json: invalid JSON"

# --- links, only when asked for: every location, percent-encoded
GL='https://gitlab.com/qemu-project/qemu/-/blob/{rev}/{path}#L{line}'
python3 -c "
import json; d = json.load(open('$WORK/all.json'))
d['findings'][0]['relative_file'] = 'hw/a b\"<x>#.c'
json.dump(d, open('$WORK/oddpath.json', 'w'))"
expect_exit 0 "--link-template" -- REPORT "$WORK/oddpath.json" --link-template "$GL" \
  --link-rev v7.2.0 -o "$WORK/linked"
check python3 - "$WORK" <<'PY'
import html, json, re, sys
w = sys.argv[1]
fs = json.load(open(w + "/oddpath.json"))["findings"]
page = open(w + "/linked/report.html").read()
links = [html.unescape(u) for u in
         re.findall(r'<td class="path"[^>]*><a href="([^"]*)" rel="noopener noreferrer"', page)]
base = "https://gitlab.com/qemu-project/qemu/-/blob/v7.2.0/"
want = [f"{base}{f['relative_file']}#L{f['line']}" for f in fs[1:]]
odd = f"{base}hw/a%20b%22%3Cx%3E%23.c#L{fs[0]['line']}"
# The page lists findings by rank, the JSON by file and line.
assert sorted(links) == sorted([odd] + want), (links[:3], want[:3])
merged = json.load(open(w + "/linked/merged.json"))
assert sorted(f["link"] for f in merged["findings"]) == sorted(links)
md = open(w + "/linked/summary.md").read()
assert any(f"| [`{f['relative_file']}:{f['line']}`]({u}) |" in md
           for f, u in zip(fs[1:], want)), md
PY
# Compared: the older run's fixed findings link to its own revision only.
expect_exit 0 "links, compared" -- REPORT "new=$WORK/new.json" --compare "old=$WORK/all.json" \
  --link-template "$GL" --link-rev new=N1 --link-rev old=O1 -o "$WORK/linked-cmp"
expect_exit 0 "links, compared, one revision" -- REPORT "$WORK/new.json" --compare "$WORK/all.json" \
  --link-template "$GL" --link-rev N1 -o "$WORK/linked-cmp1"
check python3 - "$WORK" <<'PY'
import re, sys
w = sys.argv[1]
def hrefs(d):
    page = open(f"{w}/{d}/report.html").read()
    rows = re.findall(r'<tr class="finding"[^>]*data-status="(\w+)".*?</tr>', page)
    cells = re.findall(r'<tr class="finding"[^>]*data-status="\w+".*?<td class="path"[^>]*>(<a href="([^"]*)")?', page)
    return list(zip(rows, [c[1] for c in cells]))
two = hrefs("linked-cmp")
assert any(s == "fixed" for s, _ in two)
assert all(("/blob/O1/" in h) if s == "fixed" else ("/blob/N1/" in h) for s, h in two), two
one = hrefs("linked-cmp1")
assert all((h == "") == (s == "fixed") for s, h in one), one
PY
expect_exit 2 "--link-template, not a web address" -- REPORT "$WORK/all.json" \
  --link-template 'javascript:alert(1)//{path}' -o "$WORK/bad"
expect_error_line "--link-template 'javascript:alert(1)//{path}': must start with http://, https:// or file://" "bad link scheme"
expect_exit 2 "--link-template, unknown placeholder" -- REPORT "$WORK/all.json" \
  --link-template 'https://x.org/{path}#{col}' -o "$WORK/bad"
expect_error_line "unknown placeholder '{col}'" "unknown placeholder"
expect_exit 2 "--link-template, {rev} unknown" -- REPORT "$WORK/all.json" --link-template "$GL" -o "$WORK/bad"
expect_error_line "--link-template uses {rev}, but tree" "no revision"
expect_exit 2 "--link-rev alone" -- REPORT "$WORK/all.json" --link-rev v1 -o "$WORK/bad"
expect_error_line "--link-rev needs --link-template" "--link-rev alone"
expect_exit 2 "--link-rev, unknown tree" -- REPORT "a=$WORK/all.json" --link-template "$GL" \
  --link-rev b=v1 -o "$WORK/bad"
expect_error_line "--link-rev b=v1: no tree is labelled 'b'" "unknown tree"
check test -z "$(ls -A "$WORK/bad")"

# --- MAINTAINERS sections: the most specific section covering each file
one=$(cd "$NEW" && ls hw/mips/*.c | head -1)
two=$(cd "$NEW" && ls hw/mips/*.c | sed -n 2p)
cat >"$NEW/MAINTAINERS" <<EOF
QEMU Maintainers
================

	F: an indented example is not an entry

All patches CC here
L: qemu-devel@nongnu.org
F: *
F: */

MIPS
M: A <a@example.org>
F: hw/mips/
X: $two

One file
F: $one

ARM (a directory named without its slash)
F: hw/arm
EOF
mkdir -p "$WORK/elsewhere" && cp "$NEW/MAINTAINERS" "$WORK/elsewhere/"
expect_exit 0 "--by-maintainers" -- REPORT "$WORK/new.json" --by-maintainers -o "$WORK/maint"
expect_exit 0 "--maintainers FILE" -- REPORT "$WORK/new.json" \
  --maintainers "$WORK/elsewhere/MAINTAINERS" -o "$WORK/maint2"
check python3 - "$WORK" "$one" "$two" <<'PY'
import collections, json, re, sys
w, one, two = sys.argv[1:4]
def section(rel):
    if rel == one:
        return "One file"
    if rel.startswith("hw/mips/") and rel != two:
        return "MIPS"
    if rel.startswith("hw/arm/"):
        return "ARM (a directory named without its slash)"
    return "All patches CC here"
fs = json.load(open(w + "/new.json"))["findings"]
want = collections.Counter(section(f["relative_file"]) for f in fs)
assert len(want) == 4, want
for d in ("maint", "maint2"):
    merged = json.load(open(f"{w}/{d}/merged.json"))
    got = [f["maintainers_section"] for f in merged["findings"]]
    assert got == [section(f["relative_file"]) for f in merged["findings"]], got
    page = open(f"{w}/{d}/report.html").read()
    table = re.search(r'<table id="by-section".*?</table>', page, re.S).group(0)
    rows = dict(re.findall(r'<tr data-key="([^"]*)">.*?<td class="num" data-tree="[^"]*">(\d+)</td>', table))
    assert rows == {k: str(v) for k, v in want.items()}, rows
    md = open(f"{w}/{d}/summary.md").read()
    assert "| MAINTAINERS section |" in md, md
    for name, n in want.items():
        assert f"| {name} | {n} |" in md, (name, md)
PY
expect_exit 2 "--by-maintainers without MAINTAINERS" -- REPORT "fx=$WORK/all.json" --by-maintainers -o "$WORK/bad"
expect_error_line "--by-maintainers: no MAINTAINERS file in tree 'fx' ($TREE/ or above)" "no MAINTAINERS"
expect_exit 2 "--maintainers, missing file" -- REPORT "$WORK/all.json" \
  --maintainers "$WORK/nonexistent/MAINTAINERS" -o "$WORK/bad"
expect_error_line "cannot read MAINTAINERS file '$WORK/nonexistent/MAINTAINERS'" "missing MAINTAINERS"

# --- --exclude-path: test code left out of both sides of a comparison
expect_exit 0 "--exclude-path" -- REPORT "$WORK/new.json" --compare "$WORK/all.json" \
  --exclude-path 'hw/arm/*' --exclude-path 'util/{c,l}*' -o "$WORK/excl"
check python3 - "$WORK" <<'PY'
import fnmatch, json, re, sys
w = sys.argv[1]
out = lambda p: p.startswith("hw/arm/") or p.startswith("util/c") or p.startswith("util/l")
new = json.load(open(w + "/new.json"))["findings"]
merged = json.load(open(w + "/excl/merged.json"))
gone = sum(out(f["relative_file"]) for f in new)
assert gone > 0 and merged["trees"][0]["excluded"] == gone, (gone, merged["trees"][0])
assert merged["excluded_paths"] == ["hw/arm/*", "util/{c,l}*"]
assert [f["fingerprint"] for f in merged["findings"]] == \
    [f["fingerprint"] for f in new if not out(f["relative_file"])]
fixed = merged["trees"][0]["comparison"]["fixed_findings"]
assert not any(out(f["relative_file"]) for f in fixed), fixed
page = open(w + "/excl/report.html").read()
assert f'<p id="excluded">{gone} findings in paths matching --exclude-path <code>hw/arm/*</code>' in page
md = open(w + "/excl/summary.md").read()
assert f"Left out (--exclude-path `hw/arm/*` `util/{{c,l}}*`): {gone} findings." in md, md
PY
# The globs of --exclude and .retcheckignore: a directory, ** at any depth.
expect_exit 0 "--exclude-path as in .gitignore" -- REPORT "$WORK/new.json" \
  --exclude-path 'hw/arm/' --exclude-path '**/{c,l}*.c' -o "$WORK/excl2"
check python3 - "$WORK" <<'PY'
import json, re, sys
w = sys.argv[1]
out = lambda p: p.startswith("hw/arm/") or re.search(r"(^|/)[cl][^/]*\.c$", p)
new = json.load(open(w + "/new.json"))["findings"]
merged = json.load(open(w + "/excl2/merged.json"))
gone = sum(bool(out(f["relative_file"])) for f in new)
assert gone > 0 and merged["trees"][0]["excluded"] == gone, (gone, merged["trees"][0])
assert [f["fingerprint"] for f in merged["findings"]] == \
    [f["fingerprint"] for f in new if not out(f["relative_file"])]
PY
expect_exit 2 "--exclude-path, bad glob" -- REPORT "$WORK/all.json" --exclude-path 'hw/[' -o "$WORK/bad"
expect_error_line "--exclude-path 'hw/[': " "bad glob"

# --- the excerpt shows the call and the finding: one hunk when close, two
# with a gap when far apart
FAR=$WORK/far
python3 "$SRC/checker/test/make_fixture_tree.py" "$FAR" "$SRC" direct-minus-one.c
cat >>"$FAR/direct-minus-one.c" <<'EOF'
int far_apart(const char *p)
{
    int64_t size = get_image_size(p);
    int a = 0;
    a += 1;
    a += 2;
    a += 3;
    a += 4;
    a += 5;
    a += 6;
    a += 7;
    a += 8;
    a += 9;
    a += 10;
    a += 11;
    if (size == -1)
        return -1;
    return a;
}
EOF
"$RETCHECK" --quiet -p "$FAR" --format json --output "$WORK/far.json"
expect_exit 0 "call and test" -- REPORT "$WORK/far.json" -o "$WORK/farrep"
check python3 - "$WORK" <<'PY'
import html, json, re, sys
w = sys.argv[1]
fs = json.load(open(w + "/far.json"))["findings"]
page = open(w + "/farrep/report.html").read()
sources = re.findall(r'<tr class="source-row" data-for="f(\d+)">(.*?)</tr>', page, re.S)
assert len(sources) == len(fs) == 3, (len(sources), len(fs))
# The page sorts by level and rank: each excerpt belongs to the finding
# row of its index, named by fingerprint.
rows = dict(re.findall(r'<tr class="finding" id="f(\d+)"[^>]*data-fingerprint="([0-9a-f]+)"', page))
by_print = {f["fingerprint"]: f for f in fs}
for i, src in sources:
    f = by_print[rows[i]]
    lines = re.findall(r'<span class="(\w+)( hit)?( call)?"[^>]*><span class="ln">([^<]*)</span>', src)
    call = [int(n) for k, hit, c, n in lines if c]
    hit = [int(n) for k, h, c, n in lines if h]
    assert call == [f["call"]["line"]] and hit == [f["line"]], (f, lines)
    gap = '<span class="gap">' in src
    assert gap == (f["enclosing_function"] == "far_apart"), (f, gap)
PY

# --- a repair is shown as the line diff of its edits, each a small hunk: a
# local retyped 45 lines above the -1 test it rewrites is one line removed
# and one added at each place, not every line between them
HUNKS=$WORK/hunks
python3 "$SRC/checker/test/make_fixture_tree.py" "$HUNKS" "$SRC" direct-minus-one.c
{
  printf 'int far_retype(const char *p)\n{\n    uint64_t size;\n    int a = 0;\n\n'
  for i in $(seq 1 45); do printf '    a += %d;\n' "$i"; done
  printf '    size = get_image_size(p);\n    a += 46;\n'
  printf '    if (size == (uint64_t)-1) {\n        return -1;\n    }\n    return a;\n}\n'
} >>"$HUNKS/direct-minus-one.c"
"$RETCHECK" --quiet -p "$HUNKS" --format json --output "$WORK/hunks.json"
expect_exit 0 "report of a far repair" -- REPORT "$WORK/hunks.json" -o "$WORK/hunksrep"
check python3 - "$WORK" <<'PY'
import json, re, sys
w = sys.argv[1]
fs = json.load(open(w + "/hunks.json"))["findings"]
far = [i for i, f in enumerate(fs) if f["enclosing_function"] == "far_retype"]
assert len(far) == 1 and fs[far[0]]["notes"], fs
page = open(w + "/hunksrep/report.html").read()
sources = dict(re.findall(r'<tr class="source-row" data-for="f(\d+)">(.*?)</tr>', page, re.S))
src = sources[str(far[0])]
lines = re.findall(r'<span class="(del|add|ctx|gap)[^"]*"', src)
assert lines.count("del") == 2 and lines.count("add") == 2, lines
assert lines.count("gap") == 1 and len(lines) < 25, lines
assert "int64_t size;" in src and "if (size &lt; 0) {" in src, src
PY

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
  case $html in */linked*) continue ;; esac # asked for links
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
