//===- NoLint.cpp - clang-tidy's NOLINT comments, for the CLI -------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NoLint.h"

#include <vector>

namespace retcheck {

namespace {

bool globMatches(std::string_view Glob, std::string_view Name) {
  if (Glob.empty())
    return Name.empty();
  if (Glob[0] == '*') {
    for (std::size_t I = 0; I <= Name.size(); ++I)
      if (globMatches(Glob.substr(1), Name.substr(I)))
        return true;
    return false;
  }
  return !Name.empty() && Glob[0] == Name[0] &&
         globMatches(Glob.substr(1), Name.substr(1));
}

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t'))
    S.remove_suffix(1);
  return S;
}

/// Does the directive at \p After (just past its keyword) cover \p Check?
/// Without a list, a directive covers every check.
bool covers(std::string_view After, std::string_view Check) {
  if (After.empty() || After[0] != '(')
    return true;
  std::size_t Close = After.find(')');
  if (Close == std::string_view::npos)
    return false; // malformed: clang-tidy ignores it too
  std::string_view List = After.substr(1, Close - 1);
  while (!List.empty()) {
    std::size_t Comma = List.find(',');
    std::string_view Item = trim(List.substr(0, Comma));
    if (globMatches(Item, Check))
      return true;
    if (Comma == std::string_view::npos)
      break;
    List.remove_prefix(Comma + 1);
  }
  return false;
}

/// Finds directive \p Keyword in \p Line, not as part of a longer keyword;
/// returns what follows it, or nullopt-like npos.
std::size_t findDirective(std::string_view Line, std::string_view Keyword) {
  for (std::size_t Pos = Line.find(Keyword); Pos != std::string_view::npos;
       Pos = Line.find(Keyword, Pos + 1)) {
    std::size_t End = Pos + Keyword.size();
    bool Longer = End < Line.size() && Line[End] >= 'A' && Line[End] <= 'Z';
    if (!Longer)
      return End;
  }
  return std::string_view::npos;
}

} // namespace

bool isSilencedByNoLint(std::string_view Text, unsigned Line,
                        std::string_view Check) {
  NoLintLines Lines;
  uint32_t Number = 1;
  for (std::size_t Start = 0; Start <= Text.size() && Number <= Line;
       ++Number) {
    std::size_t End = Text.find('\n', Start);
    if (End == std::string_view::npos)
      End = Text.size();
    std::string_view L = Text.substr(Start, End - Start);
    if (L.find("NOLINT") != std::string_view::npos)
      Lines.Lines.push_back({Number, std::string(L)});
    Start = End + 1;
  }
  return isSilencedByNoLint(Lines, Line, Check);
}

bool isSilencedByNoLint(const NoLintLines &Lines, unsigned Line,
                        std::string_view Check) {
  if (Line == 0)
    return false;
  auto Silences = [&](std::string_view L, std::string_view Keyword) {
    std::size_t After = findDirective(L, Keyword);
    return After != std::string_view::npos && covers(L.substr(After), Check);
  };
  // NOLINTBEGIN/END regions that cover the check and are open at Line.
  int Open = 0;
  for (const auto &[Number, Text] : Lines.Lines) {
    if (Number > Line)
      break;
    if (Number == Line && Silences(Text, "NOLINT"))
      return true;
    if (Number + 1 == Line && Silences(Text, "NOLINTNEXTLINE"))
      return true;
    if (Silences(Text, "NOLINTBEGIN"))
      ++Open;
    if (Number < Line && Silences(Text, "NOLINTEND") && Open > 0)
      --Open;
  }
  return Open > 0;
}

} // namespace retcheck
