//===- Judge.cpp - From facts and contracts to findings -------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Judge.h"
#include "Repairs.h"
#include "infer/TestVerdict.h"

#include "facts/NoLint.h"
#include "support/Edits.h"

#include <algorithm>

namespace retcheck {

namespace {

/// "-1", "a negative value", "a null pointer", ...: the errors in words.
std::string describeValues(const ValueSet &Errors, const ValueKind &Result) {
  IntType T = Result.Int;
  if (Result.K == ValueKind::Pointer && Errors == ValueSet::point(0))
    return "a null pointer";
  if (Result.K == ValueKind::Bool && Errors == ValueSet::point(0))
    return "false";
  if (Result.K == ValueKind::Bool && Errors == ValueSet::point(1))
    return "true";
  if (Errors.isPoint()) {
    Int V = Errors.min();
    // -1 of an unsigned type is how C code writes its largest value.
    if (!T.Signed && V == T.max())
      return Result.K == ValueKind::Pointer ? "((void *) -1)" : "-1";
    return toString(V);
  }
  if (T.Signed && Errors == ValueSet::range(T.min(), -1))
    return "a negative value";
  if (Errors == ValueSet::point(0).complement(T))
    return "a nonzero value";
  if (Errors == ValueSet::range(1, T.max()))
    return "a positive value";
  return "a value in " + Errors.str();
}

/// `f(..., &err); if (err) ...` where every failure of f sets `err`: the
/// test of the error object is the check. (Coarse: a use of the result
/// before that test is not told apart.)
bool errorObjectTested(const CallFact &Call, const Rule &R) {
  return R.ErrorOut && R.ErrorOut->SetOnFailure &&
         Call.Args.size() > R.ErrorOut->Index &&
         Call.Args[R.ErrorOut->Index].AddressTested;
}

/// Functions that accept a failed result by definition: `free(NULL)`.
bool acceptsFailure(const FunctionId &F) {
  static const char *const Names[] = {"free",    "g_free",    "cfree",
                                      "realloc", "g_realloc", "kfree"};
  return std::find(std::begin(Names), std::end(Names), F.Name) !=
         std::end(Names);
}

enum class UseKind { Use, Neutral, Escape };

struct UseVerdict {
  UseKind K;
  std::string What; ///< "dereferenced", "passed to 'memcpy'", ...
};

class CallJudge {
public:
  CallJudge(const Judge &J, const RuleSet &Rules, const CallFact &Call,
            const TUFacts &TU, const Rule &R, const Contract &C)
      : J(J), Rules(Rules), Call(Call), TU(TU), R(R), C(C) {}

  std::optional<Finding> run();

private:
  const Judge &J;
  const RuleSet &Rules;
  const CallFact &Call;
  const TUFacts &TU;
  const Rule &R;
  const Contract &C;

  std::string failure() const { return describeValues(C.Errors, Call.Result); }
  /// "it returns -1 on failure"; a lookup's "it returns a null pointer
  /// when it finds nothing".
  std::string outcome() const {
    if (R.Conv == Convention::Nullable)
      return "it returns " + failure() + " when it finds nothing";
    return "it returns " + failure() + " on failure";
  }

  std::optional<Finding> report(CheckKind K, const FactPos &At,
                                std::string Message,
                                std::vector<TextEdit> Fixes = {}) const;
  TextEdit edit(const FactRange &Range, std::string Text) const {
    return {TU.Files[Range.File].Path, Range.Offset, Range.Length,
            std::move(Text), TU.Files[Range.File].Digest};
  }

  UseVerdict judgeUse(const UseFact &U) const;
  std::optional<Finding> judgeTests() const;
  /// Test \p T of a stored result still tells its errors apart, after the
  /// store's conversion.
  bool recoversStoredErrors(const TestFact &T) const;
  std::optional<Finding> judgeLoss(bool RecoveredByTest) const;
  std::optional<TextEdit> minusOneFix(const MinusOneFact &M) const;
  std::optional<TextEdit> rewriteFix(const TestFact &T,
                                     const TestJudgement &TJ) const;
};

std::optional<Finding> CallJudge::report(CheckKind K, const FactPos &At,
                                         std::string Message,
                                         std::vector<TextEdit> Fixes) const {
  CheckSetting Setting = R.setting(K);
  if (!Setting.Enabled)
    return std::nullopt;
  Finding F;
  F.Check = K;
  F.Level = Setting.Level;
  F.File = TU.Files[At.File].Path;
  F.Line = At.Line;
  F.Column = At.Column;
  F.Offset = At.Offset;
  F.Message = std::move(Message);
  F.Function = R.Function;
  F.EnclosingFunction = Call.Names->CallerName;
  F.CallLine = Call.Call.Line;
  F.CallColumn = Call.Call.Column;
  F.Fixes = std::move(Fixes);
  if (R.Inferred) {
    // As sure as the contract, less so where the function's other callers
    // do not check it either (EPEx's filter, as a weight).
    const Inference &I = *R.Inferred;
    unsigned Others = I.Callers > 0 ? I.Callers - 1 : 0;
    double Corroboration =
        Others == 0
            ? 0.7
            : 0.5 + 0.5 * std::min(1.0, double(I.CallersChecking) / Others);
    F.Inferred = true;
    F.Confidence = I.Confidence * Corroboration;
    F.FromCallers = I.Basis == "callers";
    F.Evidence = I.Evidence;
    F.ContractCalls = I.Callers;
    F.ContractCallsChecking = I.CallersChecking;
    F.Evidence.push_back(std::to_string(I.CallersChecking) + " of " +
                         std::to_string(I.Callers) +
                         " call sites test it completely");
  }
  return F;
}

UseVerdict CallJudge::judgeUse(const UseFact &U) const {
  bool Pointer = Call.Result.K == ValueKind::Pointer;
  switch (U.K) {
  case UseFact::Deref:
    return {UseKind::Use, "dereferenced"};
  case UseFact::Index:
    return {UseKind::Use, "used as an index"};
  case UseFact::Arith:
    return {UseKind::Use, "used in arithmetic"};
  case UseFact::Argument:
    break;
  }
  if (acceptsFailure(U.Callee))
    return {UseKind::Neutral, ""};
  std::string To = "passed to '" + U.Callee.Name + "'";
  bool FailsWithNull = Pointer && C.Errors.contains(0);
  // `strextend(&r, t)` is `strextend_with_separator_internal(&r, NULL, t,
  // NULL)`: a failure's NULL there is taken for the list's end, so the
  // failure passes for "nothing more" and any later items are dropped. A
  // lookup's NULL there says "nothing" on purpose.
  if (FailsWithNull && U.BeforeSentinel && R.Conv != Convention::Nullable)
    return {UseKind::Use, To + " in an argument list that a NULL ends, "
                               "which takes a failure for its end"};
  if (U.Variadic)
    return {UseKind::Escape, ""};
  if (FailsWithNull && U.NonNullParam)
    return {UseKind::Use, To + ", which needs a non-null pointer"};
  if (const Rule *Callee = J.ruleFor(U.Callee))
    if (std::find(Callee->ValidArgs.begin(), Callee->ValidArgs.end(),
                  U.ArgIndex) != Callee->ValidArgs.end())
      return {UseKind::Use,
              To + (Callee->Inferred
                        ? ", which dereferences it or stops on NULL before any "
                          "test"
                        : ", which needs a valid argument there")};
  if (!Pointer && U.SizeParam && Call.Result.Int.Signed && C.Errors.min() < 0)
    return {UseKind::Use, To + " as a size"};
  return {UseKind::Escape, ""};
}

std::optional<TextEdit> CallJudge::minusOneFix(const MinusOneFact &M) const {
  if (!M.Editable)
    return std::nullopt;
  const char *Replacement;
  if (C.Errors == ValueSet::range(Call.Result.Int.min(), -1) &&
      Call.Result.Int.Signed) {
    // `x < 0` on an unsigned value is always false: never offer it.
    if (!M.TrackedSigned)
      return std::nullopt;
    Replacement = M.IsEq ? "< 0" : ">= 0";
  } else if (C.Success == ValueSet::point(0)) {
    if (!M.TrackedInteger)
      return std::nullopt;
    Replacement = M.IsEq ? "!= 0" : "== 0";
  } else {
    return std::nullopt;
  }
  return edit(M.Range, M.Prefix + Replacement);
}

std::optional<TextEdit> CallJudge::rewriteFix(const TestFact &T,
                                              const TestJudgement &TJ) const {
  // Only where the author's intent is beyond doubt: a signed value, and a
  // branch the code already treats as failure, which receives every error
  // after the rewrite.
  if (!T.Rewrite->Rewritable || !T.Rewrite->TrackedSigned ||
      TJ.HandlerBranch < 0 || Call.Result.K != ValueKind::Integer)
    return std::nullopt;
  bool ToTrue = TJ.HandlerBranch == 1;
  const IntType &Ty = Call.Result.Int;
  std::string Test;
  if (Ty.Signed && ValueSet::range(Ty.min(), -1).containsAll(C.Errors) &&
      ValueSet::range(0, Ty.max()).containsAll(C.Success))
    Test = ToTrue ? " < 0" : " >= 0";
  else if (C.Success == ValueSet::point(0))
    Test = ToTrue ? " != 0" : " == 0";
  else
    return std::nullopt;
  return edit(T.Rewrite->Range, T.Rewrite->Tracked + Test);
}

std::optional<Finding> CallJudge::judgeTests() const {
  bool Complete = false, MinusOneClass = false, SinglesOut = false;
  const TestFact *Incomplete = nullptr;
  TestJudgement IncompleteWhy;
  std::vector<const MinusOneFact *> MinusOnes;
  FactPos MinusOneAt;
  // Errors an earlier test sent into a branch that replaced the value do
  // not reach a later test: `size = load_elf(...); if (size > 0) {...}
  // else { size = load_image_targphys(...); } if (size == -1)` tests only
  // what the fallback returned (QEMU's s390x ipl).
  ValueSet Replaced;
  // `if (r < 0 && r != -ENOENT) return log_error_errno(r, ...); return r ==
  // 0;`: the errors earlier tests handled, and those they named. Where the
  // named ones are all a later test can meet unhandled, they were let on to
  // it on purpose (bootctl's "not installed").
  ValueSet HandledEarlier, NamedEarlier;
  for (const TestFact &T : Call.Tests) {
    // The errors as this test sees them (those a narrower local wraps are
    // the lossy-store check's), less those replaced on the way.
    ValueSet Seen = representable(T, C.Errors);
    Contract Reaching = C;
    if (!Replaced.empty()) {
      Reaching.Errors = Seen.intersect(Replaced.complement(Call.Result.Int));
      if (Reaching.Errors.empty())
        continue;
    }
    bool LetOnByName = !NamedEarlier.empty() &&
                       NamedEarlier.containsAll(Reaching.Errors.intersect(
                           HandledEarlier.complement(Call.Result.Int)));
    HandledEarlier = HandledEarlier.unite(
        errorsHandledBy(T, Reaching, Rules.errorReporters()));
    NamedEarlier = NamedEarlier.unite(namedErrors(T, Reaching));
    if (!T.IsSwitch) {
      std::vector<ValueSet> Taken = valuesByBranch(T, C, Seen);
      for (int Branch : {0, 1})
        if ((Branch ? T.OnTrue : T.OnFalse).Replaces &&
            std::size_t(Branch) < Taken.size())
          Replaced = Replaced.unite(Taken[Branch]);
    }
    if (LetOnByName)
      continue;
    TestJudgement TJ = judgeTest(T, Reaching, Rules.errorReporters());
    SinglesOut |= singlesOutErrors(T, Reaching);
    if (TJ.V == TestJudgement::Complete) {
      Complete = true;
      continue;
    }
    // A -1 test that sees no other error is no -1 class; nor is one joined
    // by `&&` to a test of errno (`rc == -1 && errno == EAGAIN`), which
    // takes the callee for one that fails as the C library does, and asks
    // which failure it met, not whether.
    if (!(Reaching.Errors == ValueSet::point(Call.Result.Int.wrap(-1)))) {
      for (const MinusOneFact &M : T.Rewrite->MinusOnes)
        if (!M.BesideErrno)
          MinusOnes.push_back(&M);
      for (const CaseFact &Case : T.Cases)
        if (Case.MinusOneLabel && !MinusOneClass) {
          MinusOneClass = true;
          MinusOneAt = T.Where;
        }
    }
    if (TJ.V == TestJudgement::Incomplete && !Incomplete) {
      Incomplete = &T;
      IncompleteWhy = TJ;
    }
  }
  if (Complete)
    return std::nullopt;
  // The -1 class: a -1 test of a value that fails with other values too.
  bool OnlyMinusOne = C.Errors == ValueSet::point(Call.Result.Int.wrap(-1));
  // `if (ret == QIO_CHANNEL_ERR_BLOCK) ... else if (ret == -1)`: where
  // another test picks the other failures out by name, the -1 test is one
  // of a deliberate set, as a test that singles errors out is not
  // incomplete (infer/TestVerdict.h).
  if (!OnlyMinusOne && !SinglesOut && (!MinusOnes.empty() || MinusOneClass)) {
    // A -1 test of a value that fails otherwise too: the -1 class. It is
    // reported at its first -1 comparison in the file of the call.
    const MinusOneFact *First = nullptr;
    std::vector<TextEdit> Fixes;
    for (const MinusOneFact *M : MinusOnes) {
      if (!First || (M->Operator.File == First->Operator.File &&
                     M->Operator.Offset < First->Operator.Offset))
        First = M;
      if (std::optional<TextEdit> Fix = minusOneFix(*M))
        if (std::find(Fixes.begin(), Fixes.end(), *Fix) == Fixes.end())
          Fixes.push_back(std::move(*Fix));
    }
    return report(
        CheckKind::MinusOneCheck, First ? First->Operator : MinusOneAt,
        "error check of '" + R.Function + "' only catches -1; " + outcome(),
        std::move(Fixes));
  }
  // A predicate's failure taken for a "yes" meets another test before any
  // use; where some test picks failures out by name (`if (r == 0) return
  // -EINVAL; if (r < 0 && r != -EOPNOTSUPP) return r;`), the author has
  // looked at them and let the others go on purpose.
  if (!Incomplete ||
      (IncompleteWhy.Why == TestJudgement::TakenForYes && SinglesOut))
    return std::nullopt;
  std::string What;
  switch (IncompleteWhy.Why) {
  case TestJudgement::AlwaysSame:
    What = IncompleteWhy.AlwaysBranch < 0
               ? "takes the same branch for every result, so it catches no "
                 "failure"
               : std::string("is always ") +
                     (IncompleteWhy.AlwaysBranch ? "true" : "false") +
                     " for the values it returns, so it catches no failure";
    break;
  case TestJudgement::SharedWithSuccess:
    What = IncompleteWhy.AllErrorsShared
               ? "sends its failures down the same branch as its successes"
               : "sends some of its failures down the same branch as its "
                 "successes";
    break;
  case TestJudgement::TakenForYes:
    What = "takes a failure for a 'yes' (its successes are 0 and 1)";
    break;
  default:
    What = "sends its failures away from the branch that handles them";
    break;
  }
  std::vector<TextEdit> Fixes;
  if (std::optional<TextEdit> Fix = rewriteFix(*Incomplete, IncompleteWhy))
    Fixes.push_back(std::move(*Fix));
  std::optional<Finding> F =
      report(CheckKind::IncompleteCheck, Incomplete->Where,
             "error check of '" + R.Function + "' " + What + "; " + outcome(),
             std::move(Fixes));
  if (F) {
    F->TakenForYes = IncompleteWhy.Why == TestJudgement::TakenForYes;
    // Only where failures are negative: `p != NULL` after mmap() is the
    // classic slip, not a choice.
    bool NegativeFailures =
        Call.Result.K == ValueKind::Integer && Call.Result.Int.Signed &&
        ValueSet::range(Call.Result.Int.min(), -1).containsAll(C.Errors);
    F->NonZeroSpelledOut =
        NegativeFailures &&
        std::any_of(Incomplete->Nodes.begin(), Incomplete->Nodes.end(),
                    [](const TestNode &N) {
                      return N.K == TestNode::Compare &&
                             N.Op == CompareOp::NE && N.OtherArg < 0 &&
                             N.Other == ValueSet::point(0);
                    });
  }
  return F;
}

bool CallJudge::recoversStoredErrors(const TestFact &T) const {
  // A complete test handles the errors: `(int)n < 0`, or `n > LIMIT` that
  // every wrapped error value exceeds, where the errors do not share a
  // branch with every typical size.
  TestJudgement TJ = judgeTest(T, C, Rules.errorReporters());
  if (TJ.V == TestJudgement::Complete &&
      (TJ.ComparedInSignedType || !TJ.ErrorsWithAllTypical))
    return true;
  // `if (ret != data->size)`, `if (port != s->be_port)`: compared for
  // equality with a value from elsewhere, which a wrapped error does not
  // equal; the errors are told apart, whatever the branches do.
  if (!T.IsSwitch && !T.Nodes.empty()) {
    const TestNode &Root = T.Nodes.back();
    return Root.K == TestNode::Compare &&
           (Root.Op == CompareOp::EQ || Root.Op == CompareOp::NE) &&
           !Root.Other.isPoint() && Root.OtherArg < 0 && Root.MinusOne < 0;
  }
  return false;
}

std::optional<Finding> CallJudge::judgeLoss(bool Recovered) const {
  const ValueKind &To = Call.Store->Dest;
  const IntType &From = Call.Result.Int;
  if (To.K != ValueKind::Integer || Call.Result.K == ValueKind::Pointer)
    return std::nullopt;
  std::string Name = Call.Store->Name;
  if (R.Conv == Convention::Negative && From.Signed && !To.Int.Signed) {
    if (Recovered)
      return std::nullopt;
    return report(CheckKind::LossyStore, Call.Store->Where,
                  "result of '" + R.Function + "' is stored in '" + Name +
                      "' of unsigned type '" + Call.Store->DestType +
                      "'; its negative error values can no longer be "
                      "tested");
  }
  if (R.ReportNarrowing && To.Int.Width < From.Width && !Recovered)
    return report(CheckKind::LossyStore, Call.Store->Where,
                  "result of '" + R.Function + "' (type '" +
                      Call.Names->ResultType + "') is narrowed into '" + Name +
                      "' of type '" + Call.Store->DestType +
                      "'; error values may be lost");
  return std::nullopt;
}

std::optional<Finding> CallJudge::run() {
  if (cannotFail(Call, R) || errorObjectTested(Call, R))
    return std::nullopt;
  switch (Call.Fate) {
  case ResultFate::DiscardedByVoid:
    if (R.AllowVoidCast)
      return std::nullopt;
    [[fallthrough]];
  case ResultFate::Discarded:
    return report(CheckKind::IgnoredResult, Call.Call,
                  "result of '" + R.Function + "' is ignored; " + outcome());
  case ResultFate::Escaped:
  case ResultFate::Other:
    return std::nullopt;
  case ResultFate::Used:
  case ResultFate::Tested:
  case ResultFate::Stored:
    break;
  }

  // Uses: the first one reached before any test is a failure used as a
  // result (a dereference before arithmetic); the others decide whether
  // the value escapes.
  bool Escapes = Call.Escapes;
  bool Checked = std::any_of(Call.Tests.begin(), Call.Tests.end(),
                             [](const TestFact &T) { return T.CheckLike; });
  const UseFact *FirstUse = nullptr;
  std::string FirstWhat;
  auto Rank = [](const UseFact &U) { return U.K == UseFact::Arith ? 1 : 0; };
  for (const UseFact &U : Call.Uses) {
    UseVerdict V = judgeUse(U);
    Escapes |= V.K == UseKind::Escape;
    // Arithmetic on a failure yields garbage that is harmless until used:
    // where a check follows, the computed value dies on the error path.
    if (U.K == UseFact::Arith && Checked)
      continue;
    if (V.K != UseKind::Use || !U.BeforeTest)
      continue;
    if (!FirstUse || Rank(U) < Rank(*FirstUse) ||
        (Rank(U) == Rank(*FirstUse) && U.Where.File == FirstUse->Where.File &&
         U.Where.Offset < FirstUse->Where.Offset)) {
      FirstUse = &U;
      FirstWhat = V.What;
    }
  }

  if (Call.Fate == ResultFate::Stored) {
    // `ret = f(); (void) ret;` says what `(void) f()` says, of a plain
    // store, an errors-losing one or a status merged elsewhere.
    if (Call.Store->DiscardedByVoid && R.AllowVoidCast && Call.Tests.empty() &&
        !FirstUse)
      return std::nullopt;
    bool Recovered =
        std::any_of(Call.Tests.begin(), Call.Tests.end(),
                    [&](const TestFact &T) { return recoversStoredErrors(T); });
    if (std::optional<Finding> F = judgeLoss(Recovered))
      return F;
    if (!Call.Store->Followed && Call.Tests.empty() && !FirstUse)
      return std::nullopt; // stored beyond the function: its owner checks
  }
  if (FirstUse)
    return report(CheckKind::UncheckedUse, FirstUse->Where,
                  "result of '" + R.Function +
                      "' is used before it is "
                      "checked: " +
                      FirstWhat + "; " + outcome());
  if (std::optional<Finding> F = judgeTests())
    return F;
  if (Call.Fate == ResultFate::Stored && Call.Tests.empty() && !Escapes)
    return report(CheckKind::UncheckedStore, Call.Store->Where,
                  "result of '" + R.Function + "' is stored in '" +
                      Call.Store->Name + "' but never checked; " + outcome());
  // Merged into the status on some paths, lost on another: the local is
  // assigned again before it is read (the fix gathers both results or
  // tests the first). Not where the object the call was handed is tested
  // (`r = new_signal(&m, ...); if (!m) return r;`): there its failure is
  // seen.
  // A pointer replaced leaks at worst; a status replaced is lost.
  if (Call.Fate == ResultFate::Stored && Call.Store->Lost &&
      Call.Result.K == ValueKind::Integer &&
      std::none_of(Call.Args.begin(), Call.Args.end(),
                   [](const ArgFact &A) { return A.AddressTested; })) {
    std::optional<Finding> F = report(
        CheckKind::UncheckedStore, Call.Store->Where,
        "result of '" + R.Function + "' is stored in '" + Call.Store->Name +
            "', which another call's result replaces on some path (line " +
            std::to_string(Call.Store->LostWhere.Line) +
            ") before it is read; " + outcome());
    if (F)
      F->StatusLost = true;
    return F;
  }
  return std::nullopt;
}

/// Two calls whose results reach one -1 test can propose different
/// rewrites of it (`!= 0` for one convention, `< 0` for another). No one
/// rewrite is right for both: the findings stay, without fix-its.
void dropConflictingFixes(std::vector<Finding> &Findings) {
  std::vector<TextEdit> Edits;
  for (const Finding &F : Findings)
    Edits.insert(Edits.end(), F.Fixes.begin(), F.Fixes.end());
  std::vector<TextEdit> Conflicts = planFixes(Edits).Conflicts;
  for (Finding &F : Findings)
    if (std::any_of(F.Fixes.begin(), F.Fixes.end(), [&](const TextEdit &E) {
          return std::find(Conflicts.begin(), Conflicts.end(), E) !=
                 Conflicts.end();
        }))
      F.Fixes.clear();
}

} // namespace

std::optional<Finding> Judge::judge(const CallFact &Call, const TUFacts &TU,
                                    CallerTally *Tally) const {
  const Rule *R = ruleFor(Call.Callee);
  if (!R)
    return std::nullopt;
  std::optional<Contract> C = contractAtCall(*R, Call);
  if (!C)
    return std::nullopt;
  std::optional<Finding> F = CallJudge(*this, Rules, Call, TU, *R, *C).run();
  // A call checks the result when it tests it (or the error object it
  // handed over); one without a finding that does not (a getter's pointer
  // handed to a function that does not dereference it) has not checked
  // anything: 63 untested calls of object_get_objects_root() are no "61
  // of 62 others check it". One that passes it on leaves the choice to
  // its caller and counts neither way.
  if (Tally && !cannotFail(Call, *R) && !droppedLookup(Call, *R) &&
      (F || !passesOnUntested(Call)))
    Tally->count(*R, !F && testsResult(Call));
  // A finding that its rule makes a note is not worth new code.
  if (F && F->Fixes.empty() && hasRepairs(F->Check) &&
      F->Level == Severity::Warning) {
    Repair Proposed =
        proposeRepair(F->Check, Call, TU, *C, Rules.errorReporters());
    F->Proposed = std::move(Proposed.Note);
    F->NoRepair = std::move(Proposed.Why);
  }
  return F;
}

std::vector<Finding> Judge::judgeAll(const TUFacts &TU,
                                     CallerTally *Tally) const {
  std::vector<Finding> Findings;
  for (std::size_t I = 0; I < TU.Calls.size(); ++I) {
    std::optional<Finding> F = judge(TU.Calls[I], TU, Tally);
    if (!F)
      continue;
    F->CallIndex = int32_t(I);
    // The same comments silence the CLI and clang-tidy.
    const FileFacts *File = nullptr;
    for (const FileFacts &Candidate : TU.Files)
      if (Candidate.Path == F->File)
        File = &Candidate;
    if (File && isSilencedByNoLint(File->NoLint, F->Line, checkName(F->Check)))
      continue;
    Findings.push_back(std::move(*F));
  }
  dropConflictingFixes(Findings);
  settleRepairs(Findings);
  return Findings;
}

} // namespace retcheck
