//===- SourceFacts.h - What a parsed TU tells besides its facts -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Which of the rule functions a translation unit declares: a rule that no
// analysed TU declares is named in a warning (the QEMU pack on another
// tree finds nothing, and says so).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_SOURCEFACTS_H
#define RETCHECK_RUN_SOURCEFACTS_H

#include "clang/AST/ASTContext.h"

#include <string>
#include <vector>

namespace retcheck {

/// The functions of \p Names (qualified, as rules spell them) that \p Ctx's
/// translation unit declares.
std::vector<std::string>
declaredFunctions(clang::ASTContext &Ctx,
                  const std::vector<std::string> &Names);

} // namespace retcheck

#endif
