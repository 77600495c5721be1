//===- DocComments.cpp - What a function's comment says it returns on failure
//===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DocComments.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

#include <regex>

using namespace clang;
using llvm::StringRef;

namespace retcheck {

namespace {

/// A comment longer than this is a file's or a section's, not a function's.
constexpr std::size_t MaxCommentBytes = 4096;

/// The comment that ends right before \p Offset of \p Text, with only
/// whitespace between: a block comment, or a run of `//` lines.
StringRef commentBefore(StringRef Text, std::size_t Offset) {
  StringRef Before = Text.substr(0, Offset).rtrim();
  if (Before.ends_with("*/")) {
    std::size_t Start = Before.rfind("/*");
    if (Start == StringRef::npos)
      return {};
    return Before.substr(Start);
  }
  std::size_t End = Before.size(), Start = End;
  while (Start > 0) {
    std::size_t LineStart = Before.rfind('\n', Start - 1);
    LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
    if (!Before.substr(LineStart, Start - LineStart).ltrim().starts_with("//"))
      break;
    Start = LineStart == 0 ? 0 : LineStart - 1;
    if (LineStart == 0)
      break;
  }
  return Start < End ? Before.substr(Start, End - Start).ltrim() : StringRef();
}

/// The comment text as one lower-case line, without comment markers.
std::string normalised(StringRef Comment) {
  std::string Out;
  bool Space = false;
  for (char C : Comment) {
    if (C == '*' || C == '/' || isspace(static_cast<unsigned char>(C))) {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += llvm::toLower(C);
  }
  return Out;
}

} // namespace

DocFailure failureStatedIn(const std::string &Comment,
                           const ValueKind &Result) {
  // "-1 if error", "null on failure", "negative errno code on error", "false
  // if the page is invalid"; "on error, returns -1", "on failure: null".
  static const std::string Value =
      "(-1|-errno|-e[a-z]+|negative(?: (?:errno|error|value|number|integer))?"
      "(?: (?:code|value|number))?|< ?0|null|false|non-?zero(?: value)?)";
  static const std::string Condition = "(?:on|if|upon|when|in case of)";
  static const std::string Failure =
      "(?:errors?|fail(?:s|ed|ure|ures)?|invalid|unsuccessful)\\b";
  static const std::regex ValueFirst("(?:^|[^a-z0-9_])" + Value +
                                     " (?:is returned )?" + Condition +
                                     " (?:[a-z_()'\"-]+ ){0,5}?" + Failure);
  static const std::regex FailureFirst(Condition + " (?:an? )?" + Failure +
                                       "[,:]? (?:it )?(?:returns? |is )?" +
                                       Value + "(?:[^a-z0-9_]|$)");
  std::smatch Match;
  if (!std::regex_search(Comment, Match, ValueFirst) &&
      !std::regex_search(Comment, Match, FailureFirst))
    return {};
  std::string Said = Match[1].str();
  IntType T = Result.Int;
  DocFailure Out;
  Out.Phrase = Match[0].str();
  StringRef Phrase = StringRef(Out.Phrase).trim(" ,:;.(");
  Out.Phrase = Phrase.str();
  bool Negative = Said == "-errno" || Said.rfind("negative", 0) == 0 ||
                  Said.rfind("<", 0) == 0 ||
                  (Said.size() > 2 && Said.rfind("-e", 0) == 0);
  switch (Result.K) {
  case ValueKind::Pointer:
    if (Said == "null")
      Out.Errors = ValueSet::point(0);
    break;
  case ValueKind::Bool:
    if (Said == "false")
      Out.Errors = ValueSet::point(0);
    break;
  case ValueKind::Integer:
    if (Said == "-1")
      Out.Errors = ValueSet::point(T.wrap(-1));
    else if (Negative && T.Signed)
      Out.Errors = ValueSet::range(T.min(), -1);
    else if (Said.find("zero") != std::string::npos)
      Out.Errors = ValueSet::point(0).complement(T);
    else if (Said == "false")
      Out.Errors = ValueSet::point(0);
    break;
  case ValueKind::Other:
    break;
  }
  if (Out.Errors.empty())
    Out.Phrase.clear();
  return Out;
}

DocFailure docFailureOf(const FunctionDecl *FD, const SourceManager &SM,
                        const ValueKind &Result) {
  for (const FunctionDecl *D : FD->redecls()) {
    SourceLocation Begin = SM.getExpansionLoc(D->getBeginLoc());
    if (Begin.isInvalid())
      continue;
    auto [File, Offset] = SM.getDecomposedLoc(Begin);
    bool Invalid = false;
    StringRef Text = SM.getBufferData(File, &Invalid);
    if (Invalid)
      continue;
    StringRef Comment = commentBefore(Text, Offset);
    if (Comment.empty() || Comment.size() > MaxCommentBytes)
      continue;
    DocFailure Said = failureStatedIn(normalised(Comment), Result);
    if (!Said.Errors.empty())
      return Said;
  }
  return {};
}

} // namespace retcheck
