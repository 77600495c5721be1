//===- CodeClasses.h - Tests, examples and tools by their paths -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A failure ignored in a unit test, an example or a build tool rarely
// earns a patch. Projects name such code by path convention; the globs
// are overridable (--low-rank-paths, .clang-tidy).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RANK_CODECLASSES_H
#define RETCHECK_RANK_CODECLASSES_H

#include "llvm/Support/GlobPattern.h"

#include <string>
#include <vector>

namespace retcheck {

class CodeClasses {
public:
  /// Globs relative to the source root; `**` and `*` both cross `/`.
  /// Nullopt and \p Error when one does not parse.
  static std::optional<CodeClasses> parse(const std::vector<std::string> &Globs,
                                          std::string &Error);
  /// tests, examples, benchmarks, fuzzers and build scripts, as most C
  /// projects lay them out.
  static CodeClasses defaults();
  static const std::vector<std::string> &defaultGlobs();

  /// The first glob \p RelativePath matches, or nullptr.
  const std::string *match(const std::string &RelativePath) const;
  const std::vector<std::string> &globs() const { return Texts; }

private:
  std::vector<std::string> Texts;
  std::vector<llvm::GlobPattern> Patterns;
};

} // namespace retcheck

#endif
