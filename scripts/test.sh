#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds retcheck and runs every test (Catch2 unit and fixture tests, the
# command-line tests) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd "${RETCHECK_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)"
