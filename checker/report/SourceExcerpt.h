//===- SourceExcerpt.h - The source around a finding, and its fix ---------===//
//
// A report shows each finding in its source, read from disk when the report
// is made, with the fix as a before/after diff. The result records byte
// offsets; if the file has changed since the analysis, those would point at
// other text, so the excerpt then says the source changed instead of showing
// a wrong diff. No LLVM dependency.
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
  enum Kind { Context, Removed, Added };
  Kind K = Context;
  unsigned Number = 0; ///< 1-based; in the fixed text for Added lines
  std::string Text;
  bool IsFinding = false; ///< the line the finding points at
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

/// Files read once per report.
class SourceFiles {
public:
  /// The contents of \p Path, or nullptr when it cannot be read.
  const std::string *read(const std::string &Path);

private:
  std::map<std::string, std::optional<std::string>> Cache;
};

/// \p Context lines above and below the finding and its fixes, with the fixes
/// applied as removed/added lines; for a finding without fix-its, its one
/// repair note's. \p Verifiable: the finding records its
/// offset and relative path (TreeResult::Verifiable).
SourceExcerpt excerptFor(const Finding &F, bool Verifiable, SourceFiles &Files,
                         unsigned Context = 3);

} // namespace retcheck

#endif
