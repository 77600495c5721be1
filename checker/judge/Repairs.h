//===- Repairs.h - Repairs of findings, in the code's own idiom -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A finding that no mechanical rewrite fixes gets a repair: a check of the
// result inserted after the call (an ignored result, a result stored and
// never tested or used first), or the local that loses the errors retyped
// (a lossy store). The check's test is the contract's complete test; its
// handler is the one the enclosing function already uses on failure (or,
// where it has none, its file), with a message that names what failed in
// the style of the file's other messages. Where no idiom is found, there is
// no repair. A repair is only a proposal until the translation unit is
// parsed again with it applied (run/RepairVerifier.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_JUDGE_REPAIRS_H
#define RETCHECK_JUDGE_REPAIRS_H

#include "Finding.h"
#include "contracts/Contract.h"
#include "facts/Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// Whether findings of check \p K get repairs (the others have fix-its, or
/// nothing to insert).
bool hasRepairs(CheckKind K);

struct Repair {
  std::optional<FindingNote> Note; ///< the repair, as a note with fix-its
  std::string Why;                 ///< why there is none
};

/// The repair of a finding of check \p K on \p Call, whose contract is \p C;
/// \p Reporters are the functions whose call reports an error.
Repair proposeRepair(CheckKind K, const CallFact &Call, const TUFacts &TU,
                     const Contract &C,
                     const std::vector<std::string> &Reporters);

/// Within one translation unit's findings: a repair that another finding's
/// repair already makes (a local two stores lose errors to) is proposed
/// once; edits that a fix-it makes anyway are left to it; repairs that
/// overlap other edits are dropped, so that every tool applies the same.
void settleRepairs(std::vector<Finding> &Findings);

/// The signed type that keeps the errors of a \p Result (spelled
/// \p ResultType) stored in a local of type \p Dest (spelled \p DestType):
/// the signed variant of Dest when it is as wide (`uint64_t` -> `int64_t`,
/// `size_t` -> `ssize_t`), else the result's own type.
std::string signedTypeFor(const std::string &DestType, IntType Dest,
                          const std::string &ResultType, IntType Result);

/// A message naming what failed, for a call of \p Callee whose arguments
/// are \p Args: `could not load kernel '%s'` and its argument for a loader
/// given `kernel_filename`, `msix_init failed` otherwise.
std::pair<std::string, std::vector<std::string>>
composeMessage(const std::string &Callee, const std::vector<ArgFact> &Args);

/// `name(a, b)` and \p Tail laid out from column \p Indent as C code is in
/// QEMU: on one line when it fits in 80 columns, else broken after commas,
/// continuation lines aligned after the parenthesis. Each line without
/// indentation (continuations keep their alignment spaces), the last ending
/// in \p Tail.
std::vector<std::string> layoutCall(const std::string &Name,
                                    const std::vector<std::string> &Args,
                                    std::size_t Indent,
                                    const std::string &Tail = ";");

} // namespace retcheck

#endif
