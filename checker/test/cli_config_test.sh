#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The command line as clang-tidy users know it: --checks globs, .clang-tidy
# (Checks, CheckOptions RulesFiles and AllowCastToVoid, InheritParentConfig,
# HeaderFilterRegex), --header-filter, --exclude-header-filter,
# --line-filter, --extra-arg(-before), directory arguments, -j, and the
# clang-tidy module reporting the same with the same configuration.
#   cli_config_test.sh <retcheck> <source dir> [clang-tidy] [module]
set -u
RETCHECK=$1
SRC=$2
TIDY=${3:-}
MODULE=${4:-}
. "$(dirname "$0")/testlib.sh"
json() { python3 -c "import json,sys; d=json.load(open('$WORK/out')); $1" && ok || bad "$2"; }
checks_of() { python3 -c "import json; print(' '.join(sorted({f['check'] for f in json.load(open('$WORK/out'))['findings']})))"; }

# A tree with three kinds of findings, a header with one, and a database.
T=$WORK/tree
mkdir -p "$T/src/sub" "$T/include" "$T/build"
cp "$SRC/fixtures/include/"*.h "$T/include/"
cat >"$T/include/inline.h" <<'C'
#include "qemu-stubs.h"
static inline int probe(const char *p) { return get_image_size(p) == -1; }
C
cat >"$T/src/a.c" <<'C'
#include "inline.h"
void ignored(const char *p) { get_image_size(p); }
int minus(const char *p) { return load_image_targphys(p, 0, 1) == -1; }
void cast(const char *p) { (void)get_image_size(p); }
C
cat >"$T/src/sub/b.c" <<'C'
#include "qemu-stubs.h"
void ignored_b(const char *p) { get_image_size(p); }
int minus_b(const char *p) { return get_image_size(p) == -1; }
C
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
json.dump([{"directory": t + "/build", "file": t + "/src/" + f,
            "arguments": ["clang", "-I" + t + "/include", "-c", t + "/src/" + f]}
           for f in ("a.c", "sub/b.c")], open(t + "/build/compile_commands.json", "w"))
PY
R() { "$RETCHECK" --quiet -p "$T/build" --format json "$@"; }

# --- no configuration: every check, headers included
expect_exit 1 "default checks" -- R
[ "$(checks_of)" = "retcheck-ignored-result retcheck-minus-one-check" ] && ok || bad "default: $(checks_of)"
json "assert any(f['file'].endswith('inline.h') for f in d['findings'])" "headers reported by default"

# --- --checks with clang-tidy's globs
expect_exit 1 "--checks" -- R --checks='-*,retcheck-minus-*'
[ "$(checks_of)" = "retcheck-minus-one-check" ] && ok || bad "--checks='-*,retcheck-minus-*': $(checks_of)"
expect_exit 0 "--checks disabling all" -- R --checks='-*'
json "assert d['findings'] == []" "--checks=-* reports nothing"

# --- .clang-tidy: nearest above each file, InheritParentConfig, Checks
printf "Checks: '-*,retcheck-ignored-result'\n" >"$T/.clang-tidy"
expect_exit 1 ".clang-tidy Checks" -- R
[ "$(checks_of)" = "retcheck-ignored-result" ] && ok || bad ".clang-tidy: $(checks_of)"
printf "InheritParentConfig: true\nChecks: 'retcheck-minus-one-check'\n" >"$T/src/sub/.clang-tidy"
expect_exit 1 "inherited .clang-tidy" -- R
json "got = sorted((f['file'].rsplit('/', 1)[1], f['check']) for f in d['findings'])
assert got == [('a.c', 'retcheck-ignored-result'), ('b.c', 'retcheck-ignored-result'),
               ('b.c', 'retcheck-minus-one-check')], got" "sub/ adds minus-one to its parent's checks"
printf "Checks: '-*,retcheck-minus-one-check'\n" >"$T/src/sub/.clang-tidy"
expect_exit 1 "a .clang-tidy that does not inherit" -- R
json "got = sorted((f['file'].rsplit('/', 1)[1], f['check']) for f in d['findings'])
assert got == [('a.c', 'retcheck-ignored-result'), ('b.c', 'retcheck-minus-one-check')], got" "sub/ alone"
# The command line's --checks apply over the files'.
expect_exit 1 "--checks over .clang-tidy" -- R --checks='retcheck-minus-one-check'
json "got = sorted((f['file'].rsplit('/', 1)[1], f['check']) for f in d['findings'])
assert ('a.c', 'retcheck-minus-one-check') in got, got" "--checks adds to .clang-tidy's"
expect_exit 0 "--list-checks" -- "$RETCHECK" --list-checks --checks='-*,retcheck-lossy-store'
expect_in "$WORK/out" "retcheck-lossy-store" "--list-checks names the enabled check"
[ "$(grep -c 'retcheck-' "$WORK/out")" = 1 ] && ok || bad "--list-checks lists only enabled checks"

# --- CheckOptions: RulesFiles (relative to the compile directory, as the
# module reads it) and AllowCastToVoid
cat >"$T/build/only-load.json" <<'JSON'
{"version": 1, "rules": [{"function": "load_image_targphys", "convention": "negative"}]}
JSON
cat >"$T/.clang-tidy" <<'Y'
Checks: '-*,retcheck-*'
CheckOptions:
  RulesFiles: only-load.json
Y
rm "$T/src/sub/.clang-tidy"
expect_exit 1 "RulesFiles from .clang-tidy" -- R
json "assert {f['function'] for f in d['findings']} == {'load_image_targphys'}, d['findings']" "only the configured rules"
cat >"$T/.clang-tidy" <<'Y'
Checks: '-*,retcheck-ignored-result'
CheckOptions:
  retcheck-ignored-result.AllowCastToVoid: false
Y
expect_exit 1 "AllowCastToVoid from .clang-tidy" -- R
json "assert any(f['line'] == 4 and f['file'].endswith('a.c') for f in d['findings']), d['findings']" "(void) cast reported"
printf "Checks: '-*,retcheck-*'\nCheckOptions:\n  RulesFiles: missing.json\n" >"$T/.clang-tidy"
expect_exit 4 "a missing RulesFiles" -- R
expect_error_line "missing.json" "missing RulesFiles named"
printf "Checks: [not, a, string\n" >"$T/.clang-tidy"
expect_exit 1 "a broken .clang-tidy is reported and skipped, as clang-tidy does" -- R
expect_in "$WORK/err" ".clang-tidy" "broken .clang-tidy named"
rm "$T/.clang-tidy"

# --- header, exclude-header and line filters
expect_exit 1 "--header-filter" -- R --header-filter='/src/'
json "assert not any(f['file'].endswith('inline.h') for f in d['findings'])" "--header-filter leaves inline.h out"
expect_exit 1 "--exclude-header-filter" -- R --exclude-header-filter='inline'
json "assert not any(f['file'].endswith('inline.h') for f in d['findings'])" "--exclude-header-filter"
printf "HeaderFilterRegex: 'nothing-matches'\n" >"$T/.clang-tidy"
expect_exit 1 "HeaderFilterRegex from .clang-tidy" -- R
json "assert not any(f['file'].endswith('inline.h') for f in d['findings'])" "HeaderFilterRegex applies"
rm "$T/.clang-tidy"
expect_exit 1 "--exclude" -- R --exclude='/sub/|inline\.h'
json "assert {f['file'].rsplit('/', 1)[1] for f in d['findings']} == {'a.c'}, d['findings']
assert d['stats']['translation_units'] == 1, d['stats']" "--exclude: neither analysed nor reported"
expect_exit 2 "bad --exclude" -- R --exclude='('
expect_error_line "--exclude" "bad --exclude message"
expect_exit 1 "--line-filter" -- R --line-filter='[{"name": "src/a.c", "lines": [[3, 3]]}]'
json "got = [(f['file'].rsplit('/', 1)[1], f['line']) for f in d['findings']]
assert got == [('a.c', 3)], got" "--line-filter keeps a.c:3 only"
expect_exit 2 "bad --line-filter" -- R --line-filter='[{"nam'
expect_error_line "--line-filter" "bad --line-filter message"
expect_exit 1 "--config" -- R --config="{Checks: '-*,retcheck-minus-one-check'}"
[ "$(checks_of)" = "retcheck-minus-one-check" ] && ok || bad "--config: $(checks_of)"

# --- the clang-tidy module reports the same with the same .clang-tidy
if [ -n "$TIDY" ] && [ -n "$MODULE" ]; then
  cat >"$T/.clang-tidy" <<'Y'
Checks: '-*,retcheck-minus-one-check,retcheck-ignored-result'
HeaderFilterRegex: '.*'
CheckOptions:
  RulesFiles: only-load.json
Y
  cp "$T/build/only-load.json" "$T/build/only-load.json.bak"
  R >"$WORK/out" 2>/dev/null
  python3 -c "import json; print('\n'.join(sorted('%s:%d:%d %s' % (f['file'], f['line'], f['column'], f['check']) for f in json.load(open('$WORK/out'))['findings'])))" >"$WORK/cli.txt"
  "$TIDY" --load="$MODULE" -p "$T/build" "$T/src/a.c" "$T/src/sub/b.c" 2>/dev/null |
    sed -n 's/^\(.*\):\([0-9]*\):\([0-9]*\): warning: .* \[\(retcheck-[a-z-]*\)\]$/\1:\2:\3 \4/p' | sort -u >"$WORK/tidy.txt"
  if [ -s "$WORK/cli.txt" ] && cmp -s "$WORK/cli.txt" "$WORK/tidy.txt"; then ok; else
    bad "clang-tidy and the CLI differ with one .clang-tidy"; diff "$WORK/cli.txt" "$WORK/tidy.txt" | head; fi
  rm "$T/.clang-tidy"
fi

# --- directory arguments; files not in the database are skipped
expect_exit 1 "a directory argument" -- R "$T/src/sub"
json "assert {f['file'].rsplit('/', 1)[1] for f in d['findings']} == {'b.c'}
assert d['stats']['translation_units'] == 1, d['stats']" "the entries under src/sub"
expect_exit 1 "a header among the files" -- R "$T/include/inline.h" "$T/src/a.c"
expect_in "$WORK/err" "inline.h: not in the compile database" "header skipped with a warning"
json "assert d['stats']['translation_units'] == 1" "the other file analysed"
expect_exit 0 "only files outside the database" -- R "$T/include/inline.h"
expect_in "$WORK/err" "no translation unit to analyse" "nothing analysed, said so"

# --- -j: attached or separate; never more workers than TUs
expect_exit 1 "-j2" -- R -j2
expect_exit 1 "-j 2" -- R -j 2
expect_exit 1 "-j\$(nproc)" -- R -j"$(nproc)"
expect_exit 1 "-j 64 on two TUs" -- R -j 64
json "assert d['stats']['jobs'] == 2, d['stats']" "-j 64 starts two workers for two TUs"
expect_exit 1 "-j 64 on one TU" -- R -j64 "$T/src/a.c"
json "assert d['stats']['jobs'] == 1, d['stats']" "one worker for one TU"

# --- --extra-arg and --extra-arg-before; -- with -p is refused
cat >"$T/src/sub/b.c" <<'C'
#include "qemu-stubs.h"
#ifdef WITH_PROBE
void ignored_b(const char *p) { get_image_size(p); }
#endif
C
expect_exit 0 "without the define" -- R "$T/src/sub/b.c"
expect_exit 1 "--extra-arg=-DWITH_PROBE" -- R --extra-arg=-DWITH_PROBE "$T/src/sub/b.c"
expect_exit 1 "--extra-arg-before=-DWITH_PROBE" -- R --extra-arg-before=-DWITH_PROBE "$T/src/sub/b.c"
expect_exit 0 "--extra-arg-before is overridden by the command's own flags" -- R --extra-arg-before=-DWITH_PROBE --extra-arg=-UWITH_PROBE "$T/src/sub/b.c"
expect_exit 2 "-p with -- ARGS" -- "$RETCHECK" -p "$T/build" "$T/src/a.c" -- -DWITH_PROBE
expect_error_line "cannot be combined" "-p with -- message"

# --- commands from a gcc build: flags clang does not know are dropped,
# each named once
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
json.dump([{"directory": t + "/build", "file": t + "/src/" + f,
            "arguments": ["gcc", "-fconserve-stack", "-fno-allow-store-data-races",
                          "-mindirect-branch=thunk-extern", "-I" + t + "/include", "-c", t + "/src/" + f]}
           for f in ("a.c", "sub/b.c")], open(t + "/build/compile_commands.json", "w"))
PY
expect_exit 1 "a gcc database" -- R
json "assert d['errors'] == [], d['errors']" "no compile error for gcc flags"
for flag in -fconserve-stack -fno-allow-store-data-races -mindirect-branch=thunk-extern; do
  [ "$(grep -c -- "'$flag' dropped" "$WORK/err")" = 1 ] && ok || bad "one warning for $flag"
done

finish cli-config
