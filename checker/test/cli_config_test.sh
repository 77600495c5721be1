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
# --- a selection that enables nothing fails, as clang-tidy's "no checks
# enabled"; a glob that matches no check is named, as clang-tidy's
# --verify-config names it (exit 2: README, "Exit codes")
expect_exit 2 "--checks disabling all" -- R --checks='-*'
expect_error_line "error: no checks enabled" "--checks=-* fails, saying so"
expect_exit 2 "a typo in --checks" -- R --checks='-*,retcheck-minus-one-chek'
expect_in "$WORK/err" "command-line option '-checks': warning: unknown check 'retcheck-minus-one-chek'; did you mean 'retcheck-minus-one-check'" "the typo named, with the check meant"
expect_in "$WORK/err" "retcheck: error: no checks enabled" "and nothing enabled"
expect_exit 1 "a typo beside a good glob" -- R --checks='retcheck-*,-retcheck-lossy-stor,retchek-*'
expect_in "$WORK/err" "unknown check 'retcheck-lossy-stor'; did you mean 'retcheck-lossy-store'" "the negative glob's typo named"
expect_in "$WORK/err" "check glob 'retchek-*' doesn't match any known check" "a glob that matches nothing named"
[ "$(grep -c warning: "$WORK/err")" = 2 ] && ok || bad "one line per unmatched glob"
expect_exit 2 "a typo in --fail-checks" -- R --fail-checks='retcheck-lossy-stor'
expect_in "$WORK/err" "command-line option '-fail-checks': warning: unknown check 'retcheck-lossy-stor'" "--fail-checks typo named"
expect_in "$WORK/err" "no checks enabled by --fail-checks 'retcheck-lossy-stor'" "--fail-checks enabling nothing fails"
expect_exit 2 "--list-checks with nothing enabled" -- "$RETCHECK" --list-checks --checks='-*'
expect_in "$WORK/err" "no checks enabled" "--list-checks says so"
printf "Checks: '-*,bugprone-*'\n" >"$T/.clang-tidy"
expect_exit 2 "a .clang-tidy for clang-tidy's checks only" -- R
expect_error_line "no checks enabled: the check list 'retcheck-*,-*,bugprone-*'" ".clang-tidy enabling none of retcheck's (after retcheck's default, as clang-tidy merges them)"
if grep 'warning:' "$WORK/err" | grep -q bugprone; then bad "other tools' checks in .clang-tidy are not warned about"; else ok; fi
expect_exit 1 "the same with --checks" -- R --checks='retcheck-*'
printf "Checks: '-*,retcheck-ignord-result,retcheck-minus-one-check'\n" >"$T/.clang-tidy"
expect_exit 1 "a typo in .clang-tidy" -- R
expect_in "$WORK/err" "$T/.clang-tidy: warning: unknown check 'retcheck-ignord-result'; did you mean 'retcheck-ignored-result'" "the file and the typo named"

# --- --verify-config and --dump-config, as clang-tidy's
expect_exit 2 "--verify-config with a typo" -- "$RETCHECK" --verify-config -p "$T/build"
expect_in "$WORK/err" "unknown check 'retcheck-ignord-result'" "--verify-config lists the typo"
if grep -q "No config errors" "$WORK/out"; then bad "--verify-config with errors"; else ok; fi
printf "Checks: '-*,retcheck-*,bugprone-*'\nCheckOptions:\n  retcheck-ignored-result.RulesFile: x.json\n  bugprone-foo.Bar: 1\n" >"$T/.clang-tidy"
expect_exit 2 "--verify-config with an unknown option" -- "$RETCHECK" --verify-config -p "$T/build"
expect_error_line "unknown check option 'retcheck-ignored-result.RulesFile'; did you mean 'retcheck-ignored-result.RulesFiles'" "--verify-config names the option"
rm "$T/.clang-tidy"
expect_exit 0 "--verify-config, clean" -- "$RETCHECK" --verify-config -p "$T/build"
expect_in "$WORK/out" "No config errors detected." "--verify-config says so"
expect_exit 2 "--verify-config with a bad --fail-checks" -- "$RETCHECK" --verify-config --fail-checks='*,-retcheck-lossy-stor'
expect_error_line "unknown check 'retcheck-lossy-stor'; did you mean 'retcheck-lossy-store'" "--verify-config checks --fail-checks"
printf '{"version": 1, "rules": []}\n' >"$WORK/empty-rules.json"
expect_exit 4 "--verify-config with bad rules" -- "$RETCHECK" --verify-config --rules "$WORK/empty-rules.json"
expect_exit 0 "--dump-config" -- "$RETCHECK" --dump-config --checks='-*,retcheck-minus-one-check' --header-filter='/src/' "$T/src/a.c"
python3 - "$WORK/out" "$SRC" <<'PY' && ok || bad "--dump-config prints the effective .clang-tidy"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d["Checks"].endswith("-*,retcheck-minus-one-check"), d
assert d["HeaderFilterRegex"] == "/src/", d
opts = d["CheckOptions"]
rules = opts["RulesFiles"] if isinstance(opts, dict) else {o["key"]: o["value"] for o in opts}["RulesFiles"]
assert rules.endswith("qemu.json"), rules
PY
# What it prints is a configuration that gives the same.
cp "$WORK/out" "$WORK/dumped.yaml"
expect_exit 0 "the dump read back" -- "$RETCHECK" --list-checks --config-file "$WORK/dumped.yaml"
[ "$(grep -c 'retcheck-' "$WORK/out")" = 1 ] && expect_in "$WORK/out" "retcheck-minus-one-check" "the dump read back enables the same check" || bad "the dump read back enables one check"

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
# --- --exclude and .retcheckignore: globs relative to the source root, as
# in .gitignore (a directory leaves out what it holds; ** any depth; no
# slash: any depth)
only_a() { json "assert {f['file'].rsplit('/', 1)[1] for f in d['findings']} == {'a.c'}, d['findings']
assert d['stats']['translation_units'] == 1, d['stats']" "$1: neither analysed nor reported"; }
expect_exit 1 "--exclude" -- R --source-root "$T" --exclude='src/sub/' --exclude='**/inline.h'
only_a "--exclude 'src/sub/' '**/inline.h'"
expect_exit 1 "--exclude by name at any depth" -- R --source-root "$T" --exclude=sub --exclude='inline.*'
only_a "--exclude sub 'inline.*'"
expect_exit 1 "--exclude relative to the default root" -- R --exclude='sub/*' --exclude='/include/'
json "assert {f['file'].rsplit('/', 1)[1] for f in d['findings']} == {'a.c', 'inline.h'}, d['findings']" "the default root is the deepest directory holding the files: src/"
expect_exit 1 "an anchored glob" -- R --source-root "$T" --exclude='/sub/'
json "assert len({f['file'] for f in d['findings']}) == 3, d['findings']" "/sub/ is only \$T/sub: nothing left out"
expect_exit 2 "the old regular expression form" -- R --exclude='^src/sub/'
expect_error_line "not regular expressions; '^' is regular expression syntax" "a regex is refused, saying why"
expect_exit 2 "bad --exclude" -- R --exclude='src/[z-a]'
expect_error_line "--exclude 'src/[z-a]'" "bad --exclude message"
printf '# generated and vendored code\n\nsrc/sub/\n**/inline.h\n' >"$T/.retcheckignore"
expect_exit 1 ".retcheckignore" -- R --source-root "$T"
only_a ".retcheckignore"
printf 'src/sub/\n!src/sub/b.c\n' >"$T/.retcheckignore"
expect_exit 1 ".retcheckignore: ! takes a path back" -- R --source-root "$T"
json "assert 'b.c' in {f['file'].rsplit('/', 1)[1] for f in d['findings']}" "!src/sub/b.c is analysed again"
printf 'src/{a\n' >"$T/.retcheckignore"
expect_exit 2 "a bad .retcheckignore" -- R --source-root "$T"
expect_error_line "$T/.retcheckignore:1: 'src/{a'" "the bad line named"
rm "$T/.retcheckignore"
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
