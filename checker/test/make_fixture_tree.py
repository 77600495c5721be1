#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Copies C fixtures into a tree with a compile_commands.json.

    make_fixture_tree.py DEST SRC [--dirs D1,D2,...] [FIXTURE.c ...]

Without fixture names, every fixtures/*.c but retcheck-args-define.c (it
needs its own -D). With --dirs, the files are dealt round-robin into those
subdirectories (hw/mips, hw/arm, ...), so that reports have directories.
"""
import argparse
import glob
import json
import os
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("dest")
parser.add_argument("src")
parser.add_argument("--dirs", default="")
parser.add_argument("fixtures", nargs="*")
args = parser.parse_intermixed_args()

names = args.fixtures or sorted(
    os.path.basename(f) for f in glob.glob(args.src + "/fixtures/*.c")
    if not f.endswith("/retcheck-args-define.c"))
dirs = [d for d in args.dirs.split(",") if d] or [""]
entries = []
for i, name in enumerate(names):
    rel = os.path.join(dirs[i % len(dirs)], name)
    os.makedirs(os.path.join(args.dest, os.path.dirname(rel)), exist_ok=True)
    shutil.copy(os.path.join(args.src, "fixtures", name),
                os.path.join(args.dest, rel))
    entries.append({"directory": args.dest, "file": rel,
                    "arguments": ["clang", "-std=gnu11",
                                  "-I" + args.src + "/fixtures/include",
                                  "-c", rel]})
with open(os.path.join(args.dest, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=1)
