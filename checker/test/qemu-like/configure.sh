#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# A stand-in for QEMU's configure, for checker/test/ci_job_test.sh: it needs
# what QEMU's configure needs (python3, make, ninja, pkg-config and the
# libraries' .pc files, the C compiler, git in a git checkout), rejects
# options QEMU's configure does not know, and writes what meson writes: a
# build directory with build.ninja (compile edges that wait, order-only, for
# generated headers, as QEMU's do for its QAPI and trace headers) and
# compile_commands.json. It compiles nothing.
set -e
src=$(cd "$(dirname "$0")" && pwd)
cc=cc
targets=
for opt do
  case $opt in
  --cc=*) cc=${opt#--cc=} ;;
  --target-list=*) targets=${opt#--target-list=} ;;
  --disable-docs | --disable-install-blobs | --disable-werror) ;;
  *) echo "ERROR: unknown option $opt" >&2; exit 1 ;;
  esac
done
need() { command -v "$1" >/dev/null || { echo "ERROR: $2" >&2; exit 1; }; }
need python3 "Cannot find python3"
need make "GNU make (make) not found"
need "$cc" "cannot find the C compiler $cc"
need pkg-config "pkg-config binary 'pkg-config' not found"
need ninja "meson: Could not detect Ninja v1.8.2 or newer"
[ ! -e "$src/.git" ] || need git "git is needed to fetch the subprojects of a git checkout"
for t in $(echo "$targets" | tr , ' '); do
  case $t in *-softmmu | *-linux-user) ;; *) echo "ERROR: Unknown target name '$t'" >&2; exit 1 ;; esac
done
for lib in glib-2.0 pixman-1 zlib slirp; do
  pkg-config --exists "$lib" || { echo "ERROR: Dependency \"$lib\" not found" >&2; exit 1; }
done

mkdir -p build
cd build
flags="-I. -I.. -I../include $(pkg-config --cflags glib-2.0)"
python3 - "$cc" "$flags" <<'PY'
import glob, json, os, shlex, sys
cc, flags = sys.argv[1], shlex.split(sys.argv[2])
sources = sorted(os.path.relpath(f) for f in glob.glob("../hw/*/*.c"))
generated = "qapi/qapi-types-board.h"
with open("build.ninja", "w") as n:
    n.write("rule CUSTOM_COMMAND\n  command = $COMMAND\n  description = $DESC\n"
            f"rule c_COMPILER\n  command = {cc} $ARGS -MD -MQ $out -MF $DEPFILE -o $out -c $in\n"
            "  deps = gcc\n  depfile = $DEPFILE\n"
            f"build {generated}: CUSTOM_COMMAND ../qapi/board.json | ../scripts/qapi-gen.py\n"
            f"  COMMAND = python3 ../scripts/qapi-gen.py ../qapi/board.json {generated}\n"
            "  DESC = Generating QAPI types\n")
    objects = []
    for s in sources:
        o = "libqemu.a.p/" + s[3:].replace("/", "_") + ".o"
        objects.append(o)
        n.write(f"build {o}: c_COMPILER {s} || {generated}\n"
                f"  DEPFILE = {o}.d\n  ARGS = {' '.join(flags)}\n")
    n.write(f"build all: phony {' '.join(objects)}\ndefault all\n")
json.dump([{"directory": os.getcwd(), "file": s,
            "arguments": [cc] + flags + ["-MD", "-MQ", o, "-MF", o + ".d", "-o", o, "-c", s]}
           for s, o in zip(sources, objects)], open("compile_commands.json", "w"), indent=1)
PY
echo "configured for $targets in $PWD"
