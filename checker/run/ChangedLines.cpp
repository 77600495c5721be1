//===- ChangedLines.cpp - What a merge request changed, from git ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ChangedLines.h"
#include "support/GitWorkTree.h"

#include <limits>
#include <sstream>

namespace retcheck {

/// Why `git diff REV` failed in \p Top, in words that say what to do: CI
/// images often lack git, and shallow clones the base commit.
static std::string whyNoDiff(const std::string &Rev, const std::string &Top,
                             const std::string &Why) {
  if (Why == GitMissing)
    return Why + "; it is needed to find what changed";
  std::string Unreadable;
  if (!runGit(Top, "rev-parse --git-dir", &Unreadable)) {
    if (Unreadable.rfind("fatal: ", 0) == 0)
      Unreadable.erase(0, 7);
    // A checkout owned by another user, as in GitHub's container jobs.
    if (Unreadable.find("dubious ownership") != std::string::npos)
      Unreadable += " (git config --global --add safe.directory " + Top + ")";
    return "git cannot read the repository at " + Top + ": " + Unreadable;
  }
  if (runGit(Top,
             "rev-parse --verify --quiet " + shellQuote(Rev + "^{commit}")))
    return "git diff " + Rev + " failed in " + Top + ": " + Why;
  std::string Message = "unknown revision '" + Rev + "' in " + Top;
  std::optional<std::string> Shallow =
      runGit(Top, "rev-parse --is-shallow-repository");
  if (Shallow && Shallow->rfind("true", 0) == 0)
    Message +=
        " (a shallow clone: fetch it, git fetch --depth=1 origin " + Rev + ")";
  return Message;
}

std::optional<ChangedLines>
ChangedLines::fromGit(const std::string &Rev,
                      const std::vector<std::string> &Tops,
                      std::string &Error) {
  if (Tops.empty()) {
    Error = "no analysed file is inside a git work tree";
    return std::nullopt;
  }
  ChangedLines Result;
  for (const std::string &Top : Tops) {
    std::string Why;
    std::optional<std::string> Diff =
        runGit(Top,
               "-c core.quotePath=false diff --unified=0 --no-color "
               "--no-ext-diff --no-renames " +
                   shellQuote(Rev) + " --",
               &Why);
    if (!Diff) {
      Error = whyNoDiff(Rev, Top, Why);
      return std::nullopt;
    }
    ChangedLines Part = fromDiff(*Diff, Top);
    for (auto &[File, Ranges] : Part.Ranges) {
      auto &Into = Result.Ranges[File];
      Into.insert(Into.end(), Ranges.begin(), Ranges.end());
    }
    // New files that are not yet added are part of the change too.
    std::optional<std::string> Untracked =
        runGit(Top, "ls-files -z --others --exclude-standard");
    if (!Untracked) {
      Error = "git ls-files failed in " + Top;
      return std::nullopt;
    }
    for (std::size_t Pos = 0; Pos < Untracked->size();) {
      std::size_t End = Untracked->find('\0', Pos);
      if (End == std::string::npos)
        End = Untracked->size();
      if (End > Pos)
        Result.addWholeFile(Top + "/" + Untracked->substr(Pos, End - Pos));
      Pos = End + 1;
    }
  }
  return Result;
}

void ChangedLines::addWholeFile(const std::string &AbsolutePath) {
  Ranges[AbsolutePath] = {{1, std::numeric_limits<unsigned>::max()}};
}

ChangedLines ChangedLines::fromDiff(const std::string &Diff,
                                    const std::string &Root) {
  ChangedLines Result;
  std::istringstream In(Diff);
  std::string Line, File;
  while (std::getline(In, Line)) {
    if (Line.rfind("+++ ", 0) == 0) {
      std::string Path = Line.substr(4);
      File = Path == "/dev/null"        ? ""
             : Path.rfind("b/", 0) == 0 ? Root + "/" + Path.substr(2)
                                        : Root + "/" + Path;
      if (!File.empty())
        Result.Ranges[File];
      continue;
    }
    if (Line.rfind("@@ ", 0) != 0 || File.empty())
      continue;
    // @@ -a[,b] +c[,d] @@: d lines from c on the new side (d may be 0).
    std::size_t Plus = Line.find(" +");
    if (Plus == std::string::npos)
      continue;
    unsigned Start = 0, Count = 1;
    std::istringstream Hunk(Line.substr(Plus + 2));
    Hunk >> Start;
    if (Hunk.peek() == ',') {
      Hunk.get();
      Hunk >> Count;
    }
    // A pure deletion touches the line after it, where the code joined.
    unsigned Last = Count == 0 ? Start + 1 : Start + Count - 1;
    Result.Ranges[File].push_back({Start, Last});
  }
  return Result;
}

bool ChangedLines::rangeChanged(const std::string &AbsolutePath, unsigned First,
                                unsigned Last) const {
  auto It = Ranges.find(AbsolutePath);
  if (It == Ranges.end())
    return false;
  for (const auto &[From, To] : It->second)
    if (From <= Last && First <= To)
      return true;
  return false;
}

} // namespace retcheck
