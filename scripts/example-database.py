#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a compile database for examples/board, as a build system would.

    example-database.py EXAMPLE_DIR OUT/compile_commands.json
"""
import json
import sys

ex, out = sys.argv[1], sys.argv[2]
json.dump([{"directory": ex, "file": f"hw/{f}",
            "arguments": ["clang", "-c", "-Iinclude", f"hw/{f}", "-o", f"{f}.o"]}
           for f in ("board.c", "device.c")], open(out, "w"), indent=1)
