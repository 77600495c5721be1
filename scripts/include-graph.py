#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The folder-level include graph of checker/.

    scripts/include-graph.py [--check] [--files] [CHECKER_DIR]

Prints one line per edge FROM -> TO (the folders of an including file and
of the header it includes, with the number of such includes), then the
edges that go up the pipeline (a folder including a later stage's header)
and the folders that include each other through a cycle. Only `#include
"..."` lines that name a file of checker/ count: relative to the including
file's folder, or to checker/ itself.

--files also lists, under each offending edge, the includes behind it.
--check exits 1 when an edge goes up the pipeline or closes a cycle (CTest
`include-graph`), so the graph cannot regress.

The pipeline, earliest first; folders of one stage may include each other
(without a cycle), a folder must not include a later stage's header.
"""

import argparse
import os
import re
import sys

# lsp/ comes before cli/: `retcheck lsp` is a subcommand of the command
# line, which lends the server its analysis (cli/AnalyzeDocument.h).
STAGES = [
    ["support"],
    ["contracts"],
    ["facts"],
    ["infer"],
    ["judge"],
    ["rank"],
    ["output", "report"],
    ["run"],
    ["pipeline"],
    ["lsp"],
    ["cli", "tidy"],
    ["fuzz", "test"],
]
STAGE = {folder: i for i, stage in enumerate(STAGES) for folder in stage}

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def folder_of(root, path):
    rel = os.path.relpath(path, root)
    return rel.split(os.sep)[0] if os.sep in rel else "."


def includes(root):
    """(including file, included file) for each project include."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for target in INCLUDE.findall(text):
                for base in (dirpath, root):
                    candidate = os.path.normpath(os.path.join(base, target))
                    if os.path.isfile(candidate):
                        yield path, candidate
                        break


def cycles(edges):
    """The strongly connected components of more than one folder."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checker", nargs="?", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "checker"))
    parser.add_argument("--check", action="store_true",
                        help="exit 1 on an upward include or a cycle")
    parser.add_argument("--files", action="store_true",
                        help="list the includes behind each offending edge")
    args = parser.parse_args()
    root = os.path.normpath(args.checker)

    edges = {}
    unknown = set()
    for src, dst in includes(root):
        a, b = folder_of(root, src), folder_of(root, dst)
        if a == b:
            continue
        for f in (a, b):
            if f not in STAGE:
                unknown.add(f)
        edges.setdefault((a, b), []).append(
            (os.path.relpath(src, root), os.path.relpath(dst, root)))

    def order(edge):
        a, b = edge
        return (STAGE.get(a, len(STAGES)), a, STAGE.get(b, len(STAGES)), b)

    up = [e for e in edges if e[0] in STAGE and e[1] in STAGE
          and STAGE[e[1]] > STAGE[e[0]]]
    components = cycles(edges)
    in_cycle = [e for e in edges
                if any(e[0] in c and e[1] in c for c in components)]

    print("folder include graph of checker/ (FROM -> TO: includes)")
    for e in sorted(edges, key=order):
        marks = []
        if e in up:
            marks.append("UP")
        if e in in_cycle:
            marks.append("CYCLE")
        print("  %-10s -> %-10s %3d%s" % (e[0], e[1], len(edges[e]),
                                          "  " + " ".join(marks) if marks
                                          else ""))

    def listing(title, chosen):
        print("%s: %d" % (title, len(chosen)))
        for e in sorted(chosen, key=order):
            print("  %s -> %s (%d)" % (e[0], e[1], len(edges[e])))
            if args.files:
                for src, dst in sorted(edges[e]):
                    print("      %s: %s" % (src, dst))

    listing("up the pipeline", up)
    print("cycles: %d" % len(components))
    for c in components:
        print("  " + " <-> ".join(sorted(c, key=lambda f: (STAGE.get(f, 99), f))))
    if args.files:
        for e in sorted(set(in_cycle) - set(up), key=order):
            print("  %s -> %s (%d)" % (e[0], e[1], len(edges[e])))
            for src, dst in sorted(edges[e]):
                print("      %s: %s" % (src, dst))
    if unknown:
        print("folders outside the pipeline: " + ", ".join(sorted(unknown)))

    if args.check and (up or components or unknown):
        print("include-graph: a folder includes a later stage's header, "
              "folders include each other, or a folder is not in the "
              "pipeline (scripts/include-graph.py STAGES)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
