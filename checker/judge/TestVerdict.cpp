//===- TestVerdict.cpp - Does a test separate failure from success? -------===//

#include "TestVerdict.h"

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
  TreeEvaluator(const TestFact &T, const Contract &C, Mode M)
      : T(T), C(C), M(M) {}

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
      return BranchSplit::andOf(eval(N.Lhs, V), eval(N.Rhs, V));
    case TestNode::Or:
      return BranchSplit::orOf(eval(N.Lhs, V), eval(N.Rhs, V));
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

/// For each branch of a test, the values of \p V certain to take it.
/// Two-way tests: {false, true}; switches: one per case, then default.
std::vector<ValueSet> outcome(const TestFact &T, const Contract &C,
                              const ValueSet &V, Mode M, bool *Signed) {
  if (!T.IsSwitch) {
    if (T.Nodes.empty())
      return {ValueSet(), ValueSet()};
    TreeEvaluator E(T, C, M);
    BranchSplit S = E.eval(T.Nodes.size() - 1, V);
    if (Signed)
      *Signed |= E.SignedComparison;
    return {S.MustFalse, S.MustTrue};
  }
  std::vector<ValueSet> Out;
  if (T.SwitchChain.empty())
    return std::vector<ValueSet>(T.Cases.size() + 1);
  ValueSet Rest = V; // certain to match no case
  for (const SwitchCase &Case : T.Cases) {
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

bool handlesFailure(const BranchFacts &B,
                    const std::vector<std::string> &Reporters) {
  if (!B.Known)
    return false;
  if (B.ReturnsError || B.ReturnsTracked || B.NoReturn || B.GotoErrorLabel)
    return true;
  for (const std::string &Call : B.Calls)
    if (std::find(Reporters.begin(), Reporters.end(), Call) != Reporters.end())
      return true;
  return false;
}

TestJudgement judgeTest(const TestFact &T, const Contract &C,
                        const std::vector<std::string> &Reporters) {
  TestJudgement J;
  const ValueSet &E = C.Errors;
  std::vector<ValueSet> ErrorsTo =
      outcome(T, C, E, Mode::Errors, &J.ComparedInSignedType);
  std::vector<ValueSet> TypicalTo = outcome(T, C, C.Typical, Mode::Typical,
                                            nullptr);
  std::vector<ValueSet> SuccessTo =
      outcome(T, C, C.Success, Mode::Plain, nullptr);
  std::size_t Branches = ErrorsTo.size();

  std::vector<bool> Handler(Branches, false);
  if (!T.IsSwitch) {
    Handler[0] = handlesFailure(T.OnFalse, Reporters);
    Handler[1] = handlesFailure(T.OnTrue, Reporters);
    if (Handler[0] != Handler[1])
      J.HandlerBranch = Handler[1] ? 1 : 0;
  } else {
    for (std::size_t I = 0; I + 1 < Branches; ++I)
      Handler[I] = handlesFailure(T.Cases[I].Branch, Reporters);
    Handler[Branches - 1] = handlesFailure(T.Default, Reporters);
  }

  ValueSet Determined;
  for (const ValueSet &S : ErrorsTo)
    Determined = Determined.unite(S);

  // Where one branch visibly handles the failure and another does not, the
  // errors must all reach a handling branch.
  std::size_t Handlers = std::count(Handler.begin(), Handler.end(), true);
  if (Handlers > 0 && Handlers < Branches) {
    ValueSet Handled, Missed;
    for (std::size_t I = 0; I < Branches; ++I)
      (Handler[I] ? Handled : Missed) = (Handler[I] ? Handled : Missed)
                                            .unite(ErrorsTo[I]);
    if (Handled.containsAll(E)) {
      J.V = TestJudgement::Complete;
    } else if (!Missed.empty()) {
      J.V = TestJudgement::Incomplete;
      J.Why = TestJudgement::AwayFromHandler;
      J.AllErrorsShared = Missed.containsAll(E);
    }
    return J;
  }

  // Where the branches look alike, the values decide: the branch that takes
  // the errors must not be the one the typical successes take.
  int TypicalBranch = -1;
  for (std::size_t I = 0; I < Branches; ++I)
    if (!C.Typical.empty() && TypicalTo[I].containsAll(C.Typical))
      TypicalBranch = I;
  if (TypicalBranch < 0)
    return J;
  const ValueSet &Shared = ErrorsTo[TypicalBranch];
  if (!Shared.empty()) {
    J.V = TestJudgement::Incomplete;
    J.AllErrorsShared = Shared.containsAll(E);
    J.Why = J.AllErrorsShared &&
                    SuccessTo[TypicalBranch].containsAll(C.Success)
                ? TestJudgement::AlwaysSame
                : TestJudgement::SharedWithSuccess;
  } else if (Determined.containsAll(E)) {
    J.V = TestJudgement::Complete;
  }
  return J;
}

} // namespace retcheck
