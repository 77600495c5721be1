#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# qemu-corpus.sh VERSION DIR
#
# Build a real QEMU source tree with a compile database (compile_commands.json)
# for running retcheck on it.  Nothing is compiled except the generated headers
# and sources that the C compile commands need.
#
#   VERSION  7.2 | 10.0
#   DIR      output directory (created), e.g. /work/corpus/qemu-7.2.  Layout:
#              DIR/dl/     Debian source package (.dsc, orig tarball, debian tarball)
#              DIR/src/    unpacked tree, Debian patches applied (dpkg-source -x)
#              DIR/build/  out-of-tree build dir; DIR/build/compile_commands.json
#              DIR/tools/  PATH shadow without bzip2 (see below)
#              DIR/logs/   logs of the individual steps
#
# Debian bookworm only; needs root (apt).  Idempotent: re-running skips the
# steps that are already done (delete DIR/build to force a re-configure).
#
# Source versions (Debian source package "qemu"):
#   7.2   qemu=1:7.2+dfsg-7+deb12u18            (bookworm / bookworm-security)
#   10.0  qemu=1:10.0.2+ds-2+deb13u1~bpo12+1    (bookworm-backports)
#   If the exact version is not available, the newest available 7.2.x / 10.0.x
#   from `apt-cache showsrc qemu` is used (and printed).  If apt-get source
#   cannot fetch the .dsc/.debian.tar (seen for the 10.0 backport: 404 on the
#   mirror) but got the orig tarball, the orig tarball is unpacked without the
#   Debian patches (recorded in DIR/.unpack-method).
#
# APT sources added (deb822 files, only if the suites are not configured yet):
#   /etc/apt/sources.list.d/retcheck-deb-src.sources
#       deb-src for bookworm, bookworm-updates, bookworm-security (main)
#   /etc/apt/sources.list.d/retcheck-backports.sources   (10.0 only)
#       deb + deb-src for bookworm-backports (main)
#
# Packages installed (apt-get install --no-install-recommends):
#   always:   dpkg-dev xz-utils clang-19 pkg-config ninja-build python3-venv
#             flex bison libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev
#             libslirp-dev libaio-dev libcacard-dev librdmacm-dev
#             libibverbs-dev libibumad-dev
#   7.2:      meson                                   (bookworm, 1.0.1)
#   10.0:     meson python3-pycotap                   (-t bookworm-backports;
#             QEMU 10 needs meson >= 1.5, pycotap >= 1.1)
#   If the system meson is a backports one (>= 1.1) when 7.2 is configured,
#   bookworm's meson .deb is unpacked privately into DIR/tools/meson instead of
#   downgrading the system one.
#
# Configure: clang-19 (--cc=clang-19 --cxx=clang++-19), --disable-docs
#   --disable-install-blobs --disable-werror (+ --python=/usr/bin/python3
#   --disable-download for 10.0), a broad softmmu target list.  Pitfall: Debian's tarballs drop the
#   firmware blobs, but pc-bios/meson.build still unpacks the edk2 ones when
#   bzip2 is found, so configure and ninja run with a PATH without bzip2.
set -euo pipefail

usage() { echo "usage: $0 7.2|10.0 DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
VERSION=$1
case "$VERSION" in
    7.2)  WANT_VER='1:7.2+dfsg-7+deb12u18'
          VER_RE='^1:7\.2[.+]'
          ARCHES="alpha hppa m68k mips mipsel mips64 mips64el riscv32 riscv64 s390x
                  i386 x86_64 aarch64 arm ppc ppc64 microblaze loongarch64 sparc
                  sparc64 sh4 or1k rx xtensa nios2 cris" ;;
    10.0) WANT_VER='1:10.0.2+ds-2+deb13u1~bpo12+1'
          VER_RE='^1:10\.0[.+]'
          ARCHES="alpha hppa m68k mips mipsel mips64 mips64el riscv32 riscv64 s390x
                  i386 x86_64 aarch64 arm ppc ppc64 microblaze loongarch64 sparc
                  sparc64 sh4 or1k rx xtensa" ;;
    *) usage ;;
esac
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
SRC=$DIR/src BUILD=$DIR/build DL=$DIR/dl TOOLS=$DIR/tools LOGS=$DIR/logs
mkdir -p "$DL" "$TOOLS" "$LOGS"
export DEBIAN_FRONTEND=noninteractive
PY=/usr/bin/python3

T0=$SECONDS
# shellcheck source=scripts/lib/corpus.sh
. "$(dirname "$0")/lib/corpus.sh"

[ "$(id -u)" -eq 0 ] || { echo "must run as root (apt)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. apt
step_start apt "apt sources + packages"
# shellcheck source=scripts/lib/deb-src.sh
. "$(dirname "$0")/lib/deb-src.sh"
changed=0
add_bookworm_deb_src && changed=1
if [ "$VERSION" = 10.0 ]; then add_bookworm_backports && changed=1; fi
stamp=$DIR/.apt-updated
if [ $changed = 1 ] || [ ! -e "$stamp" ]; then
    apt-get update -q
    touch "$stamp"
fi
PKGS=(dpkg-dev xz-utils clang-19 pkg-config ninja-build python3-venv flex bison
      libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev libslirp-dev
      libaio-dev libcacard-dev librdmacm-dev libibverbs-dev libibumad-dev)
todo=$(missing_pkgs "${PKGS[@]}")
if [ -n "$todo" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $todo
fi
MESON=meson
meson_ver() { dpkg-query -W -f='${Version}' meson 2>/dev/null || true; }
if [ "$VERSION" = 10.0 ]; then
    if ! dpkg --compare-versions "$(meson_ver)" ge 1.5 \
       || [ -n "$(missing_pkgs python3-pycotap)" ]; then
        apt-get install -y -q --no-install-recommends -t bookworm-backports meson python3-pycotap
    fi
else
    mv_=$(meson_ver)
    if [ -z "$mv_" ]; then
        apt-get install -y -q --no-install-recommends meson/bookworm
    elif dpkg --compare-versions "$mv_" ge 1.1; then
        # system meson is the backports one (from a 10.0 run); use bookworm's privately
        if [ ! -x "$TOOLS/meson/bin/meson" ]; then
            rm -rf "$TOOLS/meson" "$TOOLS/meson-deb"; mkdir -p "$TOOLS/meson-deb"
            # awk reads to the end: an early exit would kill apt-cache with
            # SIGPIPE, which pipefail and set -e make fatal (exit 141).
            bv=$(apt-cache madison meson | awk -F'|' '$3 ~ /bookworm\/main/ && $3 !~ /backports/ && !v {gsub(/ /,"",$2); v = $2} END {print v}')
            (cd "$TOOLS/meson-deb" && apt-get download -q "meson=$bv")
            dpkg -x "$TOOLS"/meson-deb/meson_*.deb "$TOOLS/meson"
            mkdir -p "$TOOLS/meson/bin"
            printf '%s\n' '#!/bin/sh' \
                "PYTHONPATH=$TOOLS/meson/usr/lib/python3/dist-packages exec $PY $TOOLS/meson/usr/bin/meson \"\$@\"" \
                > "$TOOLS/meson/bin/meson"
            chmod +x "$TOOLS/meson/bin/meson"
        fi
        MESON=$TOOLS/meson/bin/meson
    fi
fi
step_end

# ---------------------------------------------------------------- 2. version
step_start version "pick source version"
if [ -e "$DIR/.source-version" ]; then
    SRCVER=$(cat "$DIR/.source-version")
else
    avail=$(apt-cache showsrc qemu 2>/dev/null | awk '/^Package: /{p=$2} /^Version: /{if (p=="qemu") print $2}' | sort -u)
    [ -n "$avail" ] || { echo "no qemu source package known to apt (deb-src missing?)" >&2; exit 1; }
    if grep -qxF "$WANT_VER" <<<"$avail"; then
        SRCVER=$WANT_VER
    else
        SRCVER=
        while read -r v; do
            [ -n "$v" ] || continue
            if [ -z "$SRCVER" ] || dpkg --compare-versions "$v" gt "$SRCVER"; then SRCVER=$v; fi
        done < <(grep -E "$VER_RE" <<<"$avail" || true)
        [ -n "$SRCVER" ] || { echo "no qemu $VERSION source version available; have:" "$avail" >&2; exit 1; }
        echo "NOTE: $WANT_VER not available, using newest $VERSION version: $SRCVER"
    fi
    echo "$SRCVER" > "$DIR/.source-version"
fi
echo "source version: qemu=$SRCVER"
step_end "qemu=$SRCVER"

# ---------------------------------------------------------------- 3. fetch + unpack
step_start fetch "apt-get source --download-only"
noepoch=${SRCVER#*:}
DSC=$DL/qemu_${noepoch}.dsc
orig_tarball() { compgen -G "$DL/qemu_${noepoch%-*}.orig.tar.*" | head -1; }
if [ ! -e "$DL/.done" ]; then
    if ! (cd "$DL" && apt-get source -q --download-only "qemu=$SRCVER"); then
        # Seen for the 10.0 backport: the .dsc and .debian.tar.xz 404 on the
        # mirror while the orig tarball downloads; fall back to the orig tarball.
        if [ -n "$(orig_tarball)" ]; then
            echo "WARNING: apt-get source incomplete; using the orig tarball only (Debian patches NOT applied)"
        else
            echo "apt-get source failed" >&2; exit 1
        fi
    fi
    touch "$DL/.done"
fi
step_end
step_start unpack "unpack into $SRC"
if [ ! -e "$SRC/configure" ]; then
    rm -rf "$SRC" "$DIR/src.tmp"
    if [ -e "$DSC" ] && ls "$DL"/qemu_"${noepoch}".debian.tar.* >/dev/null 2>&1; then
        dpkg-source --no-check -x "$DSC" "$DIR/src.tmp" > "$LOGS/unpack.log" 2>&1 \
            || { tail -20 "$LOGS/unpack.log"; exit 1; }
        echo "dpkg-source -x (Debian patches applied)" > "$DIR/.unpack-method"
    else
        orig=$(orig_tarball)
        [ -n "$orig" ] || { echo "nothing to unpack in $DL" >&2; exit 1; }
        mkdir -p "$DIR/src.tmp"
        tar -xf "$orig" --strip-components=1 -C "$DIR/src.tmp"
        echo "orig tarball only ($(basename "$orig"); Debian patches NOT applied)" > "$DIR/.unpack-method"
    fi
    mv "$DIR/src.tmp" "$SRC"
fi
echo "unpacked: $(cat "$DIR/.unpack-method" 2>/dev/null || echo '?')"
step_end "$(cat "$DIR/.unpack-method" 2>/dev/null || true)"

# ---------------------------------------------------------------- PATH without bzip2
make_path() {
    local d out=() sh
    for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
        [ -d "$d" ] || continue
        if [ -L "$d" ]; then continue; fi     # merged /usr: /bin -> usr/bin
        if [ -e "$d/bzip2" ]; then
            sh=$TOOLS/nobzip2${d//\//_}
            rm -rf "$sh"; mkdir -p "$sh"
            for f in "$d"/* ; do
                case "${f##*/}" in bzip2) continue ;; esac
                ln -s "$f" "$sh/"
            done
            out+=("$sh")
        else
            out+=("$d")
        fi
    done
    local IFS=:; echo "${out[*]}"
}
NOBZ_PATH=$(make_path)
if PATH=$NOBZ_PATH command -v bzip2 >/dev/null; then
    echo "bzip2 still on the configure PATH" >&2; exit 1
fi

# ---------------------------------------------------------------- 4. configure
step_start configure "configure (clang-19) in $BUILD"
if [ ! -e "$BUILD/compile_commands.json" ] || [ ! -e "$BUILD/build.ninja" ]; then
    rm -rf "$BUILD"; mkdir -p "$BUILD"
    targets=$(for a in $ARCHES; do printf '%s-softmmu,' "$a"; done); targets=${targets%,}
    args=(--cc=clang-19 --cxx=clang++-19 "--target-list=$targets"
          --disable-docs --disable-install-blobs --disable-werror)
    [ "$MESON" = meson ] || args+=("--meson=$MESON")
    # 7.2: --python only works with the embedded meson (absent in Debian's
    # tarball); python3 then comes from the (clean) PATH, i.e. /usr/bin/python3.
    if [ "$VERSION" = 10.0 ]; then args+=("--python=$PY" --disable-download); fi
    echo "configure ${args[*]}"
    if ! (cd "$BUILD" && PATH=$NOBZ_PATH "$SRC/configure" "${args[@]}") > "$LOGS/configure.log" 2>&1; then
        tail -30 "$LOGS/configure.log"
        mv "$BUILD" "$BUILD.failed.$$"
        echo "configure failed; log: $LOGS/configure.log, dir moved to $BUILD.failed.$$" >&2
        exit 1
    fi
fi
[ -e "$BUILD/compile_commands.json" ] || { echo "no compile_commands.json" >&2; exit 1; }
step_end

# ---------------------------------------------------------------- 5. generated inputs
step_start gen "ninja: order-only/generated inputs of the compile edges"
# generated headers and sources (trace/qapi) that the compile edges need
$PY "$(dirname "$0")/lib/ninja-gen-targets.py" "$BUILD/build.ninja" > "$BUILD/.retcheck-gen-targets"
ntargets=$(wc -l < "$BUILD/.retcheck-gen-targets")
echo "$ntargets generated targets"
if [ "$ntargets" -gt 0 ]; then
    if ! (cd "$BUILD" && PATH=$NOBZ_PATH xargs -a .retcheck-gen-targets ninja -j"$(nproc)") \
            > "$LOGS/gen.log" 2>&1; then
        tail -30 "$LOGS/gen.log"; echo "ninja failed; log: $LOGS/gen.log" >&2; exit 1
    fi
fi
step_end "$ntargets targets"

# ---------------------------------------------------------------- 6. summary + sample parse
step_start check "DB summary + sample TU"
$PY - "$BUILD/compile_commands.json" <<'EOF'
import json, os, shlex, subprocess, sys
db = json.load(open(sys.argv[1]))
files = {os.path.normpath(os.path.join(e['directory'], e['file'])) for e in db}
print(f"DB entries: {len(db)}  distinct files: {len(files)}")
cands = [e for e in db if e['file'].endswith('hw/mips/fuloong2e.c')] or \
        [e for e in db if '/hw/' in '/' + e['file'] and e['file'].endswith('.c')]
if not cands:
    sys.exit("no sample TU found")
e = cands[0]
args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
out, skip = [], False
for a in args:
    if skip: skip = False; continue
    if a in ('-o', '-MF', '-MQ', '-MT'): skip = True; continue
    if a in ('-c', '-MD', '-MMD'): continue
    out.append(a)
out.insert(1, '-fsyntax-only')
print(f"sample: {e['file']} (in {e['directory']})")
r = subprocess.run(out, cwd=e['directory'], capture_output=True, text=True)
if r.returncode != 0:
    print(r.stderr[-3000:])
    sys.exit(f"sample TU failed to parse (rc={r.returncode})")
print(f"sample TU parses OK with {out[0]}" + (" (with warnings)" if r.stderr.strip() else ""))
EOF
step_end

echo
echo "=== done: qemu=$SRCVER, $(cat "$DIR/.unpack-method" 2>/dev/null || true)"
echo "compile_commands.json: $BUILD/compile_commands.json"
print_times
