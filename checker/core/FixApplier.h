//===- FixApplier.h - Applying fix-its to files, safely -------------------===//
//
// Edits gathered from many translation units are merged (an edit seen from
// several TUs, e.g. in a header, is applied once), conflicting edits are
// dropped and reported, and each file is rewritten through a temporary and
// a rename, so that it is either entirely old or entirely new.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_FIXAPPLIER_H
#define RETCHECK_CORE_FIXAPPLIER_H

#include "Finding.h"

#include <map>
#include <string>
#include <vector>

namespace retcheck {

struct FixPlan {
  /// Per file, sorted, non-overlapping, deduplicated edits.
  std::map<std::string, std::vector<TextEdit>> Files;
  /// Edits that overlap a different edit: none of them is applied.
  std::vector<TextEdit> Conflicts;
};

FixPlan planFixes(const std::vector<TextEdit> &Edits);

/// Applies sorted, non-overlapping edits to a text. Returns false if an
/// edit lies outside the text (the file changed since it was analysed).
bool applyEdits(const std::string &Text, const std::vector<TextEdit> &Edits,
                std::string &Out);

struct FixOutcome {
  std::vector<std::string> Written;
  std::vector<std::string> Errors; ///< one line each, file first
  unsigned EditsApplied = 0;
};

/// Writes every file of \p Plan atomically (temporary file, then rename).
FixOutcome writeFixes(const FixPlan &Plan);

} // namespace retcheck

#endif
