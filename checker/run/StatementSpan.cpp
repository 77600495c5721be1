//===- StatementSpan.cpp - The statement around a place in a source -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "StatementSpan.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <vector>

using namespace clang;

namespace retcheck {

namespace {

struct Tok {
  tok::TokenKind Kind;
  unsigned Offset, End;
  unsigned Depth; ///< parentheses open before it
  llvm::StringRef Word;
};

/// The tokens of \p Text (null-terminated, as clang's lexer wants it)
/// outside preprocessor directives, with their parenthesis depth (never
/// below 0: #if branches may not balance).
std::vector<Tok> tokens(llvm::StringRef Text) {
  LangOptions Lang;
  Lang.CPlusPlus = true;
  Lang.GNUMode = true;
  Lexer L(SourceLocation(), Lang, Text.begin(), Text.begin(), Text.end());
  std::vector<Tok> Out;
  Token T;
  unsigned Depth = 0;
  bool InDirective = false;
  while (!L.LexFromRawLexer(T) && T.isNot(tok::eof)) {
    if (T.isAtStartOfLine())
      InDirective = T.is(tok::hash);
    if (InDirective)
      continue;
    unsigned End = L.getBufferLocation() - Text.begin();
    if (T.is(tok::r_paren) && Depth > 0)
      --Depth;
    Out.push_back(
        {T.getKind(), End - T.getLength(), End, Depth,
         T.is(tok::raw_identifier) ? T.getRawIdentifier() : llvm::StringRef()});
    if (T.is(tok::l_paren))
      ++Depth;
  }
  return Out;
}

bool ends(const Tok &T) { return T.Depth == 0 && T.Kind == tok::semi; }
bool separates(const Tok &T) {
  return T.Depth == 0 && (T.Kind == tok::semi || T.Kind == tok::l_brace ||
                          T.Kind == tok::r_brace);
}

unsigned lineOf(llvm::StringRef Text, unsigned Offset) {
  return 1 + std::count(Text.begin(), Text.begin() + Offset, '\n');
}

} // namespace

unsigned offsetOf(llvm::StringRef Text, unsigned Line, unsigned Column) {
  std::size_t Pos = 0;
  for (unsigned L = 1; L < Line; ++L) {
    Pos = Text.find('\n', Pos);
    if (Pos == llvm::StringRef::npos)
      return Text.size();
    ++Pos;
  }
  return std::min<std::size_t>(Pos + (Column ? Column - 1 : 0), Text.size());
}

std::pair<unsigned, unsigned> statementLines(llvm::StringRef Text,
                                             unsigned Offset) {
  if (Offset >= Text.size())
    return {0, 0};
  std::vector<Tok> Toks = tokens(Text);
  // The token at Offset, or the first after it.
  std::size_t At =
      std::lower_bound(Toks.begin(), Toks.end(), Offset,
                       [](const Tok &T, unsigned O) { return T.End <= O; }) -
      Toks.begin();
  if (At == Toks.size())
    return {lineOf(Text, Offset), lineOf(Text, Offset)};
  std::size_t First = At;
  while (First > 0 && !separates(Toks[First - 1]))
    --First;
  // `else if (...)`, `if (...)`, ...: the head alone when At is in it; the
  // statement after the head otherwise.
  std::size_t Head = First;
  if (Head < At && Toks[Head].Word == "else")
    ++Head;
  if (Head + 1 < Toks.size() &&
      llvm::is_contained({"if", "while", "for", "switch"}, Toks[Head].Word) &&
      Toks[Head + 1].Kind == tok::l_paren) {
    std::size_t Close = Head + 2;
    while (Close < Toks.size() && !(Toks[Close].Kind == tok::r_paren &&
                                    Toks[Close].Depth == Toks[Head + 1].Depth))
      ++Close;
    if (At <= Close || Close == Toks.size())
      return {lineOf(Text, Toks[First].Offset),
              lineOf(Text, Toks[std::min(Close, Toks.size() - 1)].Offset)};
    First = Close + 1;
  }
  std::size_t Last = At;
  while (Last + 1 < Toks.size() && !ends(Toks[Last]) &&
         !(Toks[Last + 1].Depth == 0 && Toks[Last + 1].Kind == tok::l_brace))
    ++Last;
  return {lineOf(Text, Toks[First].Offset), lineOf(Text, Toks[Last].Offset)};
}

} // namespace retcheck
