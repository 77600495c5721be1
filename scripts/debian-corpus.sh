#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# debian-corpus.sh NAME DIR
#
# Build a real (non-QEMU) C project from its Debian bookworm source package the
# way debian/rules does, and record compile databases (compile_commands.json)
# for running retcheck on it: one from Debian's own compiler (gcc) and one from
# a second build with clang-19.
#
#   NAME  lighttpd | rsync | socat | memcached
#         (C code with many POSIX calls: read/write/open/close/lseek, malloc,
#         sockets, pthread_*)
#   DIR   output directory (created), e.g. /work/corpus/NAME.  Layout:
#           DIR/dl/         Debian source package (.dsc, orig + debian tarballs)
#           DIR/src/        tree unpacked with dpkg-source -x (Debian patches
#                           applied), built in-tree with gcc (Debian's default);
#                           DIR/src/compile_commands.json
#           DIR/src-clang/  a second unpacked tree, built with CC=clang-19
#                           CXX=clang++-19; DIR/src-clang/compile_commands.json
#           DIR/home/       HOME of the builds
#           DIR/logs/       logs of the steps; check-gcc.txt / check-clang.txt
#                           say which TUs parse with clang-19 and which gcc-only
#                           flags clang-19 rejected
#
# Debian bookworm only; needs root (apt).  Idempotent: re-running skips what is
# done (a tree counts as built when DIR/.built-gcc / DIR/.built-clang exists;
# delete the stamp to rebuild that tree from a fresh unpack).  The check step
# runs every time.
#
# Source versions (bookworm / bookworm-security, not backports):
#   lighttpd   1.4.69-1              autotools (Debian builds it with
#                                    autotools, not with its meson.build)
#   rsync      3.2.7-1+deb12u6       autotools + plain Makefile; apt also lists
#                                    3.5.0+ds1-0+deb12u1 (bookworm-security)
#                                    but its files were 404 on the mirror
#   socat      1.7.4.4-2             autotools
#   memcached  1.6.18-1+deb12u1      autotools
#   If the wanted version cannot be fetched, the other non-backports versions
#   from `apt-cache showsrc NAME` are tried, newest first (the one used is
#   printed and stored in DIR/.source-version).
#
# APT: adds /etc/apt/sources.list.d/retcheck-deb-src.sources (deb-src for
#   bookworm, bookworm-updates, bookworm-security; the same file as
#   scripts/qemu-corpus.sh) when those deb-src suites are not configured, and
#   installs dpkg-dev bear clang-19 python3 plus `apt-get build-dep NAME=VERSION`
#   (both wait up to 600 s for the dpkg lock).
#
# Build: `debian/rules build-arch` run under `bear --output
#   compile_commands.json` (bear records the real compiler calls; conftest
#   compiles of configure are dropped because their files are gone), in a clean
#   environment (env -i; PATH=/usr/sbin:/usr/bin:/sbin:/bin, so no pyenv or
#   /usr/local tools; LC_ALL=C.UTF-8; DEB_BUILD_OPTIONS="nocheck
#   parallel=$(nproc)").  dh (debhelper compat >= 12) exports Debian's build
#   flags itself, exactly like `eval "$(dpkg-buildflags --export=sh)"` with the
#   package's DEB_BUILD_MAINT_OPTIONS (hardening, -D_FORTIFY_SOURCE=2 -O2
#   -ffile-prefix-map=...), and runs dh_autoreconf and the package's configure
#   options.  The clang tree gets the same plus CC=clang-19 CXX=clang++-19.
#   A failing gcc build is fatal; a failing clang build is reported and
#   skipped.  memcached's clang build also gets
#   DEB_CFLAGS_APPEND=-Wno-error=strict-prototypes (its configure adds -Werror
#   -pedantic, and clang-19 then rejects tls.c's "void SSL_LOCK() {"); its gcc
#   database keeps those flags, so tls.c does not parse with clang-19 from it.
#
# Check: every DB entry is run through clang-19 -fsyntax-only (clang++-19 for
#   C++ files) in its directory, with the compiler replaced and the output and
#   dependency-file options (-o -MF -MT -MQ -MD -MMD -MP -c) left out.
#   Entries that are "clang -cc1" frontend calls (bear records them when the
#   clang driver compiles and links in one command) are listed, not run.
#   Arguments clang-19 rejects ("unknown argument", "unsupported option") are
#   listed; those TUs are then retried without them.  The databases themselves
#   are never edited.
#
# Seen (bookworm, 2 cores; gcc 12.2, clang 19.1.7, bear 3.1.1): Debian's
#   bookworm flags contain no argument that clang-19 rejects.  rsync: the
#   rounding.c entry is a Makefile probe compiled with -DEXTRA_ROUNDING=0,1,..
#   until one compiles; bear keeps the first (=0), which fails by design, and
#   the clang DB also holds two "clang -cc1" entries for it.  memcached: every
#   file is compiled twice (memcached and memcached-debug); tls.c does not
#   parse with clang-19 from the gcc DB (-Werror -pedantic, see above).
#   lighttpd: the clang DB has one gcc entry (src/lemon.c, a build tool built
#   with CC_FOR_BUILD).
set -euo pipefail

usage() { echo "usage: $0 lighttpd|rsync|socat|memcached DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
NAME=$1
CLANG_ENV=()   # extra environment of the clang-19 build only
case "$NAME" in
    lighttpd)  WANT_VER='1.4.69-1' ;;
    rsync)     WANT_VER='3.2.7-1+deb12u6' ;;
    socat)     WANT_VER='1.7.4.4-2' ;;
    memcached) WANT_VER='1.6.18-1+deb12u1'
               # configure.ac adds -Wall -Werror -pedantic; with clang-19 that
               # makes tls.c's "void SSL_LOCK() {" an error (-Wstrict-prototypes)
               CLANG_ENV=(DEB_CFLAGS_APPEND=-Wno-error=strict-prototypes) ;;
    *) usage ;;
esac
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
DL=$DIR/dl LOGS=$DIR/logs
mkdir -p "$DL" "$LOGS" "$DIR/home"
export DEBIAN_FRONTEND=noninteractive
PY=/usr/bin/python3
CLEAN_PATH=/usr/sbin:/usr/bin:/sbin:/bin

T0=$SECONDS
# shellcheck source=scripts/lib/corpus.sh
. "$(dirname "$0")/lib/corpus.sh"

[ "$(id -u)" -eq 0 ] || { echo "must run as root (apt)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. apt sources
step_start apt "deb-src + tools"
# shellcheck source=scripts/lib/deb-src.sh
. "$(dirname "$0")/lib/deb-src.sh"
changed=0
add_bookworm_deb_src && changed=1
stamp=$DIR/.apt-updated
if [ $changed = 1 ] || [ ! -e "$stamp" ]; then
    apt-get update -q
    touch "$stamp"
fi
todo=$(missing_pkgs dpkg-dev bear clang-19 python3 xz-utils)
if [ -n "$todo" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends $todo
fi
step_end

# ---------------------------------------------------------------- 2. version + fetch
step_start fetch "pick source version, apt-get source --download-only"
dsc_of() { echo "$DL/${NAME}_${1#*:}.dsc"; }
complete() {  # the .dsc and every file it lists are in DL
    local dsc f
    dsc=$(dsc_of "$1")
    [ -e "$dsc" ] || return 1
    while read -r f; do
        [ -e "$DL/$f" ] || return 1
    done < <(awk '/^Files:/{f=1; next} /^[^ ]/{f=0} f && NF == 3 {print $3}' "$dsc")
}
if [ -e "$DIR/.source-version" ] && complete "$(cat "$DIR/.source-version")"; then
    SRCVER=$(cat "$DIR/.source-version")
else
    # shellcheck disable=SC2016
    avail=$(apt-cache showsrc "$NAME" 2>/dev/null \
            | awk -v n="$NAME" '/^Package: /{p=$2} /^Version: /{if (p==n) print $2}' \
            | grep -v '~bpo' | sort -u || true)
    [ -n "$avail" ] || { echo "no $NAME source package known to apt (deb-src missing?)" >&2; exit 1; }
    others=$(grep -vxF "$WANT_VER" <<<"$avail" | sort -r -V || true)
    SRCVER=
    for v in $(grep -xF "$WANT_VER" <<<"$avail" || true) $others; do
        echo "trying $NAME=$v"
        if (cd "$DL" && apt-get source -q --download-only "$NAME=$v") > "$LOGS/fetch.log" 2>&1 \
           && complete "$v"; then
            SRCVER=$v; break
        fi
        tail -3 "$LOGS/fetch.log"
    done
    [ -n "$SRCVER" ] || { echo "could not fetch any $NAME source version of:" "$avail" >&2; exit 1; }
    [ "$SRCVER" = "$WANT_VER" ] || echo "NOTE: $NAME=$WANT_VER not available, using $SRCVER"
    echo "$SRCVER" > "$DIR/.source-version"
fi
DSC=$(dsc_of "$SRCVER")
echo "source version: $NAME=$SRCVER"
step_end "$NAME=$SRCVER"

# ---------------------------------------------------------------- 3. build deps
step_start build-dep "apt-get build-dep $NAME=$SRCVER"
if ! apt-get build-dep -y -q -o DPkg::Lock::Timeout=600 "$NAME=$SRCVER" > "$LOGS/build-dep.log" 2>&1; then
    tail -20 "$LOGS/build-dep.log"; echo "apt-get build-dep failed; log: $LOGS/build-dep.log" >&2; exit 1
fi
step_end

# ---------------------------------------------------------------- 4. unpack + build
# build VARIANT TREE [VAR=VALUE...]: fresh dpkg-source -x into TREE, then
# debian/rules build-arch under bear.  Returns non-zero on failure.
build() {
    local variant=$1 tree=$2; shift 2
    local log=$LOGS/build-$variant.log
    if [ -e "$DIR/.built-$variant" ] && [ -s "$tree/compile_commands.json" ]; then
        echo "$variant: already built ($tree)"; return 0
    fi
    rm -f "$DIR/.built-$variant"
    rm -rf "$tree" "$tree.tmp"
    dpkg-source --no-check --no-copy -x "$DSC" "$tree.tmp" > "$LOGS/unpack-$variant.log" 2>&1 \
        || { tail -20 "$LOGS/unpack-$variant.log"; return 1; }
    mv "$tree.tmp" "$tree"
    echo "$variant: building in $tree (log: $log)"
    if ! (cd "$tree" && env -i HOME="$DIR/home" PATH="$CLEAN_PATH" LC_ALL=C.UTF-8 \
            DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" "$@" \
            bear --output compile_commands.json -- debian/rules build-arch) > "$log" 2>&1; then
        tail -30 "$log"; echo "$variant: debian/rules build-arch failed; log: $log" >&2
        return 1
    fi
    [ -s "$tree/compile_commands.json" ] || { echo "$variant: empty compile_commands.json" >&2; return 1; }
    touch "$DIR/.built-$variant"
}
step_start build-gcc "debian/rules build-arch under bear (gcc)"
build gcc "$DIR/src" || exit 1
step_end
step_start build-clang "debian/rules build-arch under bear (CC=clang-19)"
clang_ok=1
build clang "$DIR/src-clang" CC=clang-19 CXX=clang++-19 "${CLANG_ENV[@]}" || { clang_ok=0; echo "WARNING: clang build failed; no clang database"; }
step_end "$([ $clang_ok = 1 ] && echo ok || echo FAILED)"

# ---------------------------------------------------------------- 5. check
check() {
    local variant=$1 db=$2
    $PY "$(dirname "$0")/lib/check-db.py" "$db" "$(nproc)" > "$LOGS/check-$variant.txt" 2>&1
    grep -v '^    ' "$LOGS/check-$variant.txt" | head -40 || true
}
step_start check "clang-19 -fsyntax-only on every DB entry"
check gcc "$DIR/src/compile_commands.json"
if [ $clang_ok = 1 ]; then check clang "$DIR/src-clang/compile_commands.json"; fi
step_end

echo
echo "=== done: $NAME=$SRCVER (dpkg-source -x, Debian patches applied)"
echo "compile_commands.json (gcc):      $DIR/src/compile_commands.json"
if [ $clang_ok = 1 ]; then echo "compile_commands.json (clang-19): $DIR/src-clang/compile_commands.json"; fi
print_times
