# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# shellcheck shell=bash
# Sourced by the corpus scripts: timed steps and the apt packages still missing.

declare -a TIMES=()
step_start() { STEP=$1; STEP_T=$SECONDS; echo "=== [$STEP] $2"; }
step_end()   { TIMES+=("$(printf '%-12s %5ds  %s' "$STEP" $((SECONDS - STEP_T)) "${1:-}")"); }
print_times() {  # the step table, after "step times:"
    echo "step times:"
    printf '  %s\n' "${TIMES[@]}"
    printf '  %-12s %5ds\n' total $((SECONDS - T0))
}

missing_pkgs() {  # prints the packages of "$@" that are not installed
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}
