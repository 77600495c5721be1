#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# report-qemu.sh OUT
#
# retcheck on Debian's QEMU 7.2 and 10.0 trees, reported side by side and
# compared (10.0 against 7.2):
#   OUT/qemu-7.2.json, OUT/qemu-10.0.json   the two runs (retcheck --format json)
#   OUT/side-by-side/{report.html,summary.md,merged.json}
#   OUT/compare/{report.html,summary.md,merged.json}
#
# The trees come from scripts/qemu-corpus.sh (which needs root for apt): an
# existing corpus is used as it is. Environment:
#   RETCHECK_QEMU72_DIR, RETCHECK_QEMU100_DIR  corpus directories (default
#       $RETCHECK_CORPUS_DIR/qemu-7.2 and .../qemu-10.0, RETCHECK_CORPUS_DIR
#       defaulting to /var/tmp/retcheck-corpus, as in .ci/run)
#   RETCHECK            the retcheck binary (default: build/checker/retcheck)
#   RETCHECK_REUSE=1    keep OUT/qemu-*.json from an earlier run
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
cd "$(dirname "$0")/.."
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
RETCHECK=${RETCHECK:-$PWD/build/checker/retcheck}
CORPUS=${RETCHECK_CORPUS_DIR:-/var/tmp/retcheck-corpus}
[ -x "$RETCHECK" ] || { echo "no retcheck at $RETCHECK (scripts/build.sh)" >&2; exit 2; }

run() { # VERSION DIR: OUT/qemu-VERSION.json
  local version=$1 dir=$2 json=$OUT/qemu-$1.json
  if [ ! -f "$dir/build/compile_commands.json" ]; then
    echo "=== preparing the QEMU $version corpus in $dir"
    scripts/qemu-corpus.sh "$version" "$dir"
  fi
  if [ -n "${RETCHECK_REUSE:-}" ] && [ -s "$json" ]; then
    echo "=== QEMU $version: reusing $json"
    return
  fi
  echo "=== QEMU $version: retcheck -p $dir/build"
  # Paths relative to the source tree (hw/mips/...), so that the trees'
  # fingerprints meet. 1 (findings) and 3 (a TU with errors) still report.
  local rc=0
  nice "$RETCHECK" -p "$dir/build" --source-root "$dir/src" --format json \
    --output "$json" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 3 ]; then
    echo "retcheck failed on QEMU $version (exit $rc)" >&2
    exit 1
  fi
}
run 7.2 "${RETCHECK_QEMU72_DIR:-$CORPUS/qemu-7.2}"
run 10.0 "${RETCHECK_QEMU100_DIR:-$CORPUS/qemu-10.0}"

echo "=== reports"
"$RETCHECK" report "qemu-7.2=$OUT/qemu-7.2.json" "qemu-10.0=$OUT/qemu-10.0.json" \
  --title "retcheck on QEMU 7.2 and 10.0" -o "$OUT/side-by-side"
"$RETCHECK" report "qemu-10.0=$OUT/qemu-10.0.json" --compare "qemu-7.2=$OUT/qemu-7.2.json" \
  --title "retcheck: QEMU 10.0 against 7.2" -o "$OUT/compare"
echo "side by side: $OUT/side-by-side/report.html"
echo "compared:     $OUT/compare/report.html"
