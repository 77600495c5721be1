#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# --infer split across CI jobs: each shard writes its facts (map), one job
# infers from all of them (reduce), each shard judges its TUs from its facts
# (judge), and the judges' results merge into exactly the unsharded --infer
# run's: finding for finding (every field, fingerprints and ranks
# included), the same errors and the same caller tally. On fixtures/infer,
# on a tree whose shards share a header's inline calls and hold a TU that
# does not compile, and (given its build) on QEMU 7.2's hw/mips. The
# reduce's rules file is `retcheck infer`'s, byte for byte. Missing,
# damaged, truncated, foreign and mismatched facts, plans and rules are
# refused with one line and exit 8 (rules: 4; options: 2).
#   distributed_test.sh RETCHECK SOURCE_DIR [QEMU_7.2_BUILD_DIR]
RETCHECK=$1 SRC=$2 QEMU=${3:-}
source "$(dirname "$0")/testlib.sh"

# stage WANT DESCRIPTION -- command...: as expect_exit, WANT a list of
# codes ("0 3": a shard may or may not hold the TU that does not compile).
stage() {
  local want=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [[ " $want " == *" $got "* ]]; then ok; else
    bad "$what: exit $got, want $want"
    sed 's/^/  | /' "$WORK/err" | head -5
  fi
}

# same_result UNSHARDED MERGED DESCRIPTION: findings equal (and some), the
# same errors (in any order: the merge keeps the shards' order), the same
# caller tally.
same_result() {
  python3 - "$1" "$2" <<'PY' && ok || bad "$3"
import json, sys
a, m = (json.load(open(p)) for p in sys.argv[1:3])
if not a["findings"]:
    sys.exit("the unsharded run has no finding: nothing compared")
if len(a["findings"]) != len(m["findings"]):
    sys.exit(f'{len(a["findings"])} findings unsharded, {len(m["findings"])} merged')
for x, y in zip(a["findings"], m["findings"]):
    if x != y:
        print("first difference:", json.dumps(x)[:400], "\n  merged:", json.dumps(y)[:400])
        sys.exit(1)
key = lambda e: (e["file"], e["kind"], e["message"])
if sorted(a["errors"], key=key) != sorted(m["errors"], key=key):
    sys.exit(f'errors differ: {a["errors"]} / {m["errors"]}')
if a.get("ranking") != m.get("ranking"):
    sys.exit("the caller tallies differ")
PY
}

# split OUT N MAP_EXITS -- ARGS...: the three stages over N shards with
# ARGS (-p ... and the like), one after another; OUT/merged.json is the
# judges' results merged, OUT/inferred.json the reduce's rules.
split() {
  local out=$1 n=$2 map_exit=$3
  shift 4
  mkdir -p "$out"
  local facts=() results=()
  for k in $(seq 1 "$n"); do
    stage "$map_exit" "map $k/$n ($out)" -- "$RETCHECK" "$@" --shard "$k/$n" --write-facts "$out/facts-$k"
    facts+=(--facts "$out/facts-$k")
  done
  stage "$map_exit" "reduce ($out)" -- "$RETCHECK" infer "${facts[@]}" -o "$out/inferred.json" --judge-plan "$out/plan.bin"
  for k in $(seq 1 "$n"); do
    "$RETCHECK" "$@" --shard "$k/$n" --facts "$out/facts-$k" --inferred-rules "$out/inferred.json" \
      --judge-plan "$out/plan.bin" --format json --output "$out/judge-$k.json" >"$WORK/out" 2>"$WORK/err"
    case $? in 0 | 1 | 3) ok ;; *) bad "judge $k/$n ($out): exit $?"; sed 's/^/  | /' "$WORK/err" | head -5 ;; esac
    results+=(--results "$out/judge-$k.json")
  done
  "$RETCHECK" "${results[@]}" --format json --output "$out/merged.json" >/dev/null 2>&1
}

# --- fixtures/infer: 3 shards
TREE=$SRC/fixtures/infer
python3 - "$TREE" "$WORK/infer/compile_commands.json" <<'PY'
import json, os, sys
tree, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump([{"directory": tree, "file": f, "arguments": ["clang", "-c", "-std=gnu11", f, "-o", f + ".o"]}
           for f in sorted(f for f in os.listdir(tree) if f.endswith(".c"))], open(out, "w"), indent=1)
PY
ARGS=(-p "$WORK/infer" --source-root "$TREE" -j 2)
"$RETCHECK" "${ARGS[@]}" --infer --format json --output "$WORK/infer/all.json" 2>/dev/null
"$RETCHECK" infer "${ARGS[@]}" -o "$WORK/infer/rules.json" 2>/dev/null
split "$WORK/s3" 3 0 -- "${ARGS[@]}"
same_result "$WORK/infer/all.json" "$WORK/s3/merged.json" "fixtures/infer: 3 shards merge into the unsharded --infer run"
cmp -s "$WORK/infer/rules.json" "$WORK/s3/inferred.json" && ok || bad "the reduce writes retcheck infer's rules file, byte for byte"
# One shard is a split too.
split "$WORK/s1" 1 0 -- "${ARGS[@]}"
same_result "$WORK/infer/all.json" "$WORK/s1/merged.json" "fixtures/infer: one shard"
# retcheck report merges the judges as it merges any shards.
expect_exit 0 "report over the judges" -- "$RETCHECK" report --quiet "$WORK"/s3/judge-*.json -o "$WORK/report"
python3 - "$WORK/infer/all.json" "$WORK/report/merged.json" <<'PY' && ok || bad "report's merged.json has the unsharded run's fingerprints and ranks"
import json, sys
a, m = (json.load(open(p)) for p in sys.argv[1:3])
pick = lambda d: sorted((f["fingerprint"], f["rank"], f["check"]) for f in d["findings"])
sys.exit(pick(a) != pick(m))
PY

# --- shards that share a header's inline calls, and a TU that does not
# compile: each header call is judged and counted once over the shards.
SH=$WORK/shared
mkdir -p "$SH/include"
cat >"$SH/include/shared.h" <<'EOF'
int dev_open(const char *name);
void error_report(const char *fmt, ...);
static inline void dev_touch(void) { dev_open("touch"); }
static inline int dev_probe(const char *n) {
  int fd = dev_open(n);
  if (fd == -1)
    return -1;
  return fd;
}
EOF
cat >"$SH/lib.c" <<'EOF'
#include "shared.h"
int dev_open(const char *name) {
  if (!name) {
    error_report("no name");
    return -22;
  }
  return 3;
}
EOF
for t in a b c d e f g h; do
  cat >"$SH/$t.c" <<EOF
#include "shared.h"
int use_$t(void) {
  int fd = dev_open("$t");
  if (fd < 0)
    return fd;
  dev_touch();
  return dev_probe("$t");
}
EOF
done
printf '#include "shared.h"\n#include "missing.h"\nint broken(void) { dev_open("x"); return 0; }\n' >"$SH/broken.c"
python3 - "$SH" <<'PY'
import json, os, sys
tree = sys.argv[1]
json.dump([{"directory": tree, "file": f, "arguments": ["clang", "-c", "-Iinclude", f]}
           for f in sorted(f for f in os.listdir(tree) if f.endswith(".c"))],
          open(os.path.join(tree, "compile_commands.json"), "w"), indent=1)
PY
SARGS=(-p "$SH" --source-root "$SH" -j 2)
"$RETCHECK" "${SARGS[@]}" --infer --format json --output "$WORK/shared-all.json" 2>/dev/null
split "$WORK/sh4" 4 "0 3" -- "${SARGS[@]}"
same_result "$WORK/shared-all.json" "$WORK/sh4/merged.json" "shared header: 4 shards merge into the unsharded --infer run"
python3 - "$WORK/shared-all.json" <<'PY' && ok || bad "shared header: its calls found once, the broken TU an error"
import json, sys
d = json.load(open(sys.argv[1]))
header = [f for f in d["findings"] if f["relative_file"] == "include/shared.h"]
sys.exit(len(header) != 2 or len(d["errors"]) != 1)
PY

# --- bad inputs: one line each, exit 8 (rules: 4; options: 2)
J=("${ARGS[@]}" --shard 1/3 --inferred-rules "$WORK/s3/inferred.json" --judge-plan "$WORK/s3/plan.bin")
expect_exit 8 "judge: missing facts" -- "$RETCHECK" "${J[@]}" --facts "$WORK/nowhere"
expect_error_line "is not a facts directory" "judge: missing facts named"
mkdir -p "$WORK/empty"
expect_exit 8 "reduce: a directory without facts" -- "$RETCHECK" infer --facts "$WORK/empty" -o "$WORK/x.json"
expect_error_line "cannot read '$WORK/empty/facts.bin'" "reduce: the missing file named"
expect_exit 8 "reduce: a shard missing" -- "$RETCHECK" infer --facts "$WORK/s3/facts-1" --facts "$WORK/s3/facts-3" -o "$WORK/x.json"
expect_error_line "the facts of shard 2/3 are missing" "reduce: the missing shard named"
expect_exit 8 "reduce: a shard twice" -- "$RETCHECK" infer --facts "$WORK/s3/facts-1" --facts "$WORK/s3/facts-1" --facts "$WORK/s3/facts-2" -o "$WORK/x.json"
expect_error_line "are both shard 1/3" "reduce: a shard given twice"
expect_exit 8 "reduce: shards of different runs" -- "$RETCHECK" infer --facts "$WORK/s3/facts-1" --facts "$WORK/sh4/facts-2" -o "$WORK/x.json"
expect_error_line "are facts of different runs: split into 4 and 3 shards" "reduce: shards of two runs"
[ ! -e "$WORK/x.json" ] && ok || bad "a refused reduce writes no rules"
# Damaged: a byte changed in the middle; cut short; another format version.
for how in damaged truncated version; do
  D=$WORK/$how
  mkdir -p "$D"
  cp "$WORK/s3/facts-1/facts.bin" "$D/facts.bin"
  size=$(stat -c %s "$D/facts.bin")
  case $how in
    damaged) printf '\x5a' | dd of="$D/facts.bin" bs=1 seek=$((size / 2)) conv=notrunc status=none ;;
    truncated) truncate -s $((size - 20)) "$D/facts.bin" ;;
    version) printf 'RCFACTS0' | dd of="$D/facts.bin" bs=1 seek=0 conv=notrunc status=none ;;
  esac
  expect_exit 8 "judge: $how facts" -- "$RETCHECK" "${J[@]}" --facts "$D"
  expect_exit 8 "reduce: $how facts" -- "$RETCHECK" infer --facts "$D" --facts "$WORK/s3/facts-2" --facts "$WORK/s3/facts-3" -o "$WORK/x.json"
done
expect_in "$WORK/err" "another format version" "another format version is named"
# Facts of another retcheck (another build: here another identity).
expect_exit 8 "reduce: facts of another retcheck" -- "$RETCHECK" infer --debug-cache-identity other --facts "$WORK/s3/facts-1" --facts "$WORK/s3/facts-2" --facts "$WORK/s3/facts-3" -o "$WORK/x.json"
expect_error_line "written by another retcheck" "reduce: another retcheck named"
expect_exit 8 "judge: facts of another retcheck" -- "$RETCHECK" "${J[@]}" --facts "$WORK/s3/facts-1" --debug-cache-identity other
expect_error_line "written by another retcheck" "judge: another retcheck named"
# Facts of another shard, another run, a plan and rules of other facts.
expect_exit 8 "judge: another shard's facts" -- "$RETCHECK" "${J[@]}" --facts "$WORK/s3/facts-2"
expect_error_line "facts of shard 2/3, but this run is shard 1/3" "judge: the shards named"
expect_exit 8 "judge: facts of another run" -- "$RETCHECK" "${J[@]}" --facts "$WORK/s3/facts-1" --exclude 'base.c'
expect_error_line "facts of another run" "judge: another run named"
expect_exit 8 "judge: a plan of other facts" -- "$RETCHECK" "${ARGS[@]}" --shard 1/1 --facts "$WORK/s1/facts-1" --inferred-rules "$WORK/s1/inferred.json" --judge-plan "$WORK/s3/plan.bin"
expect_error_line "was written from other facts" "judge: the plan's facts named"
cp "$WORK/s3/inferred.json" "$WORK/edited.json"
sed -i 's/"description": "/"description": "edited. /' "$WORK/edited.json"
expect_exit 8 "judge: rules the plan was not written with" -- "$RETCHECK" "${ARGS[@]}" --shard 1/3 --facts "$WORK/s3/facts-1" --inferred-rules "$WORK/edited.json" --judge-plan "$WORK/s3/plan.bin"
expect_error_line "is not the rules file written with --judge-plan" "judge: the rules named"
printf 'RCPLAN01garbage' >"$WORK/bad-plan.bin"
expect_exit 8 "judge: a damaged plan" -- "$RETCHECK" "${ARGS[@]}" --shard 1/3 --facts "$WORK/s3/facts-1" --inferred-rules "$WORK/s3/inferred.json" --judge-plan "$WORK/bad-plan.bin"
expect_error_line "is damaged or cut short" "judge: the damaged plan named"
expect_exit 4 "judge: missing rules" -- "$RETCHECK" "${J[@]/$WORK\/s3\/inferred.json/$WORK/none.json}" --facts "$WORK/s3/facts-1"
expect_exit 2 "judge without a plan" -- "$RETCHECK" "${ARGS[@]}" --facts "$WORK/s3/facts-1" --inferred-rules "$WORK/s3/inferred.json"
expect_error_line "give one --facts DIR, --inferred-rules and --judge-plan" "judge: what it needs, named"
expect_exit 2 "map with --infer" -- "$RETCHECK" "${ARGS[@]}" --infer --write-facts "$WORK/f"
expect_exit 2 "reduce with -p" -- "$RETCHECK" infer "${ARGS[@]}" --facts "$WORK/s3/facts-1"
expect_exit 6 "map: facts that cannot be written" -- "$RETCHECK" "${ARGS[@]}" --write-facts /proc/retcheck-facts

# --- QEMU 7.2's hw/mips: real headers shared by shards
if [ -n "$QEMU" ]; then
  QARGS=(-p "$QEMU" "$(cd "$QEMU/../src/hw/mips" && pwd)" -j 2)
  "$RETCHECK" "${QARGS[@]}" --infer --format json --output "$WORK/q-all.json" 2>/dev/null
  split "$WORK/q3" 3 0 -- "${QARGS[@]}"
  same_result "$WORK/q-all.json" "$WORK/q3/merged.json" "QEMU 7.2 hw/mips: 3 shards merge into the unsharded --infer run"
fi

finish distributed
