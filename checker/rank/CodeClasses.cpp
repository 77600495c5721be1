//===- CodeClasses.cpp - Tests, examples and tools by their paths ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CodeClasses.h"

namespace retcheck {

const std::vector<std::string> &CodeClasses::defaultPatterns() {
  // Directories at any depth, files by their test-like names, and build
  // scripts at the top.
  static const std::vector<std::string> Patterns = {
      "tests/",    "test/",   "testing/", "unittests/", "examples/",
      "example/",  "bench/",  "benchmarks/", "fuzz/",   "/scripts/",
      "/build-aux/", "test-*.c", "test_*.c", "*-test.c", "*_test.c"};
  return Patterns;
}

std::optional<CodeClasses>
CodeClasses::parse(const std::vector<std::string> &Patterns,
                   std::string &Error) {
  CodeClasses C;
  for (const std::string &Pattern : Patterns) {
    PathFilter Filter;
    if (!Filter.add(Pattern, Error))
      return std::nullopt;
    C.Texts.push_back(Pattern);
    C.Filters.push_back(std::move(Filter));
  }
  return C;
}

CodeClasses CodeClasses::defaults() {
  std::string Error;
  return *parse(defaultPatterns(), Error);
}

const std::string *CodeClasses::match(const std::string &RelativePath) const {
  for (std::size_t I = 0; I < Filters.size(); ++I)
    if (Filters[I].matches(RelativePath))
      return &Texts[I];
  return nullptr;
}

} // namespace retcheck
