//===- Inference.h - Error contracts read from the whole tree -------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The global step between the facts of every translation unit and the
// judge. Functions are identified by linkage (FunctionId); each one with a
// body gets the contract its return sites show, to a fixpoint over the call
// graph (EESI, FSE 2019, on facts rather than IR):
//
//   1. an errno code (`-EINVAL`, `-errno`) returned is an error value;
//   2. a constant (NULL, false, -1, ...) returned after a call to an error
//      reporter is one;
//   3. a constant returned on the branch where a callee failed is one;
//   4. a callee's result passed on unchanged passes on its contract, and on
//      its failure branch, its errors.
//
// Other constants returned are successes. Functions without a body in the
// tree (library functions) get a contract from their callers' tests when
// enough of them agree. Hand-written rules are seeds and win; a rule with
// convention `none` says there is no contract. Every inferred rule keeps
// its evidence: the return sites that decided it, and how many callers
// check it.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_INFERENCE_H
#define RETCHECK_INFER_INFERENCE_H

#include "contracts/Rules.h"
#include "facts/Facts.h"
#include "infer/Reporters.h"

#include <string>
#include <vector>

namespace retcheck {

struct InferenceOptions {
  /// Caller statistics, for functions without a body: at least this many
  /// call sites, of which at least this share test the result completely.
  unsigned MinCallers = 5;
  double MinCheckingShare = 0.8;
  /// Paths in evidence and `file` keys are relative to this.
  std::string SourceRoot;
};

struct InferenceResult {
  RuleSet Rules; ///< the inferred rules only, and the reporters learned
  /// The project's error reporters learned from the tree, with evidence.
  std::vector<LearnedReporter> Reporters;
  unsigned FunctionsSeen = 0, WithBody = 0;
  /// Rules with no contract that only say which arguments the function
  /// dereferences (`"convention": "none"` with `valid_args`).
  unsigned ValidArgsOnly = 0;
  unsigned Iterations = 0;
};

/// Infers the contracts of every function the facts mention and no rule of
/// \p Written names.
InferenceResult inferContracts(const std::vector<const TUFacts *> &TUs,
                               const RuleSet &Written,
                               const InferenceOptions &Options);

/// The rules as a rules file (rules/README.md) that the loader reads back.
std::string inferredRulesJson(const RuleSet &Inferred,
                              const std::string &Description);

} // namespace retcheck

#endif
