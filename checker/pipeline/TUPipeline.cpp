//===- TUPipeline.cpp - One translation unit, end to end ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TUPipeline.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <algorithm>

namespace retcheck {

TUPipeline::TUPipeline(const RuleSet &Rules, FactScope Scope)
    : Rules(Rules), Scope(std::move(Scope)), Judging(Rules) {}

std::vector<Finding> TUPipeline::judge(const TUFacts &Facts,
                                       CallerTally &Tally) const {
  if (Facts.Calls.empty())
    return {};
  return Judging.judgeAll(Facts, &Tally);
}

void TUPipeline::rank(std::vector<Finding> &Findings, const TUFacts &Facts,
                      const CallerTally &Tally,
                      const RankOptions &Ranking) const {
  rankFindings(Findings, Facts, Rules, Tally, Ranking);
  for (Finding &F : Findings)
    if (F.Level == Severity::Note)
      F.Proposed.reset();
}

std::vector<RepairVerdict>
TUPipeline::verify(const std::vector<const Finding *> &Findings, Reparse Parse,
                   VerificationCost *Cost, const Overlay &Unsaved) const {
  return verifyRepairs(Findings, Judging, Parse, Cost, Unsaved);
}

void TUPipeline::verifyInPlace(std::vector<Finding> &Findings, Reparse Parse,
                               const Overlay &Unsaved) const {
  std::vector<Finding *> Proposing;
  for (Finding &F : Findings)
    if (F.Proposed)
      Proposing.push_back(&F);
  if (Proposing.empty())
    return;
  std::vector<const Finding *> Checked(Proposing.begin(), Proposing.end());
  applyVerdicts(Proposing, verify(Checked, Parse, nullptr, Unsaved));
}

TUOutcome TUPipeline::analyze(const clang::tooling::CompileCommand &Command,
                              const RankOptions &Ranking,
                              const Overlay &Unsaved) const {
  TUOutcome Out;
  Out.TU = analyzeCompileCommand(Command, Scope, Unsaved);
  CallerTally Tally;
  Out.Findings = judge(Out.TU.Facts, Tally);
  rank(Out.Findings, Out.TU.Facts, Tally, Ranking);
  std::sort(Out.Findings.begin(), Out.Findings.end());
  verifyInPlace(
      Out.Findings,
      [&](const Overlay &Files) {
        return reparseCommand(Command, Scope, Files, Unsaved);
      },
      Unsaved);
  return Out;
}

} // namespace retcheck
