#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The retcheck steps of a CI pipeline, shared by ci/gitlab-ci.yml and
# ci/github-workflow.yml (checker/test/ci_job_test.sh runs both recipes).
#
#   retcheck-ci.sh generate    build only what the compile commands need
#                              before they parse (generated headers and
#                              sources; ninja builds such as QEMU's), once,
#                              for the shards to share
#   retcheck-ci.sh shard K N   analyse the K-th of N parts of the build
#   retcheck-ci.sh merge       merge the parts: report, Code Quality, SARIF,
#                              and the verdict
#
# With contracts inferred from the whole tree (--infer split across jobs;
# the merge as above):
#   retcheck-ci.sh facts K N   parse the K-th of N parts, write its facts
#                              ($RETCHECK_OUT/facts-K) (map)
#   retcheck-ci.sh infer       infer the contracts from every part's facts,
#                              parsing nothing: inferred.json, judge-plan.bin
#                              (reduce)
#   retcheck-ci.sh judge K N   judge the K-th part from its facts against
#                              them, as a shard's result (judge)
#
# A shard only writes its JSON result (findings already in the baseline
# left out): compile errors and findings are judged once, by the merge. The
# merge exits like retcheck: 0 nothing new, 1 new findings that fail the run
# (--fail-on, default warnings), 3 some TU could not be analysed, other
# codes for broken inputs (README.md, "Exit codes").
#
# Runs in the project's git checkout. With a base revision (merge requests)
# it needs git, and the base commit: a shallow clone (GitLab's GIT_DEPTH,
# GitHub's fetch-depth) often lacks it, so the shard fetches that one
# commit from origin (git diff needs its tree, not the history between).
#
# Environment (all optional):
#   RETCHECK               the retcheck binary (default: retcheck on PATH)
#   RETCHECK_BUILD_DIR     the directory with compile_commands.json (build)
#   RETCHECK_BASELINE      accepted findings, committed in the repository
#                          (retcheck-baseline.json; ignored when missing)
#   RETCHECK_CHANGED_SINCE only TUs and statements a change touches (default
#                          in GitLab merge requests: the merge base,
#                          $CI_MERGE_REQUEST_DIFF_BASE_SHA)
#   RETCHECK_OUT           where results go (retcheck-out)
#   RETCHECK_ARGS          more retcheck options, for the shards (facts and
#                          judge too) and the merge's verdict: --rules,
#                          --checks, --fail-on=none, --fail-checks ...
#                          (--infer with `shard` infers from the part alone:
#                          use facts, infer and judge instead)
#   RETCHECK_DOCS_URL      where the SARIF rules' help links point
#                          (retcheck's docs/checks/, as published)
set -uo pipefail
RETCHECK=${RETCHECK:-retcheck}
BUILD=${RETCHECK_BUILD_DIR:-build}
BASELINE=${RETCHECK_BASELINE:-retcheck-baseline.json}
CHANGED=${RETCHECK_CHANGED_SINCE:-${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}}
OUT=${RETCHECK_OUT:-retcheck-out}
read -r -a EXTRA <<<"${RETCHECK_ARGS:-}"
HERE=$(dirname "$0")

say() { echo "retcheck-ci: $*" >&2; }

# The base commit of a change, fetched if the clone lacks it.
fetch_base() {
  if ! command -v git >/dev/null; then
    say "git is not installed in this image: the merge request's changes cannot be found (install git)"
    return 2
  fi
  # git says why it cannot (a checkout owned by another user: safe.directory).
  if ! git rev-parse --git-dir >/dev/null; then
    say "git cannot read the checkout in $PWD"
    return 2
  fi
  git cat-file -e "$CHANGED^{commit}" 2>/dev/null && return 0
  # Deepening a complete clone would make it shallow: --depth only where
  # it is shallow already.
  local depth=()
  [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] && depth=(--depth=1)
  say "fetching the base commit $CHANGED (the clone lacks it)"
  if ! git fetch --quiet "${depth[@]}" origin "$CHANGED" ||
     ! git cat-file -e "$CHANGED^{commit}" 2>/dev/null; then
    say "cannot fetch $CHANGED from origin: clone deeper (GIT_DEPTH, fetch-depth)"
    return 2
  fi
}

case ${1:-} in
generate)
  if [ ! -f "$BUILD/build.ninja" ]; then
    say "no $BUILD/build.ninja: configure first (or build the generated files yourself)"
    exit 2
  fi
  # Installed beside this script; in retcheck's sources, under scripts/lib.
  lister=$HERE/ninja-gen-targets.py
  [ -f "$lister" ] || lister=$HERE/../scripts/lib/ninja-gen-targets.py
  mapfile -t targets < <(python3 "$lister" "$BUILD/build.ninja") || exit
  say "building ${#targets[@]} generated files the compile commands need"
  [ ${#targets[@]} = 0 ] || ninja -C "$BUILD" "${targets[@]}"
  ;;
facts)
  k=${2:?facts K N}
  n=${3:?facts K N}
  mkdir -p "$OUT"
  "$RETCHECK" -p "$BUILD" --shard "$k/$n" --write-facts "$OUT/facts-$k" "${EXTRA[@]}"
  status=$?
  # TUs with errors (3) are kept with the facts: the merge judges them.
  case $status in 0 | 3) exit 0 ;; *) exit $status ;; esac
  ;;
infer)
  shopt -s nullglob
  facts=()
  for dir in "$OUT"/facts-*/; do facts+=(--facts "$dir"); done
  if [ ${#facts[@]} = 0 ]; then
    say "no facts in $OUT (retcheck-ci.sh facts K N first)"
    exit 2
  fi
  "$RETCHECK" infer "${facts[@]}" -o "$OUT/inferred.json" --judge-plan "$OUT/judge-plan.bin"
  status=$?
  case $status in 0 | 3) exit 0 ;; *) exit $status ;; esac
  ;;
shard | judge)
  k=${2:?$1 K N}
  n=${3:?$1 K N}
  args=(-p "$BUILD" --shard "$k/$n" --format json --output "$OUT/shard-$k.json")
  [ "$1" = judge ] && args+=(--facts "$OUT/facts-$k" --inferred-rules "$OUT/inferred.json"
    --judge-plan "$OUT/judge-plan.bin")
  [ -f "$BASELINE" ] && args+=(--baseline "$BASELINE")
  if [ -n "$CHANGED" ]; then
    fetch_base || exit
    args+=(--changed-since "$CHANGED")
  fi
  mkdir -p "$OUT"
  "$RETCHECK" "${args[@]}" "${EXTRA[@]}"
  status=$?
  # Findings (1) and TUs with errors (3) are the merge's to judge.
  case $status in 0 | 1 | 3) exit 0 ;; *) exit $status ;; esac
  ;;
merge)
  shopt -s nullglob
  shards=("$OUT"/shard-*.json)
  if [ ${#shards[@]} = 0 ]; then
    say "no shard results in $OUT"
    exit 2
  fi
  "$RETCHECK" report --quiet "${shards[@]}" -o "$OUT/report" || exit
  merged=$OUT/report/merged.json
  # GitLab's merge request widget and GitHub code scanning.
  "$RETCHECK" --quiet --results "$merged" --format codequality \
    --output "$OUT/gl-code-quality-report.json" "${EXTRA[@]}"
  [ $? -le 3 ] || exit
  "$RETCHECK" --quiet --results "$merged" --format sarif \
    ${RETCHECK_DOCS_URL:+--docs-url "$RETCHECK_DOCS_URL"} \
    --output "$OUT/retcheck.sarif" "${EXTRA[@]}"
  [ $? -le 3 ] || exit
  # The log shows what is new, as clang does; its exit code is the verdict
  # (RETCHECK_ARGS: --fail-on, --fail-checks).
  "$RETCHECK" --results "$merged" --format text "${EXTRA[@]}"
  ;;
*)
  echo "usage: retcheck-ci.sh generate | shard K N | merge | facts K N | infer | judge K N" >&2
  exit 2
  ;;
esac
