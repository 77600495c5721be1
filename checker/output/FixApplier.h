//===- FixApplier.h - Applying fix-its to files, safely -------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Edits gathered from many translation units are planned (support/Edits.h:
// an edit seen from several TUs, e.g. in a header, is applied once,
// conflicting edits are dropped and reported), and each file is rewritten
// through a temporary and a rename, so that it is either entirely old or
// entirely new. A file that is not byte for byte what the analysis read, or
// that is read-only, is left alone and reported.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_FIXAPPLIER_H
#define RETCHECK_CORE_FIXAPPLIER_H

#include "judge/Finding.h"
#include "support/Edits.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace retcheck {

/// The fix-its --fix applies for \p F: its own; with \p FromNotes, where
/// it has none, those of its one note that has some (clang-tidy's
/// --fix-notes). Nullptr when there are none to apply.
const std::vector<TextEdit> *chooseFixes(const Finding &F, bool FromNotes);

struct FixOutcome {
  std::vector<std::string> Written;
  std::vector<std::string> Errors; ///< one line each, file first
  unsigned EditsApplied = 0;
};

/// Writes every file of \p Plan atomically: a temporary next to the file
/// (through symbolic links) with the file's permissions, synced, then
/// renamed over it. Files that changed since they were analysed, read-only
/// files and files that cannot be written are reported in Errors instead.
FixOutcome writeFixes(const FixPlan &Plan);

/// What writeFixes would write, as one unified diff in \p Diff (paths
/// relative to \p Root, for `git apply` and `patch -p1`); nothing is
/// written. Written names the files in the diff; the files writeFixes would
/// leave alone, and those outside \p Root, are reported in Errors.
FixOutcome diffFixes(const FixPlan &Plan, const std::string &Root,
                     std::string &Diff);

} // namespace retcheck

#endif
