//===- Maintainers.cpp - Sections of a QEMU/Linux MAINTAINERS file --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Maintainers.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <sstream>

namespace retcheck {

struct Maintainers::Regex {
  std::regex R;
};

namespace {

/// Whether \p Pattern ('*' any text, '?' one character, the rest literal)
/// matches a prefix of \p Path: get_maintainer.pl's m@^pattern@.
bool matchesPrefix(const char *Pattern, const char *Path) {
  for (; *Pattern; ++Pattern, ++Path) {
    if (*Pattern == '*') {
      for (const char *Rest = Path;; ++Rest) {
        if (matchesPrefix(Pattern + 1, Rest))
          return true;
        if (!*Rest)
          return false;
      }
    }
    if (!*Path || (*Pattern != '?' && *Pattern != *Path))
      return false;
  }
  return true;
}

/// get_maintainer.pl's file_match_pattern: a directory pattern (trailing
/// slash) covers everything below it; another pattern only paths with as
/// many slashes ("hw/*" covers "hw/a.c", not "hw/arm/b.c").
bool covers(const std::string &Glob, const std::string &Path) {
  if (!matchesPrefix(Glob.c_str(), Path.c_str()))
    return false;
  return Glob.back() == '/' || std::count(Glob.begin(), Glob.end(), '/') ==
                                   std::count(Path.begin(), Path.end(), '/');
}

/// "F: value" (a capital letter, a colon, at the start of the line).
std::optional<std::pair<char, std::string>> entry(const std::string &Line) {
  if (Line.size() < 2 || Line[0] < 'A' || Line[0] > 'Z' || Line[1] != ':')
    return std::nullopt;
  std::size_t Begin = Line.find_first_not_of(" \t", 2);
  std::size_t End = Line.find_last_not_of(" \t\r");
  if (Begin == std::string::npos)
    return std::make_pair(Line[0], std::string());
  return std::make_pair(Line[0], Line.substr(Begin, End + 1 - Begin));
}

/// A heading's underline ("-----", "=====").
bool isRule(const std::string &Line) {
  return Line.find_first_not_of("-= \t\r") == std::string::npos;
}

} // namespace

Maintainers Maintainers::parse(
    const std::string &Text,
    const std::function<bool(const std::string &)> &IsDirectory) {
  Maintainers M;
  std::istringstream In(Text);
  std::string Title;
  std::optional<Section> Current;
  auto Close = [&] {
    if (Current && (!Current->Files.empty() || !Current->Regexes.empty()))
      M.Sections.push_back(std::move(*Current));
    Current.reset();
  };
  for (std::string Line; std::getline(In, Line);) {
    if (Line.find_first_not_of(" \t\r") == std::string::npos ||
        Line[0] == '#') {
      // A blank line ends a section; comments are nothing.
      if (Line[0] != '#') {
        Close();
        Title.clear();
      }
      continue;
    }
    auto E = entry(Line);
    if (!E) {
      // Text before the entries: the last line of it that is not an
      // underline titles the section.
      Close();
      if (!isRule(Line))
        Title = Line.substr(0, Line.find_last_not_of(" \t\r") + 1);
      continue;
    }
    if (!Current) {
      Current.emplace();
      Current->Title = Title.empty() ? "(untitled)" : Title;
    }
    auto [Type, Value] = *E;
    if ((Type == 'F' || Type == 'X') && !Value.empty()) {
      if (Value.back() != '/' &&
          Value.find_first_of("*?") == std::string::npos && IsDirectory &&
          IsDirectory(Value))
        Value += '/';
      Pattern P{Value, int(std::count(Value.begin(), Value.end(), '/'))};
      if (Value.back() != '/')
        ++P.Depth;
      if (Value[0] == '*')
        P.Depth = -1;
      (Type == 'F' ? Current->Files : Current->Excludes).push_back(P);
    } else if (Type == 'N' && !Value.empty()) {
      // Perl's /x: blanks in the pattern are not part of it. A pattern
      // std::regex cannot read covers nothing.
      Value.erase(std::remove_if(Value.begin(), Value.end(),
                                 [](char C) { return C == ' ' || C == '\t'; }),
                  Value.end());
      try {
        Current->Regexes.push_back(
            std::make_shared<const Regex>(Regex{std::regex(Value)}));
      } catch (const std::regex_error &) {
      }
    }
  }
  Close();
  return M;
}

std::string Maintainers::sectionOf(const std::string &Path) const {
  const Section *Best = nullptr;
  int BestDepth = 0;
  for (const Section &S : Sections) {
    if (std::any_of(S.Excludes.begin(), S.Excludes.end(),
                    [&](const Pattern &P) { return covers(P.Glob, Path); }))
      continue;
    std::optional<int> Depth;
    for (const Pattern &P : S.Files)
      if (covers(P.Glob, Path))
        Depth = std::max(Depth.value_or(P.Depth), P.Depth);
    for (const auto &R : S.Regexes)
      if (std::regex_search(Path, R->R))
        Depth = std::max(Depth.value_or(0), 0);
    if (Depth && (!Best || *Depth > BestDepth)) {
      Best = &S;
      BestDepth = *Depth;
    }
  }
  return Best ? Best->Title : "";
}

} // namespace retcheck
