//===- Judge.h - From facts and contracts to findings ---------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every front end judges the same way: each call's facts against the
// contract of its callee, at most one finding per call. The checks, in the
// order they are tried: the result is ignored; stored where its errors are
// lost; used before any test; tested only against -1; tested without
// separating failure from success; stored and never tested.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_JUDGE_JUDGE_H
#define RETCHECK_JUDGE_JUDGE_H

#include "CallerTally.h"
#include "Finding.h"
#include "contracts/Rules.h"
#include "facts/Facts.h"

#include <optional>
#include <vector>

namespace retcheck {

class Judge {
public:
  explicit Judge(const RuleSet &Rules) : Rules(Rules) {}

  /// The finding for call \p Call of \p TU, if any (NOLINT not applied).
  /// \p Tally, when given, counts the call if it can fail.
  std::optional<Finding> judge(const CallFact &Call, const TUFacts &TU,
                               CallerTally *Tally = nullptr) const;

  /// Every finding of \p TU, NOLINT comments applied, one per call; fix-its
  /// that two findings disagree on are dropped. Each finding's CallIndex
  /// names its call in \p TU.
  std::vector<Finding> judgeAll(const TUFacts &TU,
                                CallerTally *Tally = nullptr) const;

  /// The rule that applies to calls of \p F, if any.
  const Rule *ruleFor(const FunctionId &F) const {
    return Rules.find(F.Name, F.File);
  }

private:
  const RuleSet &Rules;
};

} // namespace retcheck

#endif
