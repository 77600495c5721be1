#!/usr/bin/env bash
# scripts/bench.sh BUILD_DIR [-j N]: see scripts/bench.py.
exec python3 "$(dirname "$0")/bench.py" "$@"
