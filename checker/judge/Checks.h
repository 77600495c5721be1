//===- Checks.h - The checks retcheck runs --------------------------------===//
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
  IgnoredResult,  ///< the result is discarded
  MinusOneCheck,  ///< the result is only compared against -1
  UncheckedStore, ///< stored in a local that no test reaches
  LossyStore,     ///< stored where the error value is lost (unsigned, ...)
};

constexpr CheckKind AllChecks[] = {
    CheckKind::IgnoredResult, CheckKind::MinusOneCheck,
    CheckKind::UncheckedStore, CheckKind::LossyStore};

/// "retcheck-ignored-result", ...
const char *checkName(CheckKind K);
std::optional<CheckKind> parseCheckName(const std::string &Name);
/// One sentence of help, for --list-checks, SARIF rules and reports.
const char *checkHelp(CheckKind K);

} // namespace retcheck

#endif
