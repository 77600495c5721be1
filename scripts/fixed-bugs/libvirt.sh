#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# fixed-bugs/libvirt.sh DIR
#
# Two libvirt trees from Debian, each with a compile database, for the corpus
# of bugs maintainers fixed (docs/evaluation/fixed-bugs/libvirt.tsv):
#   old  libvirt=9.0.0-4+deb12u2     (bookworm)
#   new  libvirt=11.3.0-2~bpo12+1    (bookworm-backports)
# Nothing is compiled except the generated headers and sources that the C
# compile commands need; every database entry is then parsed with clang-19.
#
#   DIR  output directory (created), e.g. /work/corpus/libvirt.  Layout:
#          DIR/{old,new}/dl/     Debian source package as apt-get source fetched it
#          DIR/{old,new}/src/    unpacked tree (dpkg-source -x: Debian patches applied)
#          DIR/{old,new}/build/  meson build dir; build/compile_commands.json
#          DIR/{old,new}/.unpack-method, .configure-args   what was done
#          DIR/logs/             logs of the steps; check-{old,new}.txt: the parse check
#
# RETCHECK_FIXED_BUGS_TREES=old prepares the old tree only (what the
# measurements run on); the default is both.
#
# Debian bookworm only; needs root (apt).  Idempotent: re-running skips what is
# done (delete DIR/X/build to re-configure, DIR/X/src to re-unpack).
#
# APT (scripts/lib/deb-src.sh): deb-src for bookworm, -updates, -security and
#   deb + deb-src for bookworm-backports, each only if apt lacks it; installs
#   dpkg-dev xz-utils clang-19 ninja-build meson python3 make; then
#   `apt-get build-dep libvirt=OLD` and `apt-get build-dep -t bookworm-backports
#   libvirt=NEW`.  Every apt call waits up to 900 s for the dpkg lock.
#
# Fetch: `apt-get source --download-only libvirt=VERSION` into DIR/X/dl.  When a
#   file of the source package cannot be fetched (seen 2026-12 for the backport:
#   the .dsc and .debian.tar.xz 404 on the mirror, the orig tarball downloads),
#   the script says which ones and, if the orig tarball is there, unpacks it
#   without Debian's patches (DIR/X/.unpack-method records which).
#
# Configure: meson setup with CC=clang-19 and Debian's build flags
#   (dpkg-buildflags with the package's DEB_BUILD_MAINT_OPTIONS, as dh exports
#   them), dh_auto_configure's standard arguments (--buildtype=plain
#   --prefix=/usr ...) and debian/rules' DEB_CONFIGURE_EXTRA_ARGS (read with
#   make from debian/rules).  A tree without debian/ (the backport, see above)
#   takes the old tree's debian/rules; options its meson_options.txt does not
#   declare are dropped and listed (e.g. -Dyajl, gone in 10.0).
#   DIR/X/.configure-args holds the arguments used.
#
# Generated inputs: scripts/lib/ninja-gen-targets.py lists the order-only and
#   generated inputs of the compile edges in build.ninja; ninja builds those.
#
# Check: scripts/lib/check-db.py runs clang-19 -fsyntax-only on every entry of
#   each database; skipped when DIR/logs/check-X.txt is newer than the database.
#
# Seen (2026-12, 2 shared cores, load 12-15): old 672 entries (609 files), new
#   725 entries (623 files), every entry parses with clang-19; 61 generated
#   targets per tree; first run 923 s (configure 98 s, generated headers 29 s,
#   parse check 779 s), a re-run 8 s.
# shellcheck disable=SC2119  # step_end takes an optional summary
set -euo pipefail

usage() { echo "usage: $0 DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
LOGS=$DIR/logs
mkdir -p "$LOGS"
LIB=$(cd "$(dirname "$0")/../lib" && pwd)
export DEBIAN_FRONTEND=noninteractive
PY=/usr/bin/python3
APT=(-o DPkg::Lock::Timeout=900)
declare -A VERSION=([old]='9.0.0-4+deb12u2' [new]='11.3.0-2~bpo12+1')
declare -A SUITE_OPT=([old]='' [new]='-t bookworm-backports')

# RETCHECK_FIXED_BUGS_TREES="old": prepare only these trees (default: both).
TREES=${RETCHECK_FIXED_BUGS_TREES:-old new}
for x in $TREES; do
    case "$x" in old | new) ;; *) echo "RETCHECK_FIXED_BUGS_TREES: '$x' is not old or new" >&2; exit 2 ;; esac
done

T0=$SECONDS
# shellcheck source=scripts/lib/corpus.sh
. "$LIB/corpus.sh"
# shellcheck source=scripts/lib/deb-src.sh
. "$LIB/deb-src.sh"

[ "$(id -u)" -eq 0 ] || { echo "must run as root (apt)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. apt
step_start apt "apt sources + tools"
changed=0
add_bookworm_deb_src && changed=1
add_bookworm_backports && changed=1
if [ $changed = 1 ] || [ ! -e "$DIR/.apt-updated" ]; then
    apt-get update -q "${APT[@]}"
    touch "$DIR/.apt-updated"
fi
todo=$(missing_pkgs dpkg-dev xz-utils clang-19 ninja-build meson python3 make)
if [ -n "$todo" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q "${APT[@]}" --no-install-recommends $todo
fi
step_end

# ---------------------------------------------------------------- 2. fetch + unpack
# fetch X: the source package of tree X into DIR/X/dl (once).
fetch() {
    local x=$1 dl=$DIR/$1/dl v=${VERSION[$1]} log=$LOGS/fetch-$1.log
    mkdir -p "$dl"
    [ ! -e "$dl/.done" ] || return 0
    if ! (cd "$dl" && apt-get source -q "${APT[@]}" --download-only "libvirt=$v") > "$log" 2>&1; then
        echo "WARNING: apt-get source libvirt=$v did not fetch every file (log: $log):"
        grep -E '^(E|Err):' "$log" | sed 's/^/    /' || true
    fi
    touch "$dl/.done"
}
# unpack X: DIR/X/src, with Debian's patches when the .dsc and the Debian
# tarball are there, else the orig tarball alone.
unpack() {
    local x=$1 dl=$DIR/$1/dl v=${VERSION[$1]} tmp=$DIR/$1/src.tmp orig
    if [ ! -e "$DIR/$x/src/meson.build" ]; then
        rm -rf "$DIR/$x/src" "$tmp"
        if [ -e "$dl/libvirt_$v.dsc" ] && compgen -G "$dl/libvirt_$v.debian.tar.*" >/dev/null; then
            dpkg-source --no-check -x "$dl/libvirt_$v.dsc" "$tmp" > "$LOGS/unpack-$x.log" 2>&1 \
                || { tail -20 "$LOGS/unpack-$x.log"; exit 1; }
            echo "dpkg-source -x (Debian patches applied)" > "$DIR/$x/.unpack-method"
        else
            orig=$(compgen -G "$dl/libvirt_${v%-*}.orig.tar.*" | grep -v '\.asc$' | head -1 || true)
            [ -n "$orig" ] || { echo "$x: nothing to unpack in $dl" >&2; exit 1; }
            mkdir -p "$tmp"
            tar -xf "$orig" --strip-components=1 -C "$tmp"
            echo "orig tarball only ($(basename "$orig"); Debian patches NOT applied)" \
                > "$DIR/$x/.unpack-method"
        fi
        mv "$tmp" "$DIR/$x/src"
    fi
    echo "$x: libvirt=$v, $(cat "$DIR/$x/.unpack-method")"
}
step_start fetch "apt-get source --download-only, unpack"
for x in $TREES; do fetch "$x"; unpack "$x"; done
step_end

# ---------------------------------------------------------------- 3. build deps
step_start build-dep "apt-get build-dep (old: bookworm, new: bookworm-backports)"
for x in $TREES; do
    # shellcheck disable=SC2086
    if ! apt-get build-dep -y -q "${APT[@]}" ${SUITE_OPT[$x]} "libvirt=${VERSION[$x]}" \
            > "$LOGS/build-dep-$x.log" 2>&1; then
        tail -20 "$LOGS/build-dep-$x.log"
        echo "apt-get build-dep libvirt=${VERSION[$x]} failed; log: $LOGS/build-dep-$x.log" >&2
        exit 1
    fi
done
step_end

# ---------------------------------------------------------------- 4. configure
RULES_TREE=$DIR/old/src   # the tree whose debian/rules gives the options
[ -e "$RULES_TREE/debian/rules" ] || { echo "no debian/rules in $RULES_TREE" >&2; exit 1; }
# debian/rules' configure options, as make expands them for this machine.
debian_args() {
    # shellcheck disable=SC2016
    (cd "$RULES_TREE" && make -s --no-print-directory -f debian/rules \
        --eval 'retcheck-print-args: ; @echo $(DEB_CONFIGURE_EXTRA_ARGS)' retcheck-print-args)
}
# configure X: meson setup DIR/X/build (once).
configure() {
    local x=$1 src=$DIR/$1/src build=$DIR/$1/build a name declared dropped=()
    if [ -e "$build/compile_commands.json" ] && [ -e "$build/build.ninja" ]; then
        echo "$x: configured ($build)"; return 0
    fi
    rm -rf "$build"
    declared=$(grep -oE "^option\('[a-z0-9_]+'" "$src/meson_options.txt" | cut -d"'" -f2)
    local args=(--wrap-mode=nodownload --buildtype=plain --prefix=/usr --sysconfdir=/etc
                --localstatedir=/var "--libdir=lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)")
    for a in $(debian_args); do
        case "$a" in
            -Dpackager_version=*) a="-Dpackager_version=${VERSION[$x]}" ;;
        esac
        name=${a#-D}; name=${name%%=*}
        if [[ $a == -D* ]] && ! grep -qx "$name" <<<"$declared"; then dropped+=("$a"); continue; fi
        args+=("$a")
    done
    [ ${#dropped[@]} -eq 0 ] || echo "$x: options not in meson_options.txt, dropped: ${dropped[*]}"
    printf '%s\n' "${args[@]}" > "$DIR/$x/.configure-args"
    echo "$x: meson setup (clang-19; ${#args[@]} arguments in $DIR/$x/.configure-args)"
    # dh exports Debian's flags with the package's maintainer options
    if ! (cd "$src" && eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+bindnow \
            DEB_LDFLAGS_MAINT_STRIP=-Wl,-Bsymbolic-functions dpkg-buildflags --export=sh)" \
            && CC=clang-19 meson setup "${args[@]}" "$build") > "$LOGS/configure-$x.log" 2>&1; then
        tail -30 "$LOGS/configure-$x.log"
        rm -rf "$build.failed"; mv "$build" "$build.failed"
        echo "$x: meson setup failed; log: $LOGS/configure-$x.log, dir moved to $build.failed" >&2
        exit 1
    fi
}
step_start configure "meson setup (clang-19, Debian's options)"
for x in $TREES; do configure "$x"; done
step_end

# ---------------------------------------------------------------- 5. generated inputs
step_start gen "ninja: generated inputs of the compile edges"
for x in $TREES; do
    build=$DIR/$x/build
    $PY "$LIB/ninja-gen-targets.py" "$build/build.ninja" > "$build/.retcheck-gen-targets"
    echo "$x: $(wc -l < "$build/.retcheck-gen-targets") generated targets"
    if ! (cd "$build" && xargs -a .retcheck-gen-targets ninja -j"$(nproc)") > "$LOGS/gen-$x.log" 2>&1; then
        tail -30 "$LOGS/gen-$x.log"; echo "$x: ninja failed; log: $LOGS/gen-$x.log" >&2; exit 1
    fi
done
step_end

# ---------------------------------------------------------------- 6. check
step_start check "clang-19 -fsyntax-only on every DB entry"
failed=0
for x in $TREES; do
    db=$DIR/$x/build/compile_commands.json out=$LOGS/check-$x.txt
    if [ ! "$out" -nt "$db" ] || ! grep -q '^RESULT:' "$out"; then
        $PY "$LIB/check-db.py" "$db" "$(nproc)" > "$out" 2>&1 || true
    fi
    echo "$x: $(grep -E '^(entries|RESULT):' "$out" | tr '\n' ' ')"
    grep -q '^RESULT: all entries parse' "$out" || failed=1
done
step_end

echo
for x in $TREES; do
    echo "=== $x: libvirt=${VERSION[$x]}, $(cat "$DIR/$x/.unpack-method")"
    echo "    $DIR/$x/build/compile_commands.json"
done
print_times
[ $failed = 0 ] || { echo "some entries do not parse: see $LOGS/check-*.txt" >&2; exit 1; }
