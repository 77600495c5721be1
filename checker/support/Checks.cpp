//===- Checks.cpp - The checks retcheck runs ------------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace retcheck {

const char *checkName(CheckKind K) {
  switch (K) {
  case CheckKind::IgnoredResult:
    return "retcheck-ignored-result";
  case CheckKind::MinusOneCheck:
    return "retcheck-minus-one-check";
  case CheckKind::UncheckedStore:
    return "retcheck-unchecked-store";
  case CheckKind::LossyStore:
    return "retcheck-lossy-store";
  case CheckKind::IncompleteCheck:
    return "retcheck-incomplete-check";
  case CheckKind::UncheckedUse:
    return "retcheck-unchecked-use";
  }
  return "retcheck-unknown";
}

std::optional<CheckKind> parseCheckName(const std::string &Name) {
  for (CheckKind K : AllChecks)
    if (Name == checkName(K))
      return K;
  return std::nullopt;
}

const char *checkHelp(CheckKind K) {
  switch (K) {
  case CheckKind::IgnoredResult:
    return "The result of a function that reports failure through its return "
           "value is discarded, so a failure goes unnoticed.";
  case CheckKind::MinusOneCheck:
    return "The result is only compared against -1, but the function signals "
           "failure with other values too (any negative value); compare with "
           "'< 0' instead.";
  case CheckKind::UncheckedStore:
    return "The result is stored in a local variable, but no test of that "
           "variable is reached before it is overwritten or goes out of "
           "scope (a '(void) ret;' drops it on purpose), or the status it "
           "holds is merged into another but replaced on some path first.";
  case CheckKind::LossyStore:
    return "The result is stored in a variable whose type cannot hold the "
           "error value (an unsigned or narrower type), so the failure can no "
           "longer be tested.";
  case CheckKind::IncompleteCheck:
    return "The result is tested, but the test does not separate failure "
           "from success: some error value goes down the branch that the "
           "function's successful results take (`!fd` after open, `n < 0` "
           "on a size_t, `< 0` on a function whose errors are positive).";
  case CheckKind::UncheckedUse:
    return "The result is used before any test of it: dereferenced, "
           "indexed, used in arithmetic or as a size, or passed where the "
           "error value is not allowed (a non-null parameter, a descriptor "
           "argument, an argument list that a NULL ends), so a failure is "
           "used as if it were a result.";
  }
  return "";
}

const char *severityName(Severity S) {
  return S == Severity::Note ? "note" : "warning";
}

std::optional<Severity> parseSeverity(const std::string &Name) {
  if (Name == "warning")
    return Severity::Warning;
  if (Name == "note")
    return Severity::Note;
  return std::nullopt;
}

} // namespace retcheck
