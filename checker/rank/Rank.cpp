//===- Rank.cpp - How likely a maintainer is to act on a finding ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Rank.h"

#include "support/Paths.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>

namespace retcheck {

namespace {

using Signal = RankSignal;

/// What the check says of the consequence: a failure value used as a
/// size or pointer does harm; an ignored status may do none.
Signal consequence(const Finding &F) {
  switch (F.Check) {
  case CheckKind::UncheckedUse:
    return {1.5, "the failure value is used as a result"};
  case CheckKind::MinusOneCheck:
    return {1.2, "the test catches -1 only"};
  case CheckKind::LossyStore:
    return {0.8, "stored where its errors are lost"};
  case CheckKind::IncompleteCheck:
    // `kb = vt_default_utf8() != 0 ? K_UNICODE : K_XLATE;`: a comparison
    // with 0 written out where failures are negative puts them with the
    // "yes" by choice. Read samples: 14 of 19 such findings wrong, 5
    // correct, none worth a patch; none among the fixed bugs.
    if (F.NonZeroSpelledOut)
      return {-2.4, "the test spells out '!= 0': failures go with the "
                    "non-zero results on purpose"};
    // A predicate's failure taken for a "yes" where the value is not used
    // does the harm of a wrong answer at most: of the 22 read samples'
    // findings of it none was worth a patch (6 correct, 16 wrong); its
    // other callers can still make it a warning.
    if (F.TakenForYes)
      return {-0.6, "the test takes a failure for a 'yes', where the value "
                    "is not used"};
    return {0.6, "the test lets failures through"};
  case CheckKind::UncheckedStore:
    // The author returns or copies the status elsewhere: the loss on one
    // path is a slip, not a choice.
    if (F.StatusLost)
      return {0.6, "the stored failure is overwritten on some path before "
                   "it is read"};
    return {0.2, "stored and never tested"};
  case CheckKind::IgnoredResult:
    // Read samples: most ignored results were harmless (an undo, a
    // debugger's read, an option parse that reports itself).
    return {-1.2, "result ignored"};
  }
  return {0, ""};
}

/// Inferred contracts under this confidence (hundredths) are weak.
constexpr long WeakContract = 60;

/// A hand-written contract is a maintainer's word; an inferred one is as
/// good as its evidence.
Signal contractStrength(const Rule &R) {
  if (!R.Inferred) {
    std::string File = R.Origin.substr(0, R.Origin.rfind(':'));
    return {0.3, "contract written in " + File.substr(File.rfind('/') + 1)};
  }
  double C = R.Inferred->Confidence;
  // Below 0.60 (every contract drawn from callers' tests, a body with
  // little evidence): none of the read warnings on such a contract was
  // worth a patch, a quarter were wrong.
  bool Weak = std::lround(C * 100) < WeakContract;
  char Text[80];
  std::snprintf(Text, sizeof Text, "inferred contract, confidence %.2f%s", C,
                Weak ? " (weak)" : "");
  return {2 * (C - 0.75) - (Weak ? 1.5 : 0), Text};
}

/// A finding's confidence (its contract's, times how many of the other
/// calls test it) under this share: a weak contract that few calls test.
constexpr long WeakFinding = 40;

/// Z-ranking: one unchecked call among many checked ones is likely a
/// mistake; where few check, the function is often ignorable. Never enough
/// to drop a finding (maintainers fix calls that no caller checked).
std::optional<Signal> otherCallsOf(const Finding &F,
                                   const CallerTally::Counts &C) {
  // A contract drawn from how the calls test the function has counted
  // them already: their tally is no second opinion (a predicate that every
  // caller tests would otherwise rank its one odd call high).
  if (F.FromCallers)
    return std::nullopt;
  // The finding's own call is one of C.All and not handled.
  unsigned Others = C.All > 0 ? C.All - 1 : 0;
  unsigned Checked = std::min(C.Handled, Others);
  if (Others == 0)
    return std::nullopt;
  std::string Count = std::to_string(Checked) + " of " +
                      std::to_string(Others) + " other call" +
                      (Others == 1 ? " checks it" : "s check it");
  double Share = double(Checked) / Others;
  if (Others >= 3 && Share >= 0.9)
    return Signal{1.8, Count, true};
  if (Others >= 3 && Share >= 0.75)
    return Signal{1.2, Count, true};
  if (Share >= 0.5)
    return Signal{0.5, Count, true};
  if (Others >= 4 && Share <= 0.25)
    return Signal{-0.8, Count, true};
  return std::nullopt;
}

/// Whether branch \p B of a test handles a failure, by what it does.
bool handlesFailure(const EnclosingBranchFact &B,
                    const std::vector<std::string> &Reporters) {
  const BranchFacts &Br = B.Branch;
  if (Br.ReturnsError || Br.GotoErrorLabel || Br.NoReturn ||
      (Br.ReturnsTracked && B.FailureTest))
    return true;
  return std::any_of(Br.Calls.begin(), Br.Calls.end(),
                     [&](const std::string &Call) {
                       return std::find(Reporters.begin(), Reporters.end(),
                                        Call) != Reporters.end();
                     });
}

/// The words of an identifier: `vhost_dev_cleanup`, `qemuDomainFree`.
std::vector<std::string> wordsOf(const std::string &Name) {
  std::vector<std::string> Words(1);
  for (std::size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == '_' || C == ':') {
      if (!Words.back().empty())
        Words.emplace_back();
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(C)) && !Words.back().empty() &&
        std::islower(static_cast<unsigned char>(Name[I - 1])))
      Words.emplace_back();
    Words.back() += char(std::tolower(static_cast<unsigned char>(C)));
  }
  return Words;
}

/// A function that releases or undoes: failures there have nowhere to go.
bool isCleanupName(const std::string &Name) {
  static const char *const Verbs[] = {
      "close",    "cleanup",  "free",     "destroy",  "finalize", "finalise",
      "fini",     "unrealize", "unrealise", "teardown", "release", "uninit",
      "deinit",   "unref",    "unmap",    "unregister", "shutdown", "exit",
      "rollback", "undo",     "abort",    "cancel",   "detach",   "disconnect",
      "dispose",  "unload",   "unplug",   "stop"};
  for (const std::string &W : wordsOf(Name))
    for (const char *V : Verbs)
      if (W == V)
        return true;
  return false;
}

/// Where the call stands: on a path that has already failed, or in a
/// function with nowhere to report. At most one of these counts: they
/// say the same thing. \p Nowhere: how much having nowhere to report
/// excuses the finding (0: not at all).
std::optional<Signal> placeOf(const CallFact &Call,
                              const std::vector<std::string> &Reporters,
                              double Nowhere) {
  const CallPlaceFact &P = *Call.Place;
  for (const EnclosingBranchFact &B : P.Within)
    if (handlesFailure(B, Reporters))
      return Signal{-1.8, "on a path that already handles a failure"};
  if (P.AfterErrorLabel)
    return Signal{-1.8, "after an error label"};
  if (P.BeforeNoReturn)
    return Signal{-1.5, "before exit() or abort()"};
  if (isCleanupName(Call.Names->CallerName))
    return Signal{-1.2,
                  "in a cleanup function ('" + Call.Names->CallerName + "')"};
  if (Nowhere != 0 && P.CallerReturnsVoid && P.CallerErrorParam.empty() &&
      !P.CallerExits)
    return Signal{Nowhere, "'" + Call.Names->CallerName +
                               "' has no way to report a failure (void, no "
                               "Error **)"};
  return std::nullopt;
}

/// An `Error **` argument: NULL loses the failure altogether; the
/// caller's own errp hands it on, though the caller then carries on.
std::optional<Signal> errorChannel(const CallFact &Call, const Rule &R) {
  if (!R.ErrorOut || R.ErrorOut->Index >= Call.Args.size())
    return std::nullopt;
  const ArgFact &A = Call.Args[R.ErrorOut->Index];
  if (A.Constant && *A.Constant == 0)
    return Signal{0.8, "the failure is lost: NULL passed as its Error **"};
  // `bdrv_co_truncate(..., &local_err); if (local_err) warn_report_err(...)`:
  // the caller tests the error object instead of the result.
  if (!A.AddressOf.empty() && A.AddressTested)
    return Signal{-2.2, "the failure is recorded in '" + A.AddressOf +
                            "', which the caller tests after the call"};
  if (!Call.Place->CallerErrorParam.empty() &&
      A.Text == Call.Place->CallerErrorParam) {
    // A void function with an Error ** reports through it: QEMU's way.
    if (Call.Place->CallerReturnsVoid)
      return Signal{-2.0, "the failure reaches the caller through '" +
                              A.Text + "', its only way to report"};
    return Signal{-0.7, "the failure still reaches the caller through '" +
                            A.Text + "'"};
  }
  return std::nullopt;
}

/// The first output argument of \p Call (`&v`, not the error object,
/// which errorChannel() weighs) that \p Telling picks, if any.
const ArgFact *
outputArg(const CallFact &Call, const Rule &R,
          llvm::function_ref<bool(const ArgFact &, unsigned)> Telling) {
  for (unsigned I = 0; I < Call.Args.size(); ++I)
    if (!Call.Args[I].AddressOf.empty() &&
        !(R.ErrorOut && R.ErrorOut->Index == I) && Telling(Call.Args[I], I))
      return &Call.Args[I];
  return nullptr;
}

/// `props = NULL; virJSONValueObjectAdd(&props, ...); return props;`: the
/// call was handed the address of a local that held NULL, and the caller
/// returns it, reading it first. Functions leave their outputs unset where
/// they fail (systemd's and libvirt's rule), so the failure reaches the
/// caller's callers as a NULL. Read samples found such warnings wrong
/// (libvirt's virJSONValueObjectAdd, virFileReadValueBitmap). (A test of
/// the output after the call is not enough: `if (props) free(props);` at a
/// cleanup label tests it after a use.)
std::optional<Signal> outputSeen(const CallFact &Call, const Rule &R) {
  if (const ArgFact *A = outputArg(Call, R, [](const ArgFact &A, unsigned) {
        return A.AddressNullBefore && A.AddressReturned;
      }))
    return Signal{-2.0, "its output '" + A->AddressOf +
                            "', NULL before the call, is returned after it: "
                            "a failure that leaves it unset reaches the "
                            "caller's callers"};
  return std::nullopt;
}

/// `usec_t last; get_last_trigger(bus, path, &last); print(last);`: the
/// call's output holds nothing before it and is read after it, so a
/// failure that leaves it unset is read uninitialised. Not an output the
/// function sets before it can fail (`outputs_set_first`: libvirt's
/// virNumaGetNodeMemory clears *memsize first). A nudge, not a verdict:
/// many functions set their outputs on failing paths deep inside (QEMU's
/// address_space_read fills the buffer with 0 where the read fails); at
/// +2.0, 12 of the 15 warnings it made in QEMU and systemd were correct but
/// not worth a patch, as their output was set after all.
std::optional<Signal> unsetOutputRead(const CallFact &Call, const Rule &R) {
  if (const ArgFact *A = outputArg(Call, R, [&](const ArgFact &A, unsigned I) {
        return A.AddressUnsetThenRead &&
               !llvm::is_contained(R.OutputsSetFirst, I);
      }))
    return Signal{0.8, "its output '" + A->AddressOf +
                           "' is read after the call and set by nothing "
                           "before it: a failure that leaves it unset is "
                           "read uninitialised"};
  return std::nullopt;
}

/// `if (!table) return -1;` before every failing return (libvirt's
/// virHashSize): a function that fails only when handed a NULL or zero
/// argument fails when misused, and a call that passes a variable there
/// almost never does. A constant 0 there can fail, and is judged so.
std::optional<Signal> failsOnlyOnBadArgument(const CallFact &Call,
                                             const Rule &R) {
  if (R.FailsWhen.empty())
    return std::nullopt;
  std::string Which;
  for (const FailureCase &Case : R.FailsWhen) {
    auto Zero =
        std::find_if(Case.begin(), Case.end(), [&](const ArgCondition &C) {
          const std::vector<ValueSpec::Item> &Items = C.Values.Items;
          bool ConstantZero = C.Arg < Call.Args.size() &&
                              Call.Args[C.Arg].Constant == int64_t(0);
          return Items.size() == 1 && Items[0].Lo == 0 && Items[0].Hi == 0 &&
                 !Items[0].HiArg && !ConstantZero;
        });
    if (Zero == Case.end())
      return std::nullopt;
    Which = "argument " + std::to_string(Zero->Arg);
  }
  return Signal{-3.0, "'" + R.Function + "' fails only when its " + Which +
                          " is NULL or 0, a misuse"};
}

/// `r = getenv_bool(...); if (r < 0 && !quiet) log_warning_errno(r, ...);
/// if (r != 0) ...`: a test before the finding's that reports and goes on
/// (no else, no leaving) has seen the failure; what the later test does
/// with it is a choice (systemd's default-on settings), not an oversight.
/// (Where the earlier test reports all but the failures it names, `r < 0
/// && r != -ENXIO`, the later one is not judged at all: judge/Judge.cpp.)
std::optional<Signal>
reportedEarlier(const Finding &F, const CallFact &Call,
                const std::vector<std::string> &Reporters) {
  if (F.Check != CheckKind::IncompleteCheck)
    return std::nullopt;
  for (const TestFact &T : Call.Tests) {
    if (T.IsSwitch || T.Where.File != Call.Call.File ||
        T.Where.Offset >= F.Offset)
      continue;
    for (const BranchFacts *B : {&T.OnTrue, &T.OnFalse}) {
      const BranchFacts &Other = B == &T.OnTrue ? T.OnFalse : T.OnTrue;
      if (!B->Known || B->Leaves || B->Replaces || Other.Known)
        continue;
      auto Reporter = std::find_first_of(B->Calls.begin(), B->Calls.end(),
                                         Reporters.begin(), Reporters.end());
      if (Reporter != B->Calls.end())
        return Signal{-2.0, "its failure is reported at line " +
                                std::to_string(T.Where.Line) + " ('" +
                                *Reporter + "') and then carried on"};
    }
  }
  return std::nullopt;
}

/// A test of a call's result that one outcome leaves: past it, the call
/// went one way (`if (ret < 0) return ret;`, not `if (ret) result = ret;`).
bool leavesOnOneSide(const TestFact &T) {
  return T.CheckLike &&
         (T.OnTrue.Leaves || T.OnFalse.Leaves || T.Default.Leaves ||
          std::any_of(T.Cases.begin(), T.Cases.end(),
                      [](const CaseFact &C) { return C.Branch.Leaves; }));
}

/// `oc = module_object_class_by_name(name); if (!object_class_dynamic_cast(
/// oc, TYPE_CHARDEV)) return NULL; ... object_class_is_abstract(oc)`: the
/// result was handed, before the use the finding names, to a call whose own
/// result is tested so that one side leaves. A NULL-safe callee (a QOM
/// cast) turns the failure into its own, which that test catches, or the
/// use sits where the test let only a success through (`if (!isempty(e)) {
/// *e ...; return 0; }`, `cast(oc) && !is_abstract(oc)`): without the
/// branches' extents either side's leaving counts. Every such finding read
/// in QEMU and systemd was wrong; `if (cast(oc)) return x; use(oc)`, which
/// this would excuse too, was not met.
std::optional<Signal> testedThrough(const Finding &F, const CallFact &Call,
                                    const TUFacts &TU) {
  if (F.Check != CheckKind::UncheckedUse)
    return std::nullopt;
  uint32_t File = Call.Call.File;
  for (const UseFact &Handed : Call.Uses) {
    if (Handed.K != UseFact::Argument || Handed.Callee.Name.empty() ||
        Handed.Where.File != File || Handed.Where.Offset >= F.Offset)
      continue;
    // The call the value is an argument of: the nearest one of that
    // callee whose name comes before the argument.
    const CallFact *Through = nullptr;
    for (const CallFact &Other : TU.Calls)
      if (&Other != &Call && Other.Callee == Handed.Callee &&
          Other.Names->Caller == Call.Names->Caller &&
          Other.Call.File == File && Other.Call.Offset < Handed.Where.Offset &&
          (!Through || Other.Call.Offset > Through->Call.Offset))
        Through = &Other;
    auto TestedBeforeUse = [&](const TestFact &T) {
      return T.Where.File == File && T.Where.Offset < F.Offset &&
             leavesOnOneSide(T);
    };
    if (Through && std::any_of(Through->Tests.begin(), Through->Tests.end(),
                               TestedBeforeUse))
      return Signal{-1.5, "its result goes through '" + Handed.Callee.Name +
                              "' first, whose result is tested"};
  }
  return std::nullopt;
}

/// An earlier call of the same function body that was handed the same
/// object (an argument spelled alike, not a constant) and whose result is
/// tested by a test that leaves on one side: the state this call relies on
/// was checked just before
/// (`get_image_size(name)` tested, then `load_image(name, ...)`; a device
/// looked up, then used). Read samples found most warnings of that shape
/// "cannot fail here".
std::optional<Signal> checkedBefore(const CallFact &Call, const TUFacts &TU,
                                    const std::string &ErrorParam) {
  auto Shared = [&](const ArgFact &A) {
    return !A.Text.empty() && !A.Constant && A.AddressOf.empty() &&
           A.Text != ErrorParam && A.Text != "NULL";
  };
  for (const CallFact &Earlier : TU.Calls) {
    if (&Earlier == &Call || !(Earlier.Names->Caller == Call.Names->Caller) ||
        Earlier.Call.File != Call.Call.File ||
        Earlier.Call.Offset >= Call.Call.Offset)
      continue;
    if (std::none_of(Earlier.Tests.begin(), Earlier.Tests.end(),
                     leavesOnOneSide))
      continue;
    for (const ArgFact &Mine : Call.Args)
      for (const ArgFact &Theirs : Earlier.Args)
        if (Shared(Mine) && Mine.Text == Theirs.Text)
          return Signal{-0.8, "'" + Mine.Text + "' was handed to '" +
                                  Earlier.Callee.Name +
                                  "' just before, whose result is tested"};
  }
  return std::nullopt;
}

/// The rank and, where the rank decides it, the level of \p F from its
/// signals, which it sorts most telling first.
void score(Finding &F, unsigned WarnAt) {
  double Score = 0;
  for (const Signal &S : F.RankSignals)
    Score += S.Weight;
  F.Rank = unsigned(std::lround(100 / (1 + std::exp(-Score))));
  // Most telling first; equal weights, as results show them (two
  // decimals), in one order however the signals came: rerank() adds the
  // other calls' last, to weights read back from a result.
  auto Order = [](const Signal &S) {
    double Shown = std::round(S.Weight * 100) / 100;
    return std::make_tuple(-std::fabs(Shown), -Shown, S.Why);
  };
  std::sort(
      F.RankSignals.begin(), F.RankSignals.end(),
      [&](const Signal &A, const Signal &B) { return Order(A) < Order(B); });
  if (F.RankDecided)
    F.Level = F.Rank >= WarnAt ? Severity::Warning : Severity::Note;
}

} // namespace

void Ranker::rank(Finding &F, const CallFact &Call, const Rule &R,
                  const TUFacts *TU) const {
  std::vector<Signal> Signals = {consequence(F), contractStrength(R)};
  // Stored whole in a wider or as wide unsigned field or object that leaves
  // the function (`env->regs[2] = handle_hypercall(...)`, a guest register):
  // every bit is kept, and its reader may well test it as signed.
  bool StoredWhole = F.Check == CheckKind::LossyStore &&
                     !Call.Store->Followed &&
                     Call.Store->Dest.Int.Width >= Call.Result.Int.Width;
  if (StoredWhole)
    Signals.front() = {-0.4, "stored whole where it leaves the function, "
                             "for a reader that may test it as signed"};
  // A result dropped or kept untested (not a store whose value is used, nor
  // a test that lets the value on): its failure is in the outputs.
  bool Unused = F.Check == CheckKind::IgnoredResult ||
                F.Check == CheckKind::UncheckedStore;
  if (Unused)
    if (std::optional<Signal> S = unsetOutputRead(Call, R))
      Signals.push_back(*S);
  bool HighConsequence = F.Check == CheckKind::UncheckedUse ||
                         (F.Check == CheckKind::LossyStore && !StoredWhole) ||
                         F.Check == CheckKind::MinusOneCheck;
  if (std::optional<Signal> S = otherCallsOf(F, Tally.of(R)))
    Signals.push_back(*S);
  std::string Relative = relativePath(F.File, Options.SourceRoot);
  const std::string *LowRank = Options.LowRankCode.match(Relative);
  // Having nowhere to report excuses an ignored failure, not one used as
  // a value; in test code, where every function is void, it says nothing
  // the path does not. Where the result is dropped, all a fix can add is a
  // log line: the 8 read warnings of that kind (kept warnings by other
  // calls' tests) were all right and none worth a patch.
  bool Dropped = F.Check == CheckKind::IgnoredResult ||
                 (F.Check == CheckKind::UncheckedStore && !F.StatusLost);
  double Nowhere = HighConsequence || LowRank ? 0 : Dropped ? -1.5 : -0.8;
  if (std::optional<Signal> S = placeOf(Call, Reporters, Nowhere)) {
    // A failure used as a value does harm wherever it happens.
    if (HighConsequence)
      S->Weight /= 2;
    Signals.push_back(*S);
  }
  // What the caller does instead of testing the result: it looks at what
  // the call left in the objects it handed over.
  if (F.Check == CheckKind::IgnoredResult ||
      F.Check == CheckKind::UncheckedStore || F.Check == CheckKind::LossyStore)
    if (std::optional<Signal> S = errorChannel(Call, R))
      Signals.push_back(*S);
  if (Unused)
    if (std::optional<Signal> S = outputSeen(Call, R))
      Signals.push_back(*S);
  // `info = qmp_query_balloon(&err); if (hmp_handle_error(mon, err))
  // return;`: a callee that sets its Error ** on every failure, handed a
  // local's address, has told the caller, who tests that object instead
  // (often through a helper the facts do not follow).
  if (F.Check == CheckKind::UncheckedUse && R.ErrorOut &&
      R.ErrorOut->SetOnFailure && R.ErrorOut->Index < Call.Args.size() &&
      !Call.Args[R.ErrorOut->Index].AddressOf.empty())
    Signals.push_back({-2.2, "the failure is also recorded in '" +
                                 Call.Args[R.ErrorOut->Index].AddressOf +
                                 "', which the caller may test instead"});
  // A lookup used untested: the caller often knows what it looks for is
  // there (a size tested first, a name it just registered); the other
  // callers' tests say how often. Read samples found most such warnings
  // wrong (qdict_first after qdict_size, a class just looked up by its own
  // name), so only a lookup nearly every other caller tests stays one.
  if (R.Conv == Convention::Nullable)
    Signals.push_back(
        {-1.8, "'" + R.Function + "' is a lookup: NULL when it finds nothing"});
  if (std::optional<Signal> S = failsOnlyOnBadArgument(Call, R))
    Signals.push_back(*S);
  if (std::optional<Signal> S = reportedEarlier(F, Call, Reporters))
    Signals.push_back(*S);
  if (TU) {
    if (std::optional<Signal> S =
            checkedBefore(Call, *TU, Call.Place->CallerErrorParam))
      Signals.push_back(*S);
    if (std::optional<Signal> S = testedThrough(F, Call, *TU))
      Signals.push_back(*S);
  }
  if (Call.Place->CommentSaysIgnored && !HighConsequence)
    Signals.push_back({-2.0, "a comment says the result is not needed"});
  // A comment's "NULL in case of error" over a body that shows no failure:
  // the value is as often an answer (virBufferContentAndReset's empty
  // buffer, object_dynamic_cast's "not of that type"). None of the 10 read
  // findings on such a contract was worth a patch; 6 were wrong.
  if (R.Inferred && R.Inferred->FromComment)
    Signals.push_back({-1.5, "only a comment says '" + R.Function +
                                 "' fails: its body shows no failing call, "
                                 "report or errno"});
  if (R.Inferred && R.Inferred->ReportsItself && !HighConsequence)
    Signals.push_back({-0.8, "'" + R.Function + "' reports its failures"});
  if (F.Inferred && std::lround(F.Confidence * 100) < WeakFinding) {
    char Text[96];
    std::snprintf(Text, sizeof Text,
                  "its contract is weak and few of its calls test it "
                  "(confidence %.2f)",
                  F.Confidence);
    Signals.push_back({-1.0, Text});
  }
  // The read warnings in generated code (QEMU's QAPI marshallers) were
  // right but not worth a patch there: the generator is what to change.
  if (Call.Place->InGeneratedFile)
    Signals.push_back(
        {-2.0, "generated code: a fix belongs in the tool that wrote it"});
  // No read warning in test, example or tool code was worth a patch.
  if (LowRank)
    Signals.push_back({-2.0, "test, example or tool code (" + *LowRank + ")"});
  Signals.erase(std::remove_if(Signals.begin(), Signals.end(),
                               [](const Signal &S) {
                                 return S.Weight == 0 || S.Why.empty();
                               }),
                Signals.end());

  F.RankSignals = std::move(Signals);
  F.FunctionFile = R.File;
  // A pack that wants every call handled means the project's own code, not
  // its tests, examples and generated files: there the rank decides.
  bool AlwaysWarn = R.AlwaysWarn && !LowRank && !Call.Place->InGeneratedFile;
  F.RankDecided = !AlwaysWarn && !R.setting(F.Check).LevelWritten;
  if (AlwaysWarn)
    F.Level = Severity::Warning;
  score(F, Options.WarnAt);
}

void rerank(std::vector<Finding> &Findings, const CallerTally &Tally,
            unsigned WarnAt) {
  for (Finding &F : Findings) {
    if (F.RankSignals.empty())
      continue; // not ranked (a result written before ranks existed)
    llvm::erase_if(F.RankSignals,
                   [](const Signal &S) { return S.OtherCalls; });
    if (std::optional<Signal> S = otherCallsOf(
            F, Tally.of(F.Function, F.FunctionFile,
                        {F.ContractCalls, F.ContractCallsChecking})))
      F.RankSignals.push_back(*S);
    score(F, WarnAt);
  }
}

std::string rankSummary(const Finding &F) {
  std::string Summary = "rank " + std::to_string(F.Rank);
  bool Up = F.Level == Severity::Warning;
  for (const RankSignal &S : F.RankSignals)
    if ((S.Weight > 0) == Up)
      return Summary + ": " + S.Why;
  return Summary;
}

std::string rankReason(const RankSignal &S) {
  return (S.Weight > 0 ? "+ " : "- ") + S.Why;
}

void rankFindings(std::vector<Finding> &Findings, const TUFacts &TU,
                  const RuleSet &Rules, const CallerTally &Tally,
                  const RankOptions &Options) {
  Ranker Ranks(Tally, Options, Rules.errorReporters());
  for (Finding &F : Findings) {
    if (F.CallIndex < 0 || std::size_t(F.CallIndex) >= TU.Calls.size())
      continue;
    const CallFact &Call = TU.Calls[F.CallIndex];
    if (const Rule *R = Rules.find(Call.Callee.Name, Call.Callee.File))
      Ranks.rank(F, Call, *R, &TU);
  }
}

} // namespace retcheck
