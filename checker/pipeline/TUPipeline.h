//===- TUPipeline.h - One translation unit, end to end --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What every translation unit goes through, in every front end: its facts
// (one parse), judged with the contracts of its rules, ranked, and the
// repairs proposed for its findings verified by parsing it again with them
// applied. analyze() does it all in this process (the fixture tests); the
// command line and the language server run the same steps over many TUs,
// in worker processes and with ranks that weigh the whole tree
// (RunAnalysis.h); the clang-tidy module judges the facts of clang-tidy's
// own parse and verifies with its own reparse.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_PIPELINE_TUPIPELINE_H
#define RETCHECK_PIPELINE_TUPIPELINE_H

#include "contracts/Rules.h"
#include "facts/CallFacts.h"
#include "judge/CallerTally.h"
#include "judge/Finding.h"
#include "judge/Judge.h"
#include "rank/Rank.h"
#include "run/RepairVerifier.h"
#include "run/TUAnalysis.h"

#include <vector>

namespace clang::tooling {
struct CompileCommand;
} // namespace clang::tooling

namespace retcheck {

/// One translation unit analysed end to end.
struct TUOutcome {
  TUResult TU;
  /// Every finding, ranked, sorted; verified repairs are notes.
  std::vector<Finding> Findings;
};

class TUPipeline {
public:
  /// Judges with the contracts of \p Rules (which must outlive this);
  /// gathers the facts of the calls in \p Scope.
  TUPipeline(const RuleSet &Rules, FactScope Scope);
  explicit TUPipeline(const RuleSet &Rules)
      : TUPipeline(Rules, scopeOf(Rules)) {}

  const FactScope &scope() const { return Scope; }

  /// Every finding of \p Facts (NOLINT applied), each call that can fail
  /// counted into \p Tally.
  std::vector<Finding> judge(const TUFacts &Facts, CallerTally &Tally) const;

  /// Ranks \p Findings of \p Facts against \p Tally: warnings and notes.
  /// Notes are not worth new code: they propose no repair.
  void rank(std::vector<Finding> &Findings, const TUFacts &Facts,
            const CallerTally &Tally, const RankOptions &Ranking) const;

  /// A verdict on the proposed repair of each of \p Findings, from the
  /// parses \p Parse makes of the TU with repairs applied over \p Unsaved.
  std::vector<RepairVerdict>
  verify(const std::vector<const Finding *> &Findings, Reparse Parse,
         VerificationCost *Cost = nullptr, const Overlay &Unsaved = {}) const;
  /// verify() on the findings of \p Findings that propose a repair: those
  /// verified become notes, the others say why not.
  void verifyInPlace(std::vector<Finding> &Findings, Reparse Parse,
                     const Overlay &Unsaved = {}) const;

  /// \p Command parsed (\p Unsaved over the files), judged, ranked against
  /// its own calls, its repairs verified.
  TUOutcome analyze(const clang::tooling::CompileCommand &Command,
                    const RankOptions &Ranking,
                    const Overlay &Unsaved = {}) const;

private:
  const RuleSet &Rules;
  FactScope Scope;
  Judge Judging;
};

} // namespace retcheck

#endif
