#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds retcheck, the clang-tidy module and every test with AddressSanitizer
# and UndefinedBehaviorSanitizer (clang-19, in build-asan/ or
# $RETCHECK_ASAN_BUILD_DIR) and runs the whole CTest suite. Any sanitizer
# report fails the test that caused it. LLVM's own libraries are not
# instrumented. -O1 and line tables only: stack traces keep file and line,
# and the build takes a quarter less time than with -O2 -g.
# Tests labelled "scripts" (CTest LABELS) check shell recipes, documents,
# the browser view and the package, through code paths the rest of the suite
# runs already: they run in the normal build only.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${RETCHECK_ASAN_BUILD_DIR:-build-asan}
CC=clang-19 CXX=clang++-19 cmake -S . -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DRETCHECK_SANITIZE=ON \
  -DRETCHECK_QEMU72_BUILD="${RETCHECK_QEMU72_BUILD:-}" >/dev/null
cmake --build "$BUILD" -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$BUILD"
ctest --output-on-failure -j "$(nproc)" --label-exclude scripts
