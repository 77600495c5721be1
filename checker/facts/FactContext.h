//===- FactContext.h - What fact extraction needs of the AST --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts name places by file index and offset, not by SourceLocation, so
// that they outlive the AST. FileTable hands out those indices and records
// each file once (path, digest, NOLINT lines); FactContext bundles what the
// extraction of one call's facts needs.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FACTCONTEXT_H
#define RETCHECK_FACTS_FACTCONTEXT_H

#include "Facts.h"
#include "FunctionFlow.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class Expr;
class LangOptions;
class SourceManager;
} // namespace clang

namespace retcheck {

/// Where a range is spelled in one file: its file and byte offsets [Begin,
/// End). None when it spans files or macro arguments and bodies.
struct FileSpan {
  clang::FileID File;
  unsigned Begin = 0, End = 0;
};
std::optional<FileSpan> fileSpanOf(clang::CharSourceRange R,
                                   const clang::SourceManager &SM,
                                   const clang::LangOptions &LO);

class FileTable {
public:
  FileTable(const clang::SourceManager &SM, std::string Directory)
      : SM(SM), Directory(std::move(Directory)) {}

  /// The file position of \p Loc (its expansion, for macros).
  FactPos pos(clang::SourceLocation Loc);
  /// The range of [Begin, End) when both are spelled in one file outside
  /// macro bodies.
  std::optional<FactRange> range(clang::CharSourceRange R,
                                 const clang::LangOptions &LO);
  uint32_t indexOf(clang::FileID ID);
  /// The absolute path of \p Loc's file.
  std::string pathOf(clang::SourceLocation Loc);

  std::vector<FileFacts> take() { return std::move(Files); }
  const std::vector<FileFacts> &files() const { return Files; }

private:
  const clang::SourceManager &SM;
  std::string Directory;
  llvm::DenseMap<clang::FileID, uint32_t> Index;
  std::vector<FileFacts> Files;
};

/// The chain of types from the call's result type to \p E's type when \p E
/// carries the tracked value; nullptr when it does not.
using TrackedValue =
    llvm::function_ref<const std::vector<IntType> *(const clang::Expr *)>;

struct FactContext {
  clang::ASTContext &Ctx;
  const FunctionFlow &Flow;
  FileTable &Files;
  const clang::CallExpr *Call; ///< whose result is tracked
  const clang::Decl *Function; ///< the enclosing callable
};

/// The function a callable declaration is, across translation units.
FunctionId functionIdOf(const clang::Decl *D, FileTable &Files);

} // namespace retcheck

#endif
