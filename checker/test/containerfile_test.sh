#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The Containerfile, without a container engine (none runs here): Debian
# bookworm is its only base; what it copies exists; every RUN step is valid
# shell, and the repository scripts it runs exist and are executable; the
# packages it installs by name are bookworm's; its last step, which runs
# the installed retcheck on examples/board, passes with the build tree's.
#   containerfile_test.sh <retcheck> <source dir>
set -u
RETCHECK=$1
SRC=$2
. "$(dirname "$0")/testlib.sh"
CF=$SRC/Containerfile
[ -f "$CF" ] && ok || { bad "no Containerfile"; finish containerfile; exit; }
# Continuation lines joined: one instruction a line.
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$CF" | grep -v '^#' >"$WORK/steps"
grep '^FROM ' "$WORK/steps" | grep -qv '^FROM docker.io/library/debian:bookworm\( AS [a-z]*\)\?$' &&
  bad "a base other than debian:bookworm" || ok
[ "$(grep -c '^FROM ' "$WORK/steps")" = 2 ] && ok || bad "two stages"
while read -r _ from _; do
  case $from in --from=*) continue ;; esac
  [ -e "$SRC/$from" ] && ok || bad "COPY $from: not in the repository"
done < <(grep '^COPY ' "$WORK/steps")
grep '^RUN ' "$WORK/steps" | sed 's/^RUN //' >"$WORK/runs"
while read -r step; do
  bash -n -c "$step" 2>"$WORK/syntax" && ok || { bad "RUN $step: not valid shell"; cat "$WORK/syntax"; }
  for script in $(grep -o 'scripts/[a-z-]*\.sh' <<<"$step"); do
    [ -x "$SRC/$script" ] && ok || bad "RUN runs $script, which is not an executable script here"
  done
done <"$WORK/runs"
# The build stage runs what scripts/package.sh documents.
grep -qx 'scripts/install-deps.sh --build' "$WORK/runs" && ok || bad "the build stage installs the build dependencies"
grep -q 'scripts/install-deps.sh --build' "$SRC/scripts/package.sh" && ok || bad "package.sh names install-deps.sh --build"
grep -qx 'scripts/package.sh /out' "$WORK/runs" && ok || bad "the build stage builds the package"
# The last step, against the build tree's retcheck and a copy of the example.
last=$(tail -1 "$WORK/runs")
cp -r "$SRC/examples/board" "$WORK/board"
step=${last//\/usr\/share\/retcheck\/examples\/board/$WORK/board}
step=${step//\/tmp\/findings.txt/$WORK/findings.txt}
PATH="$(dirname "$RETCHECK"):$PATH" bash -c "$step" >"$WORK/out" 2>&1 && ok ||
  { bad "the Containerfile's check of the installed retcheck fails with the build tree's"; cat "$WORK/out"; }
finish containerfile
