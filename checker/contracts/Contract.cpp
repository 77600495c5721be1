//===- Contract.cpp - What failure and success look like for a function ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Contract.h"
#include "Rules.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace retcheck {

namespace {

constexpr Int Lowest = -(Int(1) << 100);
constexpr Int Highest = Int(1) << 100;

std::string trim(const std::string &S) {
  std::size_t B = S.find_first_not_of(" \t");
  std::size_t E = S.find_last_not_of(" \t");
  return B == std::string::npos ? "" : S.substr(B, E - B + 1);
}

bool parseInt(const std::string &S, Int &Out) {
  if (S.empty())
    return false;
  std::size_t I = 0;
  bool Negative = false;
  if (S[0] == '-' || S[0] == '+') {
    Negative = S[0] == '-';
    I = 1;
  }
  if (I == S.size())
    return false;
  Int V = 0;
  for (; I < S.size(); ++I) {
    if (!std::isdigit(static_cast<unsigned char>(S[I])))
      return false;
    V = V * 10 + (S[I] - '0');
    if (V > (Int(1) << 64))
      return false;
  }
  Out = Negative ? -V : V;
  return true;
}

} // namespace

std::optional<ValueSpec> ValueSpec::parse(const std::string &Text,
                                          std::string &Error) {
  ValueSpec Spec;
  Spec.Text = Text;
  std::size_t Start = 0;
  while (Start <= Text.size()) {
    std::size_t Comma = Text.find(',', Start);
    std::string Term = trim(Text.substr(
        Start, Comma == std::string::npos ? std::string::npos : Comma - Start));
    Start = Comma == std::string::npos ? Text.size() + 1 : Comma + 1;
    Int V = 0;
    if (Term == "null") {
      Spec.Items.push_back({0, 0, std::nullopt});
      continue;
    }
    if (Term == "nonnull") {
      Spec.Items.push_back({1, Highest, std::nullopt});
      continue;
    }
    // `< N`, `<= N`, `> N`, `>= N`, `== N`, `!= N`
    std::size_t OpLen = 0;
    for (const char *Op : {"<=", ">=", "==", "!=", "<", ">"})
      if (Term.rfind(Op, 0) == 0) {
        OpLen = std::char_traits<char>::length(Op);
        break;
      }
    if (OpLen) {
      std::string Op = Term.substr(0, OpLen);
      if (!parseInt(trim(Term.substr(OpLen)), V)) {
        Error = "'" + Term + "': expected an integer after '" + Op + "'";
        return std::nullopt;
      }
      if (Op == "<")
        Spec.Items.push_back({Lowest, V - 1, std::nullopt});
      else if (Op == "<=")
        Spec.Items.push_back({Lowest, V, std::nullopt});
      else if (Op == ">")
        Spec.Items.push_back({V + 1, Highest, std::nullopt});
      else if (Op == ">=")
        Spec.Items.push_back({V, Highest, std::nullopt});
      else if (Op == "==")
        Spec.Items.push_back({V, V, std::nullopt});
      else {
        Spec.Items.push_back({Lowest, V - 1, std::nullopt});
        Spec.Items.push_back({V + 1, Highest, std::nullopt});
      }
      continue;
    }
    // `N`, `N..M`, `N..argK`
    std::size_t Dots = Term.find("..");
    Int Lo = 0;
    if (!parseInt(trim(Term.substr(0, Dots)), Lo)) {
      Error = "'" + Term +
              "': expected an integer, a range such as 0..255 or 0..arg2, "
              "a comparison such as '< 0', null or nonnull";
      return std::nullopt;
    }
    if (Dots == std::string::npos) {
      Spec.Items.push_back({Lo, Lo, std::nullopt});
      continue;
    }
    std::string HiText = trim(Term.substr(Dots + 2));
    Int Hi = 0;
    if (HiText.rfind("arg", 0) == 0) {
      Int Arg = 0;
      if (!parseInt(HiText.substr(3), Arg) || Arg < 0 || Arg > 63) {
        Error = "'" + Term +
                "': expected argN with N the 0-based index of "
                "an argument";
        return std::nullopt;
      }
      Spec.Items.push_back({Lo, Highest, static_cast<unsigned>(Arg)});
      continue;
    }
    if (!parseInt(HiText, Hi) || Hi < Lo) {
      Error = "'" + Term + "': expected a range N..M with N <= M";
      return std::nullopt;
    }
    Spec.Items.push_back({Lo, Hi, std::nullopt});
  }
  if (Spec.Items.empty()) {
    Error = "empty value set";
    return std::nullopt;
  }
  return Spec;
}

ValueSet ValueSpec::in(IntType T) const {
  ValueSet S;
  for (const Item &I : Items) {
    if (I.Lo == I.Hi) {
      // A single value is taken as written in C: -1 of an unsigned type is
      // its largest value.
      S = S.unite(ValueSet::point(T.wrap(I.Lo)));
      continue;
    }
    S = S.unite(
        ValueSet::range(std::max(I.Lo, T.min()), std::min(I.Hi, T.max())));
  }
  return S;
}

bool ValueSpec::holds(int64_t V) const {
  // An argument bound's Hi is already the largest value. A call's constant
  // comes as its bits in 64: `(size_t) -1` is -1, which a condition on an
  // unsigned parameter (`== 18446744073709551615`) holds as 2^64 - 1.
  auto Holds = [&](Int Value) {
    return std::any_of(Items.begin(), Items.end(), [&](const Item &I) {
      return I.Lo <= Value && Value <= I.Hi;
    });
  };
  return Holds(V) || (V < 0 && Holds(Int(uint64_t(V))));
}

ValueSpec ValueSpec::of(const ValueSet &S, IntType T) {
  std::string Text;
  const std::vector<ValueSet::Interval> &Parts = S.intervals();
  // Everything but one value: `!= V`.
  if (Parts.size() == 2 && Parts[0].Lo == T.min() && Parts[1].Hi == T.max() &&
      Parts[0].Hi + 2 == Parts[1].Lo) {
    Text = "!= " + toString(Parts[0].Hi + 1);
  } else {
    for (const ValueSet::Interval &I : Parts) {
      if (!Text.empty())
        Text += ", ";
      if (I.Lo == I.Hi)
        Text += toString(I.Lo);
      else if (I.Hi == T.max())
        Text += ">= " + toString(I.Lo);
      else if (I.Lo == T.min())
        Text += "<= " + toString(I.Hi);
      else
        Text += toString(I.Lo) + ".." + toString(I.Hi);
    }
  }
  std::string Error;
  return *parse(Text, Error);
}

bool mayFail(const std::vector<FailureCase> &Cases,
             const std::vector<std::optional<int64_t>> &ArgConstants) {
  if (Cases.empty())
    return true;
  return std::any_of(Cases.begin(), Cases.end(), [&](const FailureCase &Case) {
    return std::all_of(Case.begin(), Case.end(), [&](const ArgCondition &C) {
      return C.Arg >= ArgConstants.size() || !ArgConstants[C.Arg] ||
             C.Values.holds(*ArgConstants[C.Arg]);
    });
  });
}

std::optional<unsigned> ValueSpec::boundArg() const {
  for (const Item &I : Items)
    if (I.HiArg)
      return I.HiArg;
  return std::nullopt;
}

std::optional<Contract>
resolveContract(const Rule &R, IntType T,
                const std::vector<std::optional<int64_t>> &ArgConstants) {
  if (!mayFail(R.FailsWhen, ArgConstants))
    return std::nullopt;
  Contract C;
  ValueSet NonNegative = ValueSet::range(0, T.max());
  switch (R.Conv) {
  case Convention::None:
    return std::nullopt;
  case Convention::Negative:
    C.Errors = T.Signed ? ValueSet::range(T.min(), -1) : ValueSet();
    C.Success = NonNegative;
    break;
  case Convention::MinusOne:
    C.Errors = ValueSet::point(T.wrap(-1));
    C.Success = C.Errors.complement(T);
    if (T.Signed)
      C.Success = C.Success.intersect(NonNegative);
    break;
  case Convention::Nonzero:
    C.Errors = ValueSet::point(0).complement(T);
    C.Success = ValueSet::point(0);
    break;
  case Convention::Null:
  case Convention::Nullable:
    C.Errors = ValueSet::point(0);
    C.Success = C.Errors.complement(T);
    break;
  case Convention::Value:
    C.Errors = ValueSet::point(T.wrap(R.ErrorValue));
    C.Success = C.Errors.complement(T);
    break;
  }
  if (R.Errors)
    C.Errors = R.Errors->in(T);
  // null and value: every other value is a success, exactly.
  C.SuccessKnown = R.Success || !R.Inferred || R.Conv == Convention::Null ||
                   R.Conv == Convention::Nullable ||
                   R.Conv == Convention::Value;
  if (R.Success) {
    C.Success = R.Success->in(T);
    C.BoundArg = R.Success->boundArg();
  }
  // A value cannot mean both.
  C.Success = C.Success.intersect(C.Errors.complement(T));
  if (C.Errors.empty())
    return std::nullopt;

  std::optional<Int> Bound;
  if (C.BoundArg && *C.BoundArg < ArgConstants.size() &&
      ArgConstants[*C.BoundArg])
    Bound = T.wrap(*ArgConstants[*C.BoundArg]);
  if (Bound && C.Success.contains(*Bound)) {
    C.Success = C.Success.intersect(ValueSet::range(T.min(), *Bound));
    C.Typical = ValueSet::point(*Bound);
  } else {
    C.Typical = C.Success.intersect(ValueSet::point(0).complement(T));
    if (C.Typical.empty())
      C.Typical = C.Success;
  }
  return C;
}

} // namespace retcheck
