//===- Edits.h - Text edits and their algebra -----------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// An edit replaces bytes of a file. Edits gathered from many translation
// units are merged (an edit seen from several TUs, e.g. in a header, is
// planned once) and those that overlap a different edit are set apart as
// conflicts. Every stage can reach these: the judge drops fix-its that
// conflict, --fix and the repairs' verification apply them
// (output/FixApplier.h writes them to files). No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_EDITS_H
#define RETCHECK_SUPPORT_EDITS_H

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace retcheck {

/// Replace Length bytes at Offset of File with Text.
struct TextEdit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  /// contentDigest() of the file as the analysis read it; 0 if unknown.
  /// --fix leaves a file alone when it no longer has this digest.
  uint64_t FileDigest = 0;

  bool operator<(const TextEdit &O) const {
    return std::tie(File, Offset, Length, Text, FileDigest) <
           std::tie(O.File, O.Offset, O.Length, O.Text, O.FileDigest);
  }
  bool operator==(const TextEdit &O) const {
    return std::tie(File, Offset, Length, Text, FileDigest) ==
           std::tie(O.File, O.Offset, O.Length, O.Text, O.FileDigest);
  }
};

struct FixPlan {
  /// Per file, sorted, non-overlapping, deduplicated edits.
  std::map<std::string, std::vector<TextEdit>> Files;
  /// Edits that overlap a different edit: none of them is applied.
  std::vector<TextEdit> Conflicts;
  /// Files that translation units read with different contents (edited
  /// while retcheck ran): none of their edits is applied.
  std::vector<std::string> Inconsistent;
};

/// The digest recorded in TextEdit::FileDigest (never 0).
uint64_t contentDigest(std::string_view Bytes);

FixPlan planFixes(const std::vector<TextEdit> &Edits);

/// Applies sorted, non-overlapping edits to a text. Returns false if an
/// edit lies outside the text (the file changed since it was analysed).
bool applyEdits(const std::string &Text, const std::vector<TextEdit> &Edits,
                std::string &Out);

} // namespace retcheck

#endif
