//===- ValueRange.cpp - Sets of integer values under C conversions --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ValueRange.h"

#include <algorithm>
#include <cassert>

namespace retcheck {

Int IntType::min() const { return Signed ? -(Int(1) << (Width - 1)) : Int(0); }

Int IntType::max() const {
  return Signed ? (Int(1) << (Width - 1)) - 1 : (Int(1) << Width) - 1;
}

Int IntType::wrap(Int V) const {
  Int Modulus = Int(1) << Width;
  Int R = V % Modulus;
  if (R < 0)
    R += Modulus;
  if (R > max())
    R -= Modulus;
  return R;
}

ValueSet ValueSet::range(Int Lo, Int Hi) {
  ValueSet S;
  if (Lo <= Hi)
    S.Intervals.push_back({Lo, Hi});
  return S;
}

void ValueSet::addInterval(Int Lo, Int Hi) {
  if (Lo > Hi)
    return;
  Intervals.push_back({Lo, Hi});
  std::sort(Intervals.begin(), Intervals.end(),
            [](const Interval &A, const Interval &B) { return A.Lo < B.Lo; });
  std::vector<Interval> Merged;
  for (const Interval &I : Intervals) {
    if (!Merged.empty() && I.Lo <= Merged.back().Hi + 1)
      Merged.back().Hi = std::max(Merged.back().Hi, I.Hi);
    else
      Merged.push_back(I);
  }
  Intervals = std::move(Merged);
}

bool ValueSet::contains(Int V) const {
  for (const Interval &I : Intervals)
    if (I.Lo <= V && V <= I.Hi)
      return true;
  return false;
}

bool ValueSet::containsAll(const ValueSet &O) const {
  return O.intersect(*this) == O;
}

ValueSet ValueSet::unite(const ValueSet &O) const {
  ValueSet R = *this;
  for (const Interval &I : O.Intervals)
    R.addInterval(I.Lo, I.Hi);
  return R;
}

ValueSet ValueSet::intersect(const ValueSet &O) const {
  ValueSet R;
  for (const Interval &A : Intervals)
    for (const Interval &B : O.Intervals)
      R.addInterval(std::max(A.Lo, B.Lo), std::min(A.Hi, B.Hi));
  return R;
}

ValueSet ValueSet::complement(IntType Universe) const {
  ValueSet R;
  Int Next = Universe.min();
  for (const Interval &I : Intervals) {
    if (I.Lo > Next)
      R.addInterval(Next, std::min(I.Lo - 1, Universe.max()));
    Next = std::max(Next, I.Hi + 1);
  }
  R.addInterval(Next, Universe.max());
  return R;
}

bool ValueSet::operator==(const ValueSet &O) const {
  if (Intervals.size() != O.Intervals.size())
    return false;
  for (std::size_t I = 0; I < Intervals.size(); ++I)
    if (Intervals[I].Lo != O.Intervals[I].Lo ||
        Intervals[I].Hi != O.Intervals[I].Hi)
      return false;
  return true;
}

std::string toString(Int V) {
  if (V == 0)
    return "0";
  bool Negative = V < 0;
  std::string S;
  while (V != 0) {
    int Digit = static_cast<int>(V % 10);
    S += static_cast<char>('0' + (Digit < 0 ? -Digit : Digit));
    V /= 10;
  }
  if (Negative)
    S += '-';
  std::reverse(S.begin(), S.end());
  return S;
}

std::string ValueSet::str() const {
  std::string S = "{";
  for (const Interval &I : Intervals) {
    if (S.size() > 1)
      S += ", ";
    S += I.Lo == I.Hi
             ? toString(I.Lo)
             : "[" + toString(I.Lo) + ", " + toString(I.Hi) + "]";
  }
  return S + "}";
}

namespace {

/// A piece of a set of original values on which a chain of conversions is
/// a plain shift: converted = original + Shift. A piece wider than the
/// target type is "smeared": it maps onto every value of that type.
struct Piece {
  Int Lo, Hi;
  Int Shift = 0;
  bool Smeared = false;
};

std::vector<Piece> convertPieces(std::vector<Piece> Pieces, IntType To) {
  std::vector<Piece> Out;
  Int Modulus = Int(1) << To.Width;
  for (const Piece &P : Pieces) {
    if (P.Smeared || P.Hi - P.Lo + 1 >= Modulus) {
      Out.push_back({P.Lo, P.Hi, 0, true});
      continue;
    }
    // Walk the converted range [A, B], cutting it where the wrap jumps.
    Int A = P.Lo + P.Shift, B = P.Hi + P.Shift;
    while (A <= B) {
      Int Wrapped = To.wrap(A);
      Int ChunkEnd = std::min(B, A + (To.max() - Wrapped));
      Int Delta = Wrapped - A; // converted = A-domain value + Delta
      Out.push_back({A - P.Shift, ChunkEnd - P.Shift, P.Shift + Delta});
      A = ChunkEnd + 1;
    }
  }
  return Out;
}

std::vector<Piece> piecesOf(const ValueSet &S,
                            const std::vector<IntType> &Conversions) {
  std::vector<Piece> Pieces;
  for (const ValueSet::Interval &I : S.intervals())
    Pieces.push_back({I.Lo, I.Hi});
  for (std::size_t K = 1; K < Conversions.size(); ++K)
    Pieces = convertPieces(std::move(Pieces), Conversions[K]);
  return Pieces;
}

/// The converted values in [A, B] that compare OP against every value of
/// \p Other.
ValueSet satisfying(Int A, Int B, CompareOp Op, const ValueSet &Other) {
  ValueSet Range = ValueSet::range(A, B);
  switch (Op) {
  case CompareOp::LT:
    return Range.intersect(ValueSet::range(A, Other.min() - 1));
  case CompareOp::LE:
    return Range.intersect(ValueSet::range(A, Other.min()));
  case CompareOp::GT:
    return Range.intersect(ValueSet::range(Other.max() + 1, B));
  case CompareOp::GE:
    return Range.intersect(ValueSet::range(Other.max(), B));
  case CompareOp::EQ:
    return Other.isPoint() ? Range.intersect(Other) : ValueSet();
  case CompareOp::NE: {
    IntType Wide{127, true};
    return Range.intersect(Other.complement(Wide));
  }
  }
  return ValueSet();
}

} // namespace

ValueSet ValueSet::convert(IntType From, IntType To) const {
  ValueSet R;
  for (const Piece &P : piecesOf(*this, {From, To})) {
    if (P.Smeared)
      return ValueSet::all(To);
    R.addInterval(P.Lo + P.Shift, P.Hi + P.Shift);
  }
  return R;
}

CompareOp negate(CompareOp Op) {
  switch (Op) {
  case CompareOp::LT:
    return CompareOp::GE;
  case CompareOp::LE:
    return CompareOp::GT;
  case CompareOp::GT:
    return CompareOp::LE;
  case CompareOp::GE:
    return CompareOp::LT;
  case CompareOp::EQ:
    return CompareOp::NE;
  case CompareOp::NE:
    return CompareOp::EQ;
  }
  return Op;
}

CompareOp swapOperands(CompareOp Op) {
  switch (Op) {
  case CompareOp::LT:
    return CompareOp::GT;
  case CompareOp::LE:
    return CompareOp::GE;
  case CompareOp::GT:
    return CompareOp::LT;
  case CompareOp::GE:
    return CompareOp::LE;
  default:
    return Op;
  }
}

const char *spelling(CompareOp Op) {
  switch (Op) {
  case CompareOp::LT:
    return "<";
  case CompareOp::LE:
    return "<=";
  case CompareOp::GT:
    return ">";
  case CompareOp::GE:
    return ">=";
  case CompareOp::EQ:
    return "==";
  case CompareOp::NE:
    return "!=";
  }
  return "?";
}

bool allCompare(const ValueSet &A, CompareOp Op, const ValueSet &B) {
  if (A.empty() || B.empty())
    return true;
  return satisfying(A.min(), A.max(), Op, B).containsAll(A);
}

BranchSplit splitByComparison(const ValueSet &Errors,
                              const std::vector<IntType> &Conversions,
                              CompareOp Op, const ValueSet &Other) {
  assert(!Conversions.empty() && "need at least the tracked type");
  BranchSplit Split;
  if (Other.empty())
    return Split;
  IntType Final = Conversions.back();
  for (const Piece &P : piecesOf(Errors, Conversions)) {
    ValueSet Original = ValueSet::range(P.Lo, P.Hi);
    if (P.Smeared) {
      ValueSet Image = ValueSet::all(Final);
      if (allCompare(Image, Op, Other))
        Split.MustTrue = Split.MustTrue.unite(Original);
      else if (allCompare(Image, negate(Op), Other))
        Split.MustFalse = Split.MustFalse.unite(Original);
      continue;
    }
    Int A = P.Lo + P.Shift, B = P.Hi + P.Shift;
    for (auto [Target, Cmp] : {std::pair{&Split.MustTrue, Op},
                               std::pair{&Split.MustFalse, negate(Op)}}) {
      ValueSet Converted = satisfying(A, B, Cmp, Other);
      for (const ValueSet::Interval &I : Converted.intervals())
        *Target =
            Target->unite(ValueSet::range(I.Lo - P.Shift, I.Hi - P.Shift));
    }
  }
  return Split;
}

BranchSplit splitByTruth(const ValueSet &Errors,
                         const std::vector<IntType> &Conversions) {
  return splitByComparison(Errors, Conversions, CompareOp::NE,
                           ValueSet::point(0));
}

} // namespace retcheck
