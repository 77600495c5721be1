//===- PathFilter.cpp - Paths left out, as gitignore-style globs ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PathFilter.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

using namespace llvm;

namespace retcheck {

/// \p Pattern split at the slashes outside braces and escapes.
static SmallVector<StringRef, 8> components(StringRef Pattern) {
  SmallVector<StringRef, 8> Parts;
  unsigned Depth = 0;
  std::size_t Start = 0;
  for (std::size_t I = 0; I < Pattern.size(); ++I) {
    char C = Pattern[I];
    if (C == '\\') {
      ++I;
    } else if (C == '{') {
      ++Depth;
    } else if (C == '}' && Depth) {
      --Depth;
    } else if (C == '/' && !Depth) {
      Parts.push_back(Pattern.slice(Start, I));
      Start = I + 1;
    }
  }
  Parts.push_back(Pattern.substr(Start));
  return Parts;
}

bool PathFilter::add(StringRef Text, std::string &Error) {
  Pattern P;
  P.Text = std::make_shared<const std::string>(Text.str());
  StringRef Body = *P.Text;
  if (Body.consume_front("!"))
    P.Negated = true;
  if (Body.ends_with("/")) {
    P.DirectoryOnly = true;
    Body = Body.rtrim('/');
  }
  // A slash before the end anchors the pattern at the root; a leading one
  // does nothing else.
  bool Anchored = Body.contains('/');
  Body.consume_front("/");
  if (Body.empty()) {
    Error = "'" + Text.str() + "': an empty pattern";
    return false;
  }
  if (!Anchored)
    P.Components.emplace_back(); // matches at any depth: **/NAME
  for (StringRef Part : components(Body)) {
    if (Part.empty()) {
      Error = "'" + Text.str() + "': an empty path component";
      return false;
    }
    if (Part == "**") {
      P.Components.emplace_back();
      continue;
    }
    Expected<GlobPattern> Glob =
        GlobPattern::create(Part, /*MaxSubPatterns=*/64);
    if (!Glob) {
      Error = "'" + Text.str() + "': " + toString(Glob.takeError());
      return false;
    }
    P.Components.emplace_back(std::move(*Glob));
  }
  Patterns.push_back(std::move(P));
  return true;
}

bool PathFilter::addLines(StringRef Text, StringRef Name, std::string &Error) {
  SmallVector<StringRef, 32> Lines;
  Text.split(Lines, '\n');
  for (std::size_t I = 0; I < Lines.size(); ++I) {
    // Trailing blanks are not part of a pattern (as in gitignore, unless
    // escaped, which nobody does for a path).
    StringRef Line = Lines[I].rtrim(" \t\r");
    if (Line.empty() || Line.starts_with("#"))
      continue;
    std::string Why;
    if (!add(Line, Why)) {
      Error = Name.str() + ":" + std::to_string(I + 1) + ": " + Why;
      return false;
    }
  }
  return true;
}

bool PathFilter::matchComponents(const Pattern &P, std::size_t PI,
                                 ArrayRef<StringRef> Path) {
  if (PI == P.Components.size())
    return Path.empty();
  const std::optional<GlobPattern> &C = P.Components[PI];
  if (!C) {
    // `**`: none, one or more components.
    for (std::size_t Skip = 0; Skip <= Path.size(); ++Skip)
      if (matchComponents(P, PI + 1, Path.drop_front(Skip)))
        return true;
    return false;
  }
  return !Path.empty() && C->match(Path.front()) &&
         matchComponents(P, PI + 1, Path.drop_front());
}

bool PathFilter::matches(StringRef RelativePath) const {
  if (Patterns.empty() || RelativePath.starts_with("/"))
    return false;
  SmallVector<StringRef, 16> Path;
  RelativePath.split(Path, '/', -1, /*KeepEmpty=*/false);
  if (Path.empty())
    return false;
  bool Excluded = false;
  for (const Pattern &P : Patterns) {
    // The file itself, or a directory holding it.
    std::size_t Longest = P.DirectoryOnly ? Path.size() - 1 : Path.size();
    for (std::size_t N = 1; N <= Longest; ++N)
      if (matchComponents(P, 0, ArrayRef(Path).take_front(N))) {
        Excluded = !P.Negated;
        break;
      }
  }
  return Excluded;
}

std::string regexLookalike(StringRef Pattern) {
  for (char C : StringRef("^$|()+"))
    if (Pattern.contains(C))
      return std::string("'") + C + "'";
  if (Pattern.contains("\\."))
    return "'\\.'";
  return "";
}

} // namespace retcheck
