//===- TestVerdict.h - Does a test separate failure from success? ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A test is judged by where it sends the contract's values, after C's
// conversions. Where one branch visibly handles the failure (returns an
// error, reports one, exits, jumps to an error label) and another does not,
// the test is complete when every error value certainly reaches a handling
// branch, incomplete when some error value certainly does not. Where the
// branches look alike, the values decide: complete when every error value
// certainly takes a branch that the typical successes do not take,
// incomplete when some error value certainly takes the typical successes'
// branch. Otherwise the test is unknown and not reported. README.md, "How
// tests are judged", has the criterion with examples.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_TESTVERDICT_H
#define RETCHECK_INFER_TESTVERDICT_H

#include "contracts/Contract.h"
#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retcheck {

struct TestJudgement {
  enum Verdict { Complete, Incomplete, Unknown } V = Unknown;
  enum Reason {
    None,
    SharedWithSuccess, ///< some error value takes the successes' branch
    AlwaysSame,        ///< errors and successes all take one branch
    AwayFromHandler,   ///< errors avoid the branch that handles failure
    TakenForYes,       ///< a predicate's errors take the branch of its "yes"
  } Why = None;
  bool AllErrorsShared = false; ///< for SharedWithSuccess: every error value
  /// For AlwaysSame in a two-way test: the one outcome (1 true, 0 false).
  int AlwaysBranch = -1;
  /// For a two-way test: the branch (1 true, 0 false) that the code treats
  /// as failure by what it does; -1 when not one branch.
  int HandlerBranch = -1;
  /// Some comparison of the value is done in a signed type (a lossy store
  /// recovered by `(int)x < 0`).
  bool ComparedInSignedType = false;
  /// Some branch takes error values and every typical success: whatever
  /// it does, it does not tell them apart (`n > 0` on a wrapped size).
  bool ErrorsWithAllTypical = false;
};

/// Judges test \p T of a call with contract \p C; \p Reporters are the
/// functions whose call marks a branch as error handling.
TestJudgement judgeTest(const TestFact &T, const Contract &C,
                        const std::vector<std::string> &Reporters);

/// What branch \p Branch of test \p T is for a call with contract \p C
/// (two-way tests: 1 true, 0 false; switches: the case, then default):
/// where every failure goes, where failures certainly do not go, or unknown.
enum class BranchRole { Failure, Success, Unknown };
BranchRole roleOfBranch(const TestFact &T, const Contract &C, int Branch);
/// For each branch of test \p T of a call with contract \p C (two-way
/// tests: {false, true}; switches: each case, then default), the values of
/// \p V certain to take it.
std::vector<ValueSet> valuesByBranch(const TestFact &T, const Contract &C,
                                     const ValueSet &V);

/// The values of \p V that every type of every conversion in \p T holds:
/// those the test sees as they were returned.
ValueSet representable(const TestFact &T, ValueSet V);

/// The contract a test of a call with no rule presumes from the result's
/// shape: NULL, or a negative value, is the failure `if (fd < 0) return
/// -1;` deals with. Nullopt for other types.
std::optional<Contract> presumedContract(const ValueKind &Result);

/// The contract of \p R at \p Call: resolveContract with the call's result
/// type and its constant arguments.
std::optional<Contract> contractAtCall(const Rule &R, const CallFact &Call);

/// Whether \p Call tests its result, or the error object it hands over
/// (`f(..., &err); if (err)`).
bool testsResult(const CallFact &Call);

/// Whether \p Call only passes its result on, untested (`return f(...);`,
/// stored beyond the function): the decision is its caller's, so it
/// counts neither as checking the function nor as failing to (systemd's
/// `return sd_bus_error_setf(...)` idiom is no test of sd_bus_error_setf).
bool passesOnUntested(const CallFact &Call);

/// `&error_fatal` in the error-out position of \p R: the callee cannot
/// return a failure.
bool cannotFail(const CallFact &Call, const Rule &R);

/// A lookup (convention `nullable`) whose result is dropped or kept
/// unread: it neither checks the result nor fails to, for the callers'
/// tally.
bool droppedLookup(const CallFact &Call, const Rule &R);

/// A test that picks some failures out, a deliberate choice: by name (`ret
/// == -ENOTSUP`, `case -ENOTSUP:`, `== QIO_CHANNEL_ERR_BLOCK`; not a literal
/// -1) or by a bound next to -1 (`< -1`). The other failures are dealt with
/// elsewhere.
bool singlesOutErrors(const TestFact &T, const Contract &C);

/// The error values that \p T compares with `==` or `!=` by name (`ret !=
/// -ENOTSUP`, `ret == -EPERM`, `case -ENOTSUP:`; not a literal -1): a test
/// that singles errors out is about them, a deliberate choice; the others
/// are dealt with elsewhere (passed on, tested again).
ValueSet namedErrors(const TestFact &T, const Contract &C);

/// Whether a branch visibly handles a failure.
bool handlesFailure(const BranchFacts &B,
                    const std::vector<std::string> &Reporters);

/// The error values of \p C that test \p T certainly sends to a branch
/// that visibly handles a failure.
ValueSet errorsHandledBy(const TestFact &T, const Contract &C,
                         const std::vector<std::string> &Reporters);

} // namespace retcheck

#endif
