# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# shellcheck shell=bash
# Sourced by the corpus scripts: Debian's deb-src for bookworm, its updates
# and security suites, and deb + deb-src for bookworm-backports, in deb822
# files of ours, unless apt has them already.

configured_suites() {   # suites configured for a given index identifier
    # shellcheck disable=SC2016
    apt-get indextargets --format '$(RELEASE)' "Identifier: $1" 2>/dev/null | sort -u
}

# Adds the deb-src suites apt lacks; true (0) when it wrote the file.
add_bookworm_deb_src() {
    local missing have_src s main sec
    missing=()
    have_src=$(configured_suites Sources)
    for s in bookworm bookworm-updates bookworm-security; do
        grep -qx "$s" <<<"$have_src" || missing+=("$s")
    done
    if [ ${#missing[@]} -gt 0 ] && [ ! -e /etc/apt/sources.list.d/retcheck-deb-src.sources ]; then
        echo "adding deb-src for: ${missing[*]}"
        {
            main=() sec=()
            for s in "${missing[@]}"; do
                if [ "$s" = bookworm-security ]; then sec+=("$s"); else main+=("$s"); fi
            done
            if [ ${#main[@]} -gt 0 ]; then printf '%s\n' "Types: deb-src" \
                "URIs: http://deb.debian.org/debian" "Suites: ${main[*]}" "Components: main" \
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" ""; fi
            if [ ${#sec[@]} -gt 0 ]; then printf '%s\n' "Types: deb-src" \
                "URIs: http://deb.debian.org/debian-security" "Suites: ${sec[*]}" "Components: main" \
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" ""; fi
        } > /etc/apt/sources.list.d/retcheck-deb-src.sources
        return 0
    fi
    return 1
}

# Adds deb and deb-src for bookworm-backports where apt lacks them, in
# /etc/apt/sources.list.d/retcheck-backports.sources; true (0) when it wrote it.
add_bookworm_backports() {
    local types=()
    [ ! -e /etc/apt/sources.list.d/retcheck-backports.sources ] || return 1
    configured_suites Packages | grep -qx bookworm-backports || types+=(deb)
    configured_suites Sources  | grep -qx bookworm-backports || types+=(deb-src)
    [ ${#types[@]} -gt 0 ] || return 1
    echo "adding ${types[*]} for bookworm-backports"
    printf '%s\n' "Types: ${types[*]}" "URIs: http://deb.debian.org/debian" \
        "Suites: bookworm-backports" "Components: main" \
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" \
        > /etc/apt/sources.list.d/retcheck-backports.sources
}
