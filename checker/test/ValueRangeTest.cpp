// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The range reasoning: conversions, comparisons and the completeness of
// tests, independent of any AST.

#include "contracts/ValueRange.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

const IntType I32{32, true}, I64{64, true}, U32{32, false}, U64{64, false},
    U8{8, false};

ValueSet negatives(IntType T) { return ValueSet::range(T.min(), -1); }

BranchSplit cmp(IntType Tracked, std::vector<IntType> Chain, CompareOp Op,
                ValueSet Other) {
  Chain.insert(Chain.begin(), Tracked);
  return splitByComparison(negatives(Tracked), Chain, Op, Other);
}

} // namespace

TEST_CASE("types wrap like two's complement", "[range]") {
  CHECK(I32.min() == -2147483648LL);
  CHECK(U32.max() == 4294967295LL);
  CHECK(U64.wrap(-1) == (Int(1) << 64) - 1);
  CHECK(I32.wrap(Int(4294967295LL)) == -1);
  CHECK(U8.wrap(256 + 7) == 7);
}

TEST_CASE("set operations", "[range]") {
  ValueSet A = ValueSet::range(0, 10).unite(ValueSet::range(20, 30));
  CHECK(A.str() == "{[0, 10], [20, 30]}");
  CHECK(A.unite(ValueSet::range(11, 19)).str() == "{[0, 30]}");
  CHECK(A.intersect(ValueSet::range(5, 25)).str() == "{[5, 10], [20, 25]}");
  CHECK(ValueSet::point(-1).complement(I32).str() ==
        "{[-2147483648, -2], [0, 2147483647]}");
  CHECK(A.containsAll(ValueSet::range(21, 29)));
  CHECK_FALSE(A.containsAll(ValueSet::range(9, 21)));
}

TEST_CASE("conversion of negatives to unsigned moves them to the top",
          "[range]") {
  ValueSet N = negatives(I32);
  CHECK(N.convert(I32, U32).str() == "{[2147483648, 4294967295]}");
  CHECK(N.convert(I32, I64) == N);
  // Wider than the target: every value of the target is reached.
  CHECK(negatives(I64).convert(I64, U8) == ValueSet::all(U8));
}

TEST_CASE("complete tests of the negative convention", "[range]") {
  ValueSet E = negatives(I64);
  auto Complete = [&](CompareOp Op, Int C) {
    return cmp(I64, {}, Op, ValueSet::point(C)).isComplete(E);
  };
  CHECK(Complete(CompareOp::LT, 0));
  CHECK(Complete(CompareOp::LE, 0));
  CHECK(Complete(CompareOp::LT, 8)); // `< 8`: a too-small result is an error
  CHECK(Complete(CompareOp::GE, 0));
  CHECK(Complete(CompareOp::GT, 0));
  CHECK(Complete(CompareOp::NE, 0));
  CHECK(Complete(CompareOp::EQ, 0));
  CHECK_FALSE(Complete(CompareOp::EQ, -1));
  CHECK_FALSE(Complete(CompareOp::NE, -1));
  CHECK_FALSE(Complete(CompareOp::LT, -1));
  CHECK(splitByTruth(E, {I64}).isComplete(E));
}

TEST_CASE("`== -1` catches exactly -1", "[range]") {
  BranchSplit S = cmp(I32, {}, CompareOp::EQ, ValueSet::point(-1));
  CHECK(S.MustTrue == ValueSet::point(-1));
  CHECK(S.MustFalse == ValueSet::range(I32.min(), -2));
}

TEST_CASE("a signed size compared with sizeof is compared unsigned",
          "[range]") {
  // size == -1 || size < sizeof(hdr), size an int64_t: the right-hand side
  // is done in uint64_t, where no negative value is below sizeof(hdr).
  ValueSet E = negatives(I64);
  BranchSplit Left = cmp(I64, {}, CompareOp::EQ, ValueSet::point(-1));
  BranchSplit Right = cmp(I64, {U64}, CompareOp::LT, ValueSet::point(16));
  CHECK(Right.MustTrue.empty());
  BranchSplit Or = BranchSplit::orOf(Left, Right);
  CHECK_FALSE(Or.isComplete(E));
  CHECK(Or.MustTrue == ValueSet::point(-1));
  // With `< 0` on the left the condition becomes complete.
  BranchSplit Fixed =
      BranchSplit::orOf(cmp(I64, {}, CompareOp::LT, ValueSet::point(0)), Right);
  CHECK(Fixed.isComplete(E));
}

TEST_CASE("comparing with a cast -1 of another width catches nothing",
          "[range]") {
  // int64_t x; x == (uint32_t)-1 compares in int64_t against 4294967295.
  BranchSplit S = cmp(I64, {}, CompareOp::EQ, ValueSet::point(4294967295LL));
  // No error value goes down the `==` branch (the analysis judges a -1
  // comparison by that branch alone).
  CHECK(S.MustTrue.empty());
  CHECK(S.MustFalse == negatives(I64));
  // int x; x == (uint64_t)-1: done in uint64_t, catches exactly -1.
  BranchSplit T = cmp(I32, {U64}, CompareOp::EQ, ValueSet::point(U64.max()));
  CHECK(T.MustTrue == ValueSet::point(-1));
}

TEST_CASE("an unknown right-hand side decides nothing", "[range]") {
  // x < y with y any int: no error value is certain to go either way.
  BranchSplit S = cmp(I32, {}, CompareOp::LT, ValueSet::all(I32));
  CHECK(S.MustTrue.empty());
  CHECK(S.MustFalse.empty());
  // x < y with y unsigned: x converts to unsigned, negatives are huge, but
  // y can be huge too.
  BranchSplit U = cmp(I32, {U32}, CompareOp::LT, ValueSet::all(U32));
  CHECK(U.MustTrue.empty());
}

TEST_CASE("&&, || and ! combine what each side decides", "[range]") {
  ValueSet E = negatives(I32);
  BranchSplit MinusOne = cmp(I32, {}, CompareOp::EQ, ValueSet::point(-1));
  BranchSplit Below = cmp(I32, {}, CompareOp::LT, ValueSet::point(-1));
  BranchSplit Unknown;
  CHECK(BranchSplit::orOf(MinusOne, Below).isComplete(E));
  CHECK_FALSE(BranchSplit::orOf(MinusOne, Unknown).isComplete(E));
  // x != -1 && other: the false branch gets only -1 for sure.
  BranchSplit NotMinusOne = MinusOne.negated();
  CHECK_FALSE(BranchSplit::andOf(NotMinusOne, Unknown).isComplete(E));
  BranchSplit NonNegative = cmp(I32, {}, CompareOp::GE, ValueSet::point(0));
  CHECK(BranchSplit::andOf(NonNegative, Unknown).isComplete(E));
}

TEST_CASE("other conventions", "[range]") {
  // minus-one: only -1 is an error, so `== -1` is complete.
  ValueSet MinusOne = ValueSet::point(-1);
  CHECK(splitByComparison(MinusOne, {I64}, CompareOp::EQ, ValueSet::point(-1))
            .isComplete(MinusOne));
  // nonzero: `< 0` misses positive error codes, `!= 0` does not.
  ValueSet Nonzero = ValueSet::point(0).complement(I32);
  CHECK_FALSE(
      splitByComparison(Nonzero, {I32}, CompareOp::LT, ValueSet::point(0))
          .isComplete(Nonzero));
  CHECK(splitByTruth(Nonzero, {I32}).isComplete(Nonzero));
  // An empty error set (an unsigned result under "negative") is never
  // complete, so nothing is claimed about it.
  CHECK_FALSE(splitByTruth(ValueSet(), {U32}).isComplete(ValueSet()));
}
