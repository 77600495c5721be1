// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Repairs built from facts, without a parse: the code they insert follows
// the function's (or file's) error handling, its message names what failed,
// and where no idiom fits there is no repair and a reason.

#include "contracts/Rules.h"
#include "judge/Repairs.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

/// `load_image_targphys(f, 0, 4096);` alone in `board_init` of /src/a.c,
/// which handles failures with \p Handler.
TUFacts ignoredCall(std::vector<HandlerStmt> Handler, std::string Tested = "") {
  TUFacts TU;
  TU.Files = {{"/src/a.c", 7, {}}};
  CallFact C;
  C.Callee = {"load_image_targphys", ""};
  C.Names.edit().Caller = {"board_init", ""};
  C.Call = {0, 100, 9, 5};
  C.Result = {ValueKind::Integer, {32, true}};
  C.Names.edit().ResultType = "int";
  C.Fate = ResultFate::Discarded;
  C.Args = {{"", std::nullopt, "kernel_filename", true},
            {"", 0, "0", false},
            {"", 4096, "4096", false}};
  RepairSiteFact &S = C.Repair.edit();
  S.Known = true;
  S.Statement = {0, 100, 38};
  S.Indent = "    ";
  S.InsertAt = 138;
  S.CallIsStatement = true;
  S.CallText = "load_image_targphys(kernel_filename, 0, 4096)";
  TU.Calls = {C};
  RepairFunctionFact F;
  F.Id = {"board_init", ""};
  F.ReturnType = "int";
  F.Returns = {ValueKind::Integer, {32, true}};
  F.IndentUnit = "    ";
  if (!Handler.empty())
    F.Handlers = {{{0, 40, 5, 9}, Tested, std::move(Handler)}};
  TU.RepairFunctions = {F};
  return TU;
}

HandlerStmt call(std::string Name, std::vector<std::string> Args,
                 bool NoReturn = false) {
  HandlerStmt S;
  S.K = HandlerStmt::Call;
  S.Name = S.Callee = Name;
  S.Args = Args;
  S.Text = Name + "(";
  for (std::size_t I = 0; I < Args.size(); ++I)
    S.Text += (I ? ", " : "") + Args[I];
  S.Text += ")";
  S.NoReturn = NoReturn;
  return S;
}

HandlerStmt leave(std::string Value, bool Constant, bool Tested = false) {
  HandlerStmt S;
  S.K = HandlerStmt::Return;
  S.Value = Value;
  S.Text = Value.empty() ? "return" : "return " + Value;
  S.Constant = Constant;
  S.ErrorValue = Constant;
  S.TestedValue = Tested;
  return S;
}

Contract negative() {
  Contract C;
  C.Errors = ValueSet::range(INT32_MIN, -1);
  C.Success = ValueSet::range(0, INT32_MAX);
  C.Typical = ValueSet::range(1, INT32_MAX);
  return C;
}

const std::vector<std::string> Reporters = {"error_report", "exit"};

std::string repairText(const Repair &R) {
  REQUIRE(R.Note);
  REQUIRE(R.Note->Fixes.size() == 1);
  return R.Note->Fixes[0].Text;
}

} // namespace

TEST_CASE("an ignored call is wrapped in the contract's test, handled as "
          "the function handles failures",
          "[repairs]") {
  TUFacts TU = ignoredCall(
      {call("error_report", {"\"bad size\""}), leave("-1", true)});
  Repair R = proposeRepair(CheckKind::IgnoredResult, TU.Calls[0], TU,
                           negative(), Reporters);
  CHECK(repairText(R) == "if (load_image_targphys(kernel_filename, 0, 4096) "
                         "< 0) {\n"
                         "        error_report(\"could not load kernel "
                         "'%s'\", kernel_filename);\n"
                         "        return -1;\n"
                         "    }");
  CHECK(R.Note->Fixes[0].Offset == 100);
  CHECK(R.Note->Fixes[0].Length == 38);
  CHECK(R.Note->Fixes[0].FileDigest == 7);
  CHECK(R.Note->Message.find("as 'board_init' does") != std::string::npos);
}

TEST_CASE("a message the function prints about the same file is reused",
          "[repairs]") {
  TUFacts TU = ignoredCall(
      {call("error_report",
            {"\"could not load kernel image '%s'\"", "kernel_filename"}),
       call("exit", {"1"}, true)});
  std::string Text = repairText(proposeRepair(
      CheckKind::IgnoredResult, TU.Calls[0], TU, negative(), Reporters));
  CHECK(Text.find("error_report(\"could not load kernel image '%s'\", "
                  "kernel_filename);") != std::string::npos);
  CHECK(Text.find("exit(1);") != std::string::npos);
}

TEST_CASE("a handler that passes on its tested local needs the value there",
          "[repairs]") {
  // `if (ret < 0) { return ret; }`: a wrapped call has no `ret` to return.
  TUFacts TU = ignoredCall({leave("ret", false, true)}, "ret");
  Repair R = proposeRepair(CheckKind::IgnoredResult, TU.Calls[0], TU,
                           negative(), Reporters);
  CHECK_FALSE(R.Note);
  CHECK(R.Why.find("no error handling to follow") != std::string::npos);

  // Stored in `ret` and never tested: `return ret;` passes it on.
  CallFact &C = TU.Calls[0];
  C.Fate = ResultFate::Stored;
  StoreFact &Store = C.Store.edit();
  Store.Name = "ret";
  Store.Followed = true;
  Store.Dest = C.Result;
  Store.DestType = "int";
  R = proposeRepair(CheckKind::UncheckedStore, C, TU, negative(), Reporters);
  CHECK(repairText(R) ==
        "\n    if (ret < 0) {\n        return ret;\n    }");
  CHECK(R.Note->Fixes[0].Offset == 138);
  CHECK(R.Note->Fixes[0].Length == 0);
}

TEST_CASE("without an idiom, or outside a block, there is no repair",
          "[repairs]") {
  TUFacts TU = ignoredCall({});
  Repair R = proposeRepair(CheckKind::IgnoredResult, TU.Calls[0], TU,
                           negative(), Reporters);
  CHECK_FALSE(R.Note);
  CHECK(R.Why == "'board_init' has no error handling to follow (no test "
                 "that returns an error, exits or reports one, there or "
                 "elsewhere in its file)");
  TU = ignoredCall({leave("-1", true)});
  TU.Calls[0].Repair.edit().Known = false;
  R = proposeRepair(CheckKind::IgnoredResult, TU.Calls[0], TU, negative(),
                    Reporters);
  CHECK_FALSE(R.Note);
  CHECK(R.Why.find("not on lines of its own in a block") != std::string::npos);
  // Minus-one and incomplete checks have fix-its, not repairs.
  CHECK_FALSE(hasRepairs(CheckKind::MinusOneCheck));
  CHECK_FALSE(hasRepairs(CheckKind::IncompleteCheck));
}

TEST_CASE("an unsigned local is retyped to the signed type that holds its "
          "errors",
          "[repairs]") {
  CHECK(signedTypeFor("uint64_t", {64, false}, "int64_t", {64, true}) ==
        "int64_t");
  CHECK(signedTypeFor("size_t", {64, false}, "int64_t", {64, true}) ==
        "ssize_t");
  CHECK(signedTypeFor("target_ulong", {64, false}, "ssize_t", {64, true}) ==
        "target_long");
  CHECK(signedTypeFor("unsigned long", {64, false}, "int", {32, true}) ==
        "long");
  CHECK(signedTypeFor("ram_addr_t", {64, false}, "ssize_t", {64, true}) ==
        "ssize_t");
  CHECK(signedTypeFor("hwaddr", {64, false}, "int", {32, true}) == "int64_t");
  // Narrower than the result: the result's own type.
  CHECK(signedTypeFor("uint32_t", {32, false}, "ssize_t", {64, true}) ==
        "ssize_t");
  CHECK(signedTypeFor("short", {16, true}, "int64_t", {64, true}) ==
        "int64_t");
}

TEST_CASE("messages name what failed; long calls break after commas",
          "[repairs]") {
  std::vector<ArgFact> Args = {{"", std::nullopt, "loaderparams.initrd_filename", true}};
  CHECK(composeMessage("load_image_targphys", Args) ==
        std::make_pair(std::string("could not load initrd '%s'"),
                       std::vector<std::string>{"loaderparams.initrd_filename"}));
  Args[0].Text = "filename";
  CHECK(composeMessage("get_image_size", Args).first == "could not load '%s'");
  CHECK(composeMessage("msix_init", {}).first == "msix_init failed");
  // A literal file name is not an argument worth naming.
  Args[0].Text = "\"bios.bin\"";
  CHECK(composeMessage("load_image_targphys", Args).first ==
        "load_image_targphys failed");

  CHECK(layoutCall("exit", {"1"}, 8) == std::vector<std::string>{"exit(1);"});
  std::vector<std::string> Lines = layoutCall(
      "error_report",
      {"\"could not load initial ram disk image '%s'\"",
       "loaderparams.initrd_filename"},
      8);
  CHECK(Lines == std::vector<std::string>{
                     "error_report(\"could not load initial ram disk image "
                     "'%s'\",",
                     "             loaderparams.initrd_filename);"});
}
