// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// How a finding's rank counts the other calls of its function (rank/Rank.h).

#include "rank/Rank.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace retcheck;

namespace {

bool citesOtherCalls(const Finding &F) {
  return std::any_of(F.RankSignals.begin(), F.RankSignals.end(),
                     [](const RankSignal &S) { return S.OtherCalls; });
}

/// A ranker with default options and no other calls counted.
struct PlainRanker {
  CallerTally Tally;
  RankOptions Options;
  std::vector<std::string> Reporters;
  Ranker Ranks{Tally, Options, Reporters}; // keeps references to the three
  explicit PlainRanker(std::vector<std::string> Reporters = {})
      : Reporters(std::move(Reporters)) {}
};

} // namespace

TEST_CASE("other calls count only as a second opinion", "[rank]") {
  CallerTally Tally;
  // Nine of ten calls of is_absolute test it; the tenth is the finding.
  Tally.add("is_absolute", "", {10, 9});
  Finding FromBody;
  FromBody.Function = "is_absolute";
  FromBody.Check = CheckKind::IncompleteCheck;
  FromBody.Inferred = true;
  FromBody.RankSignals.push_back({0.6, "the test lets failures through"});
  FromBody.RankDecided = true;
  Finding FromCallers = FromBody;
  FromCallers.FromCallers = true;
  std::vector<Finding> Findings = {FromBody, FromCallers};
  rerank(Findings, Tally, 50);
  // A contract read from the body: nine of nine others check it.
  CHECK(citesOtherCalls(Findings[0]));
  CHECK(Findings[0].Level == Severity::Warning);
  // A contract drawn from those same calls: they are no new evidence.
  CHECK_FALSE(citesOtherCalls(Findings[1]));
  CHECK(Findings[1].Rank < Findings[0].Rank);
}

TEST_CASE("an Error object the caller tests after the call", "[rank]") {
  // `bdrv_co_truncate(..., &local_err); if (local_err) warn_report_err(...)`
  // ignores a result whose failure the caller handles through the object.
  PlainRanker Plain;
  const Ranker &Ranks = Plain.Ranks;
  Rule Truncate;
  Truncate.Function = "bdrv_co_truncate";
  Truncate.ErrorOut = ErrorOutParam{1, {"error_abort", "error_fatal"}};
  CallFact Call;
  Call.Callee = {"bdrv_co_truncate", ""};
  Call.Names.edit().CallerName = "qcow2_co_truncate";
  Call.Args.resize(2);
  Call.Args[1].AddressOf = "local_err";
  auto RankOf = [&](bool Tested) {
    Call.Args[1].AddressTested = Tested;
    Finding F;
    F.Check = CheckKind::IgnoredResult;
    F.File = "block/qcow2.c";
    Ranks.rank(F, Call, Truncate);
    return F;
  };
  Finding Tested = RankOf(true), Untested = RankOf(false);
  CHECK(Tested.Rank < Untested.Rank);
  CHECK(std::any_of(Tested.RankSignals.begin(), Tested.RankSignals.end(),
                    [](const RankSignal &S) {
                      return S.Why == "the failure is recorded in "
                                      "'local_err', which the caller tests "
                                      "after the call";
                    }));
  CHECK(Tested.Level == Severity::Note);
}

TEST_CASE("a function that fails only when handed NULL", "[rank]") {
  // libvirt's virHashSize: `if (table == NULL) return -1;`.
  PlainRanker Plain;
  const Ranker &Ranks = Plain.Ranks;
  Rule Size;
  Size.Function = "virHashSize";
  Size.Conv = Convention::MinusOne;
  std::string Error;
  Size.FailsWhen = {{{0, *ValueSpec::parse("0", Error)}}};
  CallFact Call;
  Call.Callee = {"virHashSize", ""};
  Call.Names.edit().CallerName = "virNetworkObjListNumOfNetworks";
  Call.Args.resize(1);
  auto RankOf = [&](const Rule &R) {
    Finding F;
    F.Check = CheckKind::UncheckedUse;
    F.File = "src/conf/virnetworkobj.c";
    Ranks.rank(F, Call, R);
    return F;
  };
  Rule Always = Size;
  Always.FailsWhen.clear();
  Finding Misuse = RankOf(Size), Any = RankOf(Always);
  CHECK(Misuse.Rank < Any.Rank);
  CHECK(std::any_of(Misuse.RankSignals.begin(), Misuse.RankSignals.end(),
                    [](const RankSignal &S) {
                      return S.Why == "'virHashSize' fails only when its "
                                      "argument 0 is NULL or 0, a misuse";
                    }));
  // A constant 0 passed there can fail: no such signal.
  Call.Args[0].Constant = 0;
  Finding Null = RankOf(Size);
  CHECK(Null.Rank == Any.Rank);
}

TEST_CASE("a failure reported at an earlier test and carried on", "[rank]") {
  // systemd: `r = getenv_bool(...); if (r < 0 && r != -ENXIO)
  // log_debug_errno(r, ...); if (r != 0) ...`: on by default, on purpose.
  PlainRanker Plain({"log_internal"});
  const Ranker &Ranks = Plain.Ranks;
  Rule GetenvBool;
  GetenvBool.Function = "getenv_bool";
  CallFact Call;
  Call.Callee = {"getenv_bool", ""};
  Call.Names.edit().CallerName = "loop_flags_mangle";
  Call.Call = {0, 100, 5, 13};
  TestFact Logged;
  Logged.Where = {0, 140, 6, 13};
  Logged.OnTrue.Known = true;
  Logged.OnTrue.Calls = {"log_internal"};
  Call.Tests.push_back(Logged);
  auto RankOf = [&](unsigned Offset) {
    Finding F;
    F.Check = CheckKind::IncompleteCheck;
    F.File = "src/shared/loop-util.c";
    F.Offset = Offset;
    Ranks.rank(F, Call, GetenvBool);
    return F;
  };
  auto Cites = [](const Finding &F) {
    return std::any_of(F.RankSignals.begin(), F.RankSignals.end(),
                       [](const RankSignal &S) {
                         return S.Why == "its failure is reported at line 6 "
                                         "('log_internal') and then carried "
                                         "on";
                       });
  };
  // The later test is the finding's: the report came first.
  Finding After = RankOf(200);
  CHECK(Cites(After));
  // The finding is the reporting test itself, or comes before it.
  Finding Before = RankOf(140);
  CHECK_FALSE(Cites(Before));
  CHECK(After.Rank < Before.Rank);
  // A report with an else branch, or one that leaves, is a handler.
  Call.Tests[0].OnTrue.Leaves = true;
  CHECK_FALSE(Cites(RankOf(200)));
}

TEST_CASE("the same object checked by an earlier call", "[rank]") {
  // `if (get_image_size(name) < 0) return; load_image(name, ...);`: past
  // the earlier test, the file is there. `if (ret) result = ret;` goes on
  // whatever the flush did, and checks nothing.
  PlainRanker Plain;
  const Ranker &Ranks = Plain.Ranks;
  Rule Load;
  Load.Function = "load_image";
  TUFacts TU;
  CallFact Size;
  Size.Callee = {"get_image_size", ""};
  Size.Names.edit().Caller = {"board_init", ""};
  Size.Call = {0, 100, 5, 9};
  Size.Args.resize(1);
  Size.Args[0].Text = "name";
  TestFact Failed;
  Failed.CheckLike = true;
  Failed.OnTrue.Known = Failed.OnTrue.Leaves = true;
  Size.Tests.push_back(Failed);
  CallFact Image = Size;
  Image.Callee = {"load_image", ""};
  Image.Call = {0, 200, 9, 5};
  Image.Args.resize(2);
  Image.Args[1].Text = "addr";
  Image.Tests.clear();
  TU.Calls = {Size, Image};
  auto RankOf = [&](const TUFacts &Facts) {
    Finding F;
    F.Check = CheckKind::IgnoredResult;
    F.File = "hw/board.c";
    F.CallIndex = 1;
    Ranks.rank(F, Facts.Calls[1], Load, &Facts);
    return F;
  };
  auto Cites = [](const Finding &F) {
    return std::any_of(F.RankSignals.begin(), F.RankSignals.end(),
                       [](const RankSignal &S) {
                         return S.Why == "'name' was handed to "
                                         "'get_image_size' just before, "
                                         "whose result is tested";
                       });
  };
  Finding Checked = RankOf(TU);
  CHECK(Cites(Checked));
  // A test that goes on either way checks nothing.
  TUFacts GoesOn = TU;
  GoesOn.Calls[0].Tests[0].OnTrue.Leaves = false;
  Finding Recorded = RankOf(GoesOn);
  CHECK_FALSE(Cites(Recorded));
  CHECK(Checked.Rank < Recorded.Rank);
  // Nor does a later call, one in another function, a constant, or an
  // error object shared.
  TUFacts Later = TU;
  Later.Calls[0].Call.Offset = 300;
  CHECK_FALSE(Cites(RankOf(Later)));
  TUFacts Elsewhere = TU;
  Elsewhere.Calls[0].Names.edit().Caller = {"other_init", ""};
  CHECK_FALSE(Cites(RankOf(Elsewhere)));
  TUFacts Constant = TU;
  Constant.Calls[0].Args[0].Constant = 0;
  Constant.Calls[1].Args[0].Constant = 0;
  CHECK_FALSE(Cites(RankOf(Constant)));
}

TEST_CASE("a result tested through the call it was handed to", "[rank]") {
  // `oc = module_object_class_by_name(name); if (!object_class_dynamic_cast(
  // oc, T)) return NULL; object_class_is_abstract(oc);`: the cast is
  // NULL-safe, and its test catches the lookup's NULL before the use.
  PlainRanker Plain;
  const Ranker &Ranks = Plain.Ranks;
  Rule Lookup;
  Lookup.Function = "module_object_class_by_name";
  TUFacts TU;
  CallFact ByName;
  ByName.Callee = {"module_object_class_by_name", ""};
  ByName.Names.edit().Caller = {"char_get_class", ""};
  ByName.Call = {0, 100, 5, 10};
  UseFact Handed;
  Handed.K = UseFact::Argument;
  Handed.Callee = {"object_class_dynamic_cast", ""};
  Handed.Where = {0, 180, 6, 35};
  ByName.Uses.push_back(Handed);
  CallFact Cast;
  Cast.Callee = Handed.Callee;
  Cast.Names = ByName.Names;
  Cast.Call = {0, 155, 6, 10};
  TestFact Failed;
  Failed.CheckLike = true;
  Failed.Where = {0, 150, 6, 5};
  Failed.OnTrue.Known = Failed.OnTrue.Leaves = true;
  Cast.Tests.push_back(Failed);
  TU.Calls = {ByName, Cast};
  auto RankOf = [&](const TUFacts &Facts, CheckKind Check, unsigned Use) {
    Finding F;
    F.Check = Check;
    F.File = "chardev/char.c";
    F.Offset = Use;
    F.CallIndex = 0;
    Ranks.rank(F, Facts.Calls[0], Lookup, &Facts);
    return F;
  };
  auto Cites = [](const Finding &F) {
    return std::any_of(F.RankSignals.begin(), F.RankSignals.end(),
                       [](const RankSignal &S) {
                         return S.Why == "its result goes through "
                                         "'object_class_dynamic_cast' first, "
                                         "whose result is tested";
                       });
  };
  Finding Through = RankOf(TU, CheckKind::UncheckedUse, 300);
  CHECK(Cites(Through));
  // A use before the hand-over or the test, a test that goes on either
  // way, another function's call of the same callee, or another check:
  // nothing was caught before the use.
  CHECK_FALSE(Cites(RankOf(TU, CheckKind::UncheckedUse, 170)));
  TUFacts GoesOn = TU;
  GoesOn.Calls[1].Tests[0].OnTrue.Leaves = false;
  Finding Unguarded = RankOf(GoesOn, CheckKind::UncheckedUse, 300);
  CHECK_FALSE(Cites(Unguarded));
  CHECK(Through.Rank < Unguarded.Rank);
  TUFacts Elsewhere = TU;
  Elsewhere.Calls[1].Names.edit().Caller = {"other", ""};
  CHECK_FALSE(Cites(RankOf(Elsewhere, CheckKind::UncheckedUse, 300)));
  CHECK_FALSE(Cites(RankOf(TU, CheckKind::IgnoredResult, 300)));
}
