#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# A whole QEMU tree through the ASan+UBSan build: no sanitizer report, and
# the same findings and errors as the normal build.
#   scripts/qemu-asan.sh QEMU_BUILD_DIR [retcheck options...]
# QEMU_BUILD_DIR holds compile_commands.json (scripts/qemu-corpus.sh).
# Uses build/ and build-asan/ (scripts/build.sh, scripts/test-sanitized.sh
# make them); pass --prefilter=false to parse every TU.
set -uo pipefail
cd "$(dirname "$0")/.."
DB=${1:?usage: $0 QEMU_BUILD_DIR [retcheck options...]}
shift
OUT=$(mktemp -d /tmp/retcheck-qemu-asan-XXXXXX)
for b in build build-asan; do
  [ -x "$b/checker/retcheck" ] || { echo "$b/checker/retcheck missing: run scripts/build.sh and scripts/test-sanitized.sh" >&2; exit 2; }
done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for b in build build-asan; do
  /usr/bin/time -f "$b: %e s wall, %M KiB largest process" \
    "$b/checker/retcheck" -p "$DB" --format json --output "$OUT/$b.json" "$@" 2>"$OUT/$b.err"
  echo "$b: exit $?"
  tail -1 "$OUT/$b.err"
done
status=0
if grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$OUT/build-asan.err"; then
  echo "sanitizer reports: see $OUT/build-asan.err" >&2
  status=1
fi
python3 - "$OUT/build.json" "$OUT/build-asan.json" <<'PY' || status=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda d: (sorted((f["file"], f["line"], f["check"]) for f in d["findings"]),
                 sorted((e["file"], e["kind"]) for e in d["errors"]))
print(f"findings: {len(a['findings'])} normal, {len(b['findings'])} sanitized; "
      f"errors: {len(a['errors'])} normal, {len(b['errors'])} sanitized")
sys.exit(0 if key(a) == key(b) else "the sanitized build disagrees with the normal one")
PY
[ $status = 0 ] && echo "clean: no sanitizer report, same findings and errors"
exit $status
