#!/bin/bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# QEMU 10.0, map stage cold (no cache), 4 shards one after another; then reduce, judge, merge on those facts.
set -u
mkdir -p /work/runs/dist/q10-cold && cd /work/runs/dist/q10-cold
R=/work/runs/dist/retcheck-new
B=/work/corpus/qemu-10.0/build
T() { local name=$1; shift; uptime > $name.uptime; nice -n 10 /usr/bin/time -v "$@" > $name.out 2> $name.err; echo "rc $?" >> $name.err; }
for k in 1 2 3 4; do T map-$k $R -p $B --shard $k/4 -j 2 --debug-cache-identity facts-p3 --write-facts facts-$k; done
T reduce $R infer --debug-cache-identity facts-p3 --facts facts-1 --facts facts-2 --facts facts-3 --facts facts-4 -o inferred.json --judge-plan plan.bin
for k in 1 2 3 4; do T judge-$k $R -p $B --shard $k/4 -j 2 --debug-cache-identity facts-p3 --facts facts-$k --inferred-rules inferred.json --judge-plan plan.bin --format json --output judge-$k.json; done
T merge $R --results judge-1.json --results judge-2.json --results judge-3.json --results judge-4.json --format json --output merged.json
echo done > done
