//===- FactContext.cpp - What fact extraction needs of the AST ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactContext.h"

#include "support/Edits.h"
#include "support/Paths.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace retcheck {

uint32_t FileTable::indexOf(FileID ID) {
  auto [It, Inserted] = Index.try_emplace(ID, Files.size());
  if (!Inserted)
    return It->second;
  FileFacts F;
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(ID);
  F.Path = absolutePath(Entry ? Entry->getName() : "<unknown>", Directory);
  llvm::StringRef Text = SM.getBufferData(ID);
  // --fix compares it with the file on disk.
  F.Digest = contentDigest(Text);
  // The lines that mention NOLINT, for the checks' own suppressions.
  for (std::size_t Pos = Text.find("NOLINT"); Pos != llvm::StringRef::npos;
       Pos = Text.find("NOLINT", Pos + 1)) {
    std::size_t Begin = Text.rfind('\n', Pos);
    Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
    std::size_t End = Text.find('\n', Pos);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    uint32_t Line = 1 + Text.take_front(Begin).count('\n');
    if (F.NoLint.Lines.empty() || F.NoLint.Lines.back().first != Line)
      F.NoLint.Lines.push_back({Line, Text.slice(Begin, End).str()});
    Pos = End;
  }
  Files.push_back(std::move(F));
  return It->second;
}

FactPos FileTable::pos(SourceLocation Loc) {
  FactPos P;
  Loc = SM.getFileLoc(Loc);
  if (Loc.isInvalid())
    return P;
  auto [ID, Offset] = SM.getDecomposedLoc(Loc);
  P.File = indexOf(ID);
  P.Offset = Offset;
  P.Line = SM.getSpellingLineNumber(Loc);
  P.Column = SM.getSpellingColumnNumber(Loc);
  return P;
}

std::optional<FileSpan> fileSpanOf(CharSourceRange R, const SourceManager &SM,
                                   const LangOptions &LO) {
  CharSourceRange File = Lexer::makeFileCharRange(R, SM, LO);
  if (File.isInvalid())
    return std::nullopt;
  auto [BeginID, Begin] = SM.getDecomposedLoc(File.getBegin());
  auto [EndID, End] = SM.getDecomposedLoc(File.getEnd());
  if (BeginID != EndID || End < Begin)
    return std::nullopt;
  return FileSpan{BeginID, Begin, End};
}

std::optional<FactRange> FileTable::range(CharSourceRange R,
                                          const LangOptions &LO) {
  std::optional<FileSpan> S = fileSpanOf(R, SM, LO);
  if (!S)
    return std::nullopt;
  return FactRange{indexOf(S->File), S->Begin, S->End - S->Begin};
}

std::string FileTable::pathOf(SourceLocation Loc) {
  Loc = SM.getFileLoc(Loc);
  return Files[indexOf(SM.getFileID(Loc))].Path;
}

FunctionId functionIdOf(const Decl *D, FileTable &Files) {
  FunctionId Id;
  const auto *ND = dyn_cast_or_null<NamedDecl>(D);
  if (!ND)
    return Id;
  Id.Name = ND->getQualifiedNameAsString();
  if (const auto *FD = dyn_cast<FunctionDecl>(ND)) {
    // Linkage needs a complete type; a static function is one per file:
    // the file of its first declaration.
    if (!FD->isExternallyVisible() && !FD->isInStdNamespace())
      Id.File = Files.pathOf(FD->getFirstDecl()->getLocation());
  }
  return Id;
}

} // namespace retcheck
