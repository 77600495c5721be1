#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Time from didOpen to diagnostics in `retcheck lsp`, cold (a new server,
an empty result cache) and warm (the file closed and opened again in the
same server, no edit: a cache hit), next to `clang -fsyntax-only` of the
same TU with its own flags.

    scripts/bench-lsp.py [--retcheck BIN] [--clang clang-19] BUILD_DIR [FILE...]

FILEs are relative to the source tree the database names (default: three
QEMU 10.0 files). Not a test: it prints figures and the load.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "checker", "test"))
from lsp_client import Client, uri  # noqa: E402

DEFAULT_FILES = ["hw/mips/boston.c", "hw/core/loader.c", "block/qcow2.c"]


def entry_for(db, name):
    for e in db:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if path.endswith("/" + name):
            return e, path
    sys.exit("bench-lsp: %s is not in the database" % name)


def syntax_only(clang, entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    keep, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-c",):
            continue
        if a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
            continue
        if a in ("-MD", "-MMD"):
            continue
        keep.append(a)
    start = time.monotonic()
    subprocess.run([clang, "-fsyntax-only", "-w"] + keep, cwd=entry["directory"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def open_to_diagnostics(retcheck, build, cache, path):
    """Seconds from didOpen to diagnostics: cold, then warm; and how many."""
    client = Client([retcheck, "lsp", "--compile-commands-dir", build, "--cache-dir", cache],
                    env=dict(os.environ), stderr=subprocess.DEVNULL)
    client.initialize(os.path.dirname(path))
    times, counts = [], []
    for _ in ("cold", "warm"):
        start = time.monotonic()
        client.open(path)
        p = client.diagnostics(path, 1)
        times.append(time.monotonic() - start)
        counts.append(len(p["diagnostics"]))
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri(path)}})
        client.diagnostics(path)  # the close clears them
    client.close()
    return times, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--retcheck", default=os.path.join(HERE, "..", "build", "checker", "retcheck"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("build")
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    o = ap.parse_args()
    build = os.path.abspath(o.build)
    db = json.load(open(os.path.join(build, "compile_commands.json")))
    print("load before: " + subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print("%-22s %10s %10s %10s %6s" % ("file", "syntax s", "cold s", "warm s", "diags"))
    with tempfile.TemporaryDirectory(prefix="retcheck-bench-lsp.") as cache:
        for name in o.files:
            entry, path = entry_for(db, name)
            clang = syntax_only(o.clang, entry)
            (cold, warm), (n, m) = open_to_diagnostics(o.retcheck, build, cache, path)
            print("%-22s %10.2f %10.2f %10.2f %6s" % (name, clang, cold, warm,
                                                       n if n == m else "%d/%d" % (n, m)))
    print("load after: " + subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
