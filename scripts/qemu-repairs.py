#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qemu-repairs.py BUILD_DIR OUT_DIR [RETCHECK]

How many of retcheck's findings on a real QEMU tree (scripts/qemu-corpus.sh)
`--fix --fix-notes` fixes, and whether what it writes is fit for QEMU:

 1. retcheck (the QEMU pack) over every hw/ translation unit of BUILD_DIR,
    as JSON (OUT_DIR/result.json), and the diff --fix-notes would apply
    (`retcheck --results ... --diff --fix-notes`, OUT_DIR/repairs.diff);
 2. QEMU's own scripts/checkpatch.pl on that diff;
 3. a copy of the tree made of hard links (OUT_DIR/tree), the changed files
    replaced by patched copies (`patch -p1`), on which retcheck runs again:
    the findings left are the ones neither fixed nor repaired;
 4. every translation unit of each changed file parsed before and after
    (its own command, -fsyntax-only; then again with -Wall -Wextra): no
    warning may be new (warnings compared by message, with typedefs
    resolved, and by line: a line the diff left alone is the same line, a
    rewritten one stands for the lines it replaced).

Prints the counts and each finding left with retcheck's reason; exits 1 when
a check fails. Nothing is written into BUILD_DIR or its sources.
"""
import collections
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def hw_files(build):
    db = json.load(open(os.path.join(build, "compile_commands.json")))
    files = sorted({os.path.normpath(os.path.join(e["directory"], e["file"]))
                    for e in db})
    hw = [f for f in files if "/hw/" in f]
    src = os.path.commonpath(hw).rsplit("/hw", 1)[0]
    return db, hw, src


def analyse(retcheck, build, files, src, out):
    r = run([retcheck, "--quiet", "--format", "json", "--output", out,
             "--source-root", src, "-p", build] + files)
    if r.returncode > 3:
        sys.exit(f"retcheck failed ({r.returncode}): {r.stderr[-2000:]}")
    result = json.load(open(out))
    for e in result["errors"]:  # QEMU 10.0: two TUs need absent libraries
        print(f"   not analysed: {e['file']}: {e['kind']}: {e['message']}")
    return result


def key(f):
    return (f["relative_file"], f["check"], f["function"],
            f["enclosing_function"])


def arguments(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-fcolor-diagnostics"):
            continue
        out.append(a)
    return out + ["-fsyntax-only", "-fno-color-diagnostics",
                  "-fno-caret-diagnostics"]


def line_places(old_path, new_path):
    """For each side, a place per 1-based line number: the same for a line
    and its unchanged counterpart, and one per changed block of lines (a
    warning on a line the repair rewrote is the one that was on the lines
    it replaced)."""
    old = open(old_path, errors="replace").read().split("\n")
    new = open(new_path, errors="replace").read().split("\n")
    places_old, places_new = {}, {}
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for k, (tag, i1, i2, j1, j2) in enumerate(blocks.get_opcodes()):
        for n in range(i2 - i1 if tag == "equal" else 0):
            places_old[i1 + n + 1] = places_new[j1 + n + 1] = i1 + n + 1
        if tag != "equal":
            for i in range(i1, i2):
                places_old[i + 1] = f"block {k}"
            for j in range(j1, j2):
                places_new[j + 1] = f"block {k}"
    return places_old, places_new


def warnings(entry, extra, file, places):
    """The warnings of one parse: (level, message, file, place) counted,
    where place is where the line stands for \p file (line_places) and the
    line number elsewhere."""
    r = run(arguments(entry)[:1] + extra + arguments(entry)[1:],
            cwd=entry["directory"])
    found = collections.Counter()
    for line in (r.stdout + r.stderr).splitlines():
        m = re.match(r"^(.*?):(\d+):\d+: (warning|error): (.*)$", line)
        if not m:
            continue
        path = os.path.normpath(os.path.join(entry["directory"], m[1]))
        place = places.get(int(m[2])) if path == file else int(m[2])
        # A retyped local renames the types a warning it was already in
        # shows ('uint64_t' (aka 'unsigned long') becomes 'ram_addr_t' (aka
        # 'unsigned long')): the types are compared without their sugar.
        message = re.sub(r"'[^']*' \(aka ('[^']*')\)", r"\1", m[4])
        found[(m[3], message, os.path.basename(path), place)] += 1
    return r.returncode, found


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    build = os.path.abspath(sys.argv[1])
    out = os.path.abspath(sys.argv[2])
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    retcheck = sys.argv[3] if len(sys.argv) == 4 else \
        os.path.join(here, "build/checker/retcheck")
    os.makedirs(out, exist_ok=True)
    db, hw, src = hw_files(build)
    failed = False

    print(f"== retcheck on {len(hw)} hw/ files under {src}")
    before = analyse(retcheck, build, hw, src, os.path.join(out, "result.json"))
    findings = before["findings"]
    diff_path = os.path.join(out, "repairs.diff")
    r = run([retcheck, "--quiet", "--results", os.path.join(out, "result.json"),
             "--diff", "--fix-notes"])
    open(diff_path, "w").write(r.stdout)
    if r.returncode not in ((0, 1, 3) if before["errors"] else (0, 1)):
        print(f"retcheck --diff exited {r.returncode}: {r.stderr.strip()}")
        failed = True
    changed = sorted(set(re.findall(r"^\+\+\+ b/(.*)$", r.stdout, re.M)))
    print(f"   {len(findings)} findings; the diff changes {len(changed)} files")

    print("== checkpatch.pl on the diff")
    r = run(["perl", os.path.join(src, "scripts/checkpatch.pl"), "--no-tree",
             "--no-signoff", "--patch", diff_path])
    total = re.findall(r"^total: (\d+) errors, (\d+) warnings", r.stdout, re.M)
    print("   " + (r.stdout.strip().splitlines() or ["(no output)"])[-1])
    if r.returncode or not total or total[-1] != ("0", "0"):
        print(r.stdout)
        failed = True

    print("== the tree patched (hard links, changed files copied)")
    tree = os.path.join(out, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    new_src, new_build = os.path.join(tree, "src"), os.path.join(tree, "build")
    subprocess.run(["cp", "-al", src, new_src], check=True)
    subprocess.run(["cp", "-al", build, new_build], check=True)
    for rel in changed:  # never patch through a link into the corpus
        path = os.path.join(new_src, rel)
        os.unlink(path)
        shutil.copy2(os.path.join(src, rel), path)
    r = run(["patch", "-p1", "--batch", "--quiet", "-i", diff_path],
            cwd=new_src)
    if r.returncode:
        print("patch -p1 failed:", r.stdout, r.stderr)
        sys.exit(1)
    # The database names the build directory and the sources absolutely.
    text = open(os.path.join(build, "compile_commands.json")).read()
    os.unlink(os.path.join(new_build, "compile_commands.json"))
    open(os.path.join(new_build, "compile_commands.json"), "w").write(
        text.replace(build, new_build).replace(src, new_src))
    after = analyse(retcheck, new_build,
                    [f.replace(src, new_src, 1) for f in hw], new_src,
                    os.path.join(out, "after.json"))

    left = collections.Counter(key(f) for f in after["findings"])
    was = collections.Counter(key(f) for f in findings)
    new = left - was
    fixed = sum(was.values()) - sum((left & was).values())
    share = 100.0 * fixed / len(findings) if findings else 100.0
    print(f"   fixed or repaired: {fixed} of {len(findings)} ({share:.0f}%)")
    remaining = left & was
    for f in findings:
        if remaining[key(f)]:
            remaining[key(f)] -= 1
            why = f.get("no_repair") or "no fix-it, no repair"
            print(f"   left: {f['relative_file']}:{f['line']}: "
                  f"{f['check']} {f['function']}: {why}")
    for k in sorted(new.elements()):
        print("   NEW after the repairs:", "|".join(k))
        failed = True

    print("== the changed translation units, before and after")
    entries = [e for e in db
               if os.path.relpath(os.path.normpath(os.path.join(
                   e["directory"], e["file"])), src) in changed]
    seen, clean_tus = set(), collections.Counter()
    for e in entries:
        args = tuple(arguments(e))
        if args in seen:
            continue
        seen.add(args)
        rel = os.path.relpath(os.path.normpath(
            os.path.join(e["directory"], e["file"])), src)
        patched = dict(e, directory=e["directory"].replace(build, new_build))
        for k in ("command", "arguments"):
            if k in e:
                patched[k] = (e[k].replace(build, new_build).replace(src, new_src)
                              if isinstance(e[k], str) else
                              [a.replace(build, new_build).replace(src, new_src)
                               for a in e[k]])
        clean = True
        places_old, places_new = line_places(os.path.join(src, rel),
                                             os.path.join(new_src, rel))
        for extra in ([], ["-Wall", "-Wextra"]):
            code_b, warn_b = warnings(e, extra, os.path.join(src, rel),
                                      places_old)
            code_a, warn_a = warnings(patched, extra,
                                      os.path.join(new_src, rel), places_new)
            added = warn_a - warn_b
            flags = " ".join(extra) or "its own flags"
            if code_a != 0 or added:
                clean = False
                print(f"   {rel} ({flags}): exit {code_b} -> {code_a}")
                for w in sorted(added.elements()):
                    print("      new:", w)
        failed |= not clean
        clean_tus[rel] += clean
    for rel in sorted(clean_tus):
        print(f"   {rel}: {clean_tus[rel]} translation unit(s) compile with "
              "no new warning")
    print(f"== {len(seen)} translation units of {len(changed)} changed files, "
          "each parsed before and after with both sets of flags")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
