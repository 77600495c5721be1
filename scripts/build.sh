#!/usr/bin/env bash
# Configures and builds retcheck in build/ (or $RETCHECK_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${RETCHECK_BUILD_DIR:-build}
[ -f "$BUILD/build.ninja" ] || cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" -j "$(nproc)"
