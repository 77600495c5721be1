//===- StatementSpanTest.cpp - The statement around a place ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "run/StatementSpan.h"

#include <catch2/catch.hpp>

#include <string>

using namespace retcheck;

namespace {

/// The lines of the statement around the first occurrence of \p Needle.
std::pair<unsigned, unsigned> around(const std::string &Text,
                                     const std::string &Needle) {
  return statementLines(Text, Text.find(Needle));
}

const std::string Source = R"(int f(const char *p)
{
    int size = load(p,
                    0, 4096);
    if (size ==
        -1)
        return 1;
    /* ; { } in a comment */ x = g(";{", 2); // ;
    for (i = h();
         i < 0; i++) {
        k();
    }
    if (a) {
    } else if (b(p) == -1)
        y();
#define M(x) (x;
    while (m(p) == -1)
        ;
    return q(p) == -1 ||
           r;
}
)";

} // namespace

TEST_CASE("a statement spans its lines", "[statement]") {
  CHECK(around(Source, "load") == std::make_pair(3u, 4u));
  CHECK(around(Source, "4096") == std::make_pair(3u, 4u));
  CHECK(around(Source, "return q") == std::make_pair(19u, 20u));
}

TEST_CASE("an if, while or for head is its own statement", "[statement]") {
  CHECK(around(Source, "==\n        -1") == std::make_pair(5u, 6u));
  CHECK(around(Source, "return 1") == std::make_pair(7u, 7u));
  CHECK(around(Source, "h()") == std::make_pair(9u, 10u));
  CHECK(around(Source, "i < 0") == std::make_pair(9u, 10u));
  CHECK(around(Source, "k()") == std::make_pair(11u, 11u));
  CHECK(around(Source, "b(p)") == std::make_pair(14u, 14u));
  CHECK(around(Source, "y()") == std::make_pair(15u, 15u));
  CHECK(around(Source, "m(p)") == std::make_pair(17u, 17u));
}

TEST_CASE("comments, strings and directives do not end statements",
          "[statement]") {
  CHECK(around(Source, "g(") == std::make_pair(8u, 8u));
  CHECK(around(Source, "x = g") == std::make_pair(8u, 8u));
}

TEST_CASE("offsets of lines and columns", "[statement]") {
  std::string Text = "ab\ncd\n";
  CHECK(offsetOf(Text, 1, 1) == 0);
  CHECK(offsetOf(Text, 2, 2) == 4);
  CHECK(offsetOf(Text, 9, 1) == Text.size());
  CHECK(statementLines(Text, 99) == std::make_pair(0u, 0u));
}
