//===- ChangedLines.h - What a merge request changed, from git ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// --changed-since REV: the files and new-side line ranges that `git diff
// REV` reports, and the untracked files (every line of them), so that a
// merge request sees only findings whose statements it touched, in the
// translation units its change can reach (the file itself, or any header
// it includes). No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_CHANGEDLINES_H
#define RETCHECK_CORE_CHANGEDLINES_H

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace retcheck {

class ChangedLines {
public:
  /// Runs `git diff --unified=0 REV` and lists the untracked files (not
  /// ignored) in each of the work trees \p Tops (their top directories).
  static std::optional<ChangedLines>
  fromGit(const std::string &Rev, const std::vector<std::string> &Tops,
          std::string &Error);
  /// Parses unified diff text whose paths are relative to \p Root.
  static ChangedLines fromDiff(const std::string &Diff,
                               const std::string &Root);

  bool fileChanged(const std::string &AbsolutePath) const {
    return Ranges.count(AbsolutePath) != 0;
  }
  bool lineChanged(const std::string &AbsolutePath, unsigned Line) const {
    return rangeChanged(AbsolutePath, Line, Line);
  }
  /// Whether any line in [\p First, \p Last] changed.
  bool rangeChanged(const std::string &AbsolutePath, unsigned First,
                    unsigned Last) const;
  /// Marks every line of \p AbsolutePath changed (a new, untracked file).
  void addWholeFile(const std::string &AbsolutePath);

private:
  /// Absolute path -> inclusive new-side line ranges.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Ranges;
};

} // namespace retcheck

#endif
