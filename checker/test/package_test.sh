#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The Debian package end to end, as CI would use it: cpack builds it from
# this build tree, apt-get installs it into /usr, the installed retcheck and
# the installed clang-tidy module (loaded by clang-tidy-19) run on
# examples/board and find what the build tree's retcheck finds; then the
# package is removed and nothing of it is left. Needs root (CI runs as
# root); one run at a time on a machine (a lock), and a package that an
# interrupted earlier run left installed is removed first.
#   package_test.sh <build dir> <source dir> <retcheck of the build tree> <clang-tidy-19>
set -u
BUILD=$1
SRC=$2
RETCHECK=$3
TIDY=$4
. "$(dirname "$0")/testlib.sh"
check() { if "$@"; then ok; else bad "$*"; fi; }
has() { grep -qF -- "$2" "$1" || { echo "  '$2' not in $1:"; head -20 "$1" | sed 's/^/  | /'; false; }; }

if [ "$(id -u)" != 0 ]; then
  echo "FAIL: the package test installs the package into /usr and needs root" \
    "(configure with -DRETCHECK_PACKAGE_TEST=OFF to leave it out)"
  exit 1
fi
exec 9>/var/lock/retcheck-package-test.lock
flock 9 # another package test may hold it: wait, however long it takes

installed() { dpkg-query -W -f='${Status}' retcheck 2>/dev/null | grep -q "ok installed"; }
remove() { installed && dpkg --purge retcheck >"$WORK/remove.log" 2>&1; }
trap 'remove; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
if installed; then
  echo "note: removing the retcheck package an earlier run left installed"
  remove || { echo "FAIL: dpkg --purge retcheck"; cat "$WORK/remove.log"; exit 1; }
fi

# --- the package, built by cpack from this build
if (cd "$BUILD" && cpack -G DEB -B "$WORK/pkg") >"$WORK/cpack.log" 2>&1; then ok; else
  bad "cpack -G DEB"; tail -20 "$WORK/cpack.log"; finish package; exit 1
fi
deb=$(ls "$WORK"/pkg/retcheck_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { bad "no retcheck_*.deb in $WORK/pkg"; finish package; exit 1; }
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb -f "$deb" >"$WORK/control"
sed 's/^/  | /' "$WORK/control" | grep -E "Package|Version|Depends|Recommends|Section"
for want in "Package: retcheck" "Section: devel" "libclang-cpp19" "libllvm19" \
            "libstdc++6" "libclang-common-19-dev" "Recommends: clang-tidy-19"; do
  check has "$WORK/control" "$want"
done
dpkg-deb -c "$deb" | awk '{print $6}' >"$WORK/contents"
for want in ./usr/bin/retcheck ./usr/lib/libretcheck-tidy.so \
            ./usr/share/retcheck/rules/qemu.json ./usr/share/retcheck/rules/posix.json \
            ./usr/share/man/man1/retcheck.1.gz ./usr/share/doc/retcheck/README.md \
            ./usr/share/doc/retcheck/copyright ./usr/share/doc/retcheck/LICENSE; do
  check grep -qx -- "$want" "$WORK/contents"
done
# Nothing of the build or test trees.
check test -z "$(grep -E 'test|fuzz|catch|\.a$' "$WORK/contents")"

# --- installed with apt-get, which checks the dependencies
if DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
     -o DPkg::Lock::Timeout=3600 "$deb" >"$WORK/apt.log" 2>&1; then ok; else
  bad "apt-get install $deb"; tail -20 "$WORK/apt.log"; finish package; exit 1
fi
check installed
check test -x /usr/bin/retcheck
check test -z "$(ldd /usr/bin/retcheck /usr/lib/libretcheck-tidy.so | grep 'not found')"
check cmp /usr/share/retcheck/rules/qemu.json "$SRC/rules/qemu.json"
# Debian policy 12.5: a machine-readable copyright file naming the licence.
check has /usr/share/doc/retcheck/copyright "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
check has /usr/share/doc/retcheck/copyright "License: Apache-2.0 WITH LLVM-exception"
if [ -f /usr/share/man/man1/retcheck.1.gz ]; then # dpkg may be told to skip man pages
  check test "$(man -w retcheck)" = /usr/share/man/man1/retcheck.1.gz
  zcat /usr/share/man/man1/retcheck.1.gz >"$WORK/retcheck.1"
  check has "$WORK/retcheck.1" "/usr/share/retcheck/rules/qemu.json"
  check has "$WORK/retcheck.1" "/usr/lib/libretcheck\\-tidy.so"
fi

# --- the installed binary on examples/board, with a compile database as a
# build system writes it (scripts/setup.sh)
cp -r "$SRC/examples/board" "$WORK/board"
mkdir -p "$WORK/board-build"
python3 "$SRC/scripts/example-database.py" "$WORK/board" "$WORK/board-build/compile_commands.json"
expect_exit 1 "installed retcheck on examples/board" -- \
  /usr/bin/retcheck --quiet -p "$WORK/board-build" --format json --output "$WORK/installed.json"
expect_exit 1 "build-tree retcheck on examples/board" -- \
  "$RETCHECK" --quiet -p "$WORK/board-build" --format json --output "$WORK/built.json"
/usr/bin/retcheck -p "$WORK/board-build" 2>&1 | grep -E "warning:" | sed 's/^/  | /'

# --- clang-tidy-19 with the installed module: it finds the installed rules
# beside itself and reports the same findings
"$TIDY" --load=/usr/lib/libretcheck-tidy.so -checks='-*,retcheck-*' -p "$WORK/board-build" \
  "$WORK/board/hw/board.c" "$WORK/board/hw/device.c" >"$WORK/tidy.out" 2>"$WORK/tidy.err"
check python3 - "$WORK" <<'PY'
import json, os, re, sys
w = sys.argv[1]
key = lambda f: (f["file"], f["line"], f["column"], f["check"])
installed = sorted(map(key, json.load(open(w + "/installed.json"))["findings"]))
built = sorted(map(key, json.load(open(w + "/built.json"))["findings"]))
assert len(installed) == 4, installed
assert installed == built, (installed, built)
# clang-tidy names files as the database does, relative to its directory.
tidy = sorted((os.path.join(w + "/board", f), int(l), int(c), k) for f, l, c, k in re.findall(
    r"^(\S+):(\d+):(\d+): warning: .* \[(retcheck-[a-z-]+)\]$", open(w + "/tidy.out").read(), re.M))
assert tidy == installed, (tidy, installed)
PY
check test -z "$(grep -i error "$WORK/tidy.err")"

# --- removed: nothing left
remove
check test ! -e /usr/bin/retcheck
check test ! -e /usr/lib/libretcheck-tidy.so
check test ! -e /usr/share/retcheck
check test ! -e /usr/share/man/man1/retcheck.1.gz
if dpkg-query -W retcheck >/dev/null 2>&1; then bad "dpkg still knows retcheck after --purge"; else ok; fi
finish package
