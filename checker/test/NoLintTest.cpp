// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// NOLINT comments, as clang-tidy reads them.

#include "facts/NoLint.h"

#include <catch2/catch.hpp>

using namespace retcheck;

static const char *Check = "retcheck-minus-one-check";

TEST_CASE("NOLINT on the line", "[nolint]") {
  CHECK(isSilencedByNoLint("a\nx == -1; // NOLINT\n", 2, Check));
  CHECK(isSilencedByNoLint("x; // NOLINT(retcheck-minus-one-check)", 1, Check));
  CHECK(isSilencedByNoLint("x; // NOLINT(bugprone-*, retcheck-*)", 1, Check));
  CHECK_FALSE(
      isSilencedByNoLint("x; // NOLINT(retcheck-ignored-result)", 1, Check));
  CHECK_FALSE(isSilencedByNoLint("x; // NOLINT\ny;", 2, Check));
}

TEST_CASE("NOLINTNEXTLINE", "[nolint]") {
  CHECK(isSilencedByNoLint("// NOLINTNEXTLINE\nx;", 2, Check));
  CHECK(isSilencedByNoLint("// NOLINTNEXTLINE(retcheck-*)\nx;", 2, Check));
  CHECK_FALSE(isSilencedByNoLint("// NOLINTNEXTLINE\nx;\ny;", 3, Check));
  // NOLINTNEXTLINE does not silence its own line.
  CHECK_FALSE(isSilencedByNoLint("x; // NOLINTNEXTLINE", 1, Check));
}

TEST_CASE("NOLINTBEGIN / NOLINTEND", "[nolint]") {
  const char *Text = "a\n// NOLINTBEGIN(retcheck-minus-one-check)\nb\n"
                     "// NOLINTEND(retcheck-minus-one-check)\nc\n";
  CHECK_FALSE(isSilencedByNoLint(Text, 1, Check));
  CHECK(isSilencedByNoLint(Text, 3, Check));
  CHECK_FALSE(isSilencedByNoLint(Text, 5, Check));
  CHECK_FALSE(isSilencedByNoLint(Text, 3, "retcheck-ignored-result"));
}
