//===- CodeClasses.h - Tests, examples and tools by their paths -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A failure ignored in a unit test, an example or a build tool rarely
// earns a patch. Projects name such code by path convention; the patterns
// are the excluded paths' (support/PathFilter.h, gitignore-style, relative
// to the source root) and can be replaced (--low-rank-paths).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RANK_CODECLASSES_H
#define RETCHECK_RANK_CODECLASSES_H

#include "support/PathFilter.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

class CodeClasses {
public:
  /// Nullopt and a one-line \p Error when a pattern does not parse.
  static std::optional<CodeClasses>
  parse(const std::vector<std::string> &Patterns, std::string &Error);
  /// Tests, examples, benchmarks, fuzzers and build scripts, as most C
  /// projects lay them out.
  static const std::vector<std::string> &defaultPatterns();
  static CodeClasses defaults();

  /// The first pattern \p RelativePath matches, or nullptr.
  const std::string *match(const std::string &RelativePath) const;
  const std::vector<std::string> &patterns() const { return Texts; }

private:
  std::vector<std::string> Texts;
  /// One filter per pattern, to say which one matched.
  std::vector<PathFilter> Filters;
};

} // namespace retcheck

#endif
