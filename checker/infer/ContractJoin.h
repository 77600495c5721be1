//===- ContractJoin.h - One contract for many bodies or bound functions ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A call can reach one of several functions and not know which: the body
// of an exported name that each binary links its own way (an architecture
// hook per target, a stub in stubs/), or whatever is bound to a function
// pointer (an ops table's field, a class method). Its contract is the join
// of theirs: a failure of any one of them is a failure, a member that never
// fails (a stub that returns success, a method that cannot fail) adds
// nothing, so a name one of whose members fails still has a contract that
// its callers must honour. `negative` joined with `minus-one` is `negative`;
// `negative` with `nonzero "> 0"` is `nonzero`: a value one member fails
// with is a failure the caller must handle, whatever another member means
// by it.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_CONTRACTJOIN_H
#define RETCHECK_INFER_CONTRACTJOIN_H

#include "contracts/Rules.h"
#include "facts/Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

class ContractJoin {
public:
  explicit ContractJoin(IntType T) : T(T) {}

  /// A member: \p Name (a function, or "" for a body of the name itself),
  /// \p Where it is bound or defined (`io/channel-socket.c:900`), and its
  /// contract \p R (null: it cannot fail, as far as is known).
  void add(const std::string &Name, const std::string &Where, const Rule *R);

  unsigned members() const { return Members; }
  unsigned failing() const { return Failing; }

  ValueSet errors() const { return Errors; }
  /// The failing members' successes, without the errors of the others;
  /// nullopt when one of them did not show its successes.
  std::optional<ValueSet> success() const;
  /// The strongest member's confidence.
  double strength() const { return Strength; }
  /// The failing members' evidence, each naming its member.
  const std::vector<std::string> &evidence() const { return Evidence; }
  /// Every failing member reports its failures itself.
  bool reportsItself() const { return Failing > 0 && AllReport; }
  /// Only a comment says any failing member fails (Inference::FromComment).
  bool fromComment() const { return Failing > 0 && AllComment; }
  /// The calls that can fail: any call, when one member fails whatever
  /// its arguments (empty); else each member's cases.
  std::vector<FailureCase> failsWhen() const;
  /// The `Error **` every failing member has at one index, and whether
  /// every one of them sets it on failure.
  std::optional<ErrorOutParam> errorOut() const;

private:
  IntType T;
  unsigned Members = 0, Failing = 0;
  ValueSet Errors, Success;
  bool SuccessKnown = true, AllReport = true, AllComment = true;
  double Strength = 0;
  std::vector<std::string> Evidence;
  std::vector<FailureCase> Cases;
  bool AnyCall = false;
  std::optional<ErrorOutParam> ErrorOut;
  bool ErrorOutAgrees = true;
};

} // namespace retcheck

#endif
