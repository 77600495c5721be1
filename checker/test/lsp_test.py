#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""`retcheck lsp` spoken to directly: initialize, diagnostics of a fixture
on open with .clang-tidy's rules, hover, quick fixes (the fix-it and
NOLINT, applied and analysed again), staleness (two quick edits: only the
newest version is ever published), malformed messages (each answered with
an error, the server answers on), unknown methods, a TU that crashes its
worker (reported, the server lives on), a rules change seen through
workspace/didChangeWatchedFiles, save, shutdown and exit.

    lsp_test.py RETCHECK SOURCE_DIR
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, apply_edits, uri, write_database  # noqa: E402

RETCHECK, SRC = sys.argv[1:3]
FAILED = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        FAILED.append(what)


work = tempfile.mkdtemp(prefix="retcheck-lsp-test.")
try:
    # A project: two sources, their database, and a .clang-tidy naming the
    # rules (as the CLI and the clang-tidy module read it).
    shutil.copy(os.path.join(SRC, "fixtures/compound-and-or.c"), os.path.join(work, "x.c"))
    with open(os.path.join(work, "crash.c"), "w") as f:
        f.write('#include "qemu-stubs.h"\nvoid f(const char *p) { get_image_size(p); }\n')
    write_database(work, ["x.c", "crash.c"], ["-std=gnu11", "-I" + os.path.join(SRC, "fixtures/include")])
    rules = os.path.join(work, "rules.json")
    shutil.copy(os.path.join(SRC, "rules/qemu.json"), rules)

    def write_config(checks):
        with open(os.path.join(work, ".clang-tidy"), "w") as f:
            f.write("Checks: '%s'\nCheckOptions:\n  RulesFiles: '%s'\n" % (checks, rules))
    write_config("-*,retcheck-*")

    x = os.path.join(work, "x.c")
    text = open(x).read()
    # --debounce=0: the first edit's job starts at once, so that the second
    # edit has a running job to make stale.
    client = Client([RETCHECK, "lsp", "--debounce=0"], cwd=work,
                    env=dict(os.environ, RETCHECK_CACHE_DIR=""))

    # Requests before initialize are refused, and the server goes on.
    early = client.call("textDocument/hover", {"textDocument": {"uri": uri(x)},
                                               "position": {"line": 0, "character": 0}})
    check(early.get("error", {}).get("code") == -32002, "a request before initialize: ServerNotInitialized")

    caps = client.initialize(work, {"window": {"workDoneProgress": True},
                                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
    c = caps["capabilities"]
    check(c.get("hoverProvider") and "codeActionProvider" in c and c["textDocumentSync"]["change"] == 1,
          "initialize: hover, code actions, full text sync")

    # --- diagnostics on open
    client.open(x, text)
    d = client.diagnostics(x, 1)["diagnostics"]
    got = sorted((g["range"]["start"]["line"], g["range"]["start"]["character"], g["code"]) for g in d)
    check(got == [(6, 28, "retcheck-minus-one-check"), (15, 13, "retcheck-minus-one-check")],
          "didOpen: the fixture's two minus-one checks (%s)" % got)
    check(all(g["source"] == "retcheck" and g["severity"] == 2 and "only catches -1" in g["message"] for g in d),
          "diagnostics: source, severity, message")
    methods = [m.get("method") for m in client.seen]
    check("window/workDoneProgress/create" in methods, "the first parse asks for a progress token")
    progress = [m["params"]["value"]["kind"] for m in client.seen if m.get("method") == "$/progress"]
    check(progress in ([], ["begin", "end"]), "progress: begin before end (%s)" % progress)
    registered = [m for m in client.seen if m.get("method") == "client/registerCapability"]
    watched = [w["globPattern"] for m in registered for r in m["params"]["registrations"]
               for w in r["registerOptions"]["watchers"]]
    check(rules in watched and "**/.clang-tidy" in watched, "the rules file and .clang-tidy are watched")

    # --- hover: the contract, where it came from, the rank and why
    first = min(d, key=lambda g: g["range"]["start"]["line"])
    h = client.call("textDocument/hover", {"textDocument": {"uri": uri(x)}, "position": first["range"]["start"]})
    value = (h.get("result") or {}).get("contents", {}).get("value", "")
    for part in ("retcheck-minus-one-check", "**Contract** of `load_image_targphys`", rules + ":",
                 '"convention":"negative"', "rank 82", "the test catches -1 only"):
        check(part in value, "hover says %r" % part)
    nothing = client.call("textDocument/hover", {"textDocument": {"uri": uri(x)},
                                                 "position": {"line": 0, "character": 0}})
    check(nothing.get("result") is None, "hover elsewhere: null")

    # --- quick fixes
    a = client.call("textDocument/codeAction", {"textDocument": {"uri": uri(x)}, "range": first["range"],
                                                "context": {"diagnostics": [first]}})["result"]
    titles = [x_["title"] for x_ in a]
    check(titles == ["Replace '== -1' with '< 0'", "Silence retcheck-minus-one-check on this line (NOLINT)"],
          "code actions: the fix-it and NOLINT (%s)" % titles)
    fixed = apply_edits(text, a[0]["edit"]["changes"][uri(x)])
    check("if (have_kernel && size < 0)" in fixed, "the fix-it rewrites the test")
    silenced = apply_edits(text, a[1]["edit"]["changes"][uri(x)])
    check("size == -1) // NOLINT(retcheck-minus-one-check)\n" in silenced, "NOLINT at the end of the line")

    # --- staleness: two quick edits; only the newest version is published
    client.change(x, fixed, 2)
    client.change(x, silenced, 3)
    p = client.diagnostics(x)
    check(p["version"] == 3, "after two edits the first publication is of version 3 (got %s)" % p["version"])
    check([g["range"]["start"]["line"] for g in p["diagnostics"]] == [15],
          "version 3: the NOLINT silences line 7, line 16 stays")
    # The version-2 job was killed: nothing of it arrives, before or after.
    client.call("textDocument/hover", {"textDocument": {"uri": uri(x)}, "position": {"line": 0, "character": 0}})
    stale = [m for m in client.seen if m.get("method") == "textDocument/publishDiagnostics"
             and m["params"].get("version") == 2]
    check(not stale, "nothing is published for the stale version 2")

    # --- malformed messages: an error each, and the server answers on
    def answers_on(what):
        r = client.call("textDocument/hover", {"textDocument": {"uri": uri(x)},
                                               "position": {"line": 0, "character": 0}})
        check("result" in r, "the server answers after " + what)

    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    e = client.wait_for(lambda m: "error" in m and m.get("id") is None, "an error for bad JSON")
    check(e["error"]["code"] == -32700, "bad JSON: ParseError")
    answers_on("bad JSON")
    client.send_raw(b"Content-Type: text/plain\r\n\r\n")
    e = client.wait_for(lambda m: "error" in m and m.get("id") is None, "an error for a header without length")
    check(e["error"]["code"] == -32700 and "Content-Length" in e["error"]["message"],
          "a header without Content-Length: ParseError naming it")
    answers_on("a header without Content-Length")
    client.send_raw(b"Content-Length: 5\r\n\r\n[1,2]")
    e = client.wait_for(lambda m: "error" in m and m.get("id") is None, "an error for a non-object")
    check(e["error"]["code"] == -32600, "a message that is not an object: InvalidRequest")
    bad = client.call("textDocument/hover", {"textDocument": {"uri": uri(x)}})
    check(bad.get("error", {}).get("code") == -32602, "hover without a position: InvalidParams")
    unknown = client.call("retcheck/noSuchMethod", {})
    check(unknown.get("error", {}).get("code") == -32601, "an unknown method: MethodNotFound")
    answers_on("an unknown method")

    # --- a TU that crashes its worker: reported, and the server lives on
    crash = os.path.join(work, "crash.c")
    client.open(crash, open(crash).read() + "#pragma clang __debug crash\n")
    p = client.diagnostics(crash, 1)
    messages = [g["message"] for g in p["diagnostics"]]
    check(any("crashed on this translation unit" in m for m in messages),
          "the crash is a diagnostic (%s)" % messages)
    shown = [m for m in client.seen if m.get("method") == "window/showMessage"]
    check(any("crashed" in m["params"]["message"] for m in shown), "and a message to the user")
    answers_on("a crashed TU")

    # --- save: analysed again from the file on disk
    with open(x, "w") as f:
        f.write(silenced)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(x)}})
    p = client.diagnostics(x, 3)
    check([g["range"]["start"]["line"] for g in p["diagnostics"]] == [15], "didSave: published again")

    # --- the configuration changes: every open document is analysed again
    write_config("-*,retcheck-ignored-result")
    client.notify("workspace/didChangeWatchedFiles",
                  {"changes": [{"uri": uri(os.path.join(work, ".clang-tidy")), "type": 2}]})
    p = client.diagnostics(x, 3)
    check(p["diagnostics"] == [], "a .clang-tidy change is seen: the minus-one check is off")

    # --- close, shutdown, exit
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(x)}})
    p = client.diagnostics(x)
    check(p["diagnostics"] == [], "didClose clears the diagnostics")
    code = client.close()
    check(code == 0, "shutdown then exit: exit code 0 (got %s)" % code)
finally:
    shutil.rmtree(work, ignore_errors=True)

print("%d failed" % len(FAILED) if FAILED else "all passed")
sys.exit(1 if FAILED else 0)
