#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds retcheck's Debian package with CPack, in its own build directory
# without the tests (build-package/, or $RETCHECK_BUILD_DIR):
#   scripts/package.sh [OUT_DIR]     (default: the build directory)
# and prints the path of retcheck_VERSION_ARCH.deb. Needs what
# `scripts/install-deps.sh --build` installs. Install the package with
#   apt-get install ./retcheck_*.deb
# (Debian bookworm: it pulls libclang-cpp19, libllvm19 and
# libclang-common-19-dev, and recommends clang-tidy-19); remove it with
# dpkg --purge retcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${RETCHECK_BUILD_DIR:-build-package}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRETCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "$(nproc)"
OUT=${1:-$BUILD}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
(cd "$BUILD" && cpack -G DEB -B "$OUT" >/dev/null)
ls "$OUT"/retcheck_*.deb
