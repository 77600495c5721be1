#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The result cache (--cache-dir): after each kind of change a warm run
# reports what a run without the cache reports, and its statistics show
# what it took from the cache; runs sharing a cache at once, damaged
# entries, a full cache, a read-only folder.
#   cache_test.sh <retcheck binary> <source dir>
set -u
RETCHECK=$1
SRC=$2
. "$(dirname "$0")/testlib.sh"
unset RETCHECK_CACHE_DIR

# A tree of every fixture, plus a header two TUs include, with its own
# copies of the stub headers (so that the test can change them).
T=$WORK/tree
python3 "$SRC/checker/test/make_fixture_tree.py" "$T" "$SRC" --dirs hw/a,hw/b
mkdir -p "$T/inc"
cp "$SRC/fixtures/include/"*.h "$T/inc/"
cat >"$T/inc/probe.h" <<'C'
#include "qemu-stubs.h"
static inline int probe(const char *p) { return get_image_size(p) != -1; }
C
printf '#include "probe.h"\nint a(const char *p) { return probe(p); }\n' >"$T/hw/a/probe-1.c"
printf '#include "probe.h"\nint b(const char *p) { return probe(p) + 1; }\n' >"$T/hw/b/probe-2.c"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
db = json.load(open(t + "/compile_commands.json"))
for e in db:
    e["arguments"] = [a if not a.startswith("-I") else "-I" + t + "/inc" for a in e["arguments"]]
for f in ("hw/a/probe-1.c", "hw/b/probe-2.c"):
    db.append({"directory": t, "file": f, "arguments": ["clang", "-I" + t + "/inc", "-c", f]})
json.dump(db, open(t + "/compile_commands.json", "w"), indent=1)
PY
# The fixtures are dealt round-robin into hw/a and hw/b: find this one.
EDITED=$(echo "$T"/hw/*/direct-minus-one.c)
[ -f "$EDITED" ] || { echo "no direct-minus-one.c in the tree"; exit 1; }
N=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/compile_commands.json")
C=$WORK/cache

# The cache keeps no result computed from a file changed less than a
# second before the run (its stat data could hide a second change): let
# the files the test has just written age before the runs that must store.
settle() { sleep 1.1; }

# analyse NAME [options]: retcheck's JSON report in $WORK/NAME.json, exit
# code in $WORK/NAME.rc.
analyse() {
  local name=$1
  shift
  "$RETCHECK" --quiet --format json --output "$WORK/$name.json" "$@" 2>"$WORK/$name.err"
  echo $? >"$WORK/$name.rc"
}
# run NAME [options]: the tree, no repairs (their verdicts, cached in
# entries of their own, are tested apart).
run() { local name=$1; shift; analyse "$name" -p "$T" --repairs=false "$@"; }
# rrun NAME [options]: the tree, repairs verified.
rrun() { local name=$1; shift; analyse "$name" -p "$T" "$@"; }
# same A B WHAT: A (with the cache) reports what B (without it) reports
# (the workers started differ: none are needed for hits).
same() {
  if python3 - "$WORK/$1.json" "$WORK/$2.json" <<'PY'; then ok; else bad "$3: $1 differs from $2"; fi
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("findings", "errors", "source_root"):
    if a[k] != b[k]:
        extra = [x for x in a[k] if x not in b[k]] if isinstance(a[k], list) else a[k]
        missing = [x for x in b[k] if x not in a[k]] if isinstance(b[k], list) else b[k]
        sys.exit(f"{k}: {str(extra)[:300]} instead of {str(missing)[:300]}")
for d in (a, b):
    d["stats"].get("repairs", {}).pop("seconds", None)
    d["stats"].get("repairs", {}).pop("parses", None)
sa, sb = ({k: v for k, v in d["stats"].items() if k not in ("seconds", "cache", "jobs")} for d in (a, b))
assert sa == sb, (sa, sb)
assert "cache" not in b["stats"], "the reference used a cache"
PY
  if [ "$(cat "$WORK/$1.rc")" = "$(cat "$WORK/$2.rc")" ]; then ok; else bad "$3: exit codes differ"; fi
}
# cache NAME WHAT key=value...: the run's cache statistics.
cache() {
  local name=$1 what=$2
  shift 2
  if python3 - "$WORK/$name.json" "$@" <<'PY'; then ok; else bad "$what: cache statistics of $name"; cat "$WORK/$name.err"; fi
import json, sys
c = json.load(open(sys.argv[1]))["stats"]["cache"]
for kv in sys.argv[2:]:
    k, v = kv.split("=")
    want = {"true": True, "false": False}.get(v, v)
    want = int(want) if isinstance(want, str) else want
    assert c[k] == want, (k, c[k], want, c)
PY
}
entries() { find "$1/v1" -type f | wc -l; }
# coldwarm RUNNER PREFIX CACHE WHAT HITS: a reference run without the
# cache, then a cold and a warm run with CACHE; both report what the
# reference reports, and the warm one takes HITS results from the cache.
coldwarm() {
  local run=$1 p=$2 dir=$3 what=$4 hits=$5
  settle
  $run "${p}ref0" --cache-dir ''
  $run "${p}cold" --cache-dir "$dir"
  same "${p}cold" "${p}ref0" "$what, cold"
  $run "${p}warm" --cache-dir "$dir"
  same "${p}warm" "${p}ref0" "$what, warm"
  cache "${p}warm" "$what, warm" hits="$hits" misses=0 stores=0
}

# --- cold, then warm with nothing changed
settle
run ref0 --cache-dir ''
run cold --cache-dir "$C"
same cold ref0 "cold run"
cache cold "cold run" hits=0 misses="$N" stores="$N" unsettled=0
run warm --cache-dir "$C"
same warm ref0 "warm run"
cache warm "warm run" hits="$N" misses=0 stores=0
[ "$(entries "$C")" = "$N" ] && ok || bad "one entry per TU: $(entries "$C") for $N"
# The same text written again: digests, not stat data, decide.
touch "$T/inc/probe.h" "$EDITED"
run touched --cache-dir "$C"
same touched ref0 "touched files"
cache touched "touched files" hits="$N" misses=0

# --- one .c file changed: only its TU is analysed again
echo 'void more(const char *p) { get_image_size(p); }' >>"$EDITED"
settle
run ref1 --cache-dir ''
run c1 --cache-dir "$C"
same c1 ref1 ".c changed"
cache c1 ".c changed" hits=$((N - 1)) misses=1 stores=1

# --- a header changed: the TUs that read it
sed -i 's/!= -1/== -1/' "$T/inc/probe.h"
settle
run ref2 --cache-dir ''
run h2 --cache-dir "$C"
same h2 ref2 "header changed"
cache h2 "header changed" hits=$((N - 2)) misses=2 stores=2
# A header every TU reads.
echo '/* a comment */' >>"$T/inc/qemu-stubs.h"
settle
run ref2b --cache-dir ''
run h2b --cache-dir "$C"
same h2b ref2b "common header changed"
direct=$(grep -l '#include "qemu-stubs.h"' $(find "$T" -name '*.c') | wc -l)
python3 - "$WORK/h2b.json" "$N" "$direct" <<'PY' && ok || bad "common header changed: the TUs that read it missed"
import json, sys
c = json.load(open(sys.argv[1]))["stats"]["cache"]
n, direct = int(sys.argv[2]), int(sys.argv[3])
assert c["hits"] + c["misses"] == n and c["stores"] == c["misses"], c
assert direct <= c["misses"] < n, (c, direct)
PY

# --- the rules: other packs, a rules file edited
run ref3 --cache-dir '' --rules "$SRC/rules/qemu.json" --rules "$SRC/rules/posix.json"
run r3 --cache-dir "$C" --rules "$SRC/rules/qemu.json" --rules "$SRC/rules/posix.json"
same r3 ref3 "other rules"
cache r3 "other rules" hits=0 misses="$N"
run r3b --cache-dir "$C"
same r3b ref2b "the default rules again"
cache r3b "the default rules again" hits="$N" misses=0
# The cache keeps facts, which depend on the functions the rules name, not
# on their contracts: a contract edited is judged afresh from cached facts.
cp "$SRC/rules/qemu.json" "$WORK/rules.json"
run r3c --cache-dir "$C" --rules "$WORK/rules.json"
cache r3c "the same rules from another file" hits="$N" misses=0
edit_rules() { # PYTHON-STATEMENT on the rules list r
  python3 - "$WORK/rules.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["rules"]
exec(sys.argv[2])
json.dump(d, open(sys.argv[1], "w"))
PY
}
edit_rules 'r[1]["convention"] = "minus-one"'   # get_image_size
run ref3d --cache-dir '' --rules "$WORK/rules.json"
run r3d --cache-dir "$C" --rules "$WORK/rules.json"
same r3d ref3d "a contract edited"
cache r3d "a contract edited" hits="$N" misses=0
python3 -c 'import json,sys; a, b = (json.load(open(p))["findings"] for p in sys.argv[1:]); sys.exit(a == b)' \
  "$WORK/ref3d.json" "$WORK/r3c.json" && ok || bad "the edited contract changed no finding"
edit_rules 'd["rules"] = [x for x in r if x["function"] != "get_image_size"]'
run ref3e --cache-dir '' --rules "$WORK/rules.json"
run r3e --cache-dir "$C" --rules "$WORK/rules.json"
same r3e ref3e "a rule removed"
cache r3e "a rule removed" hits=0 misses="$N"

# --- a compile flag of one entry
python3 - "$T/compile_commands.json" <<'PY'
import json, sys
db = json.load(open(sys.argv[1]))
e = next(e for e in db if e["file"].endswith("direct-minus-one.c"))
e["arguments"].insert(1, "-DEXTRA_FLAG=1")
json.dump(db, open(sys.argv[1], "w"), indent=1)
PY
run ref4 --cache-dir ''
run f4 --cache-dir "$C"
same f4 ref4 "compile flag"
cache f4 "compile flag" hits=$((N - 1)) misses=1 stores=1

# --- retcheck's identity: another binary (the same program, one byte more)
cp "$RETCHECK" "$WORK/retcheck-other"
printf 'x' >>"$WORK/retcheck-other"
"$WORK/retcheck-other" -p "$T" --quiet --format json --output "$WORK/i5.json" --repairs=false --cache-dir "$C" 2>"$WORK/i5.err"
echo $? >"$WORK/i5.rc"
same i5 ref4 "another retcheck binary"
cache i5 "another retcheck binary" hits=0 misses="$N" stores="$N"
run i5b --cache-dir "$C"
cache i5b "the first binary again" hits="$N" misses=0

# --- options that change results: --prefilter=false
run ref6 --cache-dir '' --prefilter=false
run p6 --cache-dir "$C" --prefilter=false
same p6 ref6 "--prefilter=false"
cache p6 "--prefilter=false" hits=0 misses="$N"
run p6b --cache-dir "$C" --prefilter=false
cache p6b "--prefilter=false again" hits="$N" misses=0

# --- --changed-since: the files each TU reads come from the cache
(cd "$T" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm base) || bad "git"
echo 'void changed(const char *p) { get_image_size(p); }' >>"$T/hw/b/probe-2.c"
settle
run ref7 --cache-dir '' --changed-since HEAD
run c7 --cache-dir "$C" --changed-since HEAD
same c7 ref7 "--changed-since"
cache c7 "--changed-since" hits=$((N - 1)) misses=1 stores=1
python3 - "$WORK/c7.json" <<'PY' && ok || bad "--changed-since reports only the changed line"
import json, sys
d = json.load(open(sys.argv[1]))
assert [(f["file"].rsplit("/", 1)[1], f["line"]) for f in d["findings"]] == [("probe-2.c", 3)], d["findings"]
assert d["stats"]["skipped"] == d["stats"]["translation_units"] - 1, d["stats"]
PY
run ref7b --cache-dir ''

# --- two runs sharing one cache at once, and two shards
C2=$WORK/cache2
run s8a --cache-dir "$C2" &
run s8b --cache-dir "$C2" &
wait
same s8a ref7b "concurrent run 1"
same s8b ref7b "concurrent run 2"
run s8c --cache-dir "$C2"
same s8c ref7b "after concurrent runs"
cache s8c "after concurrent runs" hits="$N" misses=0 corrupt=0
[ "$(find "$C2" -name 'tmp-*' | wc -l)" = 0 ] && ok || bad "temporaries left behind"
C3=$WORK/cache3
run sh1 --cache-dir "$C3" --shard 1/2 &
run sh2 --cache-dir "$C3" --shard 2/2 &
wait
run sh3 --cache-dir "$C3"
same sh3 ref7b "after concurrent shards"
cache sh3 "after concurrent shards" hits="$N" misses=0 corrupt=0

# --- damaged entries: ignored, rewritten
set -- $(find "$C2/v1" -type f | sort | head -2)
truncate -s 10 "$1"
printf 'garbage' | dd of="$2" bs=1 seek=40 conv=notrunc status=none
run d9 --cache-dir "$C2"
same d9 ref7b "damaged entries"
cache d9 "damaged entries" hits=$((N - 2)) misses=2 corrupt=2 stores=2
run d9b --cache-dir "$C2"
cache d9b "damaged entries rewritten" hits="$N" misses=0 corrupt=0

# --- a full cache: eviction keeps the bound, results stay right
C4=$WORK/cache4
run e10 --cache-dir "$C4" --cache-max-size 40K
same e10 ref7b "small cache"
cache e10 "small cache" misses="$N" stores="$N"
python3 - "$WORK/e10.json" "$C4" <<'PY' && ok || bad "eviction keeps the size bound"
import json, os, sys
c = json.load(open(sys.argv[1]))["stats"]["cache"]
assert c["evicted"] > 0, c
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(sys.argv[2] + "/v1") for f in fs)
assert size <= 40 * 1024, size
PY
# A run whose own entries do not fit says so: the next run would parse
# them again (the default bound, 5 GiB as ccache's, is in --help).
cache e10 "a fresh cache evicts only the run's own" evicted_used="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stats"]["cache"]["evicted"])' "$WORK/e10.json")"
"$RETCHECK" -p "$T" --repairs=false --cache-dir "$WORK/cache4b" --cache-max-size 40K >/dev/null 2>"$WORK/e10c.err"
expect_in "$WORK/e10c.err" "stored or served by this run: raise --cache-max-size" "a run evicting its own entries says so"
"$RETCHECK" --help >"$WORK/help.txt"
expect_in "$WORK/help.txt" "(default: 5G)" "the default size bound in --help"
run e10b --cache-dir "$C4" --cache-max-size 40K
same e10b ref7b "small cache, warm"
python3 - "$WORK/e10b.json" <<'PY' && ok || bad "a small cache still serves what it kept"
import json, sys
c = json.load(open(sys.argv[1]))["stats"]["cache"]
assert c["hits"] > 0 and c["misses"] > 0, c
PY

# --- a read-only folder: served, never written
before=$(find "$C" -type f -newer "$WORK/ref7b.json" | wc -l)
chmod -R a-w "$C"
run ro11 --cache-dir "$C"
same ro11 ref7b "read-only cache"
cache ro11 "read-only cache" hits="$N" misses=0 stores=0 read_only=true
echo 'void ro(const char *p) { get_image_size(p); }' >>"$T/hw/a/probe-1.c"
settle
run ref11 --cache-dir ''
run ro11b --cache-dir "$C"
same ro11b ref11 "read-only cache, a file changed"
cache ro11b "read-only cache, a file changed" hits=$((N - 1)) misses=1 stores=0 read_only=true
[ "$(find "$C" -type f -newer "$WORK/ref7b.json" | wc -l)" = "$before" ] && ok || bad "a read-only cache was written"
chmod -R u+w "$C"

# --- the default folder, switching off, bad options
RETCHECK_CACHE_DIR=$C run env12
cache env12 "\$RETCHECK_CACHE_DIR" misses=1 hits=$((N - 1))
RETCHECK_CACHE_DIR=$C run off12 --cache-dir ''
python3 -c 'import json,sys; assert "cache" not in json.load(open(sys.argv[1]))["stats"]' "$WORK/off12.json" && ok || bad "--cache-dir '' switches the cache off"
expect_exit 2 "bad --cache-max-size" -- "$RETCHECK" -p "$T" --cache-dir "$C" --cache-max-size 12Q
expect_error_line "--cache-max-size wants N, NK, NM or NG, got '12Q'" "bad size message"
run file12 --cache-dir "$T/compile_commands.json"
same file12 ref11 "a cache path that is a file"
expect_in "$WORK/file12.err" "retcheck: warning: cache $T/compile_commands.json: not a folder; the run goes on without it" "not a folder warning"

# --- repair verdicts: kept beside the results; a warm run parses no TU
# again, a changed TU's repairs are verified again.
C6=$WORK/cache6
coldwarm rrun v "$C6" repairs "$N"
# A comment appended to a file with a verified repair: same findings,
# same repairs, but a TU that changed.
REPAIRED=$(python3 -c '
import json, sys
print(next(f["file"] for f in json.load(open(sys.argv[1]))["findings"] if f.get("notes")))' "$WORK/vcold.json")
echo '/* edited */' >>"$REPAIRED"
settle
rrun vref1 --cache-dir ''
rrun vchanged --cache-dir "$C6"
same vchanged vref1 "repairs, a file changed"
python3 - "$WORK/vcold.json" "$WORK/vwarm.json" "$WORK/vchanged.json" <<'PY' && ok || bad "verdicts from the cache"
import json, sys
cold, warm, changed = (json.load(open(p))["stats"]["repairs"] for p in sys.argv[1:4])
assert cold["offered"] > 0 and cold["parses"] > 0, cold
assert warm["parses"] == 0 and warm["offered"] == cold["offered"], (cold, warm)
assert 0 < changed["parses"] < cold["parses"], (cold, changed)
PY

# --- inference: the facts of unchanged TUs are reused, the contracts are
# inferred again. A body edited in one TU changes findings in another.
I=$WORK/infer
cp -r "$SRC/fixtures/infer" "$I"
python3 - "$I" <<'PY'
import json, sys
t = sys.argv[1]
json.dump([{"directory": t, "file": f, "arguments": ["clang", "-c", "-std=gnu11", f]}
           for f in ("base.c", "callers.c", "statics_a.c", "statics_b.c")],
          open(t + "/compile_commands.json", "w"), indent=1)
PY
# irun NAME [options]: the inference tree, inferring.
irun() { local name=$1; shift; analyse "$name" -p "$I" --infer --source-root "$I" "$@"; }
C5=$WORK/cache5
coldwarm irun i "$C5" inference 4
# base_open no longer fails: its callers in callers.c (cached) lose findings.
sed -i 's/return -EINVAL;/return 0;/' "$I/base.c"
settle
irun iref1 --cache-dir ''
irun ichanged --cache-dir "$C5"
same ichanged iref1 "inference, a callee's body changed"
cache ichanged "inference, a callee's body changed" hits=3 misses=1 stores=1
python3 - "$WORK/iref0.json" "$WORK/iref1.json" <<'PY' && ok || bad "the edit changes findings in another TU"
import json, sys
a, b = (json.load(open(p))["findings"] for p in sys.argv[1:3])
key = lambda f: (f["relative_file"], f["line"], f["check"])
gone = {key(f) for f in a} - {key(f) for f in b}
assert any(k[0] == "callers.c" for k in gone), gone
PY
# The inference scope (every call) is not the rules' scope: no hit across.
"$RETCHECK" -p "$I" --source-root "$I" --quiet --format json --output "$WORK/iplain.json" --cache-dir "$C5" --prefilter=false 2>"$WORK/iplain.err"
cache iplain "a plain run does not take inference facts" hits=0 misses=4

finish cache
