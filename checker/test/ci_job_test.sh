#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The CI recipes run: ci/retcheck-ci.sh, the script of ci/gitlab-ci.yml's
# shard and merge jobs (and of ci/github-workflow.yml), on a git repository
# made here, with its build directory outside it as QEMU builds. A merge
# request that adds a finding fails; one that only keeps (and moves) old
# findings passes; the SARIF file for the upload validates with the SARIF
# multitool's GitHub rules, and the Code Quality report lists what is new.
#   ci_job_test.sh <retcheck> <source dir> [multitool]
set -u
RETCHECK=$(realpath "$1") # the jobs run in the project's checkout
SRC=$2
MULTITOOL=${3:-/usr/local/share/retcheck-test/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
. "$(dirname "$0")/testlib.sh"
JOB="$SRC/ci/retcheck-ci.sh"

# The recipes call the script tested here.
expect_in "$SRC/ci/gitlab-ci.yml" 'retcheck-ci.sh shard "$CI_NODE_INDEX" "$CI_NODE_TOTAL"' "gitlab shard job"
expect_in "$SRC/ci/gitlab-ci.yml" 'retcheck-ci.sh merge' "gitlab merge job"
expect_in "$SRC/ci/gitlab-ci.yml" 'parallel: 4' "gitlab shards"
expect_in "$SRC/ci/github-workflow.yml" 'retcheck-ci.sh merge' "github job"

# --- the project: sources in a git repository, the build beside it
P=$WORK/project
B=$WORK/build
mkdir -p "$P/src/hw" "$P/include" "$B"
cp "$SRC/fixtures/include/"*.h "$P/include/"
cat >"$P/src/hw/loader.c" <<'C'
#include "qemu-stubs.h"

int load_kernel(const char *path)
{
    int size = load_image_targphys(path, 0, 0x100000);
    if (size == -1) {
        return -1;
    }
    return size;
}
C
for i in 1 2 3 4 5; do
  printf '#include "qemu-stubs.h"\nint probe%d(const char *p)\n{\n    return get_image_size(p) < 0;\n}\n' $i >"$P/src/hw/dev$i.c"
done
python3 - "$P" "$B" <<'PY'
import glob, json, os, sys
p, b = sys.argv[1:3]
json.dump([{"directory": b, "file": f,
            "arguments": ["clang", "-I" + p + "/include", "-c", f, "-o", os.path.basename(f) + ".o"]}
           for f in sorted(glob.glob(p + "/src/hw/*.c"))],
          open(b + "/compile_commands.json", "w"), indent=1)
PY
git() { command git -C "$P" -c user.name=ci -c user.email=ci@example.org "$@"; }
git init -q -b main
git add -A && git commit -qm "the project"
# The baseline accepts the finding the project has today.
(cd "$P" && "$RETCHECK" --quiet -p "$B" --write-baseline retcheck-baseline.json >/dev/null) && ok || bad "--write-baseline exits 0"
git add retcheck-baseline.json && git commit -qm "retcheck baseline"
expect_in "$P/retcheck-baseline.json" '"source_root_in_repository": "."' "baseline records its root"

# A pipeline as GitLab runs it: in the project's checkout, 2 shards, then
# the merge job. Its exit code is the pipeline's verdict.
pipeline() { # NAME [CHANGED_SINCE]
  local out=$WORK/$1
  rm -rf "$out"
  for k in 1 2; do
    (cd "$P" && RETCHECK=$RETCHECK RETCHECK_BUILD_DIR=$B RETCHECK_OUT=$out \
      CI_NODE_INDEX=$k CI_NODE_TOTAL=2 CI_MERGE_REQUEST_DIFF_BASE_SHA=${2:-} \
      bash "$JOB" shard $k 2) >"$WORK/$1-shard$k.log" 2>&1 ||
      { bad "$1: shard $k failed"; sed 's/^/  | /' "$WORK/$1-shard$k.log"; }
  done
  (cd "$P" && RETCHECK=$RETCHECK RETCHECK_OUT=$out bash "$JOB" merge) >"$WORK/$1.log" 2>&1
  echo $? >"$WORK/$1.status"
  echo "--- $1: exit $(cat "$WORK/$1.status")"
  sed 's/^/  | /' "$WORK/$1.log"
}

# --- the main branch: only accepted findings
pipeline main
[ "$(cat "$WORK/main.status")" = 0 ] && ok || bad "main branch: the baseline's finding does not fail"
python3 -c "
import json; d = json.load(open('$WORK/main/report/merged.json'))
assert d['findings'] == [] and d['stats']['baselined'] == 1, d['stats']
assert d['stats']['translation_units'] == 6, d['stats']" && ok || bad "main: shards merged"

# --- a merge request that only keeps the old finding (its lines move, the
# function around it changes) passes
git checkout -q -b keep main
base=$(git rev-parse main)
sed -i 's|^int load_kernel|/* loads the kernel */\nint load_kernel|; s|return size;|return size + 0;|' "$P/src/hw/loader.c"
git commit -qam "move the old finding"
pipeline keep "$base"
[ "$(cat "$WORK/keep.status")" = 0 ] && ok || bad "a merge request keeping old findings passes"
python3 -c "
import json; d = json.load(open('$WORK/keep/gl-code-quality-report.json'))
assert d == [], d" && ok || bad "keep: the widget shows nothing new"

# --- a merge request that adds a finding fails, and says where
git checkout -q -b add main
cat >>"$P/src/hw/dev3.c" <<'C'
void reset3(const char *p)
{
    get_image_size(p);
}
C
git commit -qam "a new ignored result"
pipeline add "$base"
[ "$(cat "$WORK/add.status")" = 1 ] && ok || bad "a merge request adding a finding fails (exit 1)"
expect_in "$WORK/add.log" "src/hw/dev3.c:8:5: warning: result of 'get_image_size' is ignored" "the job log names the new finding"
python3 - "$WORK/add" <<'PY' && ok || bad "add: Code Quality and SARIF list the new finding only"
import json, sys
out = sys.argv[1]
cq = json.load(open(out + "/gl-code-quality-report.json"))
assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in cq] == \
    [("src/hw/dev3.c", 8, "retcheck-ignored-result")], cq
sarif = json.load(open(out + "/retcheck.sarif"))
run = sarif["runs"][0]
assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == ["src/hw/dev3.c"]
assert run["versionControlProvenance"][0]["revisionId"], run.get("versionControlProvenance")
md = open(out + "/report/summary.md").read()
assert "dev3.c" in md, md
PY

# The SARIF file the GitHub job uploads validates with GitHub's rules.
if [ "$MULTITOOL" = none ]; then
  echo "  (SARIF validation left out: RETCHECK_SARIF_VALIDATOR_TEST=OFF)"
elif [ -x "$MULTITOOL" ]; then
  # Without RETCHECK_DOCS_URL the tool names no informationUri, which only
  # the multitool's SARIF2005 asks for (GitHub accepts it).
  sarif_validates "$WORK/add/retcheck.sarif" "the uploaded SARIF" SARIF2005
  grep -E "error|warning" "$WORK/multitool.log" | sed 's/^/  multitool: /' | head -5
else
  bad "the SARIF multitool is missing ($MULTITOOL): run scripts/install-deps.sh"
fi

finish ci-job
