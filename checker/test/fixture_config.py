# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""How a fixture is run, from its comments: the tests that run fixtures
outside FixtureTest.cpp (the clang-tidy module, the language server) read
it here."""
import os


def fixture_config(path, src):
    """Rules, compiler arguments, and the rank options: fixtures without
    RETCHECK-RANKED leave the level to the rules (warning rank 0), as the
    fixture test does."""
    text = open(path).read()
    rules, args = [], []
    for line in text.splitlines():
        if "RETCHECK-RULES:" in line:
            rules += [os.path.join(src, r) for r in line.split("RETCHECK-RULES:")[1].split()]
        if "RETCHECK-ARGS:" in line:
            args += line.split("RETCHECK-ARGS:")[1].split()
    if not rules:
        rules = [os.path.join(src, "rules/qemu.json")]
    std = "-std=gnu++17" if path.endswith(".cpp") else "-std=gnu11"
    rank = "50" if "RETCHECK-RANKED" in text else "0"
    return rules, [std, "-I" + os.path.join(src, "fixtures/include")] + args, rank
