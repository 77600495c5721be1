#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# From a fresh Debian bookworm machine: install the dependencies, build
# retcheck, and run it on the bundled example tree (examples/board), which
# prints real findings with their fix-its.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD=${RETCHECK_BUILD_DIR:-build}
EX=$PWD/examples/board
mkdir -p "$BUILD/example"
# A compile database for the example, as a build system would write it.
python3 scripts/example-database.py "$EX" "$BUILD/example/compile_commands.json"
echo "== retcheck -p $BUILD/example"
set +e
"$BUILD/checker/retcheck" -p "$BUILD/example"
status=$?
set -e
# 1 means "findings", which is what the example is for.
[ "$status" = 1 ] || { echo "unexpected exit status $status" >&2; exit 1; }
