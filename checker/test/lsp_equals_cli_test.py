#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The language server gives the command line's findings: for every
fixture, with its rules, flags and warning rank (as tidy_test.py reads
them), the diagnostics `retcheck lsp` publishes on didOpen equal the CLI's
JSON findings (line, column, check, level, message), and its quick fixes
carry the same edits (the fix-its and the verified repairs; NOLINT aside;
findings at one place, which share their quick fixes, compared as sets).
Fixtures that share rules and rank share one server and one CLI run.

    lsp_equals_cli_test.py RETCHECK SOURCE_DIR
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_config import fixture_config  # noqa: E402
from lsp_client import Client, uri, write_database  # noqa: E402

RETCHECK, SRC = sys.argv[1:3]
FIXTURES = os.path.join(SRC, "fixtures")
LEVEL = {2: "warning", 3: "note"}


def cli_findings(folder, rules, rank):
    cmd = [RETCHECK, "--quiet", "--format", "json", "--warning-rank=" + rank, "-p", folder]
    for r in rules:
        cmd += ["--rules", r]
    p = subprocess.run(cmd, capture_output=True, text=True)
    found = collections.defaultdict(set)
    for f in json.loads(p.stdout)["findings"]:
        edits = [e["replacement"] for e in f["fixes"]]
        edits += [e["replacement"] for n in f["notes"] for e in n.get("fixes", [])]
        found[f["file"]].add((f["line"], f["column"], f["check"], f["severity"], f["message"],
                              tuple(sorted(set(edits)))))
    return found


def server_findings(folder, files, rules, rank):
    client = Client([RETCHECK, "lsp", "--warning-rank=" + rank] +
                    [a for r in rules for a in ("--rules", r)],
                    env=dict(os.environ, RETCHECK_CACHE_DIR=""))
    client.initialize(folder)
    for f in files:
        client.open(os.path.join(folder, f), language="cpp" if f.endswith(".cpp") else "c")
    found = {}
    for f in files:
        path = os.path.join(folder, f)
        got = set()
        for d in client.diagnostics(path, 1)["diagnostics"]:
            if not d.get("code", "").startswith("retcheck-") or d["severity"] not in LEVEL:
                got.add(("problem", d["message"]))
                continue
            actions = client.call("textDocument/codeAction", {
                "textDocument": {"uri": uri(path)}, "range": d["range"],
                "context": {"diagnostics": [d]}})["result"]
            edits = [e["newText"] for a in actions if "NOLINT" not in a["title"]
                     and a["diagnostics"][0] == d
                     for es in a["edit"]["changes"].values() for e in es]
            start = d["range"]["start"]
            got.add((start["line"] + 1, start["character"] + 1, d["code"], LEVEL[d["severity"]],
                     d["message"], tuple(sorted(set(edits)))))
        found[path] = got
    client.close()
    return found


work = tempfile.mkdtemp(prefix="retcheck-lsp-cli.")
failed = 0
compared = 0
try:
    groups = collections.defaultdict(list)
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith((".c", ".cpp")):
            rules, args, rank = fixture_config(os.path.join(FIXTURES, name), SRC)
            groups[(tuple(rules), rank)].append((name, args))
    for n, ((rules, rank), members) in enumerate(sorted(groups.items())):
        folder = os.path.join(work, "group%d" % n)
        os.mkdir(folder)
        for name, args in members:
            shutil.copy(os.path.join(FIXTURES, name), folder)
        # One database, each file with its own flags.
        entries = []
        for name, args in members:
            write_database(folder, [name], args)
            entries += json.load(open(os.path.join(folder, "compile_commands.json")))
        with open(os.path.join(folder, "compile_commands.json"), "w") as out:
            json.dump(entries, out)
        files = [name for name, _ in members]
        cli = cli_findings(folder, rules, rank)
        lsp = server_findings(folder, files, rules, rank)
        for name in files:
            path = os.path.join(folder, name)
            compared += 1
            if cli.get(path, set()) != lsp[path]:
                failed += 1
                print("FAIL: %s: the CLI and the language server differ" % name)
                for x in sorted(cli.get(path, set()) - lsp[path], key=str):
                    print("  CLI only:", x)
                for x in sorted(lsp[path] - cli.get(path, set()), key=str):
                    print("  server only:", x)
            else:
                print("ok: %s (%d findings)" % (name, len(lsp[path])))
finally:
    shutil.rmtree(work, ignore_errors=True)
print("%d of %d fixtures differ" % (failed, compared))
sys.exit(1 if failed or compared < 100 else 0)
