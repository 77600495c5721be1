//===- Inference.cpp - Error contracts read from the whole tree -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Inference.h"
#include "ContractJoin.h"
#include "InferenceFacts.h"
#include "Reporters.h"
#include "StatusCodes.h"
#include "TestVerdict.h"

#include "contracts/Contract.h"
#include "support/Paths.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace retcheck {

namespace {

/// Strength of the evidence a return site gives, as a confidence.
constexpr double ErrnoCodeStrength = 0.9;   ///< `return -EINVAL;`
constexpr double WrittenRuleStrength = 0.9; ///< passes on a written contract
constexpr double ReporterStrength = 0.75;   ///< after `error_report(...)`
/// A constant the function's comment names as its failure.
constexpr double DocStrength = 0.7;
/// A parameter dereferenced before any test (`valid_args` only).
constexpr double DerefStrength = 0.9;
constexpr double GuardStrength = 0.75;      ///< where a callee failed
/// Where a callee with no contract (a library function no rule names)
/// returned what its test treats as a failure: a negative value, NULL.
constexpr double ShapeGuardStrength = 0.6;
/// A status code of a family whose 0 is `_OK` (infer/StatusCodes.h).
constexpr double StatusStrength = 0.8;
/// A code of the family of one returned where a callee failed.
constexpr double KinCodeStrength = 0.7;
/// NULL after a loop that returns what it finds: "not found".
constexpr double SearchStrength = 0.6;
constexpr double InheritedDecay = 0.95; ///< per level of wrapping
constexpr std::size_t MaxEvidence = 6;

struct Site {
  const TUFacts *TU;
  const CallFact *Call;
};

struct BodyRef {
  const TUFacts *TU;
  const FunctionFact *Fact;
};

struct Binding {
  const TUFacts *TU;
  const BindingFact *Fact;
};

struct Node {
  FunctionId Id;
  const TUFacts *BodyTU = nullptr;
  const FunctionFact *Body = nullptr; ///< the one with the most returns
  /// Every distinct body of the name (an exported name linked its own way
  /// into each binary: a stub, a target's hook).
  std::vector<BodyRef> Bodies;
  /// A function pointer, and what is bound to it.
  bool Pointer = false;
  std::vector<Binding> Bindings;
  std::vector<Site> Calls;
  const Rule *Written = nullptr;
  /// Out of line: most of the functions seen get no contract.
  std::unique_ptr<Rule> Inferred;
};

std::optional<ValueSpec> parsedSpec(const std::string &Text) {
  std::string Error;
  return ValueSpec::parse(Text, Error);
}

/// A callee's values passed on through another type. Through a narrower
/// signed type they are taken to fit (an errno code, a size returned as
/// `int`): C's wrap-around would smear a negative range over every value
/// of the narrower type, and its failures would look like "nonzero".
ValueSet passedOn(const ValueSet &S, IntType From, IntType To) {
  if (From.Signed && To.Signed && To.Width < From.Width)
    return S.intersect(ValueSet::all(To));
  return S.convert(From, To);
}

/// Whether \p V, returned by a function of kind \p K, is what that kind
/// conventionally fails with: a negative value, NULL, false. Where a test
/// of a callee without a contract is all the evidence, nothing else is
/// taken for a failure: `return true` under `if (!cpu)` is an answer, as
/// is an unsigned or enum status (`DISAS_NORETURN`), and `false` from a
/// function that also returns a computed bool is a predicate's answer.
bool conventionalFailure(const ValueKind &K, Int V, bool ReturnsData) {
  switch (K.K) {
  case ValueKind::Pointer:
    return V == 0;
  case ValueKind::Bool:
    return V == 0 && !ReturnsData;
  case ValueKind::Integer:
    return K.Int.Signed && V < 0;
  case ValueKind::Other:
    return false;
  }
  return false;
}

/// The conditions a path puts on the parameters, as a failure case.
FailureCase caseOf(const std::vector<ParamCondition> &Requires) {
  FailureCase Case;
  for (const ParamCondition &P : Requires)
    Case.push_back({P.Param, ValueSpec::of(P.Values, P.Type)});
  return Case;
}

/// Both cases at once: conditions on one argument intersected; nullopt
/// when they contradict each other.
std::optional<FailureCase> joined(FailureCase A, const FailureCase &B) {
  const IntType Any{64, true};
  for (const ArgCondition &C : B) {
    auto It = std::find_if(A.begin(), A.end(), [&](const ArgCondition &O) {
      return O.Arg == C.Arg;
    });
    if (It == A.end()) {
      A.push_back(C);
      continue;
    }
    ValueSet Both = It->Values.in(Any).intersect(C.Values.in(Any));
    if (Both.empty())
      return std::nullopt;
    It->Values = ValueSpec::of(Both, Any);
  }
  std::sort(A.begin(), A.end(), [](const ArgCondition &X, const ArgCondition &Y) {
    return X.Arg < Y.Arg;
  });
  return A;
}

/// The calls of a function that can fail, gathered over its failing
/// returns: a return whose path tests no parameter makes every call fail.
class FailureCases {
public:
  /// The conditions' arguments' types, where the function's own tests
  /// show them (a callee's cases passed on may name others).
  void typesFrom(const FunctionFact &F) {
    for (const ReturnFact &R : F.Returns)
      for (const ParamCondition &P : R.Requires)
        Types.emplace(P.Param, P.Type);
  }
  void add(const std::optional<FailureCase> &Case) {
    if (!Case)
      return; // a path no call can take
    if (Case->empty())
      Unconditional = true;
    else if (std::none_of(Cases.begin(), Cases.end(),
                          [&](const FailureCase &O) { return text(O) == text(*Case); }))
      Cases.push_back(*Case);
  }
  /// More than a few ways to fail is "any call", as far as anyone reads.
  std::vector<FailureCase> result() const {
    if (Unconditional || Cases.size() > 4 || coverEveryValue())
      return {};
    return Cases;
  }
  /// "arg0 == 0 and arg2 != 0"
  static std::string text(const FailureCase &Case) {
    std::string Text;
    for (const ArgCondition &C : Case) {
      const std::string &V = C.Values.Text;
      bool Compare = !V.empty() && std::strchr("<>!=", V[0]);
      bool Set = V.find("..") != std::string::npos ||
                 V.find(',') != std::string::npos;
      Text += (Text.empty() ? "" : " and ") + std::string("arg") +
              std::to_string(C.Arg) +
              (Compare ? " " : Set ? " in " : " == ") + V;
    }
    return Text;
  }

private:
  std::vector<FailureCase> Cases;
  bool Unconditional = false;
  std::map<unsigned, IntType> Types;

  /// `arg1 == 7` and `arg1 != 7`, `arg0 == NULL` and `arg0 != NULL` (an
  /// early `return NULL;` for one value, an allocation's failure past it):
  /// every call can fail. An argument of unknown type is taken as 64-bit
  /// signed, where only cases that cover every value say so.
  bool coverEveryValue() const {
    std::map<unsigned, ValueSet> ByArg;
    auto TypeOf = [&](unsigned Arg) {
      auto It = Types.find(Arg);
      return It != Types.end() ? It->second : IntType{64, true};
    };
    for (const FailureCase &Case : Cases)
      if (Case.size() == 1)
        ByArg[Case[0].Arg] =
            ByArg[Case[0].Arg].unite(Case[0].Values.in(TypeOf(Case[0].Arg)));
    return std::any_of(ByArg.begin(), ByArg.end(), [&](const auto &Arg) {
      return Arg.second.complement(TypeOf(Arg.first)).empty();
    });
  }
};

/// The failure cases of \p Callee through the arguments of \p Call, as
/// cases of the calling function, on a path that requires \p Path: a
/// constant argument decides its condition, a parameter passed on unchanged
/// carries it over, anything else may meet it.
std::vector<std::optional<FailureCase>>
passedOnCases(const Rule &Callee, const CallFact &Call, const FailureCase &Path) {
  if (Callee.FailsWhen.empty())
    return {Path};
  std::vector<std::optional<FailureCase>> Out;
  for (const FailureCase &Case : Callee.FailsWhen) {
    FailureCase Mine;
    bool Possible = true;
    for (const ArgCondition &C : Case) {
      if (C.Arg >= Call.Args.size())
        continue;
      const ArgFact &A = Call.Args[C.Arg];
      if (A.Constant)
        Possible &= C.Values.holds(*A.Constant);
      else if (A.Param >= 0)
        Mine.push_back({unsigned(A.Param), C.Values});
    }
    if (Possible)
      Out.push_back(joined(Mine, Path));
  }
  return Out;
}

class Inferrer {
public:
  Inferrer(const std::vector<const TUFacts *> &TUs, const RuleSet &Written,
           const InferenceOptions &Options)
      : Written(Written), Options(Options) {
    // Places seen, by file number and offset: a call or body of a header
    // is in the facts of every TU that includes it.
    std::unordered_map<std::string, uint32_t> FileNumbers;
    std::unordered_set<uint64_t> SeenCalls, SeenBodies;
    std::vector<uint64_t> FileKeys;
    auto Place = [&](const FactPos &P) { return FileKeys[P.File] | P.Offset; };
    for (const TUFacts *TU : TUs) {
      FileKeys.clear();
      for (const FileFacts &F : TU->Files)
        FileKeys.push_back(
            uint64_t(FileNumbers.try_emplace(F.Path, FileNumbers.size())
                         .first->second)
            << 32);
      // Several bodies of one exported name (QEMU links a stub or the
      // real one per binary): their contracts are joined.
      for (const FunctionFact &F : TU->Functions) {
        Statuses.add(F);
        Node &N = node(F.Id);
        if (SeenBodies.insert(Place(F.Where)).second)
          N.Bodies.push_back({TU, &F});
        if (!N.Body || F.Returns.size() > N.Body->Returns.size()) {
          N.Body = &F;
          N.BodyTU = TU;
        }
      }
      for (const CallFact &C : TU->Calls) {
        if (SeenCalls.insert(Place(C.Call)).second)
          node(C.Callee).Calls.push_back({TU, &C});
        if (C.Indirect)
          node(C.Callee).Pointer = true;
      }
      for (const ParamDerefFact &D : TU->ParamDerefs)
        addDerefs(*TU, D);
      // The arguments that receive another call's pointer: where a NULL
      // can arrive unchecked.
      for (const CallFact &C : TU->Calls)
        for (const UseFact &U : C.Uses)
          if (handsPointerOn(C, U))
            ReceivesPointer.insert({U.Callee, U.ArgIndex});
      for (const BindingFact &B : TU->Bindings) {
        Node &N = node(B.Pointer);
        N.Pointer = true;
        N.Bindings.push_back({TU, &B});
        if (B.TargetIsPointer)
          node(B.Target).Pointer = true;
      }
    }
    for (auto &[Id, N] : Nodes)
      N.Written = Written.find(Id.Name, Id.File);
  }

  InferenceResult run() {
    InferenceResult Result;
    // Bodies, to a fixpoint: a wrapper learns its callee's contract on a
    // later round. Bounded, for cycles that keep changing confidence.
    for (Result.Iterations = 1; Result.Iterations <= 30; ++Result.Iterations) {
      bool Changed = false;
      for (auto &[Id, N] : Nodes) {
        if (N.Written || (!N.Body && N.Bindings.empty()))
          continue;
        std::optional<Rule> New = N.Body ? fromBodies(N) : fromBindings(N);
        if (!same(New ? &*New : nullptr, N.Inferred.get())) {
          N.Inferred = boxed(std::move(New));
          Changed = true;
        }
      }
      if (!Changed)
        break;
    }
    for (auto &[Id, N] : Nodes)
      if (!N.Body && N.Bindings.empty() && !N.Written)
        N.Inferred = boxed(fromCallers(N));
    for (auto &[Id, N] : Nodes) {
      ++Result.FunctionsSeen;
      Result.WithBody += N.Body != nullptr;
      if (!N.Inferred)
        continue;
      countCheckingCallers(N);
      addValidArgs(*N.Inferred, Id);
      N.Inferred->OutputsSetFirst = outputsSetByEveryBody(N);
      Result.Rules.add(*N.Inferred);
    }
    // A function without a contract that dereferences what it is handed
    // (`dnsmasqCapsGetBinaryPath(caps)`) gets a rule that says only that.
    for (const auto &[Id, D] : Derefs) {
      auto It = Nodes.find(Id);
      if ((It != Nodes.end() && (It->second.Inferred || It->second.Written)) ||
          Written.find(Id.Name, Id.File))
        continue;
      Rule R;
      R.Function = Id.Name;
      if (!Id.File.empty())
        R.File = relativePath(Id.File, Options.SourceRoot);
      R.Conv = Convention::None;
      R.Inferred.emplace();
      R.Inferred->Basis = "body";
      R.Inferred->Confidence = DerefStrength;
      if (addValidArgs(R, Id)) {
        ++Result.ValidArgsOnly;
        Result.Rules.add(std::move(R));
      }
    }
    return Result;
  }

private:
  const RuleSet &Written;
  const InferenceOptions &Options;
  std::map<FunctionId, Node> Nodes;
  /// The pointer parameters each function dereferences first (joined over
  /// its bodies: those every body dereferences), with evidence.
  struct ParamDerefs {
    std::map<uint32_t, std::string> Params;
    unsigned Bodies = 0;
  };
  std::map<FunctionId, ParamDerefs> Derefs;
  std::set<std::pair<FunctionId, uint32_t>> ReceivesPointer;

  void addDerefs(const TUFacts &TU, const ParamDerefFact &D) {
    ParamDerefs &Mine = Derefs[D.Function];
    std::map<uint32_t, std::string> These;
    for (std::size_t I = 0; I < D.Params.size(); ++I)
      These[D.Params[I]] =
          where(TU, D.Derefs[I]) +
          (std::count(D.Asserted.begin(), D.Asserted.end(), D.Params[I])
               ? ": asserts argument " + std::to_string(D.Params[I]) +
                     " is not NULL before any other use"
               : ": dereferences argument " + std::to_string(D.Params[I]) +
                     " before any test");
    if (Mine.Bodies++ == 0) {
      Mine.Params = std::move(These);
      return;
    }
    for (auto It = Mine.Params.begin(); It != Mine.Params.end();)
      It = These.count(It->first) ? std::next(It) : Mine.Params.erase(It);
  }

  /// The outputs every body of \p N sets before it can fail (none for a
  /// function pointer: what each bound function sets is not joined).
  static std::vector<unsigned> outputsSetByEveryBody(const Node &N) {
    if (N.Bodies.empty())
      return {};
    const std::vector<uint32_t> &First = N.Bodies.front().Fact->OutputsSetFirst;
    std::vector<unsigned> Set(First.begin(), First.end());
    for (const BodyRef &B : llvm::drop_begin(N.Bodies))
      llvm::erase_if(Set, [&](unsigned I) {
        return !llvm::is_contained(B.Fact->OutputsSetFirst, I);
      });
    return Set;
  }

  /// Adds to \p R the arguments that its function dereferences and that
  /// some call hands another call's pointer; false when there are none.
  bool addValidArgs(Rule &R, const FunctionId &Id) const {
    auto It = Derefs.find(Id);
    if (It == Derefs.end())
      return false;
    bool Added = false;
    for (const auto &[Param, Why] : It->second.Params) {
      if (!ReceivesPointer.count({Id, Param}) ||
          std::find(R.ValidArgs.begin(), R.ValidArgs.end(), Param) !=
              R.ValidArgs.end())
        continue;
      R.ValidArgs.push_back(Param);
      R.Inferred->Evidence.push_back(Why);
      Added = true;
    }
    return Added;
  }
  StatusTypes Statuses;

  Node &node(const FunctionId &Id) {
    Node &N = Nodes[Id];
    N.Id = Id;
    return N;
  }

  /// \p EvenNone: also a written rule that says there is no contract.
  const Rule *contractOf(const FunctionId &Id, bool EvenNone = false) const {
    auto It = Nodes.find(Id);
    if (It == Nodes.end())
      return Written.find(Id.Name, Id.File);
    if (It->second.Written)
      return It->second.Written->Conv == Convention::None && !EvenNone
                 ? nullptr
                 : It->second.Written;
    return It->second.Inferred ? &*It->second.Inferred : nullptr;
  }

  /// A lookup: its NULL means "not found", not a failure.
  bool isLookup(const FunctionId &Id) const {
    const Rule *R = contractOf(Id);
    return R && R->Conv == Convention::Nullable;
  }

  static double strengthOf(const Rule &R) {
    return R.Inferred ? R.Inferred->Confidence : WrittenRuleStrength;
  }

  std::optional<Contract> contractOfCall(const CallFact &C,
                                         const Rule **Source = nullptr) const {
    const Rule *R = contractOf(C.Callee);
    if (Source)
      *Source = R;
    if (!R)
      return std::nullopt;
    return contractAtCall(*R, C);
  }

  std::string where(const TUFacts &TU, const FactPos &P) const {
    return relativePath(TU.Files[P.File].Path, Options.SourceRoot) + ":" +
           std::to_string(P.Line);
  }

  /// A reporter that tells the user (`error_report`, `perror`), not one
  /// that hands the error to the caller (`error_setg`).
  bool reportedBefore(const ReturnFact &R) const {
    const std::vector<std::string> &Reporters = Written.errorReporters();
    for (const std::string &Call : R.CallsBefore)
      if (std::find(Reporters.begin(), Reporters.end(), Call) !=
              Reporters.end() &&
          Call.rfind("error_set", 0) != 0 &&
          Call.rfind("error_propagate", 0) != 0 &&
          Call.rfind("error_prepend", 0) != 0)
        return true;
    return false;
  }

  /// `!*errp`, `*errp == NULL`: whether the function's error object
  /// \p ErrorParam is still unset, as spelt in a return.
  static bool testsErrorObject(const std::string &Spelling,
                               const std::string &ErrorParam) {
    if (ErrorParam.empty())
      return false;
    std::string Text;
    for (char C : Spelling)
      if (C != ' ' && C != '(' && C != ')')
        Text += C;
    std::string Object = "*" + ErrorParam;
    return Text == "!" + Object || Text == Object + "==NULL" ||
           Text == "NULL==" + Object;
  }

  static bool setsErrnoBefore(const ReturnFact &R) {
    return std::find(R.CallsBefore.begin(), R.CallsBefore.end(), "errno") !=
           R.CallsBefore.end();
  }

  /// Whether \p R returns a negative code: `return -EINVAL;`, `return
  /// -errno;`, `return -1;` (a constant in \p T's type).
  static bool returnsNegative(const ReturnFact &R, const IntType &T) {
    if (R.K == ReturnFact::ErrnoCode)
      return (!R.Spelling.empty() && R.Spelling[0] == '-') ||
             (!R.HasValue && R.Value < 0);
    return R.K == ReturnFact::Constant && T.wrap(R.Value) < 0;
  }

  std::string reporterBefore(const ReturnFact &R) const {
    const std::vector<std::string> &Reporters = Written.errorReporters();
    for (const std::string &Call : R.CallsBefore)
      if (std::find(Reporters.begin(), Reporters.end(), Call) !=
          Reporters.end())
        return Call;
    return "";
  }

  /// The callee whose failure branch \p R is on, if any; \p Presumed: its
  /// failure is only presumed from the test (the callee has no contract).
  /// \p ErrorParam: the returning function's `Error **` parameter; a bool
  /// callee without a contract that is handed it fails with false.
  const CallFact *failedCallee(const TUFacts &TU, const ReturnFact &R,
                               bool *Presumed = nullptr,
                               const std::string &ErrorParam = "") const {
    if (R.GuardCall < 0 || std::size_t(R.GuardCall) >= TU.Calls.size())
      return nullptr;
    const CallFact &Guard = TU.Calls[R.GuardCall];
    if (R.GuardTest < 0 || std::size_t(R.GuardTest) >= Guard.Tests.size())
      return nullptr;
    std::optional<Contract> C = contractOfCall(Guard);
    bool FromShape = !C && !contractOf(Guard.Callee, /*EvenNone=*/true);
    if (FromShape)
      C = presumedContract(Guard.Result);
    // `if (!k->method(..., errp)) return false;`: a bool handed the caller's
    // Error ** reports through it, so its false is a failure, not an answer
    // (which a bool's false alone could be: `if (!enabled()) return false;`).
    if (FromShape && handsErrorParamTo(Guard, ErrorParam)) {
      Rule Handed;
      Handed.Conv = Convention::Value;
      Handed.ErrorValue = 0;
      C = resolveContract(Handed, Guard.Result.Int, {});
    }
    if (!C || roleOfBranch(Guard.Tests[R.GuardTest], *C, R.GuardBranch) !=
                  BranchRole::Failure)
      return nullptr;
    if (Presumed)
      *Presumed = FromShape;
    return &Guard;
  }

  /// A bool callee without any rule that is handed \p ErrorParam, the
  /// calling function's `Error **`: it fails with false, through it.
  bool handsErrorParamTo(const CallFact &C,
                         const std::string &ErrorParam) const {
    return C.Result.K == ValueKind::Bool &&
           !contractOf(C.Callee, /*EvenNone=*/true) &&
           passesErrorParam(C, ErrorParam);
  }

  /// \p C is handed \p ErrorParam, the calling function's `Error **`.
  static bool passesErrorParam(const CallFact &C,
                               const std::string &ErrorParam) {
    return !ErrorParam.empty() &&
           std::any_of(C.Args.begin(), C.Args.end(),
                       [&](const ArgFact &A) { return A.Text == ErrorParam; });
  }

  /// A complete test of the call's result, anywhere: its errors are dealt
  /// with before they could be returned.
  bool checkedCompletely(const CallFact &C, const Contract &Contract) const {
    for (const TestFact &T : C.Tests)
      if (judgeTest(T, Contract, Written.errorReporters()).V ==
          TestJudgement::Complete)
        return true;
    return false;
  }

  /// Whether branch \p B, when it leaves, may still end at return \p R:
  /// it jumps to a label R follows, or breaks out of a loop or switch.
  static bool jumpsToward(const BranchFacts &B, const ReturnFact &R) {
    return B.Breaks ||
           (!B.GotoLabel.empty() && std::find(R.Labels.begin(), R.Labels.end(),
                                              B.GotoLabel) != R.Labels.end());
  }

  /// Whether the failures of \p C reach return \p R unchanged past a
  /// complete test: `if (rc < 0) { assert(rc == -ENOTSUP); } return rc;`
  /// (QEMU's gen_rp_interrupts_init) tells failure from success, then
  /// passes the failure on; so does a failure branch that jumps to a label
  /// before R (`if (ret < 0) goto out; ... out: return ret;`) or breaks out
  /// of a loop. A return inside a branch of that test is the branch's own.
  bool passedPastTest(const ReturnFact &R, const CallFact &C,
                      const Contract &Contract) const {
    if (R.GuardCall == R.Call)
      return false;
    bool FallsThrough = false;
    for (const TestFact &T : C.Tests) {
      if (T.IsSwitch || !(T.OnTrue.Known || T.OnFalse.Known))
        continue;
      for (int Branch : {0, 1}) {
        if (roleOfBranch(T, Contract, Branch) != BranchRole::Failure)
          continue;
        const BranchFacts &B = Branch ? T.OnTrue : T.OnFalse;
        bool ReachesR = jumpsToward(B, R);
        if ((B.Leaves && !ReachesR) || B.Replaces)
          return false; // dealt with there
        FallsThrough = true;
      }
    }
    return FallsThrough;
  }

  /// The callee's successes that can reach return \p R of its result:
  /// those a test before R sends into a branch that leaves elsewhere do
  /// not. QEMU's qio_channel_readv_full_all returns `ret` of a callee that
  /// succeeds with 0 or 1 after `if (ret == 0) { ...; return -1; }` and
  /// `if (ret == 1) return 0;`: it succeeds with 0 only.
  ValueSet successesPast(const ReturnFact &R, const CallFact &C,
                         const Contract &Contract) const {
    ValueSet Left;
    for (std::size_t I = 0; I < C.Tests.size(); ++I) {
      const TestFact &T = C.Tests[I];
      if (T.IsSwitch || T.Where.File != R.Where.File ||
          T.Where.Offset >= R.Where.Offset)
        continue;
      std::vector<ValueSet> Taken =
          valuesByBranch(T, Contract, Contract.Success);
      for (int Branch : {0, 1}) {
        const BranchFacts &B = Branch ? T.OnTrue : T.OnFalse;
        bool Within = R.GuardCall == R.Call && R.GuardTest == int32_t(I) &&
                      R.GuardBranch == Branch;
        bool ReachesR = jumpsToward(B, R);
        if (B.Known && B.Leaves && !ReachesR && !Within &&
            std::size_t(Branch) < Taken.size())
          Left = Left.unite(Taken[Branch]);
      }
    }
    return Contract.Success.intersect(Left.complement(C.Result.Int));
  }

  /// For a call tested completely where one branch visibly handles a
  /// failure (returns an error, reports, exits): whether that branch is the
  /// one the failures take (Failure) or the successes' (Success). What a
  /// caller of a function that fails does; a test that only separates values
  /// may be asking a question (`strcmp(a, b) == 0`).
  BranchRole handlerRole(const CallFact &C, const Contract &Contract) const {
    for (const TestFact &T : C.Tests) {
      TestJudgement J = judgeTest(T, Contract, Written.errorReporters());
      if (J.V == TestJudgement::Complete && J.HandlerBranch >= 0)
        if (BranchRole Role = roleOfBranch(T, Contract, J.HandlerBranch);
            Role != BranchRole::Unknown)
          return Role;
    }
    return BranchRole::Unknown;
  }

  /// The contract of a name with several bodies: the join of theirs.
  std::optional<Rule> fromBodies(const Node &N) const {
    // A stub that only aborts says nothing.
    std::vector<BodyRef> Returning;
    for (const BodyRef &B : N.Bodies)
      if (!B.Fact->Returns.empty())
        Returning.push_back(B);
    if (Returning.size() <= 1)
      return fromBody(N.Id, *N.BodyTU, *N.Body);
    ContractJoin Join(N.Body->Result.Int);
    for (const BodyRef &B : Returning) {
      std::optional<Rule> R = fromBody(N.Id, *B.TU, *B.Fact);
      Join.add("", where(*B.TU, B.Fact->Where), R ? &*R : nullptr);
    }
    return joinedRule(N, N.Body->Result, Join, "body",
                      failingMembers(Join, "body", "bodies") +
                          " of it can fail");
  }

  /// The contract of a function pointer: the join of the contracts of the
  /// functions bound to it (and of the pointers copied into it).
  std::optional<Rule> fromBindings(const Node &N) const {
    ContractJoin Join(N.Bindings.front().Fact->Result.Int);
    std::set<FunctionId> Seen;
    for (const Binding &B : N.Bindings)
      if (Seen.insert(B.Fact->Target).second)
        Join.add(B.Fact->Target.Name, where(*B.TU, B.Fact->Where),
                 contractOf(B.Fact->Target));
    return joinedRule(N, N.Bindings.front().Fact->Result, Join, "bindings",
                      failingMembers(Join, "function", "functions") +
                          " bound to it can fail");
  }

  /// "1 of 3 bodies"
  static std::string failingMembers(const ContractJoin &Join, const char *One,
                                    const char *Many) {
    return std::to_string(Join.failing()) + " of " +
           std::to_string(Join.members()) + " " +
           (Join.members() == 1 ? One : Many);
  }

  std::optional<Rule> joinedRule(const Node &N, const ValueKind &Kind,
                                 const ContractJoin &Join,
                                 const std::string &Basis,
                                 std::string Summary) const {
    if (Join.failing() == 0)
      return std::nullopt;
    std::vector<std::string> Why = {std::move(Summary)};
    for (const std::string &E : Join.evidence())
      if (Why.size() < MaxEvidence)
        Why.push_back(E);
    std::optional<Rule> R = makeRule(
        N.Id, Kind, Join.errors(), Join.success(), Basis,
        Join.strength() * (N.Pointer ? InheritedDecay : 1), std::move(Why));
    if (!R)
      return R;
    R->Pointer = N.Pointer;
    R->Inferred->ReportsItself = Join.reportsItself();
    R->Inferred->FromComment = Join.fromComment();
    R->FailsWhen = Join.failsWhen();
    for (const FailureCase &Case : R->FailsWhen)
      R->Inferred->Evidence.push_back("fails only when " +
                                      FailureCases::text(Case));
    R->ErrorOut = Join.errorOut();
    return R;
  }

  /// A translator, a table from one code to another (QEMU's
  /// nbd_errno_to_system_errno: `switch (err) { case NBD_EPERM: ret = EPERM;
  /// break; ... default: ret = EINVAL; }`), fails at nothing: its codes are
  /// for its callers to use (`-nbd_errno_to_system_errno(e)`). Every return
  /// is a constant that no reporter, errno or test of a call marks, and the
  /// parameters alone choose each of its \p Errors: at least three distinct
  /// ones by cases of one expression, and no more than one by a default. A
  /// validator (`case A: case B: return 0; default: return -EINVAL;`) fails
  /// by its default alone, and keeps its contract.
  bool translatesCodes(const FunctionFact &F, const ValueSet &Errors) const {
    std::map<std::string, std::set<Int>> ByCase;
    std::set<Int> ByDefault;
    for (const ReturnFact &R : F.Returns) {
      bool Code = R.K == ReturnFact::Constant ||
                  (R.K == ReturnFact::ErrnoCode && R.HasValue);
      if (!Code || R.GuardCall >= 0 || !reporterBefore(R).empty() ||
          setsErrnoBefore(R))
        return false;
      Int V = F.Result.Int.wrap(R.Value);
      if (!Errors.contains(V))
        continue;
      if (R.ChosenBy.empty())
        return false;
      (R.ByDefault ? ByDefault : ByCase[R.ChosenBy]).insert(V);
    }
    return ByDefault.size() <= 1 &&
           std::any_of(ByCase.begin(), ByCase.end(), [](const auto &Case) {
             return Case.second.size() >= 3;
           });
  }

  /// A return whose definitions were cut at MaxDefinitions (systemd's
  /// unit_log_resources: twelve `r = log_oom();`, three `r = 0;`): its
  /// successes may be among those left out.
  static bool definitionsCut(const FunctionFact &F) {
    std::map<uint32_t, std::size_t> PerReturn;
    for (const ReturnFact &Return : F.Returns)
      if (++PerReturn[Return.Where.Offset] >= MaxDefinitions)
        return true;
    return false;
  }

  std::optional<Rule> fromBody(const FunctionId &Id, const TUFacts &TU,
                               const FunctionFact &F) const {
    IntType T = F.Result.Int;
    ValueSet Errors, Success;
    // Constants that only their place marks as failures (after a reporter,
    // under a failed test), and whether the function also returns data.
    ValueSet PlacedErrors;
    bool ReturnsData = false;
    // Failures presumed from a test of a callee without a contract: judged
    // once every return is known (whether the function returns data).
    struct PresumedFailure {
      ValueSet V;
      std::string Reason;
      bool SetsError;
      FailureCase Case;
      bool Reported;
    };
    std::vector<PresumedFailure> Presumed;
    // Failures passed on from callees, which a constant success returned
    // beside them would contradict.
    ValueSet Inherited;
    bool SuccessUnknown = false;
    double Strength = 0;
    std::vector<std::string> Why;
    // Whether every failure sets the `Error **` (QEMU: error_setg(errp,
    // ...), or a callee that does and is passed errp).
    bool AllSetErrorObject = F.ErrorParam >= 0;
    auto SetsErrorObject = [&](const ReturnFact &R, const CallFact *Via) {
      for (const std::string &Call : R.CallsBefore)
        if (Call.rfind("error_set", 0) == 0 ||
            Call.rfind("error_propagate", 0) == 0)
          return true;
      const Rule *VR = Via ? contractOf(Via->Callee) : nullptr;
      // A callee without any rule, handed errp, whose failure the test
      // presumes (`ret = object_property_get_qobject(obj, name, errp); if
      // (!ret) return -1;`): it fails through errp, as the Error API asks.
      if (Via && !contractOf(Via->Callee, /*EvenNone=*/true) &&
          passesErrorParam(*Via, F.ErrorParamName))
        return true;
      return VR && VR->ErrorOut && VR->ErrorOut->SetOnFailure &&
             VR->ErrorOut->Index < Via->Args.size() &&
             !F.ErrorParamName.empty() &&
             Via->Args[VR->ErrorOut->Index].Text == F.ErrorParamName;
    };
    // Which calls can fail: each failing return's conditions on the
    // parameters (and its callee's, passed on).
    FailureCases Cases;
    Cases.typesFrom(F);
    // Whether every failure is reported by the function itself, and
    // whether the return at hand is.
    bool AllReported = true, Reported = false;
    // A pointer function whose every NULL only passes on "not found" (a
    // test of a callee without a contract, unreported; a lookup's NULL) is
    // a lookup itself: virPCIDeviceListFind, pci_find_device.
    unsigned Failures = 0, LookupFailures = 0;
    // Failures that only a comment marks, here or in the callee that
    // passes them on (libvirt's virBufferContentAndReset: "NULL in case of
    // error", where NULL means an empty buffer).
    unsigned CommentFailures = 0;
    // The paths of the NULLs returned where a callee failed (not where a
    // lookup found nothing), and the bare NULLs returned as answers.
    std::vector<FailureCase> FailedNulls;
    std::vector<const ReturnFact *> BareNulls;
    // Whether some NULL is returned after a search loop found nothing.
    bool SearchedNull = false;
    // Failures that only say a lookup found nothing: getenv_bool's -ENXIO
    // when getenv() returns NULL.
    unsigned UnsetFailures = 0;
    // Unreported: `if (!p) { log_error(...); return -ENOENT; }` fails.
    auto CountUnset = [&](const CallFact *Guard) {
      UnsetFailures += Guard && isLookup(Guard->Callee) && !Reported;
    };
    using CaseList = std::vector<std::optional<FailureCase>>;
    auto Error = [&](const ValueSet &V, double S, std::string Reason,
                     bool SetsError, const CaseList &Ways) {
      ++Failures;
      for (const std::optional<FailureCase> &Way : Ways)
        Cases.add(Way);
      AllReported &= Reported;
      AllSetErrorObject &= SetsError;
      Errors = Errors.unite(V);
      Strength = std::max(Strength, S);
      if (Why.size() < MaxEvidence)
        Why.push_back(std::move(Reason));
    };
    // A constant that its place marks as a failure.
    auto Placed = [&](const ValueSet &V, double S, std::string Reason,
                      bool SetsError, const FailureCase &Way) {
      Error(V, S, std::move(Reason), SetsError, {Way});
      PlacedErrors = PlacedErrors.unite(V);
    };
    // Named status codes: a family whose 0 is `PREFIX_OK`, or a status type
    // of the project's whose every non-zero value fails.
    std::optional<StatusFamily> Family = statusFamilyOf(F);
    bool StatusType = Statuses.isStatusType(F.ResultType);
    auto Status = [&](const ValueSet &V, const ReturnFact &R,
                      const std::string &Spelled, const FailureCase &Path) {
      Error(V, StatusStrength,
            where(TU, R.Where) + ": returns " + Spelled +
                (Family ? ", a status whose success is " + Family->Success
                        : ", a " + F.ResultType + " status"),
            SetsErrorObject(R, nullptr), {Path});
    };
    ValueSet NonZero = ValueSet::point(0).complement(T);
    // A return no call reaches (`if (n > SIZE_MAX) return NULL;`) says
    // nothing of what calls get.
    auto Reached = [](const ReturnFact &Other) {
      return llvm::none_of(Other.Requires, [](const ParamCondition &P) {
        return P.Values.empty();
      });
    };
    // A 0 that a signed integer function returns after a report to the
    // user, where it also returns negative codes, is a success that warned
    // on its way (QEMU's vmstate_uuid_post_load: "UUID is received %s, but
    // local uuid isn't set"): its failures are the negatives. Not a 0 that
    // sets the caller's Error **, nor an unsigned or bool function's 0, nor
    // where a positive code follows a report too (libvirt's
    // virFileIsSharedFSType: 1 and 0 each after a debug line): there the
    // reports say nothing of which answers fail.
    bool WarnsOnSuccess =
        F.Result.K == ValueKind::Integer && T.Signed &&
        llvm::any_of(F.Returns,
                     [&](const ReturnFact &Other) {
                       return Reached(Other) && returnsNegative(Other, T);
                     }) &&
        llvm::none_of(F.Returns, [&](const ReturnFact &Other) {
          return Reached(Other) && Other.K == ReturnFact::Constant &&
                 T.wrap(Other.Value) > 0 && !reporterBefore(Other).empty();
        });
    // Asked of a return after a reporter; Reported is the return's own.
    auto WarnedSuccess = [&](const ReturnFact &R) {
      return WarnsOnSuccess && R.K == ReturnFact::Constant && R.Value == 0 &&
             Reported && !SetsErrorObject(R, nullptr);
    };
    // Non-zero codes returned with no mark of failure, and the spellings of
    // those that failed: a code of a failure's family fails too (a fault
    // cause returned where a read failed and where a check did).
    struct UnmarkedCode {
      ValueSet V;
      const ReturnFact *Return;
      FailureCase Path;
    };
    std::vector<UnmarkedCode> Unmarked;
    // Integer 0s returned, unreported, where a lookup found nothing.
    struct AbsentZero {
      const ReturnFact *Return;
      const CallFact *Lookup;
    };
    std::vector<AbsentZero> AbsentZeros;
    std::vector<std::string> FailureCodes;
    for (const ReturnFact &R : F.Returns) {
      if (!Reached(R))
        continue;
      std::string At = where(TU, R.Where) + ": returns ";
      FailureCase Path = caseOf(R.Requires);
      Reported = reportedBefore(R);
      switch (R.K) {
      case ReturnFact::ErrnoCode: {
        bool Negated = returnsNegative(R, T);
        ValueSet V = R.HasValue ? ValueSet::point(T.wrap(R.Value))
                     : Negated  ? ValueSet::range(T.min(), -1)
                                : ValueSet::range(1, T.max());
        Error(V, ErrnoCodeStrength, At + R.Spelling,
              SetsErrorObject(R, nullptr), {Path});
        CountUnset(failedCallee(TU, R, nullptr, F.ErrorParamName));
        break;
      }
      case ReturnFact::Constant:
      case ReturnFact::Null: {
        ValueSet V =
            ValueSet::point(T.wrap(R.K == ReturnFact::Null ? 0 : R.Value));
        std::string Spelled =
            R.Spelling.empty() ? toString(R.Value) : R.Spelling;
        bool FromShape = false;
        const CallFact *Failed = nullptr;
        unsigned FailuresBefore = Failures;
        if (R.K == ReturnFact::Constant && R.Value != 0 &&
            (StatusType || (Family && Family->fails(R.Spelling, R.Value)))) {
          Status(V, R, Spelled, Path);
        } else if (std::string Reporter = reporterBefore(R);
                   !Reporter.empty() && !WarnedSuccess(R)) {
          Placed(V, ReporterStrength,
                 At + Spelled + " after " + Reporter + "()",
                 SetsErrorObject(R, nullptr), Path);
        } else if (setsErrnoBefore(R) &&
                   (R.K == ReturnFact::Null || R.Value < 0)) {
          // POSIX's way: `errno = ERANGE; return -1;`.
          Placed(V, ErrnoCodeStrength, At + Spelled + " after setting errno",
                 SetsErrorObject(R, nullptr), Path);
        } else if (!(Failed =
                         failedCallee(TU, R, &FromShape, F.ErrorParamName))) {
          if (R.K == ReturnFact::Null && R.AfterSearchLoop) {
            // `for (...) if (match) return e; return NULL;`: a lookup.
            ++LookupFailures;
            SearchedNull = true;
            Error(V, SearchStrength,
                  At + Spelled + " when its search finds nothing", false,
                  {Path});
          } else if (F.DocErrors.containsAll(V)) {
            ++CommentFailures;
            Placed(V, DocStrength,
                   At + Spelled + ", a failure by its comment (\"" +
                       F.DocFailure + "\")",
                   SetsErrorObject(R, nullptr), Path);
          } else if (R.K == ReturnFact::Constant && R.Value != 0 && !Family) {
            Unmarked.push_back({V, &R, Path});
          } else {
            if (R.K == ReturnFact::Null) {
              BareNulls.push_back(&R);
            }
            Success = Success.unite(V);
          }
        } else if (FromShape) {
          Presumed.push_back({V,
                              At + Spelled + " when '" + Failed->Callee.Name +
                                  "' returns what its test treats as failure",
                              SetsErrorObject(R, Failed), Path, Reported});
        } else if (F.Result.K == ValueKind::Integer &&
                   V == ValueSet::point(0) && isLookup(Failed->Callee) &&
                   !Reported) {
          // Decided once every other return is known (below).
          AbsentZeros.push_back({&R, Failed});
        } else {
          LookupFailures += isLookup(Failed->Callee) && !Reported;
          if (R.K == ReturnFact::Null && !isLookup(Failed->Callee))
            FailedNulls.push_back(Path);
          CountUnset(Failed);
          Placed(V, GuardStrength,
                 At + Spelled + " when '" + Failed->Callee.Name +
                     (isLookup(Failed->Callee) ? "' finds nothing" : "' fails"),
                 SetsErrorObject(R, Failed), Path);
        }
        if (R.K == ReturnFact::Constant && Failures > FailuresBefore)
          FailureCodes.push_back(R.Spelling);
        break;
      }
      case ReturnFact::CallResult: {
        const CallFact &C = TU.Calls[R.Call];
        // A recursive call returns what the function returns: no evidence
        // (its own contract, decayed, would lower itself every round).
        if (C.Callee == Id)
          break;
        const Rule *Source = nullptr;
        std::optional<Contract> GC = contractOfCall(C, &Source);
        if (!GC || C.Result.K == ValueKind::Other) {
          if (StatusType)
            Status(NonZero, R, "the status of '" + C.Callee.Name + "'", Path);
          else
            SuccessUnknown = ReturnsData = true;
          break;
        }
        ValueSet GS = passedOn(successesPast(R, C, *GC), C.Result.Int, T);
        // A callee's successes passed on: unknown ones stay unknown, and
        // one that never succeeds has none.
        bool CalleeSucceeds =
            !(Source && Source->Inferred && Source->Inferred->NeverSucceeds);
        auto PassSuccess = [&] {
          if (!CalleeSucceeds)
            return;
          if (!GC->SuccessKnown)
            SuccessUnknown = true;
          Success = Success.unite(GS);
        };
        if (cannotFail(C, *Source)) {
          // `f(..., &error_abort)` returns only successes.
          PassSuccess();
          break;
        }
        ValueSet GE = passedOn(GC->Errors, C.Result.Int, T);
        double Decayed = strengthOf(*Source) * InheritedDecay;
        CaseList Ways = passedOnCases(*Source, C, Path);
        bool FromComment = Source->Inferred && Source->Inferred->FromComment;
        if (failedCallee(TU, R, nullptr, F.ErrorParamName) == &C) {
          LookupFailures += Source->Conv == Convention::Nullable;
          CommentFailures += FromComment;
          Error(GE, Decayed, At + "the failure of '" + C.Callee.Name + "'",
                SetsErrorObject(R, &C), Ways);
          Inherited = Inherited.unite(GE);
        } else if (checkedCompletely(C, *GC) && !passedPastTest(R, C, *GC)) {
          PassSuccess();
        } else {
          LookupFailures += Source->Conv == Convention::Nullable;
          CommentFailures += FromComment;
          Error(GE, Decayed, At + "the result of '" + C.Callee.Name + "'",
                SetsErrorObject(R, &C), Ways);
          Inherited = Inherited.unite(GE);
          PassSuccess();
        }
        break;
      }
      case ReturnFact::Truth:
        // `return !*errp;` (QEMU's object_property_set, after ERRP_GUARD()):
        // false exactly when the error object is set, a failure the caller
        // hears of through it.
        if (F.Result.K == ValueKind::Bool &&
            testsErrorObject(R.Spelling, F.ErrorParamName)) {
          Error(ValueSet::point(0), ReporterStrength,
                At + R.Spelling + ": false when '*" + F.ErrorParamName +
                    "' is set",
                true, {Path});
          Success = Success.unite(ValueSet::point(1));
          break;
        }
        // An int that answers 0 or 1 beside its errors (`return fv ==
        // CAP_SET;` after `return -errno;`): both answers are successes. A
        // bool's computed answer stays data: its `false` may also mean a
        // failure reported on another path.
        if (F.Result.K == ValueKind::Integer) {
          Success = Success.unite(ValueSet::range(0, 1));
          break;
        }
        SuccessUnknown = ReturnsData = true;
        break;
      case ReturnFact::Other:
        if (StatusType)
          Status(NonZero, R,
                 R.Spelling.empty() ? "a computed value" : R.Spelling, Path);
        else
          SuccessUnknown = ReturnsData = true;
        break;
      }
    }
    // Kin of kin too: `_DDT_INVALID` beside `_DDT_LOAD_FAULT`, then
    // `_PDT_INVALID` beside `_DDT_INVALID`. Only where the success is a
    // plain 0 and neither a named 0 (NSS_STATUS_NOTFOUND,
    // VIR_CPU_COMPARE_INCOMPATIBLE) nor an errno is returned beside the
    // codes (systemd's USER_TEST_ABSENT where stat() fails): there the codes
    // are answers.
    std::vector<std::string> Returned;
    bool PlainZero = false, NamedZero = false, ReturnsErrno = false;
    for (const ReturnFact &R : F.Returns) {
      Returned.push_back(R.Spelling);
      ReturnsErrno |= R.K == ReturnFact::ErrnoCode;
      bool Zero = R.K == ReturnFact::Constant && R.Value == 0;
      PlainZero |= Zero && R.Spelling == "0";
      NamedZero |= Zero && R.Spelling != "0";
    }
    for (bool Grew = PlainZero && !NamedZero && !ReturnsErrno; Grew;) {
      Grew = false;
      for (UnmarkedCode &U : Unmarked) {
        const ReturnFact &R = *U.Return;
        std::optional<std::string> Kin =
            U.V.empty() ? std::nullopt
                        : failingKin(R.Spelling, FailureCodes, Returned);
        if (!Kin)
          continue;
        Reported = reportedBefore(R);
        Error(U.V, KinCodeStrength,
              where(TU, R.Where) + ": returns " + R.Spelling +
                  ", a code of the family of " + *Kin,
              SetsErrorObject(R, nullptr), {U.Path});
        FailureCodes.push_back(R.Spelling);
        U.V = ValueSet();
        Grew = true;
      }
    }
    for (const UnmarkedCode &U : Unmarked)
      Success = Success.unite(U.V);
    // `if (!(param = virTypedParamsGet(...))) return 0;` beside `return -1;`
    // after a report (libvirt's virTypedParamsGetInt): the 0 answers
    // "absent", C's success, as where a test of a callee with no contract
    // presumes one. Not where 0 is the function's failure elsewhere (`0`
    // after a report, a `FALSE`): then "not found" fails with it.
    bool ZeroFails = Errors.contains(0);
    for (const AbsentZero &Z : AbsentZeros) {
      if (!ZeroFails) {
        Success = Success.unite(ValueSet::point(0));
        continue;
      }
      Reported = false;
      ++LookupFailures;
      CountUnset(Z.Lookup);
      Placed(ValueSet::point(0), GuardStrength,
             where(TU, Z.Return->Where) + ": returns " +
                 (Z.Return->Spelling.empty() ? std::string("0")
                                             : Z.Return->Spelling) +
                 " when '" + Z.Lookup->Callee.Name + "' finds nothing",
             SetsErrorObject(*Z.Return, Z.Lookup), caseOf(Z.Return->Requires));
    }
    for (PresumedFailure &P : Presumed) {
      Reported = P.Reported;
      if (conventionalFailure(F.Result, P.V.min(), ReturnsData)) {
        LookupFailures += !P.Reported && !P.SetsError;
        Placed(P.V, ShapeGuardStrength, std::move(P.Reason), P.SetsError,
               P.Case);
      } else {
        Success = Success.unite(P.V);
      }
    }
    // An index lookup: `if (i < 0 || i >= ELEMENTSOF(t)) return NULL;
    // return t[i];` (systemd's string tables, `*_to_string`). Nothing fails,
    // and every NULL is a bare one on a path whose conditions on the
    // parameters, as read, put one of them out of a range: its values reach
    // an end of its type and leave one interval in between (`i < 0 || i >=
    // N`, `i >= N`). It says "no such entry", a lookup's answer, and a call
    // whose argument is a constant in range cannot get it. Not a test of a
    // pointer's NULL or an integer's 0 (`if (!p) return NULL;` passes a NULL
    // on; `if (size && *size == 0) return NULL;`, QEMU's
    // qemu_ram_ptr_length, asks about the pointee), nor one value picked
    // (`if (type == 1) return NULL;`), nor a range inside (`if (i < 0 || i >=
    // 4) return "?"; if (!labels[i]) return NULL;`). A condition the facts
    // do not read (`len > 0 && s[0] == 0`) is not told apart.
    auto OutOfRange = [](const ParamCondition &P) {
      ValueSet Zero = ValueSet::point(0);
      ValueSet Inside = P.Values.complement(P.Type);
      return !P.Values.empty() && !(P.Values == Zero) &&
             !(P.Values == Zero.complement(P.Type)) &&
             (P.Values.contains(P.Type.min()) ||
              P.Values.contains(P.Type.max())) &&
             Inside.intervals().size() == 1;
    };
    bool IndexLookup = F.Result.K == ValueKind::Pointer && Errors.empty() &&
                       ReturnsData && !BareNulls.empty() &&
                       llvm::all_of(BareNulls, [&](const ReturnFact *R) {
                         return llvm::any_of(R->Requires, OutOfRange);
                       });
    if (IndexLookup) {
      for (const ReturnFact *R : BareNulls) {
        const ParamCondition &On = *llvm::find_if(R->Requires, OutOfRange);
        Reported = false;
        ++LookupFailures;
        Error(ValueSet::point(0), SearchStrength,
              where(TU, R->Where) + ": returns NULL, no entry, when arg" +
                  std::to_string(On.Param) + " is " +
                  ValueSpec::of(On.Values, On.Type).Text,
              false, {caseOf(R->Requires)});
      }
      Success = Success.intersect(ValueSet::point(0).complement(T));
    }
    // A pointer has one failure value: a NULL passed on from a callee that
    // fails (`return malloc(n);`) makes the function's own bare NULL (`if
    // (overflow) return NULL;`) a failure too, not an answer (systemd's
    // malloc_multiply, strnappend); a lookup's NULL passed on, "none". So
    // does a NULL returned where a callee failed (`if (!ret) return NULL;`,
    // systemd's memdup_suffix0), where every bare NULL lies on a path the
    // arguments choose: one whose conditions on them are not those of a
    // callee's failure (`if (l == SIZE_MAX) return NULL;`). A guard before
    // both (`if (!l) return NULL;`) conditions every later path alike, so a
    // NULL after the allocation is the work's answer (path_startswith's
    // "no"). The bare NULLs' paths are ways to fail like the others. So
    // does a search's NULL (SearchedNull): where it says "not found", a bare
    // NULL beside it (`if (obj->type != VIR_JSON_TYPE_OBJECT) return NULL;`
    // before the loop, libvirt's virJSONValueObjectGet) finds nothing too,
    // no answer that would make NULL a success.
    auto OnArguments = [&](const ReturnFact *R) {
      FailureCase Bare = caseOf(R->Requires);
      return !Bare.empty() &&
             std::none_of(FailedNulls.begin(), FailedNulls.end(),
                          [&](const FailureCase &Failed) {
                            return FailureCases::text(Failed) ==
                                   FailureCases::text(Bare);
                          });
    };
    bool BareNullsOnArguments =
        !BareNulls.empty() && !FailedNulls.empty() &&
        std::all_of(BareNulls.begin(), BareNulls.end(), OnArguments);
    if (F.Result.K == ValueKind::Pointer && Success.contains(0) &&
        (Inherited.contains(0) || BareNullsOnArguments || SearchedNull)) {
      Success = Success.intersect(ValueSet::point(0).complement(T));
      for (const ReturnFact *R : BareNulls)
        Cases.add(caseOf(R->Requires));
    }
    // A constant success among the failures a callee passes on (`return
    // 1;` at a `goto fail` label beside `return print_help();`, whose
    // failures are "> 0"): which values fail is not known.
    if (!Inherited.intersect(Success).empty())
      return std::nullopt;
    // A value that is also returned as a success cannot signal failure.
    Errors = Errors.intersect(Success.complement(T));
    // A bool's true is its "yes": a predicate that answers true where it
    // cannot tell (systemd's socket_ipv6_is_enabled after a failed sysctl
    // read) chose a default, and one that answers "was there an error"
    // (QEMU's hmp_handle_error) reports, neither fails. C's bool functions
    // fail with false.
    if (F.Result.K == ValueKind::Bool)
      Errors = Errors.intersect(ValueSet::point(0));
    // An int function that returns 0 on every path, once after a warning
    // (libvirt's qemuDomainRemoveHostDevice: VIR_WARN(...); return 0;),
    // does not fail with its only value: 0 is C's success.
    if (F.Result.K == ValueKind::Integer && Success.empty() && !SuccessUnknown)
      Errors = Errors.intersect(
          PlacedErrors.intersect(ValueSet::point(0)).complement(T));
    // Beside data (a FIFO word, a register, a count), a constant that no
    // errno or callee names a failure is data too: pl181_fifo_pop's 0
    // after error_report() is a valid word. Negative values stay failures.
    if (ReturnsData && F.Result.K == ValueKind::Integer)
      Errors = Errors.intersect(
          PlacedErrors.intersect(ValueSet::range(0, T.max())).complement(T));
    if (Errors.empty() || translatesCodes(F, Errors))
      return std::nullopt;
    // A predicate that fails when what it reads is not set (systemd's
    // getenv_bool) is a setting with a default: its callers take the
    // failure for the answer they want (`if (getenv_bool("X") == 0)`
    // turns X off only when it says so).
    if (UnsetFailures > 0 && !SuccessUnknown &&
        Success == ValueSet::range(0, 1))
      return std::nullopt;
    // A reporter: every return passes back a code it was handed
    // (`-ERRNO_VALUE(error)`, `log_link_full_errno(link, level, err, ...)`)
    // or what a reporter it calls returns (`return log_internal(...)`). Not
    // a stub's `return -ENOSYS;` (in another build the function succeeds),
    // nor an exec's `return log_error_errno(errno, ...)`: that failure is
    // its own work's, and a caller that ignores it goes on as if the
    // program had been replaced (systemd's exec_process, fixed in 254).
    // A function that only makes a code from errno or its parameters
    // (systemd's errno_or_else(): `-errno` or `-abs(fallback)`), or returns
    // only where its work failed (an exec), has no success its value could
    // be taken for: a use of the value is a use of the code (`errno = -(r =
    // errno_or_else(EPERM));`). Not a stub's named code
    // (`SYNTHETIC_ERRNO(EOPNOTSUPP)` where BPF is compiled out): the real
    // body, in another build, succeeds.
    bool NeverSucceeds = false, OnlyCodes = false;
    if (F.Result.K == ValueKind::Integer && T.Signed && !SuccessUnknown &&
        Success.empty() && llvm::any_of(F.Returns, Reached) &&
        !definitionsCut(F)) {
      NeverSucceeds = OnlyCodes = true;
      for (const ReturnFact &Return : F.Returns) {
        if (!Reached(Return))
          continue;
        const Rule *Callee = nullptr;
        if (Return.K == ReturnFact::ErrnoCode && !Return.HasValue) {
          NeverSucceeds &= Return.Origin == ReturnFact::CodeHandedIn;
          OnlyCodes &= Return.Origin == ReturnFact::CodeHandedIn ||
                       Return.Origin == ReturnFact::CodeFromErrno;
        } else if (Return.K != ReturnFact::CallResult ||
                   !contractOfCall(TU.Calls[Return.Call], &Callee) || !Callee ||
                   !Callee->Inferred || !Callee->Inferred->NeverSucceeds) {
          NeverSucceeds = OnlyCodes = false;
          break;
        }
      }
    }
    std::optional<Rule> R = makeRule(
        Id, F.Result, Errors,
        SuccessUnknown ? std::nullopt : std::optional<ValueSet>(Success),
        "body", Strength, std::move(Why));
    if (R) {
      if (R->Conv == Convention::Null && LookupFailures == Failures)
        R->Conv = Convention::Nullable;
      R->Inferred->ReportsItself = AllReported;
      R->Inferred->FromComment = Failures > 0 && CommentFailures == Failures;
      if (NeverSucceeds) {
        // Its callers pass its value on (`return log_oom();`), and log with
        // it without looking at the value (`log_link_message_warning_errno(
        // link, m, r, "...");`): no finding for that.
        R->Inferred->NeverSucceeds = true;
        R->Inferred->Evidence.push_back(
            "never succeeds: it reports or passes on a failure it was "
            "handed; a call that ignores its value is no finding");
        for (CheckKind K :
             {CheckKind::IgnoredResult, CheckKind::UncheckedStore})
          R->Checks[K].Enabled = false;
      }
      if (OnlyCodes) {
        if (!NeverSucceeds)
          R->Inferred->Evidence.push_back(
              "returns failure codes only: a use of its value is a use of "
              "the code, no finding");
        R->Checks[CheckKind::UncheckedUse].Enabled = false;
      }
      R->FailsWhen = Cases.result();
      for (const FailureCase &Case : R->FailsWhen)
        R->Inferred->Evidence.push_back("fails only when " +
                                        FailureCases::text(Case));
    }
    if (R && F.ErrorParam >= 0) {
      // QEMU's Error **errp: `&error_fatal` cannot return a failure, and a
      // caller may test the error object instead of the result (`foo(x,
      // &err); if (err)`), so an ignored result is only a note.
      R->ErrorOut = ErrorOutParam{unsigned(F.ErrorParam),
                                  {"error_fatal", "error_abort"},
                                  AllSetErrorObject};
    }
    return R;
  }

  /// The rule that says \p Errors are the failures (and \p Success, when
  /// known, the successes) of a function returning \p Kind; nullopt when the
  /// errors fit no convention.
  std::optional<Rule> makeRule(const FunctionId &Id, const ValueKind &Kind,
                               const ValueSet &Errors,
                               std::optional<ValueSet> Success,
                               const std::string &Basis, double Strength,
                               std::vector<std::string> Why) const {
    IntType T = Kind.Int;
    Rule R;
    R.Function = Id.Name;
    if (!Id.File.empty())
      R.File = relativePath(Id.File, Options.SourceRoot);
    bool Negative =
        T.Signed && ValueSet::range(T.min(), -1).containsAll(Errors);
    bool Positive = ValueSet::range(1, T.max()).containsAll(Errors);
    if (Kind.K == ValueKind::Pointer) {
      if (!(Errors == ValueSet::point(0)))
        return std::nullopt;
      R.Conv = Convention::Null;
      Success.reset();
    } else if (Errors == ValueSet::point(0)) {
      R.Conv = Convention::Value; // false, or 0 from a count
      R.ErrorValue = 0;
      Success.reset();
    } else if (Negative && Errors == ValueSet::point(-1)) {
      R.Conv = Convention::MinusOne;
    } else if (Negative && Errors.isPoint() && Errors.min() < -4095) {
      // One sentinel far from any errno (INT64_MIN) is that value, not
      // every negative one: -1 may be valid data beside it.
      R.Conv = Convention::Value;
      R.ErrorValue = int64_t(Errors.min());
      Success.reset();
    } else if (Negative) {
      R.Conv = Convention::Negative;
    } else if (Positive) {
      // Status codes: "> 0" only where 0 is the one success; where a
      // success is non-zero too (SMMU_TRANS_SUCCESS is 4), the failures
      // are the values seen.
      R.Conv = Convention::Nonzero;
      bool ZeroSuccess = !Success || ValueSet::point(0).containsAll(*Success);
      R.Errors = ZeroSuccess ? parsedSpec("> 0") : ValueSpec::of(Errors, T);
    } else if (Success && *Success == ValueSet::point(0)) {
      R.Conv = Convention::Nonzero;
    } else {
      return std::nullopt;
    }
    // The convention may name more failures than were seen (`negative`:
    // every negative value); a value it names is no success, whatever the
    // code returned it with (`return -1;` beside `return -EINVAL;`).
    if (Success)
      if (std::optional<Contract> C = resolveContract(R, T, {}))
        Success = Success->intersect(C->Errors.complement(T));
    if (Success && !Success->empty())
      R.Success = ValueSpec::of(*Success, T);
    Inference I;
    I.Basis = Basis;
    I.Confidence = Strength;
    I.Evidence = std::move(Why);
    R.Inferred = std::move(I);
    R.Origin = "inferred";
    return R;
  }

  /// Caller statistics, for a function whose body is not in the tree: the
  /// convention under which most of its callers' tests are complete.
  std::optional<Rule> fromCallers(const Node &N) const {
    if (N.Calls.size() < Options.MinCallers)
      return std::nullopt;
    const ValueKind &Kind = N.Calls.front().Call->Result;
    std::vector<Rule> Candidates;
    auto Candidate = [&](Convention C, const char *Errors = nullptr,
                         int64_t Value = -1) {
      Rule R;
      R.Function = N.Id.Name;
      R.Conv = C;
      R.ErrorValue = Value;
      if (Errors)
        R.Errors = parsedSpec(Errors);
      Candidates.push_back(std::move(R));
    };
    if (Kind.K == ValueKind::Pointer) {
      Candidate(Convention::Null);
    } else if (Kind.K == ValueKind::Bool) {
      Candidate(Convention::Value, nullptr, 0);
    } else {
      // Ties go to the earlier, weaker claim: `< 0` everywhere says
      // "negative", not "exactly -1".
      Candidate(Convention::Negative);
      Candidate(Convention::MinusOne);
      Candidate(Convention::Nonzero, "> 0");
      Candidate(Convention::Value, nullptr, 0); // gboolean's FALSE
    }
    const Rule *Best = nullptr;
    unsigned BestCount = 0;
    for (const Rule &R : Candidates) {
      // Complete tests, and among those whose branches differ in what they
      // do, the ones that handle the failures where the convention puts
      // them: a question's tests (`strcmp(a, b) == 0`) are complete under
      // any convention, and handle nothing or both ways.
      unsigned Count = 0, Handled = 0, Contradicted = 0;
      for (const Site &S : N.Calls) {
        std::optional<Contract> C = contractAtCall(R, *S.Call);
        if (!C)
          continue;
        Count += checkedCompletely(*S.Call, *C);
        switch (handlerRole(*S.Call, *C)) {
        case BranchRole::Failure:
          ++Handled;
          break;
        case BranchRole::Success:
          ++Contradicted;
          break;
        case BranchRole::Unknown:
          break;
        }
      }
      if (Handled < 2 ||
          Handled < Options.MinCheckingShare * (Handled + Contradicted))
        continue;
      if (Count > BestCount) {
        Best = &R;
        BestCount = Count;
      }
    }
    double Share = double(BestCount) / N.Calls.size();
    if (!Best || Share < Options.MinCheckingShare)
      return std::nullopt;
    std::optional<Rule> R = makeRule(
        N.Id, Kind, resolveContract(*Best, Kind.Int, {})->Errors, std::nullopt,
        "callers", 0.6 * Share,
        {std::to_string(BestCount) + " of " + std::to_string(N.Calls.size()) +
         " call sites test it completely as " + conventionName(Best->Conv)});
    if (R && Best->Errors)
      R->Errors = Best->Errors;
    return R;
  }

  void countCheckingCallers(Node &N) const {
    Inference &I = *N.Inferred->Inferred;
    // The calls that can fail: a call whose arguments select only
    // succeeding paths is neither.
    I.Callers = I.CallersChecking = 0;
    for (const Site &S : N.Calls) {
      if (droppedLookup(*S.Call, *N.Inferred) || passesOnUntested(*S.Call))
        continue;
      if (std::optional<Contract> C = contractAtCall(*N.Inferred, *S.Call)) {
        ++I.Callers;
        I.CallersChecking += checkedCompletely(*S.Call, *C);
      }
    }
  }

  static std::unique_ptr<Rule> boxed(std::optional<Rule> R) {
    return R ? std::make_unique<Rule>(std::move(*R)) : nullptr;
  }

  static bool same(const Rule *A, const Rule *B) {
    if (bool(A) != bool(B))
      return false;
    if (!A)
      return true;
    auto Text = [](const std::optional<ValueSpec> &S) {
      return S ? S->Text : std::string();
    };
    auto CasesText = [](const Rule &R) {
      std::string Text;
      for (const FailureCase &Case : R.FailsWhen)
        Text += FailureCases::text(Case) + "|";
      return Text;
    };
    return A->Conv == B->Conv && A->ErrorValue == B->ErrorValue &&
           CasesText(*A) == CasesText(*B) &&
           Text(A->Errors) == Text(B->Errors) &&
           Text(A->Success) == Text(B->Success) &&
           A->Inferred->Confidence == B->Inferred->Confidence &&
           A->Inferred->FromComment == B->Inferred->FromComment &&
           A->Inferred->NeverSucceeds == B->Inferred->NeverSucceeds &&
           A->Inferred->Evidence == B->Inferred->Evidence;
  }
};

} // namespace

InferenceResult inferContracts(const std::vector<const TUFacts *> &TUs,
                               const RuleSet &Written,
                               const InferenceOptions &Options) {
  // The project's own reporters first: they mark the failures that bodies
  // return after them, and the branches that handle a failure.
  std::vector<LearnedReporter> Learned = learnReporters(TUs, Written);
  RuleSet Seeds = Written;
  for (const LearnedReporter &L : Learned)
    Seeds.addErrorReporter(L.Name);
  InferenceResult Result = Inferrer(TUs, Seeds, Options).run();
  for (const LearnedReporter &L : Learned)
    Result.Rules.addErrorReporter(L.Name);
  Result.Reporters = std::move(Learned);
  return Result;
}

std::string inferredRulesJson(const RuleSet &Inferred,
                              const std::string &Description) {
  return rulesFileJson(Inferred, "inferred", Description);
}

} // namespace retcheck
