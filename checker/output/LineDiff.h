//===- LineDiff.h - Line diffs of a text and its edited version -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fixes and repairs are byte edits; people read them as line diffs. The
// diff is computed between the text and its edited version (Myers' shortest
// edit script), whatever the edits' spans: a repair that retypes a local at
// the top of a function and rewrites a test 50 lines below is two small
// hunks, not one block of 50 removed and 50 added lines. One diff serves the
// unified diff of --diff and the report's excerpts. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_OUTPUT_LINEDIFF_H
#define RETCHECK_OUTPUT_LINEDIFF_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace retcheck {

/// The lines of \p Text, each with its '\n' (the last one may lack it, so
/// that a line that gains or loses the final newline differs).
std::vector<std::string_view> splitLinesKeepingEnds(std::string_view Text);

/// One step of an edit script: a line kept, removed from the old text or
/// added from the new one. Old and New are 0-based line indices; for an
/// added line, Old is the old line it goes before (for a removed one, New
/// the new line it would have been before).
struct DiffStep {
  enum Kind { Same, Removed, Added } K = Same;
  std::size_t Old = 0, New = 0;
};

/// A shortest edit script from \p Old to \p New (Myers' algorithm, after the
/// common first and last lines are taken off). Texts whose middles share
/// almost nothing fall back to removing the one and adding the other.
std::vector<DiffStep> diffLines(const std::vector<std::string_view> &Old,
                                const std::vector<std::string_view> &New);

/// A range [Begin, End) of an edit script shown as one hunk.
struct DiffHunk {
  std::size_t Begin = 0, End = 0;
};

/// The hunks that show every change of \p Script and every old line of
/// \p Keep (0-based), each with \p Context lines around it; two are one
/// hunk when at most \p MergeGap lines lie between them.
std::vector<DiffHunk> hunksOf(const std::vector<DiffStep> &Script,
                              std::size_t Context, std::size_t MergeGap,
                              const std::vector<std::size_t> &Keep = {});

/// A unified diff from \p Old to \p New of the file \p Path (relative, with
/// '/'), as `diff -u` writes it with `a/` and `b/` prefixes, so that
/// `git apply` and `patch -p1` take it: "" when the texts are equal.
std::string unifiedDiff(std::string_view Old, std::string_view New,
                        const std::string &Path, std::size_t Context = 3);

} // namespace retcheck

#endif
