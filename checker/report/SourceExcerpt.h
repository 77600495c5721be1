//===- SourceExcerpt.h - The source around a finding, and its fix ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A report shows each finding in its source, read from disk when the report
// is made: the call and the finding's line (its test, for a check of one),
// with the fix as a line diff, in hunks as small as the change. The result
// records byte offsets; if the file has changed since the analysis, those
// would point at other text, so the excerpt then says the source changed
// instead of showing a wrong diff. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_SOURCEEXCERPT_H
#define RETCHECK_REPORT_SOURCEEXCERPT_H

#include "judge/Finding.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retcheck {

struct ExcerptLine {
  /// Gap: lines left out between the call's and the finding's.
  enum Kind { Context, Removed, Added, Gap };
  Kind K = Context;
  unsigned Number = 0; ///< 1-based; in the fixed text for Added lines
  std::string Text;
  bool IsFinding = false; ///< the line the finding points at
  bool IsCall = false;    ///< the line of the call's name
};

struct SourceExcerpt {
  enum class State {
    Ok,         ///< the file reads as when analysed
    Unverified, ///< shown, but the result records no offsets to check
    Changed,    ///< the file differs from the analysed text: nothing shown
    Missing,    ///< the file cannot be read
  };
  State St = State::Missing;
  std::string Note; ///< why the state is not Ok
  std::vector<ExcerptLine> Lines;
  bool HasFix = false;
  bool IsRepair = false; ///< the diff is a note's repair, not a fix-it
};

/// A file's text and where its lines start.
struct SourceText {
  std::string Text;
  /// Byte offsets at which each line starts (1-based line N at index N-1),
  /// with one past the end appended.
  std::vector<std::size_t> Starts;

  unsigned lines() const { return Starts.size() - 1; }
  /// 1-based line \p N without its line break.
  std::string line(unsigned N) const;
};

/// Files read once per report.
class SourceFiles {
public:
  /// The contents of \p Path, or nullptr when it cannot be read.
  const SourceText *read(const std::string &Path);

private:
  std::map<std::string, std::optional<SourceText>> Cache;
};

/// The finding's line, its call's line and the lines its fixes change (for
/// a finding without fix-its, its one repair note's), as a line diff of the
/// file and the file fixed (output/LineDiff.h): each with \p Context lines
/// around it, in one hunk when at most \p Context lines lie between them,
/// else in hunks with a Gap line between. \p Verifiable: the finding records
/// its offset and relative path (TreeResult::Verifiable).
SourceExcerpt excerptFor(const Finding &F, bool Verifiable, SourceFiles &Files,
                         unsigned Context = 3);

/// The text of \p F's call line, blanks collapsed (collapseBlanks), when the
/// file still reads as analysed; "" when that cannot be told.
std::string callLineText(const Finding &F, bool Verifiable, SourceFiles &Files);

} // namespace retcheck

#endif
