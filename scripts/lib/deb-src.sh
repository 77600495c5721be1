# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Sourced by the corpus scripts: Debian's deb-src for bookworm, its updates
# and security suites, in a deb822 file of ours, unless apt has them already.

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
