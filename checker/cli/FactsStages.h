//===- FactsStages.h - --infer split across CI jobs: map, reduce, judge ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Contracts come from every TU's facts, so a shard that inferred alone
// would infer from its own TUs only. Split across jobs, --infer runs in
// three stages, whose merged result is the unsharded run's:
//
//   retcheck -p build --shard K/N --write-facts facts-K          (map)
//   retcheck infer --facts facts-1 ... facts-N -o inferred.json \
//       --judge-plan plan.bin                                    (reduce)
//   retcheck -p build --shard K/N --facts facts-K \
//       --inferred-rules inferred.json --judge-plan plan.bin ... (judge)
//
// and `retcheck report` (or --results) merges the judges' results as it
// merges any shards'. The map stage parses; the reduce parses nothing and
// deduplicates every TU's facts in the unsharded run's order, as that run
// does, infers, and counts how every function's calls are handled (the
// ranks weigh the whole tree); the judge parses only to verify repairs.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_FACTSSTAGES_H
#define RETCHECK_CLI_FACTSSTAGES_H

#include "RunInputs.h"

#include "pipeline/RunAnalysis.h"
#include "pipeline/RunOptions.h"
#include "run/FactsArtifact.h"

#include <optional>

namespace retcheck {

/// The map stage: \p In's TUs analysed, their facts written to
/// --write-facts. Exit 0, 3 (some TU not analysed, its problems kept with
/// its facts), 6 (the facts cannot be written).
int writeFacts(const RunInputs &In, const RunOptions &O);

/// The reduce stage (`retcheck infer --facts DIR...`): the rules file as
/// `retcheck infer` writes it, and --judge-plan. Exit 0, 3, 6, 8 (bad
/// facts).
int reduceFacts(const RunOptions &O);

/// The judge stage's inputs: \p In's analysis read from its --facts, the
/// --inferred-rules added to its rules, the judge plan. On failure, the
/// exit code (8: bad facts or plan; 4: bad rules).
std::optional<int> readJudgeInputs(RunInputs &In, const RunOptions &O,
                                   Analysis &A, JudgePlan &Plan);

} // namespace retcheck

#endif
