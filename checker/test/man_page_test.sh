#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# retcheck(1): man renders it without a warning (lintian's check), and it
# documents every option that `retcheck --help`, `retcheck infer --help`,
# `retcheck report --help` and `retcheck lsp --help` list.
#   man_page_test.sh <retcheck.1> <retcheck>
set -u
PAGE=$1
RETCHECK=$2
SRC=
. "$(dirname "$0")/testlib.sh"
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$PAGE" \
  >/dev/null 2>"$WORK/warnings"
if [ -s "$WORK/warnings" ]; then bad "man warns:"; sed 's/^/  | /' "$WORK/warnings"; else ok; fi
MANWIDTH=200 man -l "$PAGE" 2>/dev/null | col -b >"$WORK/page.txt"
for section in NAME SYNOPSIS DESCRIPTION CHECKS OPTIONS "INFER OPTIONS" "REPORT OPTIONS" "LANGUAGE SERVER" "LSP OPTIONS" "EXIT STATUS" FILES EXAMPLES; do
  if grep -qx "$section" "$WORK/page.txt"; then ok; else bad "no section $section"; fi
done
{ "$RETCHECK" --help; "$RETCHECK" infer --help; "$RETCHECK" report --help; "$RETCHECK" lsp --help; } |
  grep -oE '^  -{1,2}[a-z][a-z-]*' | sed 's/^ *//' | sort -u >"$WORK/options"
[ "$(wc -l <"$WORK/options")" -gt 20 ] && ok || bad "too few options in --help: $(cat "$WORK/options")"
while read -r option; do
  if grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" "$WORK/page.txt"; then ok; else bad "$option is not in the man page"; fi
done <"$WORK/options"
finish man-page
