//===- PathFilter.h - Paths left out, as gitignore-style globs ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One vocabulary for every path a user leaves out: `retcheck --exclude`, the
// `.retcheckignore` file at the source root and `retcheck report
// --exclude-path` all take globs on paths relative to the source root, with
// gitignore's rules (a subset):
//
//   - `*`, `?`, `[a-z]`, `{a,b}` (LLVM's GlobPattern) match within one path
//     component; `**` as a whole component matches any number of them;
//   - a pattern with a `/` before its end is anchored at the source root
//     (a leading `/` only anchors); one without matches at any depth
//     (`*.inc`, `generated`);
//   - a trailing `/` matches directories only;
//   - a pattern that matches a directory leaves out everything below it
//     (`hw/mips/`, `tests/*`);
//   - `!pattern` takes back what an earlier pattern left out; the last
//     matching pattern decides.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_PATHFILTER_H
#define RETCHECK_SUPPORT_PATHFILTER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retcheck {

class PathFilter {
public:
  /// Adds one pattern; false and a one-line \p Error when it is not one.
  bool add(llvm::StringRef Pattern, std::string &Error);
  /// Adds the patterns of a .retcheckignore-style text: one a line, blank
  /// lines and lines starting with `#` ignored. \p Name positions errors
  /// ("NAME:LINE: ...").
  bool addLines(llvm::StringRef Text, llvm::StringRef Name, std::string &Error);

  /// Whether \p RelativePath (relative to the source root, `/`-separated)
  /// is left out. An absolute path (a file outside the root) never is.
  bool matches(llvm::StringRef RelativePath) const;
  bool empty() const { return Patterns.empty(); }

private:
  struct Pattern {
    bool Negated = false, DirectoryOnly = false;
    /// The pattern's text: LLVM's GlobPattern keeps a StringRef into it
    /// (its literal prefix), so it lives as long as the components do,
    /// and copies of the filter share it.
    std::shared_ptr<const std::string> Text;
    /// One per component; nullopt for `**`.
    std::vector<std::optional<llvm::GlobPattern>> Components;
  };
  std::vector<Pattern> Patterns;

  static bool matchComponents(const Pattern &P, std::size_t PI,
                              llvm::ArrayRef<llvm::StringRef> Path);
};

/// Why \p Pattern, given to an option that took regular expressions until
/// retcheck 0.1 (`--exclude '^hw/mips/'`), reads as one rather than as a
/// glob; "" when it does not. `^ $ | ( ) +` and `\.` are regular
/// expression syntax that no path glob needs.
std::string regexLookalike(llvm::StringRef Pattern);

} // namespace retcheck

#endif
