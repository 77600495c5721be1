#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# fixed_bugs_test.sh SRC
# The fixed-bugs corpus scripts on two small trees: candidates.py finds a
# call whose result the old tree ignores (also after `if (c)`), a stored
# value used before any test, a -1 test turned into < 0 and a comparison
# made NULL-safe, and leaves alone an ignored call the new tree keeps;
# candidates-systemd.py finds the same in functions; check-lines.py accepts a
# list whose lines are right (a renamed callee too) and rejects one whose line
# is off.
set -uo pipefail
SRC=$1
RETCHECK=
source "$(dirname "$0")/testlib.sh"
T=$WORK/trees
mkdir -p "$T/old/src" "$T/new/src"
cat >"$T/old/src/a.c" <<'EOF'
int f(void);
char *g(void);
int h(void);
int k(void);
void use(char *);

int one(void)
{
    f();
    return 0;
}

int two(void)
{
    char *p;
    p = g();
    use(p);
    return 0;
}

int three(void)
{
    if (h() == -1)
        return -1;
    return 0;
}

int four(void)
{
    k();
    return 0;
}

int five(int c)
{
    if (c)
        f();
    return 0;
}

int six(void)
{
    char *t;
    t = g();
    if (STREQ(t, "x"))
        return 1;
    return 0;
}
EOF
# The new tree: the old one with the fixes, and in four() a new test of
# another k() call
cp "$T/old/src/a.c" "$T/new/src/a.c"
git -C "$T/new" apply <<'EOF'
--- a/src/a.c
+++ b/src/a.c
@@ -6,7 +6,8 @@
 
 int one(void)
 {
-    f();
+    if (f() < 0)
+        return -1;
     return 0;
 }
 
@@ -14,13 +15,15 @@
 {
     char *p;
     p = g();
+    if (!p)
+        return -1;
     use(p);
     return 0;
 }
 
 int three(void)
 {
-    if (h() == -1)
+    if (h() < 0)
         return -1;
     return 0;
 }
@@ -28,13 +31,15 @@
 int four(void)
 {
     k();
+    if (k() < 0)
+        return -1;
     return 0;
 }
 
 int five(int c)
 {
-    if (c)
-        f();
+    if (c && f() < 0)
+        return -1;
     return 0;
 }
 
@@ -42,7 +47,7 @@
 {
     char *t;
     t = g();
-    if (STREQ(t, "x"))
+    if (STREQ_NULLABLE(t, "x"))
         return 1;
     return 0;
 }
EOF
CAND=$SRC/scripts/fixed-bugs/candidates.py
expect_exit 0 "candidates.py on two trees" -- python3 "$CAND" "$T/old" "$T/new" -o "$WORK/c"
rows=$WORK/c/candidates.tsv
# one_row TSV "COLUMNS" "VALUES": exactly one row of TSV holds the VALUES in
# the COLUMNS (numbers), in order
one_row() {
  if awk -F'\t' -v cols="$2" -v vals="$3" 'BEGIN {nc = split(cols, c, " "); split(vals, v, " ")}
      {for (i = 1; i <= nc; i++) if ($c[i] != v[i]) next; n++} END {exit n != 1}' "$1"; then
    ok
  else
    bad "no single row '$3' (columns $2) in $1"; sed 's/^/  | /' "$1"
  fi
}
# caller, kind, callee: one row each
for want in "one ignored f" "two unchecked-use g" "three minus-one-check h" \
            "five ignored f" "six unchecked-use g"; do
  one_row "$rows" "9 3 8" "$want"
done
if awk -F'\t' '$9 == "four"' "$rows" | grep -q .; then bad "four: the ignored k() stays in the new tree"; else ok; fi
n=$(($(wc -l <"$rows") - 1))
if [ "$n" = 5 ]; then ok; else bad "want 5 candidates, got $n"; fi
expect_in "$WORK/c/review.txt" "--- old src/a.c:9" "review shows the old site of one()"

expect_exit 2 "candidates.py on a missing tree" -- python3 "$CAND" "$T/none" "$T/new" -o "$WORK/c2"
expect_error_line "not a directory" "candidates.py on a missing tree"

# candidates-systemd.py (functions paired, calls counted per callee): the same
# four fixes in functions, none for four() (one ignored k() in both) or six()
CSD=$SRC/scripts/fixed-bugs/candidates-systemd.py
expect_exit 0 "candidates-systemd.py on two trees" -- python3 "$CSD" "$T/old" "$T/new"
cp "$WORK/out" "$WORK/csd.tsv"
# rule, callee, caller
for want in "checked f one" "checked g two" "retested h three" "checked f five"; do
  one_row "$WORK/csd.tsv" "1 2 4" "$want"
done
n=$(grep -c . "$WORK/csd.tsv")
if [ "$n" = 5 ]; then ok; else bad "candidates-systemd.py: want a header and 4 rows, got $n lines"; fi

# check-lines.py: the right lines pass, an off-by-one line fails
CHECK=$SRC/scripts/fixed-bugs/check-lines.py
H=$'id\told_file\told_line\tcallee\tcaller\tkind\tnew_file\tnew_line\twhat_new_does\tnote'
printf '# a comment\n%s\nX1\tsrc/a.c\t9\tf\tone\tignored\tsrc/a.c\t9\tif (f() < 0) return -1;\t\n' "$H" >"$WORK/good.tsv"
expect_exit 0 "check-lines.py on right lines" -- python3 "$CHECK" "$WORK/good.tsv" "$T/old" "$T/new"
printf '%s\nX2\tsrc/a.c\t10\tf\tone\tignored\tsrc/a.c\t9\t\t\n' "$H" >"$WORK/off.tsv"
expect_exit 1 "check-lines.py on an off line" -- python3 "$CHECK" "$WORK/off.tsv" "$T/old" "$T/new"
expect_in "$WORK/out" "X2: old: f( not on src/a.c:10" "check-lines.py names the off line"
# a callee the new tree renamed: found under the name what_new_does calls
printf '%s\nX3\tsrc/a.c\t9\tf\tone\tignored\tsrc/a.c\t26\tif (h() < 0) return -1;\t\n' "$H" >"$WORK/renamed.tsv"
expect_exit 0 "check-lines.py on a renamed callee" -- python3 "$CHECK" "$WORK/renamed.tsv" "$T/old" "$T/new"
printf 'id\told_file\n' >"$WORK/hdr.tsv"
expect_exit 2 "check-lines.py on a wrong header" -- python3 "$CHECK" "$WORK/hdr.tsv" "$T/old" "$T/new"
# sample-findings.py: a seeded draw at one level, without excluded rows;
# scoring wants a verdict in every row
SF=$SRC/scripts/sample-findings.py
python3 - "$WORK/r.json" <<'PY'
import json, sys
f = lambda i, lvl: {"severity": lvl, "fingerprint": f"fp{i}", "relative_file": "a.c",
    "line": i, "check": "retcheck-ignored-result", "function": "f",
    "enclosing_function": "g", "rank": 60, "message": "m", "contract": "written",
    "rank_signals": [{"weight": -1.0, "why": "result ignored"}]}
json.dump({"findings": [f(i, "warning" if i % 2 else "note") for i in range(20)]},
          open(sys.argv[1], "w"))
PY
expect_exit 0 "sample-findings.py draw" -- python3 "$SF" draw "$WORK/r.json" --seed 1 --size 4 -o "$WORK/s1.tsv"
if [ "$(tail -n +2 "$WORK/s1.tsv" | cut -f1 | sort -u | wc -l)" = 4 ] &&
   ! cut -f1 "$WORK/s1.tsv" | grep -qE 'fp(0|2|4|6|8|10|12|14|16|18)$'; then ok
else bad "sample-findings.py: want 4 distinct warnings"; fi
python3 "$SF" draw "$WORK/r.json" --seed 1 --size 4 -o "$WORK/s1b.tsv" >/dev/null
if cmp -s "$WORK/s1.tsv" "$WORK/s1b.tsv"; then ok; else bad "sample-findings.py: one seed, two samples"; fi
expect_exit 0 "sample-findings.py draw, excluding" -- python3 "$SF" draw "$WORK/r.json" --seed 1 --size 10 --exclude "$WORK/s1.tsv" -o "$WORK/s2.tsv"
if [ -z "$(comm -12 <(tail -n +2 "$WORK/s1.tsv" | cut -f1 | sort) <(tail -n +2 "$WORK/s2.tsv" | cut -f1 | sort))" ] &&
   [ "$(tail -n +2 "$WORK/s2.tsv" | wc -l)" = 6 ]; then ok
else bad "sample-findings.py: --exclude leaves out the first sample's rows"; fi
expect_exit 2 "sample-findings.py score without verdicts" -- python3 "$SF" score "$WORK/s1.tsv"
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $12 = (NR == 2 ? "W" : NR == 3 ? "X" : "C") } 1' "$WORK/s1.tsv" >"$WORK/s1v.tsv"
expect_exit 0 "sample-findings.py score" -- python3 "$SF" score "$WORK/s1v.tsv"
expect_in "$WORK/out" "4 findings: 1 worth a patch, 2 correct but not worth it, 1 wrong" "sample-findings.py counts verdicts"
expect_in "$WORK/out" "worth a patch: 1/4 = 0.25 (Wilson 95% 0.05-0.70)" "sample-findings.py gives the interval"
finish fixed-bugs
