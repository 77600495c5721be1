#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# scripts/bench.sh BUILD_DIR [-j N]: see scripts/bench.py.
exec python3 "$(dirname "$0")/bench.py" "$@"
