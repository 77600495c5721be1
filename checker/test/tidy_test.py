#!/usr/bin/env python3
"""The clang-tidy module and the CLI must agree: for every fixture, run
clang-tidy-19 with the plugin and retcheck on the same file, with the same
rules and flags, and compare the findings (position, check, message) and
the text that -fix / --fix produce (which must equal <fixture>.fixed).

    tidy_test.py CLANG_TIDY PLUGIN RETCHECK SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIDY, PLUGIN, RETCHECK, SRC = sys.argv[1:5]
WARNING = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[(retcheck-[a-z-]+)\]$")


def fixture_config(path):
    text = open(path).read()
    rules, args = [], []
    for line in text.splitlines():
        if "RETCHECK-RULES:" in line:
            rules += [os.path.join(SRC, r) for r in line.split("RETCHECK-RULES:")[1].split()]
        if "RETCHECK-ARGS:" in line:
            args += line.split("RETCHECK-ARGS:")[1].split()
    if not rules:
        rules = [os.path.join(SRC, "rules/qemu.json")]
    std = "-std=gnu++17" if path.endswith(".cpp") else "-std=gnu11"
    return rules, [std, "-I" + os.path.join(SRC, "fixtures/include")] + args


def run_tidy(path, rules, args, fix):
    # RulesFiles is read with getLocalOrGlobal: a global key serves all four.
    config = json.dumps({
        "Checks": "-*,retcheck-*",
        "CheckOptions": [{"key": "RulesFiles", "value": ";".join(rules)}]})
    cmd = [TIDY, "--load=" + PLUGIN, "--config=" + config, "--quiet"]
    if fix:
        cmd.append("--fix")
    cmd += [path, "--"] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    found = set()
    for line in p.stdout.splitlines():
        m = WARNING.match(line)
        if m:
            found.add((int(m[2]), int(m[3]), m[5], m[4]))
    return p, found


def run_cli(path, rules, args, fix):
    cmd = [RETCHECK, "--quiet", "--format", "json"]
    for r in rules:
        cmd += ["--rules", r]
    if fix:
        cmd.append("--fix")
    cmd += [path, "--"] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    d = json.loads(p.stdout)
    return p, {(f["line"], f["column"], f["check"], f["message"]) for f in d["findings"]}


def main():
    fixtures = sorted(f for f in os.listdir(os.path.join(SRC, "fixtures"))
                      if f.endswith((".c", ".cpp")))
    failures = 0
    compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in fixtures:
            path = os.path.join(SRC, "fixtures", name)
            rules, args = fixture_config(path)
            tidy_proc, tidy = run_tidy(path, rules, args, False)
            cli_proc, cli = run_cli(path, rules, args, False)
            if tidy != cli:
                failures += 1
                print(f"FAIL {name}: clang-tidy and retcheck differ")
                print("  only clang-tidy:", sorted(tidy - cli))
                print("  only retcheck:  ", sorted(cli - tidy))
                print("  clang-tidy stderr:", tidy_proc.stderr[-500:])
                continue
            # -fix gives the .fixed text (or leaves the file alone).
            copy = os.path.join(tmp, name)
            shutil.copy(path, copy)
            run_tidy(copy, rules, args, True)
            want_path = path + ".fixed"
            want = open(want_path).read() if os.path.exists(want_path) else open(path).read()
            if open(copy).read() != want:
                failures += 1
                print(f"FAIL {name}: clang-tidy -fix output differs from {os.path.basename(want_path)}")
                continue
            compared += 1
    print(f"tidy: {compared} passed, {failures} failed")
    return 1 if failures or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
