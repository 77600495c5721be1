#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (clang-19, ASan+UBSan, in build-fuzz/ or
# $RETCHECK_FUZZ_BUILD_DIR) and runs each for SECONDS (default 300), one
# after the other, at low priority:
#   rules     the rules loader, on bytes as a rules file
#   analysis  the analysis, on bytes as a C file (C++ after "//c++")
#   csmith    csmith programs rewritten to call the rule functions, through
#             the sanitized CLI and --fix (needs Debian's csmith and
#             libcsmith-dev, which scripts/install-deps.sh does not install)
# Corpora grow in BUILD/corpus/TARGET (seeded from rules/ and fixtures/);
# crashes are minimized into BUILD/crashes/TARGET/. Keep a real one as a
# regression input in checker/fuzz/regress/ (rules/ or analysis/), where
# CTest replays it. Exits 1 if anything failed.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
SRC=$PWD
SECONDS_EACH=${1:-300}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(rules analysis csmith)
BUILD=${RETCHECK_FUZZ_BUILD_DIR:-build-fuzz}
CC=clang-19 CXX=clang++-19 cmake -S . -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETCHECK_FUZZ=ON \
  -DRETCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target retcheck retcheck-fuzz-rules \
  retcheck-fuzz-analysis
BUILD=$(cd "$BUILD" && pwd)
export ASAN_OPTIONS=abort_on_error=1:detect_stack_use_after_return=1
# The analysis target's scratch files: libFuzzer exits without cleaning up.
export TMPDIR=$BUILD/tmp
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# seed TARGET: copy the seed inputs into the corpus.
seed() {
  local corpus=$BUILD/corpus/$1 f
  mkdir -p "$corpus"
  case $1 in
  rules) cp rules/*.json fixtures/rules/*.json checker/fuzz/regress/rules/* "$corpus/" ;;
  analysis)
    cp fixtures/*.c checker/fuzz/regress/analysis/* "$corpus/"
    # C++ fixtures: the target compiles an input as C++ after "//c++".
    for f in fixtures/*.cpp; do
      { echo "//c++"; cat "$f"; } >"$corpus/$(basename "$f")"
    done ;;
  esac
}

status=0
for target in "${TARGETS[@]}"; do
  out=$BUILD/crashes/$target
  mkdir -p "$out"
  echo "== $target: $SECONDS_EACH s"
  if [ "$target" = csmith ]; then
    nice -n 10 python3 checker/fuzz/csmith_fuzz.py "$BUILD/checker/retcheck" \
      "$SRC" "$out" "$SECONDS_EACH" || status=1
    continue
  fi
  seed "$target"
  touch "$out/.start"
  bin=$BUILD/checker/fuzz/retcheck-fuzz-$target
  (cd "$out" && nice -n 10 "$bin" -max_total_time="$SECONDS_EACH" \
    -dict="$SRC/checker/fuzz/$target.dict" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$out/" \
    "$BUILD/corpus/$target") >"$out/fuzz.log" 2>&1 || true
  # Coverage at the start and the end, the run's statistics, any failure.
  grep -E 'INITED|DONE|stat::|ERROR|SUMMARY|fuzzer: |Test unit written' \
    "$out/fuzz.log" || true
  for crash in "$out"/crash-* "$out"/timeout-* "$out"/oom-*; do
    [ -e "$crash" ] || continue
    case $crash in *.min) continue ;; esac
    [ "$crash" -nt "$out/.start" ] || continue # found by an earlier run
    status=1
    [ -e "$crash.min" ] || "$bin" -minimize_crash=1 -max_total_time=60 \
      -exact_artifact_path="$crash.min" "$crash" >/dev/null 2>&1 || true
    echo "FOUND: $crash (minimized: $crash.min)"
  done
done
exit $status
