#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The clang-tidy module and the CLI must agree: for every fixture, run
clang-tidy-19 with the plugin and retcheck on the same file, with the same
rules and flags, and compare the findings (position, check, message), their
repair notes (position, message), and the text that -fix / --fix produce
(which must equal <fixture>.fixed) and that --fix-notes produces (which must
equal <fixture>.fixed-notes).

    tidy_test.py CLANG_TIDY PLUGIN RETCHECK SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_config import fixture_config as shared_fixture_config  # noqa: E402

TIDY, PLUGIN, RETCHECK, SRC = sys.argv[1:5]
# Findings of severity note are clang remarks in clang-tidy's text.
WARNING = re.compile(r"^(.*?):(\d+):(\d+): (warning|remark): (.*) \[(retcheck-[a-z-]+)\]$")
NOTE = re.compile(r"^(.*?):(\d+):(\d+): note: (.*)$")
LEVEL = {"warning": "warning", "remark": "note"}


def fixture_config(path):
    return shared_fixture_config(path, SRC)


def run_tidy(path, rules, args, rank, fix):
    """fix: None, "--fix" or "--fix-notes". Findings, and the notes that
    follow each (as the finding's position and the note's); a rank note is
    kept as the finding's rank."""
    # RulesFiles is read with getLocalOrGlobal: a global key serves all four.
    config = json.dumps({
        "Checks": "-*,retcheck-*",
        "CheckOptions": [{"key": "RulesFiles", "value": ";".join(rules)},
                         {"key": "WarningRank", "value": rank}]})
    cmd = [TIDY, "--load=" + PLUGIN, "--config=" + config, "--quiet"]
    if fix:
        cmd.append(fix)
    cmd += [path, "--"] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    found, notes = set(), set()
    last = None
    for line in p.stdout.splitlines():
        m = WARNING.match(line)
        if m:
            found.add((int(m[2]), int(m[3]), m[6], LEVEL[m[4]], m[5]))
            last = (int(m[2]), int(m[3]), m[6])
            continue
        m = NOTE.match(line)
        if m and last:
            r = re.match(r"rank (\d+)", m[4])
            notes.add(last + (("rank", int(r[1])) if r else (int(m[2]), int(m[3]), m[4])))
    return p, found, notes


def run_cli(path, rules, args, rank, fix):
    cmd = [RETCHECK, "--quiet", "--format", "json", "--warning-rank=" + rank]
    for r in rules:
        cmd += ["--rules", r]
    if fix:
        cmd.append("--fix")
    cmd += [path, "--"] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    d = json.loads(p.stdout)
    notes = {(f["line"], f["column"], f["check"], n["line"], n["column"], n["message"])
             for f in d["findings"] for n in f["notes"]}
    notes |= {(f["line"], f["column"], f["check"], "rank", f["rank"])
              for f in d["findings"] if f["rank_decides"]}
    return p, {(f["line"], f["column"], f["check"], f["severity"], f["message"])
               for f in d["findings"]}, notes


def check_options():
    """--list-checks, one check at a time, AllowCastToVoid, bad rules."""
    failures = 0

    def expect(cond, what):
        nonlocal failures
        if not cond:
            failures += 1
            print("FAIL", what)

    p = subprocess.run([TIDY, "--load=" + PLUGIN, "-checks=-*,retcheck-*",
                        "--list-checks"], capture_output=True, text=True)
    for name in ("ignored-result", "minus-one-check", "unchecked-store", "lossy-store"):
        expect("retcheck-" + name in p.stdout, "--list-checks shows retcheck-" + name)

    example = os.path.join(SRC, "examples/board/hw/board.c")
    args = ["--", "-I" + os.path.join(SRC, "examples/board/include")]
    qemu = os.path.join(SRC, "rules/qemu.json")
    for check in ("retcheck-ignored-result", "retcheck-minus-one-check",
                  "retcheck-lossy-store"):
        p = subprocess.run([TIDY, "--load=" + PLUGIN, "-checks=-*," + check,
                            "--config={CheckOptions: {RulesFiles: '%s'}}" % qemu,
                            example] + args, capture_output=True, text=True)
        kinds = {m[6] for m in map(WARNING.match, p.stdout.splitlines()) if m}
        expect(kinds == {check}, f"only {check} when only it is enabled: {kinds}")

    void = os.path.join(SRC, "fixtures/ignored-result-void-cast.c")
    rules, fargs, _ = fixture_config(void)
    for allow, want in (("true", False), ("false", True)):
        p = subprocess.run([TIDY, "--load=" + PLUGIN, "-checks=-*,retcheck-*",
                            "--config={CheckOptions: {RulesFiles: '%s', AllowCastToVoid: %s}}"
                            % (";".join(rules), allow), void, "--"] + fargs,
                           capture_output=True, text=True)
        expect(("retcheck-ignored-result" in p.stdout) == want,
               f"AllowCastToVoid={allow}")

    bad = os.path.join(tempfile.mkdtemp(), "bad.json")
    with open(bad, "w") as f:
        f.write('{"version": 1,\n "rules": [{"function": "f", "convention": "x"}]}')
    p = subprocess.run([TIDY, "--load=" + PLUGIN, "-checks=-*,retcheck-*",
                        "--config={CheckOptions: {RulesFiles: '%s'}}" % bad,
                        example] + args, capture_output=True, text=True)
    out = p.stdout + p.stderr
    expect(p.returncode != 0 and out.count("retcheck rules: " + bad + ":2:") == 1
           and "unknown convention 'x'" in out and "Stack dump" not in out,
           "a malformed rules file is one clear error: " + out[-300:])
    return failures


def main():
    fixtures = sorted(f for f in os.listdir(os.path.join(SRC, "fixtures"))
                      if f.endswith((".c", ".cpp")))
    failures = 0
    compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in fixtures:
            path = os.path.join(SRC, "fixtures", name)
            rules, args, rank = fixture_config(path)
            tidy_proc, tidy, tidy_notes = run_tidy(path, rules, args, rank, None)
            cli_proc, cli, cli_notes = run_cli(path, rules, args, rank, False)
            if tidy != cli or tidy_notes != cli_notes:
                failures += 1
                print(f"FAIL {name}: clang-tidy and retcheck differ")
                print("  only clang-tidy:", sorted(tidy - cli), sorted(tidy_notes - cli_notes))
                print("  only retcheck:  ", sorted(cli - tidy), sorted(cli_notes - tidy_notes))
                print("  clang-tidy stderr:", tidy_proc.stderr[-500:])
                continue
            # -fix gives the .fixed text (or leaves the file alone), and
            # --fix-notes the .fixed-notes text (or the .fixed one).
            original = open(path).read()
            fixed = open(path + ".fixed").read() if os.path.exists(path + ".fixed") else original
            with_notes = (open(path + ".fixed-notes").read()
                          if os.path.exists(path + ".fixed-notes") else fixed)
            differs = False
            for flag, want, suffix in (("--fix", fixed, ".fixed"),
                                       ("--fix-notes", with_notes, ".fixed-notes")):
                copy = os.path.join(tmp, name)
                shutil.copy(path, copy)
                run_tidy(copy, rules, args, rank, flag)
                if open(copy).read() != want:
                    failures += 1
                    differs = True
                    print(f"FAIL {name}: clang-tidy {flag} output differs from {name}{suffix}")
                    break
            if not differs:
                compared += 1
    failures += check_options()
    print(f"tidy: {compared} passed, {failures} failed")
    return 1 if failures or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
