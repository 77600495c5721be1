//===- CodeClasses.cpp - Tests, examples and tools by their paths ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CodeClasses.h"

#include "llvm/Support/Error.h"

namespace retcheck {

const std::vector<std::string> &CodeClasses::defaultGlobs() {
  static const std::vector<std::string> Globs = {
      "**/tests/**",  "tests/**",    "**/test/**",    "test/**",
      "testing/**",   "**/unittests/**",
      "examples/**",  "**/examples/**", "example/**",
      "bench/**",     "benchmarks/**",  "**/fuzz/**",   "fuzz/**",
      "scripts/**",   "build-aux/**",
      "**/test-*.c",  "**/test_*.c",  "**/*-test.c",   "**/*_test.c",
      "test-*.c",     "test_*.c"};
  return Globs;
}

std::optional<CodeClasses>
CodeClasses::parse(const std::vector<std::string> &Globs, std::string &Error) {
  CodeClasses C;
  for (const std::string &Glob : Globs) {
    // GlobPattern's `*` already crosses `/`: `**` is the same.
    std::string Pattern;
    for (std::size_t I = 0; I < Glob.size(); ++I) {
      if (Glob.compare(I, 3, "**/") == 0 && (I == 0 || Glob[I - 1] == '/')) {
        Pattern += "{*/,}";
        I += 2;
        continue;
      }
      Pattern += Glob[I];
    }
    llvm::Expected<llvm::GlobPattern> P = llvm::GlobPattern::create(Pattern);
    if (!P) {
      Error = "'" + Glob + "': " + llvm::toString(P.takeError());
      return std::nullopt;
    }
    C.Texts.push_back(Glob);
    C.Patterns.push_back(std::move(*P));
  }
  return C;
}

CodeClasses CodeClasses::defaults() {
  std::string Error;
  return *parse(defaultGlobs(), Error);
}

const std::string *CodeClasses::match(const std::string &RelativePath) const {
  for (std::size_t I = 0; I < Patterns.size(); ++I)
    if (Patterns[I].match(RelativePath))
      return &Texts[I];
  return nullptr;
}

} // namespace retcheck
