#!/usr/bin/env bash
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
python3 - "$EX" "$BUILD/example/compile_commands.json" <<'PY'
import json, sys
ex, out = sys.argv[1], sys.argv[2]
json.dump([{"directory": ex, "file": f"hw/{f}",
            "arguments": ["clang", "-c", "-Iinclude", f"hw/{f}", "-o", f"{f}.o"]}
           for f in ("board.c", "device.c")], open(out, "w"), indent=1)
PY
echo "== retcheck -p $BUILD/example"
set +e
"$BUILD/checker/retcheck" -p "$BUILD/example"
status=$?
set -e
# 1 means "findings", which is what the example is for.
[ "$status" = 1 ] || { echo "unexpected exit status $status" >&2; exit 1; }
