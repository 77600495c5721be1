#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# licence_test.sh SRC
# retcheck is under Apache-2.0 WITH LLVM-exception: LICENSE holds the text,
# every source file (code, scripts, build files, the man page) names the
# licence in an SPDX line near its top, and .reuse/dep5 covers the data
# files that cannot carry a comment (rules, documentation, fixtures and
# expected outputs, fuzzer inputs). With Debian's `reuse`, `reuse lint`
# must pass too.
set -uo pipefail
SRC=$1
RETCHECK=
source "$(dirname "$0")/testlib.sh"
cd "$SRC"
SPDX='SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception'

check() { if "$@"; then ok; else bad "$*"; fi; }
check grep -qF "Apache License" LICENSE
check grep -qF "LLVM Exceptions to the Apache 2.0 License" LICENSE
check grep -qF "License: Apache-2.0 WITH LLVM-exception" .reuse/dep5
check grep -qF "License: Apache-2.0 WITH LLVM-exception" cmake/debian-copyright
check test -f LICENSES/Apache-2.0.txt
check test -f LICENSES/LLVM-exception.txt
check grep -qF "Apache-2.0 WITH LLVM-exception" README.md

# Files from git when this is a clone; a source tarball has no .git.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files)
else
  files=$(find . -type f -not -path './build*' -not -path './.git/*' | sed 's|^\./||')
fi
checked=0
while IFS= read -r f; do
  case "$f" in
  fixtures/* | checker/fuzz/regress/* | checker/test/report/* | LICENSES/* | \
    LICENSE | .reuse/* | cmake/debian-copyright | \
    *.md | *.json | *.tsv | *.fixed | *.fixed-notes | *.expected | *.dict | *.xml | \
    fixtures/infer/*.txt) continue ;; # data: .reuse/dep5
  *.c | *.cpp | *.h | *.js | *.lua | *.css | *.sh | *.py | *.cmake | *.yml | *.in | \
    CMakeLists.txt | */CMakeLists.txt | .ci/run | .clang-format | .gitignore | \
    Containerfile) ;;
  *) bad "$f: neither a source file that carries an SPDX line nor data covered by .reuse/dep5 (add it to licence_test.sh)"; continue ;;
  esac
  checked=$((checked + 1))
  if head -n 8 "$f" | grep -qF "$SPDX"; then ok; else bad "$f: no '$SPDX' line in its first 8 lines"; fi
done <<<"$files"
echo "licence: $checked source files checked"
[ "$checked" -gt 150 ] && ok || bad "only $checked source files found"

if command -v reuse >/dev/null; then
  if reuse lint >"$WORK/reuse.log" 2>&1; then ok; else
    bad "reuse lint"; tail -30 "$WORK/reuse.log"
  fi
else
  echo "licence: reuse is not installed (scripts/install-deps.sh installs it); reuse lint not run"
fi
finish licence
