//===- InferStage.h - The global step: contracts from every TU's facts ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What `--infer`, `retcheck infer` and the reduce stage of a run split
// across CI jobs share: the seeds of the inference, its options, the rules
// file it writes, and the inferred rules added to a run's rules as that
// file says them, so that a run that infers and one that reads the file
// judge alike.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_INFERSTAGE_H
#define RETCHECK_CLI_INFERSTAGE_H

#include "RunInputs.h"

#include "infer/Inference.h"
#include "pipeline/RunOptions.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// The rules a run has without inference, as one set of seeds: every TU's
/// packs (they differ only where .clang-tidy files name different
/// RulesFiles; the first rule for a function wins).
RuleSet seedsOf(const std::vector<LoadedRules> &Sets);

/// The global step over \p TUs, from the seeds of \p Sets, paths relative
/// to \p SourceRoot.
InferenceResult inferFrom(const std::vector<const TUFacts *> &TUs,
                          const std::vector<LoadedRules> &Sets,
                          const std::string &SourceRoot, const RunOptions &O);

/// The rules file of \p Inferred, inferred from \p TUs translation units
/// under \p SourceRoot.
std::string inferredRulesFile(const InferenceResult &Inferred, std::size_t TUs,
                              const std::string &SourceRoot);

/// Adds the rules of the rules file \p Text (named \p Name) to every rules
/// set of \p In as inferred rules (hand-written ones win); the error, if
/// it is no rules file.
std::optional<RulesError> addInferredRules(const std::string &Text,
                                           const std::string &Name,
                                           RunInputs &In);

/// `retcheck infer`: \p RulesFile to -o or stdout, and the summary on
/// stderr with the problems of \p Results; the exit code.
int writeInferredRules(const std::string &RulesFile,
                       const InferenceResult &Inferred,
                       const std::vector<TUResult> &Results, double Seconds,
                       const RunOptions &O);

} // namespace retcheck

#endif
