#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Configures and builds retcheck in build/ (or $RETCHECK_BUILD_DIR).
# $RETCHECK_QEMU72_BUILD, if set, enables the test on a real QEMU 7.2 tree.
# $RETCHECK_BUILD_TYPE (default RelWithDebInfo) is CMake's build type: CI
# builds Release, as debug info costs a quarter of the compile time.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${RETCHECK_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${RETCHECK_BUILD_TYPE:-RelWithDebInfo}" \
  -DRETCHECK_QEMU72_BUILD="${RETCHECK_QEMU72_BUILD:-}" >/dev/null
cmake --build "$BUILD" -j "$(nproc)"
