#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The CI recipes as users copy them (ci/gitlab-ci.yml, ci/github-workflow.yml,
# and their script ci/retcheck-ci.sh), run as GitLab and GitHub would by
# checker/test/ci_pipeline.py: same image contents (debian:bookworm, then
# what each job installs), same variables, the same shallow clones, on a
# small QEMU-like project (examples/board, a generated header, glib, a
# stand-in configure: checker/test/qemu-like/). The retcheck-package job,
# which builds retcheck from its sources, is stood in for by this build
# (cmake --install, packed with dpkg-deb); everything else runs.
#
# GitLab: a push to main passes (its findings are in the baseline); a
# merge request that adds a finding fails, and names it in the log, the
# Code Quality report and the SARIF file (validated with GitHub's rules);
# with RETCHECK_ARGS=--fail-on=none it passes; one that only moves old
# findings passes; a branch with an open merge request runs no retcheck
# job. GitHub: a pull request that adds a finding uploads the SARIF and
# fails at the verdict.
#   ci_job_test.sh <retcheck> <source dir> <build dir> [multitool]
set -u
RETCHECK=$(realpath "$1")
SRC=$2
BUILD=$(realpath "$3")
MULTITOOL=${4:-/usr/local/share/retcheck-test/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
. "$(dirname "$0")/testlib.sh"
# RETCHECK_KEEP_WORK=1 keeps the projects, clones and job logs to look at.
[ -z "${RETCHECK_KEEP_WORK:-}" ] || { trap - EXIT; echo "work directory: $WORK"; }
PIPELINE="python3 $SRC/checker/test/ci_pipeline.py"
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is missing (scripts/install-deps.sh)"; exit 1; }

# The two recipes install the same packages for QEMU.
python3 - "$SRC/ci/gitlab-ci.yml" "$SRC/ci/github-workflow.yml" <<'PY' && ok || bad "the recipes' QEMU packages differ"
import re, sys, yaml
v = yaml.safe_load(open(sys.argv[1]))[".retcheck"]["variables"]
gitlab = set((v["RETCHECK_QEMU_TOOLS"] + " " + v["RETCHECK_QEMU_HEADERS"]).split())
steps = yaml.safe_load(open(sys.argv[2]))["jobs"]["retcheck"]["steps"]
github = set(re.search(r"--no-install-recommends(.*)", steps[0]["run"]).group(1).split())
assert gitlab == github, (gitlab ^ github)
PY

# --- the package the retcheck-package job would build: this build
STAGE=$WORK/stage
if DESTDIR=$STAGE cmake --install "$BUILD" --prefix /usr >"$WORK/install.log" 2>&1; then ok; else
  bad "cmake --install"; tail -5 "$WORK/install.log"; finish ci-job; exit 1
fi
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD/CPackConfig.cmake")
# Depends as cpack writes them: the package's own, and dpkg-shlibdeps'.
depends=$({
  sed -n 's/^set(CPACK_DEBIAN_PACKAGE_DEPENDS "\(.*\)")$/\1/p' "$BUILD/CPackConfig.cmake" | tr ',' '\n'
  for lib in $(ldd "$STAGE/usr/bin/retcheck" | awk '$3 ~ /^\// {print $3}'); do
    dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "$(realpath "$lib")" 2>/dev/null
  done | cut -d: -f1
} | sed 's/^ *//; /^$/d' | sort -u | paste -sd, | sed 's/,/, /g')
mkdir -p "$STAGE/DEBIAN" "$WORK/gitlab-package/retcheck-deb" "$WORK/github-package"
printf 'Package: retcheck\nVersion: %s\nArchitecture: amd64\nMaintainer: ci_job_test\nDepends: %s\nDescription: stand-in\n' \
  "$version" "$depends" >"$STAGE/DEBIAN/control"
deb=$WORK/gitlab-package/retcheck-deb/retcheck_${version}_amd64.deb
dpkg-deb -Znone --root-owner-group --build "$STAGE" "$deb" >/dev/null && ok || bad "dpkg-deb --build"
cp "$deb" "$WORK/github-package/"
echo "stand-in package: $(basename "$deb"), Depends: $depends"

# --- the project: a QEMU-like tree in git, with an origin as CI clones it
P=$WORK/dev
mkdir -p "$P/include"
cp -r "$SRC/checker/test/qemu-like/." "$P/"
mv "$P/configure.sh" "$P/configure"
cp "$SRC/examples/board/hw/"*.c "$P/hw/board/"
cp "$SRC/examples/board/include/loader.h" "$P/include/"
printf 'build/\nretcheck-out/\n' >"$P/.gitignore"
git() { command git -C "$P" -c user.name=ci -c user.email=ci@example.org "$@"; }
git init -q -b main
git add -A && git commit -qm "the project"
# The baseline accepts the findings the project has today (configured and
# generated as the build job does it, on this machine).
(cd "$P" && ./configure --cc=clang-19 --target-list=x86_64-softmmu >/dev/null &&
  python3 scripts/qapi-gen.py qapi/board.json build/qapi/qapi-types-board.h &&
  "$RETCHECK" --quiet -p build --write-baseline retcheck-baseline.json >/dev/null) && ok || bad "--write-baseline exits 0"
rm -rf "$P/build"
git add retcheck-baseline.json && git commit -qm "retcheck baseline"
base=$(git rev-parse main)
command git init -q --bare "$WORK/origin.git"
ORIGIN=file://$WORK/origin.git
git push -q "$ORIGIN" main

# gitlab NAME [options]: a pipeline of ci/gitlab-ci.yml; its jobs' results
# in $WORK/NAME/pipeline.json, their logs beside.
gitlab() {
  local name=$1
  shift
  $PIPELINE gitlab "$SRC/ci/gitlab-ci.yml" --origin "$ORIGIN" --work "$WORK/gl" \
    --cache-store "$WORK/gitlab-caches" --out "$WORK/$name" \
    --stand-in "retcheck-package=$WORK/gitlab-package" "$@" >"$WORK/$name.jobs" 2>"$WORK/$name.err" ||
    { bad "$name: the simulation failed"; cat "$WORK/$name.err"; }
  echo "--- GitLab $name: $(cat "$WORK/$name.jobs")"
}
pipeline_is() { # NAME passed|failed
  if python3 -c "import json,sys; sys.exit(json.load(open('$WORK/$1/pipeline.json'))['pipeline'] != '$2')"; then ok; else
    bad "$1: the pipeline is not $2"
    for log in "$WORK/$1"/*.log; do echo "  == $(basename "$log")"; tail -15 "$log" | sed 's/^/  | /'; done
  fi
}
job_is() { # NAME JOB success|failed|skipped
  if python3 -c "import json,sys; sys.exit(json.load(open('$WORK/$1/pipeline.json'))['jobs'].get('$2') != '$3')"; then ok; else
    bad "$1: job $2 is not $3"; tail -20 "$WORK/$1/$2.log" 2>/dev/null | sed 's/^/  | /'
  fi
}
merged() { python3 - "$WORK/gl/artifacts/retcheck/retcheck-out" "$@"; } # the merge job's artifacts

# --- GitLab: a push to main, every job, its findings all accepted
gitlab main --sha "$base" --event push --branch main
pipeline_is main passed
for job in retcheck-build "retcheck-shard 1/4" "retcheck-shard 4/4" retcheck; do job_is main "$job" success; done
merged <<'PY' && ok || bad "main: four shards merged, the baseline's findings accepted"
import json, sys
d = json.load(open(sys.argv[1] + "/report/merged.json"))
assert d["findings"] == [] and d["stats"]["baselined"] > 0, d["stats"]
assert d["stats"]["translation_units"] == 4, d["stats"]
assert not d["errors"], d["errors"]
PY
expect_in "$WORK/main/retcheck-build.log" "building 1 generated files the compile commands need" "the build job generates the header once"
expect_in "$WORK/main/retcheck-shard-1-4.log" "fetched +refs/heads/main:refs/remotes/origin/main with depth 1" "shards clone one commit deep"

# --- GitLab, --infer across jobs (RETCHECK_INFER): facts, infer and judge
# jobs instead of the shards; the merged result is one unsharded --infer
# run's (same tree, same baseline), finding for finding.
gitlab infer --sha "$base" --event push --branch main --var RETCHECK_INFER=1 --var RETCHECK_ARGS=--fail-on=none
pipeline_is infer passed
for job in "retcheck-facts 1/4" "retcheck-facts 4/4" retcheck-infer "retcheck-judge 1/4" "retcheck-judge 4/4" retcheck; do
  job_is infer "$job" success
done
grep -q "retcheck-shard" "$WORK/infer.jobs" && bad "infer: the rules' shards run too" || ok
expect_in "$WORK/infer/retcheck-infer.log" "inferred " "infer: the reduce job infers"
(cd "$P" && ./configure --cc=clang-19 --target-list=x86_64-softmmu >/dev/null &&
  python3 scripts/qapi-gen.py qapi/board.json build/qapi/qapi-types-board.h &&
  "$RETCHECK" --quiet -p build --infer --baseline retcheck-baseline.json --format json --output "$WORK/infer-local.json" >/dev/null)
rm -rf "$P/build"
merged "$WORK/infer-local.json" <<'PY' && ok || bad "infer: the pipeline's result is the unsharded --infer run's"
import json, sys
pick = lambda d: sorted((f["relative_file"], f["line"], f["check"], f["fingerprint"], f["rank"], f["message"])
                        for f in d["findings"])
ci, local = (json.load(open(p)) for p in (sys.argv[1] + "/report/merged.json", sys.argv[2]))
assert pick(local), "no finding to compare"
assert pick(ci) == pick(local), (pick(ci), pick(local))
assert ci["stats"]["translation_units"] == 4, ci["stats"]
PY

# --- a merge request that adds a finding: more commits than the clone
# holds, so the base commit must be fetched
git checkout -q -b add main
cat >>"$P/hw/board/status.c" <<'C'

void board_reset(const char *image)
{
    get_image_size(image);
}
C
git commit -qam "a new ignored result"
for i in 1 2 3; do echo "/* $i */" >>"$P/hw/board/probe.c"; git commit -qam "comment $i"; done
git push -q "$ORIGIN" add add:refs/merge-requests/1/head
head=$(git rev-parse add)
gitlab add --sha "$head" --event merge_request_event --branch add --base "$base"
pipeline_is add failed
job_is add "retcheck-shard 1/4" success
job_is add retcheck failed
expect_in "$WORK/add/retcheck-shard-1-4.log" "retcheck-ci: fetching the base commit $base (the clone lacks it)" "the shard fetches the merge base"
expect_in "$WORK/add/retcheck.log" "hw/board/status.c:18:5: warning: result of 'get_image_size' is ignored" "the job log names the new finding"
merged <<'PY' && ok || bad "add: Code Quality and SARIF list the new finding only"
import json, sys
out = sys.argv[1]
cq = json.load(open(out + "/gl-code-quality-report.json"))
assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in cq] == \
    [("hw/board/status.c", 18, "retcheck-ignored-result")], cq
run = json.load(open(out + "/retcheck.sarif"))["runs"][0]
assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == ["hw/board/status.c"]
assert run["versionControlProvenance"][0]["revisionId"], run.get("versionControlProvenance")
d = json.load(open(out + "/report/merged.json"))
assert d["stats"]["skipped"] >= 2, d["stats"]  # probe.c's comments reach no finding; board.c, device.c untouched
PY
cp "$WORK/gl/artifacts/retcheck/retcheck-out/retcheck.sarif" "$WORK/add.sarif"
# The shards kept their results: this pipeline found them in the cache.
expect_in "$WORK/add/retcheck-shard-1-4.log" "cache retcheck-1 restored" "the shards' cache comes back"

# RETCHECK_ARGS reach the verdict: --fail-on=none reports and passes.
gitlab add-report --sha "$head" --event merge_request_event --branch add --base "$base" --var RETCHECK_ARGS=--fail-on=none
pipeline_is add-report passed
expect_in "$WORK/add-report/retcheck.log" "warning: result of 'get_image_size' is ignored" "--fail-on=none still reports"

# --infer across jobs in the merge request: the facts come back from the
# per-shard cache, and the new finding fails the pipeline.
gitlab add-infer --sha "$head" --event merge_request_event --branch add --base "$base" --var RETCHECK_INFER=1
pipeline_is add-infer failed
job_is add-infer "retcheck-judge 1/4" success
expect_in "$WORK/add-infer/retcheck-facts-1-4.log" "cache retcheck-infer-1 restored" "infer: the facts jobs' cache comes back"
expect_in "$WORK/add-infer/retcheck.log" "hw/board/status.c:18:5: warning: result of 'get_image_size' is ignored" "infer: the job log names the new finding"

# A push to the merge request's branch runs no retcheck job: the merge
# request pipeline does.
gitlab add-push --sha "$head" --event push --branch add --open-merge-requests
[ "$(cat "$WORK/add-push.jobs")" = "{}" ] && ok || bad "a branch with an open merge request runs retcheck twice"

# --- a merge request that only moves the accepted findings passes
git checkout -q -b keep main
sed -i 's|^static void load_bios|/* the BIOS */\nstatic void load_bios|' "$P/hw/board/board.c"
git commit -qam "move the old findings"
git push -q "$ORIGIN" keep keep:refs/merge-requests/2/head
gitlab keep --sha "$(git rev-parse keep)" --event merge_request_event --branch keep --base "$base" --iid 2
pipeline_is keep passed
merged <<'PY' && ok || bad "keep: the widget shows nothing new"
import json, sys
assert json.load(open(sys.argv[1] + "/gl-code-quality-report.json")) == []
PY

# --- GitHub: a pull request adding the finding, on the merge commit
git checkout -q -b merge main
git merge -q --no-ff -m "Merge add into main" add
git push -q "$ORIGIN" merge:refs/pull/1/merge
$PIPELINE github "$SRC/ci/github-workflow.yml" --origin "$ORIGIN" --work "$WORK/gh" --out "$WORK/gh-pr" \
  --sha "$(git rev-parse merge)" --event pull_request --branch add --base "$base" \
  --stand-in "retcheck-deb=$WORK/github-package" --stand-in-job package >"$WORK/gh-pr.jobs" 2>"$WORK/gh-pr.err" ||
  { bad "github: the simulation failed"; cat "$WORK/gh-pr.err"; }
echo "--- GitHub pull request: $(cat "$WORK/gh-pr.jobs")"
pipeline_is gh-pr failed
expect_in "$WORK/gh-pr/retcheck.log" "(verdict) failed" "the verdict step fails"
[ "$(grep -c "failed$" "$WORK/gh-pr/retcheck.log")" = 2 ] && ok || bad "GitHub: only the verdict step fails"
expect_in "$WORK/gh-pr/retcheck.log" "hw/board/status.c:18:5: warning: result of 'get_image_size' is ignored" "GitHub: the log names the new finding"
python3 - "$WORK/gh-pr/uploaded.sarif" <<'PY' && ok || bad "GitHub: the SARIF upload holds the new finding"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == ["hw/board/status.c"], run["results"]
PY

# The SARIF files uploaded validate with GitHub's rules.
if [ "$MULTITOOL" = none ]; then
  echo "  (SARIF validation left out: RETCHECK_SARIF_VALIDATOR_TEST=OFF)"
elif [ -x "$MULTITOOL" ]; then
  # Without RETCHECK_DOCS_URL the tool names no informationUri, which only
  # the multitool's SARIF2005 asks for (GitHub accepts it).
  sarif_validates "$WORK/add.sarif" "GitLab's SARIF" SARIF2005
  sarif_validates "$WORK/gh-pr/uploaded.sarif" "the SARIF GitHub's job uploads" SARIF2005
else
  bad "the SARIF multitool is missing ($MULTITOOL): run scripts/install-deps.sh"
fi

finish ci-job
