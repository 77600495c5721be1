#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Inference on fixtures/infer, a small tree with no rules file: the rules
# `retcheck infer` writes (against fixtures/infer/expected-rules.json), the
# findings of `--infer` (against expected-findings.txt), the written file
# read back as rules, corrections by hand-written rules, --min-confidence,
# and the clang-tidy module reading the inferred file.
#   infer_test.sh RETCHECK SOURCE_DIR [CLANG_TIDY PLUGIN]
RETCHECK=$1 SRC=$2 TIDY=${3:-} PLUGIN=${4:-}
source "$(dirname "$0")/testlib.sh"
TREE=$SRC/fixtures/infer

python3 - "$TREE" "$WORK/compile_commands.json" <<'PY'
import json, sys
tree, out = sys.argv[1], sys.argv[2]
json.dump([{"directory": tree, "file": f,
            "arguments": ["clang", "-c", "-std=gnu11", f, "-o", f + ".o"]}
           for f in ("base.c", "callers.c", "statics_a.c", "statics_b.c", "stubs.c", "shapes.c",
                     "pointers.c", "pointers_impl.c", "bodies_a.c", "bodies_b.c", "reporters.c", "choices.c", "statuses.c", "translators.c")],
          open(out, "w"), indent=1)
PY

# Findings as "file:line check function contract", sorted.
findings() { # JSON
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(d["findings"], key=lambda f: (f["relative_file"], f["line"])):
    print(f'{f["relative_file"]}:{f["line"]} {f["check"]} {f["function"]} {f["contract"]}')
PY
}

# Paths in the rules and findings are relative to the tree (the default
# source root is the top of the git work tree, this repository).
# --- retcheck infer: the rules file
expect_exit 0 "retcheck infer" -- "$RETCHECK" infer -p "$WORK" --source-root "$TREE" -o "$WORK/rules.json" --debug-dump-functions "$WORK/functions.tsv"
expect_in "$WORK/err" "inferred 141 contract(s)" "summary counts the contracts"
expect_in "$WORK/err" "and 3 function(s) without one that dereference an argument" "summary counts the rules that only name dereferenced arguments"
# reporters.c: the project's reporter is learned (10 failure branches, no
# success), its debug logging is not (as often on both kinds).
expect_in "$WORK/err" "error reporter learned: proj_report_error: called on 10 branches where a call failed, 0 where one succeeded" "a project's reporter learned, with its counts"
grep -q "learned: proj_debug" "$WORK/err" && bad "debug logging is not a reporter" || ok
# The hidden dump of every function (docs/evaluation/inference-recall): statics per file, a name's bodies.
expect_in "$WORK/functions.tsv" $'get_file_size\tstatics_b.c\t4\tint\tint\tstatic\t-1\t1\tstatics_b.c' "a static function per file"
expect_in "$WORK/functions.tsv" $'clock_raw\tstubs.c\t8\tint\tint64_t\textern\t-1\t2\t' "an exported name's bodies"
expect_in "$WORK/functions.tsv" $'parse_thing\tbase.c\t64\tbool\t_Bool\textern\t1\t1\t' "the Error ** parameter"
python3 - "$WORK/rules.json" "$TREE/expected-rules.json" <<'PY' && ok || bad "inferred rules differ from expected-rules.json"
import json, sys
got, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got.pop("description"); want.pop("description")
if got != want:
    print(json.dumps(got, indent=1))
    sys.exit(1)
PY
# shapes.c: a macro named *_errno whose value is a printf-like reporter's
# (systemd's log_device_debug_errno) returns a failure; a reporter that
# returns -ERRNO_VALUE(error) never succeeds, nor does one passing its value
# on (log_oom_internal): `return log_oom();` fails, and calls that drop
# their value are no finding.
python3 - "$WORK/rules.json" <<'PY' && ok || bad "shapes.c: reporters' values are failures, reporters never succeed"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
assert rules["battery_percentage"]["convention"] == "negative", rules.get("battery_percentage")
for name in ("log_dispatch", "log_oom_internal"):
    r = rules[name]
    assert r["convention"] == "negative" and r["inferred"].get("never_succeeds"), r
    assert r["checks"] == {"ignored-result": "off", "unchecked-store": "off", "unchecked-use": "off"}, r
assert rules["label_set"]["convention"] == "negative" and rules["label_set"]["success"] == "0", rules["label_set"]
assert not rules["battery_percentage"]["inferred"].get("never_succeeds")
# A code handed in and passed back is a reporter's; an exec's own errno is not.
assert rules["report_parse_error"]["inferred"].get("never_succeeds"), rules["report_parse_error"]
assert not rules["exec_process"]["inferred"].get("never_succeeds"), rules["exec_process"]
# Codes only, none handed in: a use of the value is a use of the code.
for name in ("exec_process", "errno_or_else"):
    assert rules[name]["checks"] == {"unchecked-use": "off"}, rules[name]
# A stub's named code, a code-or-0 choice: checks stay on.
for name in ("bpf_setup", "format_number"):
    assert "checks" not in rules[name] and not rules[name]["inferred"].get("never_succeeds"), rules[name]
PY
# shapes.c: outputs a function sets before it can fail are named (a caller
# that drops the result reads a default there), past a NULL guard; those set
# only on success, under another test or through a reassigned parameter are
# not.
python3 - "$WORK/rules.json" <<'PY' && ok || bad "shapes.c: outputs set before a failure"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
assert rules["node_memory"].get("outputs_set_first") == [1, 2], rules["node_memory"]
assert "outputs_set_first" not in rules["node_cpus"], rules["node_cpus"]
assert "outputs_set_first" not in rules["scale_users"], rules["scale_users"]
assert rules["node_state"].get("outputs_set_first") == [1], rules["node_state"]
assert "outputs_set_first" not in rules["node_copy"], rules["node_copy"]
PY
# choices.c: a finder that passes on "not found" is a lookup, one that
# reports is a failure; a question's callers (strcmp-like) give no contract,
# a boolean whose "no" the callers handle gives "0 fails"; a choice of errno
# codes is negative; a bool method handed errp fails with false; a NULL of
# its own beside an allocator's NULL passed on is a failure.
python3 - "$WORK/rules.json" <<'PY' && ok || bad "choices.c: lookups, questions, booleans and errno choices"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
assert rules["item_find"]["convention"] == "nullable", rules["item_find"]
assert rules["item_get"]["convention"] == "null", rules["item_get"]
assert "name_cmp" not in rules, rules.get("name_cmp")
assert rules["lib_loaded"]["convention"] == "value" and rules["lib_loaded"]["error_value"] == 0, rules["lib_loaded"]
assert rules["drop_entry"]["convention"] == "negative", rules["drop_entry"]
assert rules["dev_realize"]["convention"] == "value" and rules["dev_realize"]["error_value"] == 0, rules["dev_realize"]
assert "dev_ready" not in rules, rules.get("dev_ready")
assert rules["buf_sized"]["convention"] == "null", rules.get("buf_sized")
# The allocator's NULL tested, an early NULL of its own: every call fails.
assert rules["buf_copy"]["convention"] == "null" and "fails_when" not in rules["buf_copy"], rules.get("buf_copy")
assert "item_checked" not in rules, rules.get("item_checked")
# A guard's NULL before the allocation does not make the work's NULL after
# it a failure.
assert "name_copy" not in rules, rules.get("name_copy")
# A return no call reaches says nothing; conditions past INT64_MAX are kept.
assert rules["buf_never"]["fails_when"] == [{"arg0": ">= 65"}], rules["buf_never"]
assert rules["count_check"]["fails_when"] == [{"arg0": ">= 11"}], rules["count_check"]
assert rules["size_check"]["fails_when"] == [{"arg0": "18446744073709551615"}], rules["size_check"]
# A test of a local that the parameters' arithmetic never lets hold.
for name in ("scale_to_permyriad", "scale_to_permille"):
    assert name not in rules, rules.get(name)
for name in ("scale_times_10000", "scale_assigned_twice"):
    assert rules[name]["convention"] == "negative", rules.get(name)
PY
# shapes.c: -1 after `errno = ERANGE` fails, as does one the comment calls an
# error; a parameter dereferenced
# before any test is a valid argument (a rule with no contract where the
# function has none), one tested first, dereferenced on some calls' path or
# only addressed is not; only arguments that some call hands a pointer count.
python3 - "$WORK/rules.json" <<'PY' && ok || bad "shapes.c: errno before -1, dereferenced arguments"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
assert rules["attr_copy"]["convention"] == "minus-one", rules["attr_copy"]
assert "after setting errno" in rules["attr_copy"]["inferred"]["evidence"][0], rules["attr_copy"]
assert "valid_args" not in rules["attr_copy"], rules["attr_copy"]
caps = rules["caps_path"]
assert caps["convention"] == "none" and caps["valid_args"] == [0], caps
assert "dereferences argument 0" in caps["inferred"]["evidence"][0], caps
for name in ("caps_flags", "caps_flags_when", "caps_flags_at"):
    assert name not in rules, rules.get(name)
# An assertion first (systemd's and glibc's shapes) is one too; a test that
# returns an error is not.
for name in ("label_len", "label_len_glibc"):
    assert rules[name]["valid_args"] == [0], rules[name]
    assert "asserts argument 0 is not NULL" in rules[name]["inferred"]["evidence"][0], rules[name]
assert "valid_args" not in rules["label_len_soft"], rules["label_len_soft"]
assert "label_len_cli" not in rules, rules.get("label_len_cli")
# A comment that calls -1 an error makes it one; one that calls it an answer does not.
assert rules["record_size"]["convention"] == "minus-one", rules["record_size"]
assert 'by its comment ("-1 if error")' in rules["record_size"]["inferred"]["evidence"][0], rules["record_size"]
assert "irq_complete" not in rules, rules.get("irq_complete")
# A 0 after a report beside negative codes is a success that warned; with no
# negative code beside it, the 0 is the failure.
assert rules["ring_init"]["convention"] == "negative" and rules["ring_init"]["success"] == "0..1", rules.get("ring_init")
assert not any("after error_report" in e for e in rules["ring_init"]["inferred"]["evidence"]), rules["ring_init"]
assert rules["ring_probe"]["convention"] == "value" and rules["ring_probe"]["error_value"] == 0, rules.get("ring_probe")
# Beside a positive code after a report, the 0 after one is no warned success.
assert "ring_shared" not in rules, rules.get("ring_shared")
# `return !*errp;` fails with false; `bool ok = f(errp); return ok;` passes it on.
assert rules["prop_set"]["convention"] == "value" and rules["prop_set"]["error_out_param"]["set_on_failure"], rules["prop_set"]
for name in ("prop_set_flag", "bus_realize"):
    assert rules[name]["convention"] == "value" and rules[name]["error_value"] == 0, rules[name]
# An int that returns 0 on every path, once after a report, does not fail.
assert "dev_remove" not in rules, rules.get("dev_remove")
# assert_return(client, -EINVAL): fails only for a NULL client.
running = rules["client_is_running"]
assert running["convention"] == "negative", running
assert running.get("fails_when") == [{"arg0": "0"}], running
# A failure tested, then passed on past the test, is passed on.
assert rules["port_init"]["convention"] == "negative", rules["port_init"]
assert "port_init_quiet" not in rules, rules.get("port_init_quiet")
PY
# statuses.c: a family of codes whose 0 is named OK fails with the others
# (an enum, a bit set in a typedef, NVMe's uint16_t); a type used for such a
# family is a status type; a mode with no OK name, and a function that only
# returns its OK, have no contract; NULL after a search is "not found".
python3 - "$WORK/rules.json" <<'PY' && ok || bad "statuses.c: status codes and searches"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
for f in ("access_check", "access_check_saved", "bus_write", "map_sgl"):
    assert rules[f]["convention"] == "nonzero" and rules[f]["errors"] == "> 0", rules[f]
assert "status whose success is NVME_SUCCESS" in rules["map_sgl"]["inferred"]["evidence"][0], rules["map_sgl"]
assert "pick_mode" not in rules and "bus_nop" not in rules
assert rules["backend_by_name"]["convention"] == "nullable", rules["backend_by_name"]
assert "cache_read" not in rules, rules.get("cache_read")  # recursion is no evidence
assert rules["cluster_offset"]["convention"] == "minus-one", rules["cluster_offset"]
PY
# translators.c: a table from one code to another, which its parameter
# chooses by a switch or a chain of tests, fails at nothing (QEMU's
# nbd_errno_to_system_errno); a validator that fails by its default, and a
# function whose failure the parameters do not choose, keep their contracts.
python3 - "$WORK/rules.json" <<'PY' && ok || bad "translators.c: translators and validators"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
for name in ("wire_to_errno", "errno_to_wire", "sense_to_errno"):
    assert name not in rules, rules.get(name)
for name in ("mode_check", "wire_command"):
    assert rules[name]["convention"] == "negative", rules.get(name)
PY
# Without -o the rules go to stdout, the messages to stderr.
expect_exit 0 "retcheck infer to stdout" -- "$RETCHECK" infer -p "$WORK" --source-root "$TREE"
python3 - "$WORK/out" "$WORK/rules.json" <<'PY' && ok || bad "retcheck infer writes the same rules to stdout"
import json, sys
got, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert got == want, "stdout differs from -o"
PY
expect_in "$WORK/err" "inferred 141 contract(s)" "the summary on stderr"
# No inferred success overlaps the convention's errors (set_mode returns
# -EINVAL and a bare -1: `negative`, whose successes are not -1..0).
python3 - "$WORK/rules.json" <<'PY' && ok || bad "an inferred success overlaps its errors"
import json, re, sys
def values(spec, lo=-2**31, hi=2**31 - 1):
    out = set()
    for item in spec.split(","):
        item = item.strip()
        m = re.fullmatch(r"(-?\d+)\.\.(-?\d+)", item)
        if m:
            out |= set(range(max(int(m[1]), -70000), min(int(m[2]), 70000) + 1)); continue
        m = re.fullmatch(r"(<=|>=|<|>|!=)?\s*(-?\d+)", item)
        n = int(m[2])
        test = {"<=": n.__ge__, ">=": n.__le__, "<": n.__gt__, ">": n.__lt__,
                "!=": n.__ne__, None: n.__eq__}[m[1]]
        out |= {v for v in range(-70000, 70001) if test(v)}
    return out
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
assert rules["set_mode"]["convention"] == "negative" and rules["set_mode"].get("success") == "0", rules["set_mode"]
errors = {"negative": "< 0", "minus-one": "-1", "nonzero": "!= 0"}
for name, r in rules.items():
    if "success" not in r or r["convention"] not in errors:
        continue
    bad = values(r["success"]) & values(r.get("errors", errors[r["convention"]]))
    assert not bad, (name, r, sorted(bad)[:5])
PY
expect_exit 0 "retcheck infer --help" -- "$RETCHECK" infer --help
for opt in -p --output --rules --infer-min-callers --infer-min-share --source-root --exclude -j; do
  grep -qE -- "^  $opt[ =]" "$WORK/out" && ok || bad "retcheck infer --help lists $opt"
done
for opt in --fix --format --checks --infer --min-confidence --baseline; do
  if grep -qE -- "^  $opt[ =]" "$WORK/out"; then bad "retcheck infer --help lists $opt, which does not apply"; else ok; fi
done
expect_exit 0 "retcheck --help" -- "$RETCHECK" --help
python3 - "$WORK/out" <<'PY' && ok || bad "retcheck --help lists infer and report under SUBCOMMANDS"
import sys
text = open(sys.argv[1]).read()
sub = text.split("SUBCOMMANDS:")[1].split("OPTIONS:")[0]
assert "  infer " in sub and "  report " in sub, sub
PY
expect_exit 2 "the dump needs inference" -- "$RETCHECK" -p "$WORK" --debug-dump-functions "$WORK/f2.tsv"
expect_error_line "needs --infer" "the dump without inference says so"
mkdir -p "$WORK/decl"; printf 'static int twice(int x);\n' > "$WORK/decl/decl.h"
printf '#include "decl.h"\nstatic int twice(int x) { return 2 * x; }\nint use(void) { return twice(1); }\n' > "$WORK/decl/a.c"
expect_exit 0 "dump, a static declared in a header" -- "$RETCHECK" infer --source-root "$WORK/decl" -o "$WORK/decl/rules.json" --debug-dump-functions "$WORK/decl/f.tsv" "$WORK/decl/a.c" -- -std=gnu11
expect_in "$WORK/decl/f.tsv" $'twice\ta.c\t2\tint\tint\tstatic\t-1\t1\tdecl.h' "a static is identified by its first declaration's file"

# --- --infer: the findings, with contract and evidence
expect_exit 1 "--infer" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --format json --output "$WORK/infer.json"
findings "$WORK/infer.json" > "$WORK/infer.txt"
if diff -u "$TREE/expected-findings.txt" "$WORK/infer.txt"; then ok; else bad "--infer findings differ from expected-findings.txt"; fi
# shapes.c's label_warn logs with reporters that never succeed and drops
# their values: no finding.
grep -Eq " (log_dispatch|log_oom_internal|report_parse_error|errno_or_else) " "$WORK/infer.txt" && bad "a call that logs with a reporter and drops its value, or uses a code-maker's code, is no finding" || ok
expect_in "$WORK/infer.txt" "retcheck-ignored-result exec_process" "an exec's ignored failure is a finding"
# shapes.c: a NULL only a comment calls a failure, passed on by a wrapper:
# both rules say so, and the finding ranks low for it.
python3 - "$WORK/rules.json" "$WORK/infer.json" <<'PY' && ok || bad "shapes.c: contracts from a comment alone"
import json, sys
rules = {r["function"]: r for r in json.load(open(sys.argv[1]))["rules"]}
for name in ("text_take", "text_take_path", "record_size", "arch_vcpu_name"):
    assert rules[name]["inferred"].get("from_comment") is True, rules[name]
assert "from_comment" not in rules["make_buf"]["inferred"], rules["make_buf"]
found = [f for f in json.load(open(sys.argv[2]))["findings"] if f["function"] == "text_take_path"]
assert len(found) == 1 and found[0]["severity"] == "note", found
why = [s["why"] for s in found[0]["rank_signals"] if s["weight"] < 0]
assert any(w.startswith("only a comment says 'text_take_path' fails") for w in why), found[0]["rank_signals"]
PY
# The facts wait in a temporary file until each TU is judged: nothing of it
# stays behind; a temporary directory that cannot be written keeps them in
# memory, says so, and finds the same.
mkdir -p "$WORK/tmp"
TMPDIR="$WORK/tmp" expect_exit 1 "--infer, facts spooled" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --format json --output "$WORK/spooled.json"
[ -z "$(ls -A "$WORK/tmp")" ] && ok || bad "the spool left files behind: $(ls -A "$WORK/tmp")"
findings "$WORK/spooled.json" | diff -u "$WORK/infer.txt" - && ok || bad "spooled facts judged differently"
TMPDIR="$WORK/no-such-dir" expect_exit 1 "--infer, no temporary directory" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --format json --output "$WORK/unspooled.json"
expect_in "$WORK/err" "warning: the facts stay in memory" "an unwritable temporary directory is named"
findings "$WORK/unspooled.json" | diff -u "$WORK/infer.txt" - && ok || bad "facts kept in memory judged differently"
python3 - "$WORK/infer.json" <<'PY' && ok || bad "findings carry their evidence and confidence"
import json, sys
d = json.load(open(sys.argv[1]))
f = next(f for f in d["findings"] if f["function"] == "get_file_size")
assert f["contract"] == "inferred" and 0 < f["confidence"] <= 1, f
assert any("returns -1 after error_report()" in e for e in f["evidence"]), f
PY
# A failure reported by a statement-expression macro, but one it names,
# then taken for "on" on purpose (systemd's getenv_bool idiom): the later
# test meets no failure the earlier one did not report or name, no finding.
python3 - "$WORK/infer.json" <<'PY' && ok || bad "a failure named earlier and carried on is no finding"
import json, sys
d = json.load(open(sys.argv[1]))
assert not [f for f in d["findings"] if f["function"] == "have_cap" and f["line"] == 684]
PY
# In text, an inferred finding is marked as clang-tidy marks a warning made
# an error ([check,-warnings-as-errors]), and its evidence follows as notes
# at the returns it names, as clang's "declared here".
expect_exit 1 "--infer as text" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --color never
python3 - "$WORK/out" "$WORK/infer.json" "$TREE" <<'PY' && ok || bad "text marks inferred findings and shows their evidence"
import json, re, sys
text, d, tree = open(sys.argv[1]).read().splitlines(), json.load(open(sys.argv[2])), sys.argv[3]
warnings = [l for l in text if ": warning: " in l]
assert warnings and all(l.endswith(",inferred]") for l in warnings), warnings
i = next(i for i, l in enumerate(text) if "callers.c:18:" in l and "parse_thing" in l)
notes = []
for l in text[i + 1:]:
    if re.search(r"\[retcheck-[a-z-]+(,[a-z-]+)*\]$", l):
        break  # the next finding, a warning or a note
    if "note: " in l:
        notes.append(l)
f = next(f for f in d["findings"] if f["line"] == 18 and f["function"] == "parse_thing")
# The rank explains the level first, then the evidence follows.
assert re.search(r": note: rank %d(: |$)" % f["rank"], notes[0]), notes[0]
notes = notes[1:]
assert len(notes) == len(f["evidence"]), (notes, f["evidence"])
first = re.match(r"(.*):(\d+):(\d+): note: inferred from 'parse_thing', which (.*)$", notes[0])
assert first, notes[0]
ev = re.match(r"(.*):(\d+): (.*)$", f["evidence"][0])
assert first[1] == tree + "/" + ev[1] and first[2] == ev[2] and first[4] == ev[3], (first.groups(), ev.groups())
assert "(confidence " in notes[-1] and notes[-1].startswith("note: "), notes[-1]
PY
# JSON and SARIF carry the same evidence.
expect_exit 1 "--infer as SARIF" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --min-confidence 0 --format sarif
python3 - "$WORK/out" "$WORK/infer.json" <<'PY' && ok || bad "SARIF carries the evidence JSON has"
import json, sys
sarif, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = {(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"]): r["properties"]["evidence"]
       for r in sarif["runs"][0]["results"]}
want = {(f["line"], f["check"]): f["evidence"] for f in d["findings"]}
assert got == want, (got, want)
PY

# --- --infer adds to the rules the run has without it: the bundled QEMU
# pack (examples/board's `size == -1` on get_image_size, QEMU #413) stays.
cp -r "$SRC/examples/board" "$WORK/board"
python3 "$SRC/scripts/example-database.py" "$WORK/board" "$WORK/board/compile_commands.json"
expect_exit 1 "examples/board without --infer" -- "$RETCHECK" -p "$WORK/board" --format json
findings "$WORK/out" | grep ' written$' >"$WORK/board-rules.txt"
expect_in "$WORK/board-rules.txt" "board.c:17 retcheck-minus-one-check get_image_size written" "the #413 minus-one check"
expect_exit 1 "examples/board with --infer" -- "$RETCHECK" -p "$WORK/board" --infer --format json
findings "$WORK/out" | grep ' written$' >"$WORK/board-infer.txt"
if diff -u "$WORK/board-rules.txt" "$WORK/board-infer.txt"; then ok; else bad "--infer lost findings of the bundled pack"; fi
expect_in "$WORK/err" "rules: " "the summary names the rules"
grep -qE "; rules: [^;]*qemu\.json \(4 functions\) \+ [0-9]+ inferred;" "$WORK/err" && ok || { bad "the summary names the pack and the inferred contracts"; cat "$WORK/err"; }

# The static namesake that cannot fail stays silent; the other is reported.
expect_in "$WORK/infer.txt" "statics_a.c:18 retcheck-ignored-result get_file_size" "static of statics_a.c"
if grep -q statics_b "$WORK/infer.txt"; then bad "statics_b.c's get_file_size has no contract"; else ok; fi

# --- the written file, read back as rules, gives the same findings
expect_exit 1 "--rules rules.json" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --rules "$WORK/rules.json" --min-confidence 0 --format json --output "$WORK/back.json"
findings "$WORK/back.json" > "$WORK/back.txt"
if diff -u "$WORK/infer.txt" "$WORK/back.txt"; then ok; else bad "the inferred rules file read back gives other findings"; fi

# --- corrections: a hand-written rule wins; "none" removes a contract
cat > "$WORK/fix.json" <<'JSON'
{"version": 1, "rules": [
  {"function": "wrap_thrice", "convention": "none"},
  {"function": "lib_connect", "convention": "minus-one"}]}
JSON
expect_exit 1 "--infer with corrections" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --rules "$WORK/fix.json" --min-confidence 0 --format json --output "$WORK/fixed.json"
findings "$WORK/fixed.json" > "$WORK/fixed.txt"
if grep -q wrap_thrice "$WORK/fixed.txt"; then bad "convention none removes wrap_thrice's contract"; else ok; fi
expect_in "$WORK/fixed.txt" "callers.c:37 retcheck-ignored-result lib_connect written" "the written rule wins"
# ... also when both are rules files, in either order.
expect_exit 1 "two files" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --rules "$WORK/rules.json" --rules "$WORK/fix.json" --min-confidence 0 --format json --output "$WORK/two.json"
findings "$WORK/two.json" > "$WORK/two.txt"
if diff -u "$WORK/fixed.txt" "$WORK/two.txt"; then ok; else bad "a written rule wins over an inferred file"; fi

# --- --min-confidence filters findings of inferred contracts only
expect_exit 1 "--min-confidence 0.99" -- "$RETCHECK" -p "$WORK" --source-root "$TREE" --infer --rules "$WORK/fix.json" --min-confidence 0.99 --format json --output "$WORK/sure.json"
findings "$WORK/sure.json" > "$WORK/sure.txt"
if [ "$(cat "$WORK/sure.txt")" = "callers.c:37 retcheck-ignored-result lib_connect written" ]; then ok; else
  bad "--min-confidence 0.99 keeps only the written contract's finding"; cat "$WORK/sure.txt"; fi

# --- the clang-tidy module reads the committed inferred file
if [ -n "$TIDY" ]; then
  "$TIDY" --load="$PLUGIN" --checks='-*,retcheck-*' --quiet \
    --config="{CheckOptions: {RulesFiles: '$WORK/rules.json'}}" \
    "$TREE/callers.c" -- -std=gnu11 > "$WORK/tidy.out" 2>/dev/null
  "$RETCHECK" --quiet --rules "$WORK/rules.json" --min-confidence 0 "$TREE/callers.c" -- -std=gnu11 > "$WORK/cli.out" 2>&1
  if diff <(grep -E 'warning:|remark:' "$WORK/tidy.out" | sort) <(grep -E 'warning:|remark:' "$WORK/cli.out" | sed 's/,inferred\]$/]/' | sort); then ok; else
    bad "clang-tidy with the inferred rules differs from the CLI"; fi
  expect_in "$WORK/tidy.out" "result of 'lib_connect' is ignored" "clang-tidy uses the inferred contract"
  # ... and a function pointer's (a field of a struct, a hook variable).
  "$TIDY" --load="$PLUGIN" --checks='-*,retcheck-*' --quiet \
    --config="{CheckOptions: {RulesFiles: '$WORK/rules.json'}}" \
    "$TREE/pointers.c" -- -std=gnu11 > "$WORK/tidy-pointers.out" 2>/dev/null
  expect_in "$WORK/tidy-pointers.out" "result of 'ChanClass::writev' is ignored" "clang-tidy judges calls through a field"
  expect_in "$WORK/tidy-pointers.out" "result of 'chan_notify_hook' is ignored" "clang-tidy judges calls through a hook variable"
  # clang-tidy writes the bracket itself; the evidence notes are the same.
  grep -E 'note: (inferred|.*: inferred)' "$WORK/tidy.out" | sed 's/^[^ ]*: note: //' | sort >"$WORK/tidy-notes.txt"
  grep -E 'note: (inferred|.*: inferred)' "$WORK/cli.out" | sed 's/^[^ ]*: note: //' | sort >"$WORK/cli-notes.txt"
  if [ -s "$WORK/cli-notes.txt" ] && diff "$WORK/cli-notes.txt" "$WORK/tidy-notes.txt"; then ok; else
    bad "clang-tidy shows other evidence notes than the CLI"; fi
fi

# --- scripts/score-inference.py against labels, on the rules written above
{
  printf 'id\tstratum\tname\tfile\tline\tkind\tresult_type\tlinkage\terror_param\tstatic_file\tmust_check\tlookup\tconvention\terrors\tsuccess\terrp\tcategory\treason\n'
  printf 'L1\tint/static\tget_file_size\tstatics_a.c\t5\tint\tint\tstatic\t-1\tstatics_a.c\tyes\tno\tminus-one\t-1\t>= 0\t-\treported\tr\n'
  printf 'L2\tint/static\tget_file_size\tstatics_b.c\t4\tint\tint\tstatic\t-1\tstatics_b.c\tno\tno\tnone\t\t\t-\t\tr\n'
  printf 'L3\tbool/extern\tparse_thing\tbase.c\t64\tbool\t_Bool\textern\t1\t\tyes\tno\tvalue\t0\t1\tall\terrp\tr\n'
  printf 'L4\tint/extern\tclock_raw\tshapes.c\t83\tint\tint64_t\textern\t-1\t\tyes\tno\tnegative\t< 0\t>= 0\t-\terrno\tr\n'
  printf 'L5\tpointer/extern\tmake_buf\tbase.c\t53\tpointer\tchar *\textern\t-1\t\tno\tyes\tnull\tnull\t\t-\tlookup\tr\n'
  printf 'L6\tint/extern\tuse_all\tcallers.c\t5\tint\tint\textern\t-1\t\tyes\tno\tnegative\t< 0\t0\t-\tplain\tr\n'
} > "$WORK/labels.tsv"
python3 "$SRC/scripts/score-inference.py" "$WORK/rules.json" --labels "$WORK/labels.tsv" > "$WORK/score.txt"
for want in $'L1\thit' $'L2\tok-none' $'L3\thit' $'L4\tmismatch' $'L5\tlookup-hit' $'L6\tmiss' \
    "recall (must-check): 2/4 = 0.50" "recall (lookups): 1/1" "precision: 3/4" "set_on_failure 1" "misses by shape (no contract or other errors): errno 1, plain 1"; do
  expect_in "$WORK/score.txt" "$want" "score-inference.py"
done

finish infer
