//===- TestVerdict.cpp - Does a test separate failure from success? -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TestVerdict.h"

#include "contracts/Rules.h"

#include <algorithm>

namespace retcheck {

namespace {

enum class Mode {
  Errors,  ///< the error values: -1 comparisons count as meant
  Typical, ///< the typical successes: the bound argument is itself
  Plain,
};

/// Evaluates the test tree of \p T at node \p I for the values \p V.
class TreeEvaluator {
public:
  TreeEvaluator(const TestFact &T, const Contract &C, Mode M,
                bool OthersLetItDecide)
      : T(T), C(C), M(M), OthersLetItDecide(OthersLetItDecide) {}

  BranchSplit eval(uint32_t I, const ValueSet &V) {
    const TestNode &N = T.Nodes[I];
    switch (N.K) {
    case TestNode::Compare:
      return compare(N, V);
    case TestNode::Truth:
      if (N.Chain.empty())
        return {};
      return splitByTruth(V, N.Chain);
    case TestNode::Not:
      return eval(N.Lhs, V).negated();
    case TestNode::And:
    case TestNode::Or:
      if (OthersLetItDecide && T.Nodes[N.Lhs].K == TestNode::Unknown)
        return eval(N.Rhs, V);
      if (OthersLetItDecide && T.Nodes[N.Rhs].K == TestNode::Unknown)
        return eval(N.Lhs, V);
      return N.K == TestNode::And
                 ? BranchSplit::andOf(eval(N.Lhs, V), eval(N.Rhs, V))
                 : BranchSplit::orOf(eval(N.Lhs, V), eval(N.Rhs, V));
    case TestNode::Unknown:
      return {};
    }
    return {};
  }

  bool SignedComparison = false;

private:
  const TestFact &T;
  const Contract &C;
  Mode M;
  /// An operand that does not test the value (`uid != ouid`) is taken to
  /// let the value decide: true beside `&&`, false beside `||`.
  bool OthersLetItDecide;

  BranchSplit compare(const TestNode &N, const ValueSet &V) {
    if (N.Chain.empty())
      return {};
    SignedComparison |= N.Chain.back().Signed;
    // `n != len` where len is the count read() was given: an error value
    // is not a count, and the typical success is the count itself.
    bool AgainstBound = C.BoundArg && N.OtherArg >= 0 &&
                        unsigned(N.OtherArg) == *C.BoundArg &&
                        !N.Other.isPoint();
    if (AgainstBound && M == Mode::Typical) {
      bool Reflexive = N.Op == CompareOp::EQ || N.Op == CompareOp::LE ||
                       N.Op == CompareOp::GE;
      return Reflexive ? BranchSplit{V, {}} : BranchSplit{{}, V};
    }
    if (AgainstBound && M == Mode::Errors &&
        (N.Op == CompareOp::EQ || N.Op == CompareOp::NE))
      return N.Op == CompareOp::NE ? BranchSplit{V, {}} : BranchSplit{{}, V};
    BranchSplit Split = splitByComparison(V, N.Chain, N.Op, N.Other);
    if (M == Mode::Errors && N.MinusOne >= 0) {
      // The author meant to send -1, the error, down the `==` branch: judge
      // the comparison by that branch alone. `x == (uint32_t)-1` on an
      // int64_t x sends all errors down the other one, and catches none.
      if (N.Op == CompareOp::EQ)
        Split.MustFalse = ValueSet();
      else
        Split.MustTrue = ValueSet();
    }
    return Split;
  }
};

/// For each branch of a test, the values of \p V certain to take it (with
/// \p OthersLetItDecide, certain where the other operands let the value
/// decide). Two-way tests: {false, true}; switches: one per case, then
/// default.
std::vector<ValueSet> outcome(const TestFact &T, const Contract &C,
                              const ValueSet &V, Mode M, bool *Signed,
                              bool OthersLetItDecide = false) {
  if (!T.IsSwitch) {
    if (T.Nodes.empty())
      return {ValueSet(), ValueSet()};
    TreeEvaluator E(T, C, M, OthersLetItDecide);
    BranchSplit S = E.eval(T.Nodes.size() - 1, V);
    if (Signed)
      *Signed |= E.SignedComparison;
    return {S.MustFalse, S.MustTrue};
  }
  std::vector<ValueSet> Out;
  if (T.SwitchChain.empty())
    return std::vector<ValueSet>(T.Cases.size() + 1);
  ValueSet Rest = V; // certain to match no case
  for (const CaseFact &Case : T.Cases) {
    ValueSet Matches, Misses = V;
    for (const ValueSet::Interval &I : Case.Labels.intervals()) {
      BranchSplit Lo = splitByComparison(V, T.SwitchChain, CompareOp::GE,
                                         ValueSet::point(I.Lo));
      BranchSplit Hi = splitByComparison(V, T.SwitchChain, CompareOp::LE,
                                         ValueSet::point(I.Hi));
      Matches = Matches.unite(Lo.MustTrue.intersect(Hi.MustTrue));
      Misses = Misses.intersect(Lo.MustFalse.unite(Hi.MustFalse));
    }
    if (M == Mode::Errors && Case.MinusOneLabel)
      Misses = ValueSet(); // judged by the case that takes -1, as above
    Out.push_back(Matches);
    Rest = Rest.intersect(Misses);
  }
  Out.push_back(Rest);
  return Out;
}

} // namespace

int failureEvidence(const BranchFacts &B,
                    const std::vector<std::string> &Reporters) {
  if (!B.Known)
    return 0;
  if (B.ReturnsError || B.NoReturn || B.GotoErrorLabel)
    return 2;
  for (const std::string &Call : B.Calls)
    if (std::find(Reporters.begin(), Reporters.end(), Call) != Reporters.end())
      return 2;
  // Passing the tested value on is how failures propagate, but a success
  // branch may return it too (`if (fd) return fd;`): weaker evidence.
  return B.ReturnsTracked ? 1 : 0;
}

bool handlesFailure(const BranchFacts &B,
                    const std::vector<std::string> &Reporters) {
  return failureEvidence(B, Reporters) > 0;
}

ValueSet errorsHandledBy(const TestFact &T, const Contract &C,
                         const std::vector<std::string> &Reporters) {
  std::vector<ValueSet> Taken =
      outcome(T, C, representable(T, C.Errors), Mode::Plain, nullptr);
  std::vector<const BranchFacts *> Branches = {&T.OnFalse, &T.OnTrue};
  if (T.IsSwitch) {
    Branches.clear();
    for (const CaseFact &Case : T.Cases)
      Branches.push_back(&Case.Branch);
    Branches.push_back(&T.Default);
  }
  ValueSet Handled;
  for (std::size_t I = 0; I < Branches.size() && I < Taken.size(); ++I)
    if (handlesFailure(*Branches[I], Reporters))
      Handled = Handled.unite(Taken[I]);
  return Handled;
}

/// `x == c` or `x != c` alone, with c a success that is not typical.
static bool isTestForOneSuccess(const TestFact &T, const Contract &C,
                                const ValueSet &Typical) {
  if (T.IsSwitch || T.Nodes.empty())
    return false;
  const TestNode &Root = T.Nodes.back();
  if (Root.K != TestNode::Compare ||
      (Root.Op != CompareOp::EQ && Root.Op != CompareOp::NE) ||
      !Root.Other.isPoint() || Root.Chain.empty())
    return false;
  // Back in the result's type, where the contract's values live.
  ValueSet Value = ValueSet::point(Root.Other.min());
  if (Root.Chain.size() > 1)
    Value = C.Success.intersect(
        C.Success.convert(Root.Chain.front(), Root.Chain.back())
                .intersect(Value)
                .empty()
            ? ValueSet()
            : Value);
  return !Value.empty() && C.Success.containsAll(Value) &&
         Typical.intersect(Value).empty();
}

/// \p V where every type of \p Chain holds it, so that the conversions
/// leave it as it is: `int ret = qio_channel_readv_full(...); if (ret ==
/// QIO_CHANNEL_ERR_BLOCK)` names the ssize_t -2. Empty where one does not
/// (the values that wrap onto it are the lossy-store check's).
static ValueSet throughChain(ValueSet V, const std::vector<IntType> &Chain) {
  for (const IntType &I : Chain)
    V = V.intersect(ValueSet::range(I.min(), I.max()));
  return V;
}

ValueSet namedErrors(const TestFact &T, const Contract &C) {
  ValueSet Named;
  for (const TestNode &N : T.Nodes) {
    if (N.K != TestNode::Compare ||
        (N.Op != CompareOp::EQ && N.Op != CompareOp::NE) ||
        !N.Other.isPoint() || (N.Other.min() == -1 && N.MinusOne >= 0))
      continue;
    ValueSet Value = throughChain(N.Other, N.Chain);
    if (!Value.empty() && C.Errors.containsAll(Value))
      Named = Named.unite(Value);
  }
  // `case -ENOTSUP:` names its error as `ret == -ENOTSUP` does.
  if (T.IsSwitch)
    for (const CaseFact &Case : T.Cases)
      for (const ValueSet::Interval &I : Case.Labels.intervals()) {
        if (I.Lo != I.Hi || (I.Lo == -1 && Case.MinusOneLabel))
          continue;
        ValueSet Value = throughChain(ValueSet::point(I.Lo), T.SwitchChain);
        if (!Value.empty() && C.Errors.containsAll(Value))
          Named = Named.unite(Value);
      }
  return Named;
}

/// A test that picks some failures out, a deliberate choice: by name (see
/// namedErrors), or by a bound that falls among the errors (`virXPathUInt(...)
/// < -1`: -1 is "absent", -2 "malformed").
bool singlesOutErrors(const TestFact &T, const Contract &C) {
  if (!namedErrors(T, C).empty())
    return true;
  for (const TestNode &N : T.Nodes) {
    // A bound next to -1 (libvirt's `virXPathUInt(...) < -1`: -1 absent, -2
    // malformed) picks sentinels apart; `ret < -100` is no such choice.
    if (N.K != TestNode::Compare || N.Op == CompareOp::EQ ||
        N.Op == CompareOp::NE || !N.Other.isPoint() || N.Chain.size() != 1 ||
        N.Other.min() < -4)
      continue;
    // Among the negative errors only: `ret < 0` on a `nonzero` contract
    // misses the positive ones, it picks nothing out.
    ValueSet Negative = ValueSet::range(N.Chain.front().min(), -1);
    BranchSplit Split = splitByComparison(C.Errors, N.Chain, N.Op, N.Other);
    if (!Split.MustTrue.empty() && !Split.MustFalse.empty() &&
        Negative.containsAll(Split.MustTrue) &&
        Negative.containsAll(Split.MustFalse))
      return true;
  }
  return false;
}

/// Whether node \p I of \p T tests the value: it is, or holds, a comparison
/// or a truth test of it.
static bool testsValue(const TestFact &T, uint32_t I) {
  const TestNode &N = T.Nodes[I];
  switch (N.K) {
  case TestNode::Compare:
  case TestNode::Truth:
    return true;
  case TestNode::Not:
    return testsValue(T, N.Lhs);
  case TestNode::And:
  case TestNode::Or:
    return testsValue(T, N.Lhs) || testsValue(T, N.Rhs);
  case TestNode::Unknown:
    return false;
  }
  return false;
}

/// The operands of the chain of \p K (`&&` or `||`) at node \p I, in the
/// order they are evaluated.
static void chainOperands(const TestFact &T, uint32_t I, TestNode::Kind K,
                          std::vector<uint32_t> &Out) {
  const TestNode &N = T.Nodes[I];
  if (N.K != K) {
    Out.push_back(I);
    return;
  }
  chainOperands(T, N.Lhs, K, Out);
  chainOperands(T, N.Rhs, K, Out);
}

/// The call's result type, as the first typed node of \p T (a comparison
/// or a truth test) saw it.
static std::optional<IntType> resultTypeOf(const TestFact &T) {
  for (const TestNode &N : T.Nodes)
    if (!N.Chain.empty())
      return N.Chain.front();
  return std::nullopt;
}

/// `r >= 0 && streq(s, "block")`, `node && parse(node)`, `size > 0 &&
/// !is_power_of_2(size)`: a test of the value followed, in one chain of
/// `&&`, by conditions that do not test it guards them. The branch that
/// needs them all reacts to them; the other one is where they send any
/// value when false, and a failure sent there is skipped with them, not
/// taken for a success. The skip branch (0 false; 1 true under a `!`), or
/// -1 where the test guards nothing. Conditions before the value's test
/// only decide whether it matters (`!s->channel && channel_init(...)`):
/// there the branch still reacts to the value. Not `||`: its true branch,
/// where a failure would be skipped, acts on a "yes" (`return eq(a) ||
/// eq(b);`).
static int guardSkipBranch(const TestFact &T) {
  if (T.IsSwitch || T.Nodes.empty())
    return -1;
  uint32_t Root = T.Nodes.size() - 1;
  bool Negated = false;
  while (T.Nodes[Root].K == TestNode::Not) {
    Root = T.Nodes[Root].Lhs;
    Negated = !Negated;
  }
  if (T.Nodes[Root].K != TestNode::And)
    return -1;
  std::vector<uint32_t> Operands;
  chainOperands(T, Root, TestNode::And, Operands);
  auto FirstTest = std::find_if(Operands.begin(), Operands.end(),
                                [&](uint32_t I) { return testsValue(T, I); });
  if (FirstTest == Operands.end() ||
      std::all_of(FirstTest, Operands.end(),
                  [&](uint32_t I) { return testsValue(T, I); }))
    return -1;
  return Negated ? 1 : 0;
}

/// `(ret >= 0 && r < 0) || (ret == 0 && r > 0)` read as tests of one value
/// (`ret = r` copied it): each comparison tells values of its type apart,
/// yet together they send every value one way, as no test of one value
/// does: two values were taken for one. `n < 0` on a size_t, which tells
/// no value apart by itself, is no such misreading.
static bool contradictsItself(const TestFact &T, const Contract &C) {
  if (T.IsSwitch || T.Nodes.empty())
    return false;
  // Only where `&&` and `||` mix, as two values' tests do: a chain of one
  // of them that is always true or false of one value is a slip to report
  // (`r != -EAGAIN || r != -EINTR`, `r < 0 && r > 0`).
  auto Has = [&](TestNode::Kind K) {
    return std::any_of(T.Nodes.begin(), T.Nodes.end(),
                       [&](const TestNode &N) { return N.K == K; });
  };
  if (!Has(TestNode::And) || !Has(TestNode::Or))
    return false;
  std::optional<ValueSet> All;
  for (const TestNode &N : T.Nodes) {
    if ((N.K != TestNode::Compare && N.K != TestNode::Truth) || N.Chain.empty())
      continue;
    ValueSet Type = ValueSet::all(N.Chain.front());
    BranchSplit Alone = N.K == TestNode::Truth
                            ? splitByTruth(Type, N.Chain)
                            : splitByComparison(Type, N.Chain, N.Op, N.Other);
    if (Alone.MustTrue.empty() || Alone.MustFalse.empty())
      return false;
    All = Type;
  }
  if (!All)
    return false;
  BranchSplit Whole =
      TreeEvaluator(T, C, Mode::Plain, false).eval(T.Nodes.size() - 1, *All);
  return Whole.MustTrue.containsAll(*All) || Whole.MustFalse.containsAll(*All);
}

ValueSet representable(const TestFact &T, ValueSet V) {
  for (const TestNode &N : T.Nodes)
    V = throughChain(V, N.Chain);
  return throughChain(V, T.SwitchChain);
}

std::vector<ValueSet> valuesByBranch(const TestFact &T, const Contract &C,
                                     const ValueSet &V) {
  return outcome(T, C, V, Mode::Plain, nullptr);
}

BranchRole roleOfBranch(const TestFact &T, const Contract &C, int Branch) {
  std::vector<ValueSet> ErrorsTo =
      outcome(T, C, C.Errors, Mode::Errors, nullptr);
  if (Branch < 0 || std::size_t(Branch) >= ErrorsTo.size())
    return BranchRole::Unknown;
  ValueSet Typical = representable(T, C.Typical);
  if (Typical.empty())
    Typical = C.Typical;
  std::vector<ValueSet> TypicalTo =
      outcome(T, C, Typical, Mode::Typical, nullptr);
  ValueSet Elsewhere;
  for (std::size_t I = 0; I < ErrorsTo.size(); ++I)
    if (int(I) != Branch)
      Elsewhere = Elsewhere.unite(ErrorsTo[I]);
  bool TypicalHere = !Typical.empty() && TypicalTo[Branch].containsAll(Typical);
  if (ErrorsTo[Branch].containsAll(C.Errors) && !TypicalHere)
    return BranchRole::Failure;
  if (Elsewhere.containsAll(C.Errors))
    return BranchRole::Success;
  return BranchRole::Unknown;
}

TestJudgement judgeTest(const TestFact &T, const Contract &C,
                        const std::vector<std::string> &Reporters) {
  TestJudgement J;
  const ValueSet &E = C.Errors;
  // A predicate that can fail (successes 0 and 1: `have_effective_cap()`)
  // is tested for its answer: its errors sent with the "yes" are taken for
  // one, whether or not the value is read again (`if (have_cap(X) == 0)
  // return -EPERM;` goes on as if the capability were held). `<= 0` sends
  // them with the "no", the cautious choice, and separates them from it.
  // Beside other conditions (`have_cap(X) && uid != ouid`), a failure takes
  // the "yes" whenever they hold: it is judged as if they did.
  bool Predicate = C.SuccessKnown && C.Success == ValueSet::range(0, 1);
  std::vector<ValueSet> ErrorsTo =
      outcome(T, C, E, Mode::Errors, &J.ComparedInSignedType, Predicate);
  // The typical successes a test's own types can hold: a read into an
  // unsigned int reads less than 4 GiB.
  ValueSet Typical = representable(T, C.Typical);
  if (Typical.empty())
    Typical = C.Typical;
  std::vector<ValueSet> TypicalTo =
      outcome(T, C, Typical, Mode::Typical, nullptr, Predicate);
  std::vector<ValueSet> SuccessTo =
      outcome(T, C, C.Success, Mode::Plain, nullptr, Predicate);
  std::size_t Branches = ErrorsTo.size();
  for (std::size_t I = 0; I < Branches; ++I)
    J.ErrorsWithAllTypical |= !ErrorsTo[I].empty() && !Typical.empty() &&
                              TypicalTo[I].containsAll(Typical);

  // The branches that handle the failure: those with the strongest
  // evidence of it, when not every branch has it.
  std::vector<int> Evidence(Branches, 0);
  if (!T.IsSwitch) {
    Evidence[0] = failureEvidence(T.OnFalse, Reporters);
    Evidence[1] = failureEvidence(T.OnTrue, Reporters);
  } else {
    for (std::size_t I = 0; I + 1 < Branches; ++I)
      Evidence[I] = failureEvidence(T.Cases[I].Branch, Reporters);
    Evidence[Branches - 1] = failureEvidence(T.Default, Reporters);
  }
  int Strongest = *std::max_element(Evidence.begin(), Evidence.end());
  std::vector<bool> Handler(Branches, false);
  for (std::size_t I = 0; I < Branches; ++I)
    Handler[I] = Strongest > 0 && Evidence[I] == Strongest;
  auto TakenForYes = [&](std::size_t Branch) {
    return Predicate && SuccessTo[Branch].contains(1) &&
           !SuccessTo[Branch].contains(0);
  };
  // The "yes" branch acts on the answer (`if (have_cap(X)) return false;`
  // answers a question, it handles nothing) unless it passes the value on
  // or does not return: `assert_se(have_cap(X) == 0)` aborts on the "yes"
  // and on every failure alike.
  if (Predicate && !T.IsSwitch)
    for (std::size_t I = 0; I < Branches; ++I)
      if (const BranchFacts &B = I ? T.OnTrue : T.OnFalse;
          TakenForYes(I) && !B.ReturnsTracked && !B.NoReturn)
        Handler[I] = false;

  // `if (opt(cmd, "size", &s) > 0 && parse(s) < 0) { report; return
  // false; }`: the branch that needs another condition as well (the true
  // one beside `&&`, the false one beside `||`) may be handling that
  // condition's failure, not this value's.
  if (!T.IsSwitch && !T.Nodes.empty()) {
    const TestNode &Root = T.Nodes.back();
    bool BesideOther = (Root.K == TestNode::And || Root.K == TestNode::Or) &&
                       (T.Nodes[Root.Lhs].K == TestNode::Unknown ||
                        T.Nodes[Root.Rhs].K == TestNode::Unknown);
    if (BesideOther)
      Handler[Root.K == TestNode::And ? 1 : 0] = false;
  }

  if (!T.IsSwitch && Handler[0] != Handler[1])
    J.HandlerBranch = Handler[1] ? 1 : 0;

  // A failure mishandled is a failure used as a success: a branch that
  // receives errors and never uses the value lets nothing through.
  std::vector<bool> Uses(Branches, true);
  if (!T.IsSwitch) {
    Uses[0] = T.OnFalse.ValueUsed;
    Uses[1] = T.OnTrue.ValueUsed;
  }
  // A branch that returns its failures as they are hands them to the
  // caller, in the convention they came in (negative codes; NULL from a
  // pointer): `if (v > 100) return -ERANGE; return v;` misses none. Not any
  // other pointer failure (MAP_FAILED out of a function whose callers test
  // NULL), not where the test certainly sends a success 0 the other way, as
  // a failure (`if (!fd) { perror(path); return -1; } return fd;`, open()
  // read as fopen()), and not where the other branch leaves with something
  // that is no failure of the same kind (`if (r > 100) return ERANGE;
  // return r;` mixes a positive code with negative ones): conventions mixed
  // up.
  std::optional<IntType> Result = resultTypeOf(T);
  auto FailureShaped = [&](const ValueSet &Errors) {
    if (Errors.empty() || !Result)
      return false;
    if (Result->Signed)
      return ValueSet::range(Result->min(), -1).containsAll(Errors);
    return Errors == ValueSet::point(0);
  };
  auto LeavesAsFailing = [](const BranchFacts &B) {
    return !B.Known || !B.Leaves || B.ReturnsError || B.ReturnsTracked ||
           B.NoReturn || B.GotoErrorLabel;
  };
  std::vector<bool> HandsFailuresOn(Branches, false);
  if (!T.IsSwitch)
    for (std::size_t I = 0; I < Branches; ++I)
      HandsFailuresOn[I] =
          (I ? T.OnTrue : T.OnFalse).ReturnedAsIs &&
          FailureShaped(ErrorsTo[I]) &&
          (!C.Success.contains(0) || !SuccessTo[1 - I].contains(0)) &&
          LeavesAsFailing(I ? T.OnFalse : T.OnTrue);

  if (contradictsItself(T, C))
    return J;

  // Every result, failure or success, takes one branch: the test cannot
  // tell them apart (`n < 0` on a size_t). Unless that branch passes the
  // value on and the test is false for some value the contract says never
  // comes back (`if (r <= 0) return r;` where r is never positive,
  // systemd's manager_varlink_init): every failure reaches the caller, as
  // without the test. One that sends every value of the type one way (`r
  // != -11 || r != -4`) is a slip, whatever the value.
  auto PassesOn = [&](std::size_t I) {
    if (T.IsSwitch || !(I ? T.OnTrue : T.OnFalse).ReturnsTracked || !Result)
      return false;
    ValueSet Never = E.unite(C.Success).complement(*Result);
    if (Never.empty())
      return false;
    std::vector<ValueSet> NeverTo =
        outcome(T, C, Never, Mode::Plain, nullptr, Predicate);
    return I < NeverTo.size() && !NeverTo[I].containsAll(Never);
  };
  for (std::size_t I = 0; I < Branches; ++I)
    if (ErrorsTo[I].containsAll(E) && SuccessTo[I].containsAll(C.Success) &&
        Uses[I] && !PassesOn(I)) {
      J.V = TestJudgement::Incomplete;
      J.Why = TestJudgement::AlwaysSame;
      J.AllErrorsShared = true;
      if (!T.IsSwitch)
        J.AlwaysBranch = I;
      return J;
    }

  // The values separate failure from success: every error takes one
  // branch, every typical success another. Which of them the author treats
  // as failure is the author's business (`if (0 == connect(...))` may well
  // mean "someone is listening already").
  int TypicalBranch = -1;
  for (std::size_t I = 0; I < Branches; ++I)
    if (!Typical.empty() && TypicalTo[I].containsAll(Typical))
      TypicalBranch = I;
  for (std::size_t I = 0; I < Branches; ++I)
    if (ErrorsTo[I].containsAll(E) && TypicalBranch >= 0 &&
        std::size_t(TypicalBranch) != I) {
      J.V = TestJudgement::Complete;
      return J;
    }

  // `if (cond) {}`: the author looked and chose to do nothing.
  if (!T.IsSwitch && T.OnTrue.Known && T.OnTrue.Empty &&
      (!T.OnFalse.Known || T.OnFalse.Empty))
    return J;

  // A failure skipped with the conditions its test guards is not used.
  int Skip = guardSkipBranch(T);

  // Where one branch visibly handles the failure and another does not, the
  // errors must all reach a handling branch.
  std::size_t Handlers = std::count(Handler.begin(), Handler.end(), true);
  if (Handlers > 0 && Handlers < Branches) {
    ValueSet Handled, Missed, MissedAndUsed;
    bool Used = false;
    for (std::size_t I = 0; I < Branches; ++I) {
      (Handler[I] ? Handled : Missed) =
          (Handler[I] ? Handled : Missed).unite(ErrorsTo[I]);
      if (Handler[I] || int(I) == Skip || HandsFailuresOn[I])
        continue;
      if (Uses[I] || TakenForYes(I))
        MissedAndUsed = MissedAndUsed.unite(ErrorsTo[I]);
      Used |= Uses[I] && !ErrorsTo[I].empty();
    }
    if (Handled.containsAll(E)) {
      J.V = TestJudgement::Complete;
    } else if (!MissedAndUsed.empty() && !singlesOutErrors(T, C)) {
      J.V = TestJudgement::Incomplete;
      J.Why =
          Used ? TestJudgement::AwayFromHandler : TestJudgement::TakenForYes;
      J.AllErrorsShared = Missed.containsAll(E);
    }
    return J;
  }

  // Where the branches look alike, the values decide: the branch that takes
  // the errors must not be the one the typical successes take (when the
  // successes are known: not for an inferred contract that only has its
  // convention's default). A test for
  // one success that is not typical (`n == 0`, the end of a file) is about
  // that success, not about failure.
  // A predicate's test is about its answer, whatever it compares with.
  if (TypicalBranch < 0 || TypicalBranch == Skip || !C.SuccessKnown ||
      (!Predicate && isTestForOneSuccess(T, C, Typical)))
    return J;
  const ValueSet &Shared = ErrorsTo[TypicalBranch];
  if (!Shared.empty() && (Uses[TypicalBranch] || TakenForYes(TypicalBranch)) &&
      !HandsFailuresOn[TypicalBranch] && !singlesOutErrors(T, C)) {
    J.V = TestJudgement::Incomplete;
    J.AllErrorsShared = Shared.containsAll(E);
    J.Why = Uses[TypicalBranch] ? TestJudgement::SharedWithSuccess
                                : TestJudgement::TakenForYes;
  }
  return J;
}

std::optional<Contract> presumedContract(const ValueKind &Result) {
  Rule Presumed;
  if (Result.K == ValueKind::Pointer)
    Presumed.Conv = Convention::Null;
  else if (Result.K == ValueKind::Integer && Result.Int.Signed)
    Presumed.Conv = Convention::Negative;
  else
    return std::nullopt;
  return resolveContract(Presumed, Result.Int, {});
}

std::optional<Contract> contractAtCall(const Rule &R, const CallFact &Call) {
  std::vector<std::optional<int64_t>> Constants;
  for (const ArgFact &A : Call.Args)
    Constants.push_back(A.Constant);
  return resolveContract(R, Call.Result.Int, Constants);
}

bool droppedLookup(const CallFact &Call, const Rule &R) {
  if (R.Conv != Convention::Nullable)
    return false;
  // Kept in a variable that nothing reads is dropped too.
  bool Unread = Call.Fate == ResultFate::Stored && Call.Tests.empty() &&
                Call.Uses.empty() && !Call.Escapes;
  return Unread || Call.Fate == ResultFate::Discarded ||
         Call.Fate == ResultFate::DiscardedByVoid;
}

bool testsResult(const CallFact &Call) {
  return !Call.Tests.empty() ||
         std::any_of(Call.Args.begin(), Call.Args.end(),
                     [](const ArgFact &A) { return A.AddressTested; });
}

bool passesOnUntested(const CallFact &Call) {
  return !testsResult(Call) &&
         (Call.Escapes || Call.Fate == ResultFate::Escaped);
}

bool cannotFail(const CallFact &Call, const Rule &R) {
  if (!R.ErrorOut || Call.Args.size() <= R.ErrorOut->Index)
    return false;
  const std::string &Name = Call.Args[R.ErrorOut->Index].AddressOf;
  return !Name.empty() && std::find(R.ErrorOut->NoErrorValues.begin(),
                                    R.ErrorOut->NoErrorValues.end(),
                                    Name) != R.ErrorOut->NoErrorValues.end();
}

} // namespace retcheck
