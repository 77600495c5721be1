# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# shellcheck shell=bash
# Sourced by the corpus scripts that keep a Debian source package in a tree of
# its own: apt sources, fetch, unpack, configure options from debian/rules, the
# generated inputs of the compile commands and the clang-19 parse check.  Needs
# $APT (apt options, an array), $PY and $LIB (scripts/lib) set by the caller,
# and scripts/lib/corpus.sh and deb-src.sh sourced.

# apt_sources_and_tools DIR PKG...: deb-src for bookworm (and its updates and
# security suites) and deb + deb-src for bookworm-backports where apt lacks
# them; apt-get update when a source was added or DIR/.apt-updated is missing;
# then the PKGs not installed yet.
apt_sources_and_tools() {
    local dir=$1 changed=0 todo
    shift
    add_bookworm_deb_src && changed=1
    add_bookworm_backports && changed=1
    if [ $changed = 1 ] || [ ! -e "$dir/.apt-updated" ]; then
        apt-get update -q "${APT[@]}"
        touch "$dir/.apt-updated"
    fi
    todo=$(missing_pkgs "$@")
    if [ -n "$todo" ]; then
        # shellcheck disable=SC2086
        apt-get install -y -q "${APT[@]}" --no-install-recommends $todo
    fi
}

# fetch_source PKG VERSION DL LOG: `apt-get source --download-only PKG=VERSION`
# into DL, once (DL/.done).  A file apt could not fetch is reported with apt's
# error lines; the caller's unpack step then says what it can unpack.
fetch_source() {
    local pkg=$1 v=$2 dl=$3 log=$4
    mkdir -p "$dl"
    [ ! -e "$dl/.done" ] || return 0
    if ! (cd "$dl" && apt-get source -q "${APT[@]}" --download-only "$pkg=$v") > "$log" 2>&1; then
        echo "WARNING: apt-get source $pkg=$v did not fetch every file (log: $log):"
        grep -E '^(E|Err):' "$log" | sed 's/^/    /' || true
    fi
    touch "$dl/.done"
}

# unpack_source PKG VERSION DL DEST LOG: DEST from the files in DL, once
# (DEST/debian or DEST/meson.build present): dpkg-source -x, so Debian's
# patches are applied, when the .dsc and the Debian tarball are there, else
# the orig tarball alone.  .unpack-method next to DEST says which.
unpack_source() {
    local pkg=$1 v=${2#*:} dl=$3 dest=$4 log=$5 orig
    if [ ! -e "$dest/meson.build" ] && [ ! -e "$dest/debian" ]; then
        rm -rf "$dest" "$dest.tmp"
        if [ -e "$dl/${pkg}_$v.dsc" ] && compgen -G "$dl/${pkg}_$v.debian.tar.*" >/dev/null; then
            dpkg-source --no-check --no-copy -x "$dl/${pkg}_$v.dsc" "$dest.tmp" > "$log" 2>&1 \
                || { tail -20 "$log"; return 1; }
            echo "dpkg-source -x (Debian patches applied)" > "${dest%/*}/.unpack-method"
        else
            orig=$(compgen -G "$dl/${pkg}_${v%-*}.orig.tar.*" | grep -v '\.asc$' | head -1 || true)
            [ -n "$orig" ] || { echo "nothing to unpack in $dl" >&2; return 1; }
            mkdir -p "$dest.tmp"
            tar -xf "$orig" --strip-components=1 -C "$dest.tmp"
            echo "orig tarball only ($(basename "$orig"); Debian patches NOT applied)" \
                > "${dest%/*}/.unpack-method"
        fi
        mv "$dest.tmp" "$dest"
    fi
}

# debian_rules_words TREE VARIABLE...: the words of the make VARIABLEs of
# TREE/debian/rules as make and the shell expand them here, one a line
# (a quoted value with spaces stays one word).
debian_rules_words() {
    local tree=$1 vars=
    shift
    for v in "$@"; do vars+=" \$($v)"; done
    (cd "$tree" && make -s --no-print-directory -f debian/rules \
        --eval "retcheck-print-words: ; @printf '%s\\n' $vars" retcheck-print-words)
}

# meson_project_options SRC: the option names SRC's meson_options.txt (or
# meson.options) declares, one a line.
meson_project_options() {
    local f
    for f in "$1"/meson_options.txt "$1"/meson.options; do
        [ ! -e "$f" ] || grep -oE "^option\('[A-Za-z0-9_-]+'" "$f" | cut -d"'" -f2
    done
}

# build_generated_inputs BUILD LOG: ninja builds the inputs the C compile
# edges of BUILD/build.ninja need (scripts/lib/ninja-gen-targets.py), nothing
# else; prints how many.
build_generated_inputs() {
    local build=$1 log=$2
    $PY "$LIB/ninja-gen-targets.py" "$build/build.ninja" > "$build/.retcheck-gen-targets"
    echo "$(wc -l < "$build/.retcheck-gen-targets") generated targets"
    if ! (cd "$build" && xargs -a .retcheck-gen-targets ninja -j"$(nproc)") > "$log" 2>&1; then
        tail -30 "$log"; echo "ninja failed; log: $log" >&2; return 1
    fi
}

# check_database DB OUT: scripts/lib/check-db.py on DB into OUT unless OUT is
# newer than DB and complete; prints its counts; false unless every entry parses.
check_database() {
    local db=$1 out=$2
    if [ ! "$out" -nt "$db" ] || ! grep -q '^RESULT:' "$out"; then
        $PY "$LIB/check-db.py" "$db" "$(nproc)" > "$out" 2>&1 || true
    fi
    grep -E '^(entries|RESULT):' "$out" | tr '\n' ' '; echo
    grep -q '^RESULT: all entries parse' "$out"
}
