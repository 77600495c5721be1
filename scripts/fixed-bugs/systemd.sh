#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# fixed-bugs/systemd.sh DIR
#
# Two systemd trees from Debian, each with a compile database, for the corpus
# of bugs maintainers fixed (docs/evaluation/fixed-bugs/systemd.tsv):
#   old  systemd=252.39-1~deb12u2    (bookworm)
#   new  systemd=254.26-1~bpo12+1    (bookworm-backports)
# Nothing is compiled except the generated headers and sources that the C
# compile commands need; every database entry is then parsed with clang-19.
#
#   DIR  output directory (created), e.g. /work/corpus/systemd.  Layout:
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
#   dpkg-dev xz-utils clang-19 ninja-build meson python3 make; then the build
#   dependencies of each version (`apt-get build-dep systemd=OLD`, `apt-get
#   build-dep -t bookworm-backports systemd=NEW`).  Every apt call waits up to
#   900 s for the dpkg lock.  Pitfall: systemd build-depends on
#   libcurl4-openssl-dev, libvirt on libcurl4-gnutls-dev, and the two conflict,
#   so the corpus scripts would take turns removing each other's.  When
#   `apt-get build-dep -s` says it would remove a package, the script installs
#   the .dsc's Build-Depends with `apt-get satisfy` instead, where
#   libcurl4-gnutls-dev may stand in for libcurl4-openssl-dev (both ship the
#   same curl headers and libcurl.pc, all meson looks at).
#
# Fetch: `apt-get source --download-only systemd=VERSION` into DIR/X/dl; a
#   file that cannot be fetched is reported with apt's error lines, and the
#   tree is then unpacked from the orig tarball alone if that came
#   (DIR/X/.unpack-method records which).
#
# Configure: meson setup with CC=clang-19 CXX=clang++-19 and Debian's build
#   flags (dpkg-buildflags, as dh exports them), dh_auto_configure's standard
#   arguments (--wrap-mode=nodownload --buildtype=plain --prefix=/usr ...) and
#   debian/rules' CONFFLAGS, CONFFLAGS_DISTRO and CONFFLAGS_UPSTREAM, read with
#   make from each tree's own debian/rules (so -Db_lto=true -Dmode=release
#   -Dversion-tag=... -Defi=true, -Dsysupdate, ... as Debian builds it; the
#   stage1 profile is not set).  -D options the tree's meson_options.txt does
#   not declare (other than meson's own b_* and built-in ones) are dropped and
#   listed.  DIR/X/.configure-args holds the arguments used.
#
# Generated inputs: scripts/lib/ninja-gen-targets.py lists the order-only and
#   generated inputs of the compile edges in build.ninja; ninja builds those.
#
# Check: scripts/lib/check-db.py runs clang-19 -fsyntax-only on every entry of
#   each database; skipped when DIR/logs/check-X.txt is newer than the database.
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
declare -A VERSION=([old]='252.39-1~deb12u2' [new]='254.26-1~bpo12+1')
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
# shellcheck source=scripts/lib/source-package.sh
. "$LIB/source-package.sh"

[ "$(id -u)" -eq 0 ] || { echo "must run as root (apt)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. apt
step_start apt "apt sources + tools"
apt_sources_and_tools "$DIR" dpkg-dev xz-utils clang-19 ninja-build meson python3 make
step_end

# ---------------------------------------------------------------- 2. fetch + unpack
step_start fetch "apt-get source --download-only, unpack"
for x in $TREES; do
    fetch_source systemd "${VERSION[$x]}" "$DIR/$x/dl" "$LOGS/fetch-$x.log"
    unpack_source systemd "${VERSION[$x]}" "$DIR/$x/dl" "$DIR/$x/src" "$LOGS/unpack-$x.log"
    echo "$x: systemd=${VERSION[$x]}, $(cat "$DIR/$x/.unpack-method")"
done
step_end

# ---------------------------------------------------------------- 3. build deps
# build_depends X: the .dsc's Build-Depends of tree X, libcurl4-gnutls-dev
# allowed in place of libcurl4-openssl-dev (see the top).
build_depends() {
    $PY - "$DIR/$1/dl/systemd_${VERSION[$1]}.dsc" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
deps = re.search(r'^Build-Depends:(.*(?:\n .*)*)', text, re.M).group(1).replace('\n', ' ')
print(re.sub(r'libcurl4-openssl-dev( <[^>]*>)?', r'libcurl4-openssl-dev\1 | libcurl4-gnutls-dev\1', deps))
EOF
}
step_start build-dep "build dependencies (old: bookworm, new: bookworm-backports)"
for x in $TREES; do
    log=$LOGS/build-dep-$x.log
    # shellcheck disable=SC2086
    if sim=$(apt-get build-dep -s -q "${APT[@]}" ${SUITE_OPT[$x]} "systemd=${VERSION[$x]}" 2>&1) \
       && ! grep -q '^Remv ' <<<"$sim"; then
        # shellcheck disable=SC2206
        cmd=(apt-get build-dep -y -q "${APT[@]}" ${SUITE_OPT[$x]} "systemd=${VERSION[$x]}")
    else
        echo "$x: apt-get build-dep would remove or break packages" \
             "($(awk '/^Remv /{print $2}' <<<"$sim" | tr '\n' ' ')$(grep -c '^E:' <<<"$sim") errors);" \
             "apt-get satisfy instead"
        # shellcheck disable=SC2206
        cmd=(apt-get satisfy -y -q "${APT[@]}" ${SUITE_OPT[$x]} "$(build_depends "$x")")
    fi
    if ! "${cmd[@]}" > "$log" 2>&1; then
        tail -20 "$log"; echo "$x: ${cmd[*]:0:2} failed; log: $log" >&2; exit 1
    fi
done
step_end

# ---------------------------------------------------------------- 4. configure
# Meson's own options, which no meson_options.txt declares.
MESON_BUILTIN='^(b_[a-z_]+|buildtype|prefix|libdir|sysconfdir|localstatedir|wrap_mode|debug|optimization|warning_level|werror|default_library)$'
# configure X: meson setup DIR/X/build (once).
configure() {
    local x=$1 src=$DIR/$1/src build=$DIR/$1/build a name declared dropped=()
    if [ -e "$build/compile_commands.json" ] && [ -e "$build/build.ninja" ]; then
        echo "$x: configured ($build)"; return 0
    fi
    rm -rf "$build"
    declared=$(meson_project_options "$src")
    local args=(--wrap-mode=nodownload --buildtype=plain --prefix=/usr --sysconfdir=/etc
                --localstatedir=/var "--libdir=lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)")
    while IFS= read -r a; do
        name=${a#-D}; name=${name%%=*}
        if [[ $a == -D* ]] && ! grep -qxE "$MESON_BUILTIN" <<<"$name" \
           && ! grep -qxF "$name" <<<"$declared"; then
            dropped+=("$a"); continue
        fi
        args+=("$a")
    done < <(debian_rules_words "$src" CONFFLAGS CONFFLAGS_DISTRO CONFFLAGS_UPSTREAM)
    [ ${#dropped[@]} -eq 0 ] || echo "$x: options not in meson_options.txt, dropped: ${dropped[*]}"
    printf '%s\n' "${args[@]}" > "$DIR/$x/.configure-args"
    echo "$x: meson setup (clang-19; ${#args[@]} arguments in $DIR/$x/.configure-args)"
    if ! (cd "$src" && eval "$(dpkg-buildflags --export=sh)" \
            && CC=clang-19 CXX=clang++-19 meson setup "${args[@]}" "$build") \
            > "$LOGS/configure-$x.log" 2>&1; then
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
    echo -n "$x: "
    build_generated_inputs "$DIR/$x/build" "$LOGS/gen-$x.log" || exit 1
done
step_end

# ---------------------------------------------------------------- 6. check
step_start check "clang-19 -fsyntax-only on every DB entry"
failed=0
for x in $TREES; do
    echo -n "$x: "
    check_database "$DIR/$x/build/compile_commands.json" "$LOGS/check-$x.txt" || failed=1
done
step_end

echo
for x in $TREES; do
    echo "=== $x: systemd=${VERSION[$x]}, $(cat "$DIR/$x/.unpack-method")"
    echo "    $DIR/$x/build/compile_commands.json"
done
print_times
[ $failed = 0 ] || { echo "some entries do not parse: see $LOGS/check-*.txt" >&2; exit 1; }
