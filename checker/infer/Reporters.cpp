//===- Reporters.cpp - A project's own error reporters, learned -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Reporters.h"
#include "TestVerdict.h"

#include "contracts/Contract.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace retcheck {

std::string LearnedReporter::evidence() const {
  return Name + ": called on " + std::to_string(OnFailure) +
         " branches where a call failed, " + std::to_string(OnSuccess) +
         " where one succeeded";
}

namespace {

/// The contract a call's tests are read with: its written rule's, else the
/// one its result's shape presumes.
std::optional<Contract> contractForTests(const CallFact &C,
                                         const RuleSet &Written) {
  const Rule *R = Written.find(C.Callee.Name, C.Callee.File);
  return R ? contractAtCall(*R, C) : presumedContract(C.Result);
}

} // namespace

std::vector<LearnedReporter>
learnReporters(const std::vector<const TUFacts *> &TUs, const RuleSet &Written,
               const ReporterLearning &Options) {
  const std::vector<std::string> &Known = Written.errorReporters();
  std::map<std::string, LearnedReporter> Seen;
  for (const TUFacts *TU : TUs) {
    std::set<std::string> Formatters(TU->Formatters.begin(),
                                     TU->Formatters.end());
    if (Formatters.empty())
      continue;
    for (const CallFact &C : TU->Calls) {
      if (C.Tests.empty())
        continue;
      std::optional<Contract> Contract = contractForTests(C, Written);
      if (!Contract)
        continue;
      for (const TestFact &T : C.Tests) {
        if (T.IsSwitch || !T.CheckLike)
          continue;
        for (int Branch : {0, 1}) {
          const BranchFacts &B = Branch ? T.OnTrue : T.OnFalse;
          if (!B.Known)
            continue;
          BranchRole Role = roleOfBranch(T, *Contract, Branch);
          // A branch that takes a success yet fails itself (`if ((dup =
          // lookup(name))) { report("exists"); return -1; }`) says the
          // shape's contract is wrong there, not that the call reports.
          if (Role == BranchRole::Unknown ||
              (Role == BranchRole::Success &&
               (B.ReturnsError || B.GotoErrorLabel || B.NoReturn)))
            continue;
          // One count per branch, however often it calls the function.
          std::set<std::string> Called(B.Calls.begin(), B.Calls.end());
          for (const std::string &Name : Called) {
            if (!Formatters.count(Name) ||
                std::find(Known.begin(), Known.end(), Name) != Known.end())
              continue;
            LearnedReporter &L = Seen[Name];
            L.Name = Name;
            ++(Role == BranchRole::Failure ? L.OnFailure : L.OnSuccess);
          }
        }
      }
    }
  }
  std::vector<LearnedReporter> Learned;
  for (auto &[Name, L] : Seen)
    if (L.OnFailure >= Options.MinFailureBranches &&
        L.OnFailure >= Options.MinFailureShare * (L.OnFailure + L.OnSuccess))
      Learned.push_back(L);
  return Learned;
}

} // namespace retcheck
