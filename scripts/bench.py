#!/usr/bin/env python3
"""Speed and memory of retcheck against clang on the same translation units.

    scripts/bench.sh BUILD_DIR [-j N]

Runs, one after the other, on every entry of BUILD_DIR/compile_commands.json:
  1. retcheck (default: with the prefilter),
  2. retcheck --prefilter=false (every TU parsed) -- and checks that both
     report the same findings,
  3. clang -fsyntax-only on each entry,
  4. clang-tidy-19 with only bugprone-unused-return-value, configured for the
     four QEMU functions, on each file (all its entries, as -p does).
Prints wall time, CPU time and peak memory of each, and the ratios. Figures
only: nothing here asserts a speed.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

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
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = ["clang-19"], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
        elif a not in ("-c", "-MD", "-MMD"):
            out.append(a)
    return out + ["-fsyntax-only", "-w"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build_dir")
    p.add_argument("-j", type=int, default=os.cpu_count())
    p.add_argument("--retcheck", default=os.path.join(HERE, "..", "build", "checker", "retcheck"))
    a = p.parse_args()
    build = os.path.abspath(a.build_dir)
    db = json.load(open(os.path.join(build, "compile_commands.json")))
    files = sorted({os.path.normpath(os.path.join(e["directory"], e["file"])) for e in db})
    print(f"bench: {len(db)} database entries, {len(files)} files, -j {a.j}, {os.cpu_count()} cores")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        outs = {}
        for name, extra in (("retcheck", []), ("retcheck --prefilter=false", ["--prefilter=false"])):
            out = os.path.join(tmp, f"{len(outs)}.json")
            wall, cpu, mem, rc = timed([a.retcheck, "-p", build, "-j", str(a.j), "--quiet",
                                        "--format", "json", "--output", out] + extra)
            outs[name] = json.load(open(out))
            s = outs[name]["stats"]
            rows.append((name, wall, cpu, mem, f"exit {rc}, {len(outs[name]['findings'])} findings, "
                         f"{s['skipped']} TUs skipped"))
        key = lambda r: sorted((f["file"], f["line"], f["column"], f["check"], f["message"])
                               for f in r["findings"])
        same = key(outs["retcheck"]) == key(outs["retcheck --prefilter=false"])
        wall, cpu, mem, failed = per_tu([(e["directory"], syntax_only_argv(e)) for e in db], a.j)
        rows.append(("clang -fsyntax-only", wall, cpu, mem, f"{failed} TUs failed"))
        config = json.dumps({"Checks": "-*,bugprone-unused-return-value", "CheckOptions": {
            "bugprone-unused-return-value.CheckedFunctions": FUNCTIONS}})
        wall, cpu, mem, failed = per_tu(
            [(build, ["clang-tidy-19", "-p", build, "--quiet", "--config=" + config, f])
             for f in files], a.j)
        rows.append(("clang-tidy bugprone-unused-return-value", wall, cpu, mem, f"{failed} files exited non-zero"))

    base = rows[0]
    print(f"{'':42} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'wall/retcheck':>14}")
    for name, wall, cpu, mem, note in rows:
        print(f"{name:42} {wall:8.1f} {cpu:8.1f} {mem:9.0f} {wall / base[1]:13.1f}x  {note}")
    print(f"same findings with and without the prefilter: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
