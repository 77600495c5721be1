//===- NoLint.h - clang-tidy's NOLINT comments, for the CLI ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The clang-tidy module gets NOLINT handling from clang-tidy itself; the
// CLI honours the same comments through this function so that a finding
// silenced for editors is silenced in CI too: `// NOLINT`, `NOLINT(check,
// glob-*)`, `NOLINTNEXTLINE(...)` and `NOLINTBEGIN(...)`/`NOLINTEND(...)`.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_NOLINT_H
#define RETCHECK_CORE_NOLINT_H

#include "Facts.h"

#include <string_view>

namespace retcheck {

/// True when a NOLINT comment in \p FileText silences check \p Check on
/// 1-based line \p Line.
bool isSilencedByNoLint(std::string_view FileText, unsigned Line,
                        std::string_view Check);

/// The same, from the lines of a file that mention NOLINT (FileFacts).
bool isSilencedByNoLint(const NoLintLines &Lines, unsigned Line,
                        std::string_view Check);

} // namespace retcheck

#endif
