//===- Rank.h - How likely a maintainer is to act on a finding ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The stage after the judge. A finding's claim may be right and still not
// worth a patch: the call cannot matter on a path that has already failed,
// in a function with nowhere to report, in test code. Each signal below
// adds to or takes from a score (log-odds, as a logistic model would),
// and says why in words; the rank is the score as 0..100. Warnings are the
// findings that rank at least RankOptions::WarnAt, the rest are notes
// (Tricorder's lesson: an analysis whose warnings are not acted on is
// switched off). The signals and their weights are documented in README,
// "Rank", with what each was measured to do.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RANK_RANK_H
#define RETCHECK_RANK_RANK_H

#include "CodeClasses.h"

#include "contracts/Rules.h"
#include "facts/Facts.h"
#include "judge/CallerTally.h"
#include "judge/Finding.h"

#include <string>
#include <vector>

namespace retcheck {

struct RankOptions {
  /// Findings that rank at least this (0..100) are warnings.
  unsigned WarnAt = 50;
  /// Code where a failure matters less: tests, examples, build tools.
  CodeClasses LowRankCode = CodeClasses::defaults();
  /// Paths are matched relative to this.
  std::string SourceRoot;
};

class Ranker {
public:
  Ranker(const CallerTally &Tally, const RankOptions &Options,
         const std::vector<std::string> &ErrorReporters)
      : Tally(Tally), Options(Options), Reporters(ErrorReporters) {}

  /// Sets \p F's Rank, RankReasons and Level; \p Call is its call's facts
  /// and \p R the rule it was judged under; \p TU, when given, holds \p
  /// Call (F.CallIndex) and the calls before it.
  void rank(Finding &F, const CallFact &Call, const Rule &R,
            const TUFacts *TU = nullptr) const;

private:
  const CallerTally &Tally;
  const RankOptions &Options;
  const std::vector<std::string> &Reporters;
};

/// The ranks of \p Findings again, with how other calls are handled
/// counted in \p Tally: shards of one run, merged, rank as the whole run.
void rerank(std::vector<Finding> &Findings, const CallerTally &Tally,
            unsigned WarnAt);

/// "+ 5 of 6 other calls check it", "- after an error label".
std::string rankReason(const RankSignal &S);

/// "rank 82: 5 of 6 other calls check it": \p F's rank, and the reason
/// that weighs most towards its tier (for a note, against a warning). The
/// text output prints it as a note when the rank decided the level.
std::string rankSummary(const Finding &F);

/// Ranks every finding of \p Findings, judged from \p TU under \p Rules
/// (each finding's CallIndex names its call).
void rankFindings(std::vector<Finding> &Findings, const TUFacts &TU,
                  const RuleSet &Rules, const CallerTally &Tally,
                  const RankOptions &Options);

} // namespace retcheck

#endif
