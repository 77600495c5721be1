#!/bin/bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# `retcheck lsp` in a real editor: headless Neovim (Debian's package)
# opens a fixture with a compile database made for it, receives retcheck's
# diagnostics, applies the first quick fix and saves the buffer, whose text
# must be the fixture with that one test rewritten.
#
#   lsp_neovim_test.sh RETCHECK SOURCE_DIR
set -u
RETCHECK=$1
SRC=$2
if ! command -v nvim >/dev/null; then
  echo "FAIL: nvim is not installed (scripts/install-deps.sh installs neovim)" >&2
  exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$SRC/fixtures/compound-and-or.c" "$WORK/x.c"
python3 - "$WORK" "$SRC" <<'PY'
import sys
sys.path.insert(0, sys.argv[2] + "/checker/test")
from lsp_client import write_database
write_database(sys.argv[1], ["x.c"], ["-std=gnu11", "-I" + sys.argv[2] + "/fixtures/include"])
PY

# No user configuration, no swap files, no shada: only the test's Lua.
RETCHECK=$RETCHECK FILE=$WORK/x.c OUT=$WORK/out.c RETCHECK_CACHE_DIR= \
  timeout 900 nvim --headless --clean -n -i NONE \
  -c "luafile $SRC/checker/test/lsp_neovim_test.lua" >"$WORK/log" 2>&1
rc=$?
cat "$WORK/log"
fail=0
[ $rc -eq 0 ] || { echo "FAIL: nvim exited with $rc"; fail=1; }
for want in "diagnostic 7:29 retcheck-minus-one-check error check of 'load_image_targphys' only catches -1" \
            "diagnostic 16:14 retcheck-minus-one-check error check of 'get_image_size' only catches -1" \
            "action Replace '== -1' with '< 0'" \
            "action Silence retcheck-minus-one-check on this line (NOLINT)"; do
  grep -qF "$want" "$WORK/log" && echo "ok: $want" || { echo "FAIL: no '$want'"; fail=1; }
done
sed '7s/size == -1/size < 0/' "$SRC/fixtures/compound-and-or.c" >"$WORK/expected.c"
if [ -f "$WORK/out.c" ] && diff -u "$WORK/expected.c" "$WORK/out.c"; then
  echo "ok: the quick fix rewrote line 7, and nothing else"
else
  echo "FAIL: the buffer after the quick fix is not the expected text"; fail=1
fi
exit $fail
