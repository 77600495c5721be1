//===- ValueRange.h - Sets of integer values under C conversions ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A test such as `size == -1 || size < sizeof(hdr)` is judged by the values
// it sends down each branch, after C's usual arithmetic conversions, not by
// how it is spelled. This header models integer types by width and
// signedness, sets of values as sorted disjoint intervals, the wrap-around
// of a conversion, and "do all values of A compare OP against all of B".
// No LLVM dependency: the analysis maps clang types onto IntType.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_VALUERANGE_H
#define RETCHECK_CORE_VALUERANGE_H

#include <string>
#include <vector>

namespace retcheck {

using Int = __int128;

/// An integer type as far as value sets care: width (1..64) and sign.
struct IntType {
  unsigned Width = 32;
  bool Signed = true;

  Int min() const;
  Int max() const;
  bool operator==(const IntType &O) const {
    return Width == O.Width && Signed == O.Signed;
  }
  /// Maps a mathematical integer into this type (two's complement wrap).
  Int wrap(Int V) const;
};

/// \p V in decimal.
std::string toString(Int V);

/// A set of integers, as sorted, disjoint, non-adjacent closed intervals.
class ValueSet {
public:
  struct Interval {
    Int Lo, Hi;
  };

  ValueSet() = default;
  static ValueSet point(Int V) { return range(V, V); }
  static ValueSet range(Int Lo, Int Hi);
  static ValueSet all(IntType T) { return range(T.min(), T.max()); }

  bool empty() const { return Intervals.empty(); }
  bool contains(Int V) const;
  bool containsAll(const ValueSet &O) const;
  bool isPoint() const {
    return Intervals.size() == 1 && Intervals[0].Lo == Intervals[0].Hi;
  }
  Int min() const { return Intervals.front().Lo; }
  Int max() const { return Intervals.back().Hi; }
  const std::vector<Interval> &intervals() const { return Intervals; }

  ValueSet unite(const ValueSet &O) const;
  ValueSet intersect(const ValueSet &O) const;
  /// The values of \p Universe that are not in this set.
  ValueSet complement(IntType Universe) const;
  /// The image of this set (values of \p From) under conversion to \p To.
  ValueSet convert(IntType From, IntType To) const;

  bool operator==(const ValueSet &O) const;
  std::string str() const;

private:
  std::vector<Interval> Intervals;
  void addInterval(Int Lo, Int Hi);
};

enum class CompareOp { LT, LE, GT, GE, EQ, NE };

CompareOp negate(CompareOp Op);
/// `a OP b` == `b swap(OP) a`.
CompareOp swapOperands(CompareOp Op);
const char *spelling(CompareOp Op);

/// True when `a OP b` holds for every a in \p A and every b in \p B.
bool allCompare(const ValueSet &A, CompareOp Op, const ValueSet &B);

/// What a test does with the error values of a call: which of them are
/// certainly sent to the true branch and which certainly to the false one.
struct BranchSplit {
  ValueSet MustTrue;  ///< error values that always make the test true
  ValueSet MustFalse; ///< error values that always make the test false

  /// A test is complete when one branch receives every error value.
  bool isComplete(const ValueSet &Errors) const {
    return !Errors.empty() &&
           (MustTrue.containsAll(Errors) || MustFalse.containsAll(Errors));
  }
  BranchSplit negated() const { return {MustFalse, MustTrue}; }
  /// `A || B` (and, negated, `A && B`) where each side may be unknown.
  static BranchSplit orOf(const BranchSplit &A, const BranchSplit &B) {
    return {A.MustTrue.unite(B.MustTrue), A.MustFalse.intersect(B.MustFalse)};
  }
  static BranchSplit andOf(const BranchSplit &A, const BranchSplit &B) {
    return {A.MustTrue.intersect(B.MustTrue), A.MustFalse.unite(B.MustFalse)};
  }
};

/// Splits the error values \p Errors (values of the tracked type) by the
/// comparison `conv(x) OP y`, where conv is the chain of conversions
/// \p Conversions (first element is x's own type, last is the type the
/// comparison is done in) and y ranges over \p Other (values of the
/// comparison type).
BranchSplit splitByComparison(const ValueSet &Errors,
                              const std::vector<IntType> &Conversions,
                              CompareOp Op, const ValueSet &Other);

/// Splits the error values by a truth test `if (conv(x))`.
BranchSplit splitByTruth(const ValueSet &Errors,
                         const std::vector<IntType> &Conversions);

} // namespace retcheck

#endif
