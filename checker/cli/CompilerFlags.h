//===- CompilerFlags.h - Compile commands adjusted for clang --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Databases come from gcc builds too. A flag that clang's driver does not
// know (gcc's -fconserve-stack) would make every TU a compile error; it is
// removed instead, and named once. --extra-arg and --extra-arg-before (and
// .clang-tidy's ExtraArgs, ExtraArgsBefore) are added as clang-tidy adds
// them.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_COMPILERFLAGS_H
#define RETCHECK_CLI_COMPILERFLAGS_H

#include "clang/Tooling/CompilationDatabase.h"

#include <set>
#include <string>
#include <vector>

namespace retcheck {

/// Inserts \p Before after the compiler and appends \p After.
void addExtraArgs(clang::tooling::CompileCommand &Command,
                  const std::vector<std::string> &Before,
                  const std::vector<std::string> &After);

/// Removes the options clang's driver does not know from \p Command (not
/// for clang-cl commands); adds their spellings to \p Dropped.
void dropUnknownFlags(clang::tooling::CompileCommand &Command,
                      std::set<std::string> &Dropped);

} // namespace retcheck

#endif
