#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Speed and memory of retcheck against clang on the same translation units.

    scripts/bench.sh BUILD_DIR [-j N] [--infer | --infer-only]
    scripts/bench.sh BUILD_DIR --cache [-j N] [--infer] [--source F] [--header H]

Runs, one after the other, on every entry of BUILD_DIR/compile_commands.json:
  1. retcheck (default: with the prefilter),
  2. retcheck --prefilter=false (every TU parsed) -- and checks that both
     report the same findings,
  3. clang -fsyntax-only on each entry,
  4. clang-tidy-19 with only bugprone-unused-return-value, configured for the
     four QEMU functions, on each file (all its entries, as -p does),
  5. with --infer: retcheck --infer (the bundled pack as its seeds: every TU
     parsed, the contracts inferred, every call judged; repairs not
     verified).
With --infer-only, only 5 and 3: the pair whose CPU ratio the all-function
mode is held to, without the hour the other tools take on a tree of
QEMU's size. Prints wall time, CPU time and peak memory of each, and the
ratios. Figures only: nothing here asserts a speed.

With --cache, the result cache instead, on a copy of the tree (the sources
are never touched): with the prefilter and with --prefilter=false, a run
without the cache, a cold run that fills a new cache, then warm runs with
nothing changed, with one .c file changed (F, default: the first file with
a finding) and with one header changed (H, default: include/hw/loader.h);
a change appends a comment. Then clang -fsyntax-only on the same TUs. Each
run's findings are compared with the run without the cache. With --infer,
the one mode is `--infer` (the bundled pack as seeds, repairs not verified, a 4 GiB
cache bound: QEMU 10.0's facts of every call take about 1.3 GiB).
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from compile_args import parse_args  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTIONS = "load_image_targphys;get_image_size;event_notifier_init;msix_init"


def timed(cmd):
    """Runs cmd under /usr/bin/time; returns (wall, cpu, peak MiB, rc)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.monotonic()
        rc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", t.name] + cmd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        wall = time.monotonic() - start
        user, sys_, rss = t.read().split()[-3:]
    return wall, float(user) + float(sys_), int(rss) / 1024, rc


def per_tu(commands, jobs):
    """Runs each command (cwd, argv) on a pool; wall, CPU, the largest peak
    memory of one command (each is measured by /usr/bin/time: the process
    total of RUSAGE_CHILDREN would include earlier phases)."""
    def one(c):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
            rc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", t.name] + c[1],
                                cwd=c[0], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            user, sys_, rss = t.read().split()[-3:]
        return rc, float(user) + float(sys_), int(rss)
    start = time.monotonic()
    with ThreadPoolExecutor(jobs) as pool:
        runs = list(pool.map(one, commands))
    wall = time.monotonic() - start
    return (wall, sum(r[1] for r in runs), max(r[2] for r in runs) / 1024,
            sum(1 for r in runs if r[0]))


def syntax_only_argv(entry):
    return ["clang-19"] + parse_args(entry) + ["-fsyntax-only", "-w"]


def load():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def findings_key(result):
    return sorted((f["file"], f["line"], f["column"], f["check"], f["message"])
                  for f in result["findings"])


def copy_tree(build, db, dest):
    """Copies the folders that hold the database's files and the build
    directory to dest, with the database's paths rewritten; the new build
    directory."""
    files = [os.path.normpath(os.path.join(e["directory"], e["file"])) for e in db]
    root = os.path.commonpath(files + [build])
    tops = {os.path.relpath(f, root).split(os.sep)[0] for f in files + [build]}
    for t in ["."] if "." in tops else sorted(tops):
        shutil.copytree(os.path.join(root, t), os.path.join(dest, t), symlinks=True)
    new_build = os.path.join(dest, os.path.relpath(build, root))
    text = open(os.path.join(build, "compile_commands.json")).read()
    with open(os.path.join(new_build, "compile_commands.json"), "w") as out:
        out.write(text.replace(root + "/", dest + "/").replace(f'"{root}"', f'"{dest}"'))
    return new_build


def change(path):
    """Appends a comment (findings stay the same), then lets a second pass:
    the cache does not store results that read a file changed within the
    second before a run, and later CI runs come long after the change."""
    with open(path, "a") as f:
        f.write("\n/* changed by scripts/bench.sh --cache */\n")
    time.sleep(1.1)


def cache_bench(a, build, db):
    rows, same = [], True
    with tempfile.TemporaryDirectory(prefix="retcheck-bench-") as tmp:
        tree = os.path.join(tmp, "tree")
        build = copy_tree(build, db, tree)
        time.sleep(1.1)  # the copy's files were all just written
        entries = len(db)

        def run(name, extra, cache):
            out = os.path.join(tmp, f"{len(rows)}.json")
            cmd = [a.retcheck, "-p", build, "-j", str(a.j), "--quiet", "--format", "json",
                   "--output", out] + extra + (["--cache-dir", cache] if cache else ["--cache-dir="])
            wall, cpu, mem, rc = timed(cmd)
            r = json.load(open(out))
            rows.append([name, wall, cpu, mem, r, rc])
            return r

        def find(rel):
            for dirpath, _, names in os.walk(tree):
                for n in names:
                    p = os.path.join(dirpath, n)
                    if p.endswith("/" + rel) or os.path.relpath(p, tree) == rel:
                        return p
            sys.exit(f"bench: no {rel} in the tree")

        source = header = None
        modes = (((" --infer", ["--infer", "--repairs=false"]),)
                 if a.infer else (("", []), (" --prefilter=false", ["--prefilter=false"])))
        for mode, extra in modes:
            first = len(rows)
            ref = run("retcheck" + mode + ", no cache", extra, None)
            cache = os.path.join(tmp, "cache" + mode.replace(" ", "_"))
            run("  cache cold", extra, cache)
            rows[-1].append(sum(os.path.getsize(os.path.join(d, f))
                                for d, _, fs in os.walk(cache) for f in fs))
            run("  cache warm, nothing changed", extra, cache)
            if source is None:
                rel = a.source or next(f["file"] for f in ref["findings"] if f["file"].endswith(".c"))
                source = find(os.path.relpath(rel, tree) if rel.startswith(tree) else rel)
                header = find(a.header)
            change(source)
            run(f"  cache warm, {os.path.relpath(source, tree)} changed", extra, cache)
            change(header)
            run(f"  cache warm, {os.path.relpath(header, tree)} changed", extra, cache)
            for r in rows[first:]:
                r.append(first)
                same &= findings_key(r[4]) == findings_key(ref)
        same &= findings_key(rows[0][4]) == findings_key(ref)
        clang = per_tu([(e["directory"], syntax_only_argv(e))
                        for e in json.load(open(os.path.join(build, "compile_commands.json")))], a.j)

    print(f"{'':48} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'wall/cold':>10}  cache hits/misses/stored, findings")
    for name, wall, cpu, mem, r, rc, *size, first in rows:
        cold = rows[first + 1][1]
        c = r["stats"].get("cache")
        hm = f"{c['hits']}/{c['misses']}/{c['stores']}" if c else "-"
        size = f", cache {size[0] / 2**20:.1f} MiB" if size else ""
        print(f"{name:48} {wall:8.1f} {cpu:8.1f} {mem:9.0f} {wall / cold:9.3f}x  {hm}, "
              f"{len(r['findings'])} findings, exit {rc}{size}")
    wall, cpu, mem, failed = clang
    print(f"{'clang -fsyntax-only':48} {wall:8.1f} {cpu:8.1f} {mem:9.0f} {wall / rows[1][1]:9.3f}x  "
          f"{failed} TUs failed")
    print(f"({entries} database entries; wall/cold: against the cold run of the same mode, "
          f"clang against the first)")
    print(f"same findings in every run, with and without the cache and the prefilter: "
          f"{'yes' if same else 'NO'}")
    return 0 if same else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build_dir")
    p.add_argument("-j", type=int, default=os.cpu_count())
    p.add_argument("--retcheck", default=os.path.join(HERE, "..", "build", "checker", "retcheck"))
    p.add_argument("--cache", action="store_true", help="the result cache's table (see above)")
    p.add_argument("--infer", action="store_true", help="also (with --cache: only) --infer")
    p.add_argument("--infer-only", action="store_true",
                   help="only retcheck --infer and clang -fsyntax-only")
    p.add_argument("--source", help="with --cache: the .c file to change")
    p.add_argument("--header", default="include/hw/loader.h",
                   help="with --cache: the header to change")
    a = p.parse_args()
    a.retcheck = os.path.abspath(a.retcheck)
    build = os.path.abspath(a.build_dir)
    db = json.load(open(os.path.join(build, "compile_commands.json")))
    files = sorted({os.path.normpath(os.path.join(e["directory"], e["file"])) for e in db})
    print(f"bench: {len(db)} database entries, {len(files)} files, -j {a.j}, {os.cpu_count()} cores; "
          f"{load()}")
    if a.cache:
        status = cache_bench(a, build, db)
        print(f"bench: done; {load()}")
        return status
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        outs = {}
        a.infer |= a.infer_only
        tools = () if a.infer_only else (("retcheck", []),
                                         ("retcheck --prefilter=false", ["--prefilter=false"]))
        for name, extra in tools:
            out = os.path.join(tmp, f"{len(outs)}.json")
            wall, cpu, mem, rc = timed([a.retcheck, "-p", build, "-j", str(a.j), "--quiet",
                                        "--format", "json", "--output", out] + extra)
            outs[name] = json.load(open(out))
            s = outs[name]["stats"]
            rows.append((name, wall, cpu, mem, f"exit {rc}, {len(outs[name]['findings'])} findings, "
                         f"{s['skipped']} TUs skipped"))
        same = a.infer_only or (findings_key(outs["retcheck"]) ==
                                findings_key(outs["retcheck --prefilter=false"]))
        if a.infer:
            out = os.path.join(tmp, "infer.json")
            wall, cpu, mem, rc = timed([a.retcheck, "-p", build, "-j", str(a.j), "--quiet", "--infer",
                                        "--repairs=false", "--format", "json", "--output", out])
            r = json.load(open(out))
            rows.append(("retcheck --infer", wall, cpu, mem,
                         f"exit {rc}, {len(r['findings'])} findings"))
        wall, cpu, mem, failed = per_tu([(e["directory"], syntax_only_argv(e)) for e in db], a.j)
        rows.append(("clang -fsyntax-only", wall, cpu, mem, f"{failed} TUs failed"))
        if not a.infer_only:
            config = json.dumps({"Checks": "-*,bugprone-unused-return-value", "CheckOptions": {
                "bugprone-unused-return-value.CheckedFunctions": FUNCTIONS}})
            wall, cpu, mem, failed = per_tu(
                [(build, ["clang-tidy-19", "-p", build, "--quiet", "--config=" + config, f])
                 for f in files], a.j)
            rows.append(("clang-tidy bugprone-unused-return-value", wall, cpu, mem,
                         f"{failed} files exited non-zero"))

    base = rows[0]
    syntax = next(r for r in rows if r[0] == "clang -fsyntax-only")
    print(f"{'':42} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'wall/retcheck':>14} "
          f"{'cpu/syntax-only':>16}")
    for name, wall, cpu, mem, note in rows:
        print(f"{name:42} {wall:8.1f} {cpu:8.1f} {mem:9.0f} {wall / base[1]:13.1f}x "
              f"{cpu / syntax[2]:15.2f}x  {note}")
    if not a.infer_only:
        print(f"same findings with and without the prefilter: {'yes' if same else 'NO'}")
    print(f"bench: done; {load()}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
