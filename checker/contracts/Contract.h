//===- Contract.h - What failure and success look like for a function -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A rule names a convention and may narrow it; a contract is what the
// judge works with: the values a call returns on failure and on success,
// in the call's result type. A test is judged by where it sends them (see
// README, "How tests are judged"). No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CONTRACTS_CONTRACT_H
#define RETCHECK_CONTRACTS_CONTRACT_H

#include "ValueRange.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

struct Rule;

/// A set of values as a rules file writes it: `< 0`, `-1`, `0`, `>= 0`,
/// `0..255`, `0..arg2` (up to the call's third argument), `!= 0`, `null`,
/// `nonnull`, several joined with `,`.
struct ValueSpec {
  struct Item {
    Int Lo, Hi;
    std::optional<unsigned> HiArg; ///< Hi is the value of this argument
  };
  std::vector<Item> Items;
  std::string Text; ///< as written

  /// Parses \p Text; nullopt and \p Error when it is not a value set.
  static std::optional<ValueSpec> parse(const std::string &Text,
                                        std::string &Error);
  /// The values of type \p T it names (an argument bound counts as the
  /// largest value of T).
  ValueSet in(IntType T) const;
  /// The argument that bounds it from above, if any.
  std::optional<unsigned> boundArg() const;
  /// Whether it holds the value \p V of a call's argument (an argument
  /// bound counts as the largest value).
  bool holds(int64_t V) const;
  /// \p S, values of \p T, as a rules file writes it (`!= 0`, `>= 1`,
  /// `-1`, `0..255`, several joined with `, `).
  static ValueSpec of(const ValueSet &S, IntType T);
};

/// What the calls that can fail pass as argument Arg (0-based).
struct ArgCondition {
  unsigned Arg = 0;
  ValueSpec Values;
};

/// One way to fail: every condition holds (for an argument that is not a
/// constant, it may).
using FailureCase = std::vector<ArgCondition>;

/// Whether a call with these constant arguments (nullopt where not
/// constant) can meet one of \p Cases. No cases: every call can fail.
bool mayFail(const std::vector<FailureCase> &Cases,
             const std::vector<std::optional<int64_t>> &ArgConstants);

/// A contract, resolved for one call's result type.
struct Contract {
  ValueSet Errors;  ///< values that mean failure
  ValueSet Success; ///< values returned when the function works
  /// Success is bounded by this argument of the call (read's count): the
  /// typical success is the bound itself.
  std::optional<unsigned> BoundArg;
  /// The typical successful results: Success without 0 (an empty read, a
  /// descriptor 0 are successes code may treat as failure), or the bound
  /// when the argument is a constant.
  ValueSet Typical;
  /// False for an inferred contract whose successes the code did not show:
  /// Success is then only the convention's default, too wide to say that
  /// a test lets an error through where successes go.
  bool SuccessKnown = true;
};

/// The contract of \p R for a result of type \p Result; \p ArgConstants
/// are the call's constant arguments (nullopt where not constant). Nullopt
/// when the rule says the function cannot fail (convention `none`), cannot
/// fail with these arguments (`fails_when`), or no value of the type is an
/// error (`negative` on an unsigned type).
std::optional<Contract>
resolveContract(const Rule &R, IntType Result,
                const std::vector<std::optional<int64_t>> &ArgConstants);

} // namespace retcheck

#endif
