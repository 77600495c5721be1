# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Shared by the shell tests: a work directory, pass/fail counters and the
# assertions. Source it after setting RETCHECK and SRC.
WORK=$(mktemp -d /tmp/retcheck-test-XXXXXX)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
PASS=0
FAIL=0
INC="-I$SRC/fixtures/include"

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- command...   (stdout: $WORK/out, stderr: $WORK/err)
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else
    bad "$what: exit $got, want $want"
    sed 's/^/  | /' "$WORK/err" | head -5
  fi
}
expect_in() { # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; sed 's/^/  | /' "$1" | head -5; fi
}
# A stderr message must be one line that names the problem.
expect_error_line() { # TEXT DESCRIPTION
  expect_in "$WORK/err" "$1" "$2"
  if [ "$(grep -c . "$WORK/err")" -le 2 ]; then ok; else bad "$2: more than one error line"; sed 's/^/  | /' "$WORK/err" | head -5; fi
}
finish() { # NAME
  echo "$1: $PASS passed, $FAIL failed"
  [ "$FAIL" = 0 ]
}
# Microsoft's SARIF multitool ($MULTITOOL) finds no error and no warning in
# SARIF (its SARIF and GitHub rules) but those of the RULEs named;
# DESCRIPTION says what the file is. Nothing is checked without it.
sarif_validates() { # SARIF DESCRIPTION [RULE...]
  [ -x "${MULTITOOL:-}" ] || return 0
  local sarif=$1 what=$2
  shift 2
  "$MULTITOOL" validate --rule-kind "Sarif;Gh" --config "$SRC/checker/test/sarif-multitool.xml" \
    --level "Error;Warning" -o "$sarif.validation" "$sarif" >"$WORK/multitool.log" 2>&1
  python3 - "$sarif.validation" "$@" <<'PY' && ok || { bad "$what validates"; sed 's/^/  | /' "$WORK/multitool.log" | head -20; }
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
bad = [(r["ruleId"], r["message"].get("text", r["message"].get("id"))) for r in results
       if r.get("level", "warning") in ("error", "warning") and r["ruleId"] not in sys.argv[2:]]
assert not bad, bad
PY
}
