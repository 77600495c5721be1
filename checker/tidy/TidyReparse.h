//===- TidyReparse.h - Parsing a TU again from inside clang-tidy ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// clang-tidy gives its checks the AST, not the compile command. To verify a
// repair, the module parses the translation unit again with the options
// clang-tidy's own parse used (language, target, include paths, macros),
// which its preprocessor still holds, and the repaired files in memory.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_TIDY_TIDYREPARSE_H
#define RETCHECK_TIDY_TIDYREPARSE_H

#include "run/RepairVerifier.h"

#include "llvm/ADT/IntrusiveRefCntPtr.h"

#include <memory>

namespace clang {
class CompilerInvocation;
class Preprocessor;
} // namespace clang

namespace llvm::vfs {
class FileSystem;
}

namespace retcheck {

/// What a parse needs to be run again: its options and its files.
struct TidyParse {
  std::shared_ptr<clang::CompilerInvocation> Invocation;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Files;
};

/// The parse that \p PP preprocesses, whose main file is \p MainFile.
TidyParse parseOf(const clang::Preprocessor &PP, const std::string &MainFile);

/// Parses \p Parse's translation unit again, warnings on, with \p Files
/// replaced in memory.
ParseOutcome reparse(const TidyParse &Parse, const FactScope &Scope,
                     const Overlay &Files);

} // namespace retcheck

#endif
