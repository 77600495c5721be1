#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The retcheck steps of a CI pipeline, shared by ci/gitlab-ci.yml and
# ci/github-workflow.yml (and run end to end by checker/test/ci_job_test.sh).
#
#   retcheck-ci.sh shard K N   analyse the K-th of N parts of the build
#   retcheck-ci.sh merge       merge the parts: report, Code Quality, SARIF,
#                              and the verdict
#
# A shard only writes its JSON result (findings already in the baseline
# left out): compile errors and findings are judged once, by the merge. The
# merge exits like retcheck: 0 nothing new, 1 new findings that fail the run
# (--fail-on, default warnings), 3 some TU could not be analysed, other
# codes for broken inputs (README.md, "Exit codes").
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
#   RETCHECK_ARGS          more options for every shard (--rules, --checks)
#   RETCHECK_DOCS_URL      where the SARIF rules' help links point
#                          (retcheck's docs/checks/, as published)
set -uo pipefail
RETCHECK=${RETCHECK:-retcheck}
BUILD=${RETCHECK_BUILD_DIR:-build}
BASELINE=${RETCHECK_BASELINE:-retcheck-baseline.json}
CHANGED=${RETCHECK_CHANGED_SINCE:-${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}}
OUT=${RETCHECK_OUT:-retcheck-out}
read -r -a EXTRA <<<"${RETCHECK_ARGS:-}"
mkdir -p "$OUT"

case ${1:-} in
shard)
  k=${2:?shard K N}
  n=${3:?shard K N}
  args=(-p "$BUILD" --shard "$k/$n" --format json --output "$OUT/shard-$k.json")
  [ -f "$BASELINE" ] && args+=(--baseline "$BASELINE")
  [ -n "$CHANGED" ] && args+=(--changed-since "$CHANGED")
  "$RETCHECK" "${args[@]}" "${EXTRA[@]}"
  status=$?
  # Findings (1) and TUs with errors (3) are the merge's to judge.
  case $status in 0 | 1 | 3) exit 0 ;; *) exit $status ;; esac
  ;;
merge)
  shopt -s nullglob
  shards=("$OUT"/shard-*.json)
  if [ ${#shards[@]} = 0 ]; then
    echo "retcheck-ci: no shard results in $OUT" >&2
    exit 2
  fi
  "$RETCHECK" report --quiet "${shards[@]}" -o "$OUT/report" || exit
  merged=$OUT/report/merged.json
  # GitLab's merge request widget and GitHub code scanning.
  "$RETCHECK" --quiet --results "$merged" --format codequality \
    --output "$OUT/gl-code-quality-report.json"
  [ $? -le 3 ] || exit
  "$RETCHECK" --quiet --results "$merged" --format sarif \
    ${RETCHECK_DOCS_URL:+--docs-url "$RETCHECK_DOCS_URL"} \
    --output "$OUT/retcheck.sarif"
  [ $? -le 3 ] || exit
  # The log shows what is new, as clang does; its exit code is the verdict.
  "$RETCHECK" --results "$merged" --format text
  ;;
*)
  echo "usage: retcheck-ci.sh shard K N | merge" >&2
  exit 2
  ;;
esac
