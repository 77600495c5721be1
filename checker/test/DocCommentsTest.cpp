// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// What a function's comment says it returns on failure (facts/DocComments).

#include "facts/DocComments.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

const ValueKind IntResult{ValueKind::Integer, {32, true}};
const ValueKind Size{ValueKind::Integer, {64, false}};
const ValueKind Pointer{ValueKind::Pointer, {64, false}};
const ValueKind Bool{ValueKind::Bool, {1, false}};

ValueSet negative() { return ValueSet::range(IntType{32, true}.min(), -1); }

} // namespace

TEST_CASE("a value, then when it is returned", "[doc]") {
  DocFailure Said = failureStatedIn("return size or -1 if error", IntResult);
  CHECK(Said.Errors == ValueSet::point(-1));
  CHECK(Said.Phrase == "-1 if error");
  CHECK(failureStatedIn("returns: 0 on success, negative errno code on "
                        "failure",
                        IntResult)
            .Errors == negative());
  CHECK(failureStatedIn("returns -einval if the name is invalid", IntResult).Errors ==
        negative());
  CHECK(failureStatedIn("returns the new object, or null on error", Pointer)
            .Errors == ValueSet::point(0));
  CHECK(
      failureStatedIn("if @nofault, return false if the page is invalid", Bool)
          .Errors == ValueSet::point(0));
  CHECK(failureStatedIn("returns nonzero if any step failed", IntResult).Errors ==
        ValueSet::point(0).complement(IntType{32, true}));
}

TEST_CASE("the failure, then the value", "[doc]") {
  CHECK(failureStatedIn("on failure, returns null and sets errp", Pointer)
            .Errors == ValueSet::point(0));
  CHECK(failureStatedIn("on error: -1", IntResult).Errors == ValueSet::point(-1));
}

TEST_CASE("no failure said, or a value the type cannot hold", "[doc]") {
  // Answers and lookups are not failures.
  CHECK(failureStatedIn("returns -1 if the irq was not active", IntResult)
            .Errors.empty());
  CHECK(failureStatedIn("returns null if not found", Pointer).Errors.empty());
  CHECK(
      failureStatedIn("returns the number of bytes read", IntResult).Errors.empty());
  // A pointer function's "-1", an unsigned "negative", an int's "null".
  CHECK(failureStatedIn("returns -1 on error", Pointer).Errors.empty());
  CHECK(failureStatedIn("returns a negative value on error", Size)
            .Errors.empty());
  CHECK(failureStatedIn("null on failure", IntResult).Errors.empty());
  CHECK(failureStatedIn("null on failure", IntResult).Phrase.empty());
  // A word that only contains the value.
  CHECK(failureStatedIn("uses prefix-1 if errors are pending", IntResult)
            .Errors.empty());
}
