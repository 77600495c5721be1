#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Run `clang -fsyntax-only` over every entry of a compile database, the
same translation units retcheck analyses, and print wall and CPU time.

    scripts/syntax-baseline.py BUILD_DIR [-j N] [--clang clang-19]

This is the yardstick retcheck's speed is compared against (README, issue
notes); it prints figures, it does not assert anything.
"""
import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from compile_args import parse_args  # noqa: E402


def syntax_only(entry, clang):
    out = [clang] + parse_args(entry) + ["-fsyntax-only", "-w"]
    return subprocess.run(out, cwd=entry["directory"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build_dir")
    p.add_argument("-j", type=int, default=os.cpu_count())
    p.add_argument("--clang", default="clang-19")
    a = p.parse_args()
    with open(os.path.join(a.build_dir, "compile_commands.json")) as f:
        db = json.load(f)
    start = time.monotonic()
    with ThreadPoolExecutor(a.j) as pool:
        codes = list(pool.map(lambda e: syntax_only(e, a.clang), db))
    wall = time.monotonic() - start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"clang -fsyntax-only: {len(db)} TUs, {sum(1 for c in codes if c)} "
          f"failed, wall {wall:.1f} s, cpu {ru.ru_utime + ru.ru_stime:.1f} s, "
          f"-j {a.j}, max child RSS {ru.ru_maxrss // 1024} MiB")


if __name__ == "__main__":
    sys.exit(main())
