//===- Checks.h - The checks retcheck runs --------------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One name per kind of finding, shared by every front end (CLI, clang-tidy
// module, reports). No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_CHECKS_H
#define RETCHECK_CORE_CHECKS_H

#include <optional>
#include <string>

namespace retcheck {

enum class CheckKind {
  IgnoredResult,   ///< the result is discarded
  MinusOneCheck,   ///< the result is only compared against -1
  UncheckedStore,  ///< stored in a local that no test reaches
  LossyStore,      ///< stored where the error value is lost (unsigned, ...)
  IncompleteCheck, ///< a test that does not separate errors from successes
  UncheckedUse,    ///< used (dereferenced, passed on, ...) before any test
};

constexpr CheckKind AllChecks[] = {
    CheckKind::IgnoredResult,   CheckKind::MinusOneCheck,
    CheckKind::UncheckedStore,  CheckKind::LossyStore,
    CheckKind::IncompleteCheck, CheckKind::UncheckedUse};

/// How loudly a finding is reported. A rule chooses it per check, so that
/// a pack can keep a check on a function without warning on every call.
enum class Severity { Warning, Note };

/// "warning", "note"
const char *severityName(Severity S);
std::optional<Severity> parseSeverity(const std::string &Name);

/// "retcheck-ignored-result", ...
const char *checkName(CheckKind K);
std::optional<CheckKind> parseCheckName(const std::string &Name);
/// One sentence of help, for --list-checks, SARIF rules and reports.
const char *checkHelp(CheckKind K);

} // namespace retcheck

#endif
