// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Results cross from worker processes to the CLI (and into caches) as
// bytes: every field survives, and a truncated or padded message is
// refused, not misread.

#include "run/TUResultCodec.h"

#include <catch2/catch.hpp>

using namespace retcheck;

static TUResult sample() {
  TUResult R;
  R.File = "/src/hw/a.c";
  R.Analysed = true;
  R.Facts.Files = {{"/src/hw/a.c", 0x1234567890abcdefULL, {}},
                   {"/src/include/a.h", 1, {{{7, "x = 1; // NOLINT"}}}}};
  CallFact C;
  C.Callee = {"load_image_targphys", ""};
  C.Names.edit().Caller = {"board_init", "/src/hw/a.c"};
  C.Names.edit().CallerName = "board_init";
  C.Call = {0, 345, 12, 7};
  C.Result = {ValueKind::Integer, {64, true}};
  C.Names.edit().ResultType = "ssize_t";
  C.Args = {{"error_fatal", std::nullopt}, {"", -4096}, {"", INT64_MIN}};
  C.Fate = ResultFate::Stored;
  C.Store.edit() = {{1, 40, 3, 9}, "size", {ValueKind::Integer, {32, false}},
                    "uint32_t",    true,   false};
  C.Store.edit().Lost = true;
  C.Store.edit().LostWhere = {1, 90, 5, 12};
  C.Store.edit().DiscardedByVoid = true;
  TestFact T;
  T.Where = {0, 350, 13, 9};
  TestNode Cmp;
  Cmp.K = TestNode::Compare;
  Cmp.Chain = {{64, true}, {32, false}};
  Cmp.Op = CompareOp::LT;
  // Extreme values: the whole of a 64-bit unsigned type, and below.
  Cmp.Other = ValueSet::range(-(Int(1) << 64), (Int(1) << 64) - 1);
  Cmp.OtherArg = 2;
  Cmp.MinusOne = 0;
  Cmp.Operands.edit() = {{0, 350, 4}, {0, 357, 2}, true, {32, false}};
  TestNode Not;
  Not.K = TestNode::Not;
  Not.Lhs = 0;
  T.Nodes = {Cmp, Not};
  TestRewriteFact &Rewrite = T.Rewrite.edit();
  Rewrite.MinusOnes = {
      {{0, 352, 13, 11}, true, true, true, true, {0, 352, 5}, " ", true}};
  T.OnTrue.Known = T.OnTrue.ReturnsError = T.OnTrue.GotoErrorLabel = true;
  T.OnTrue.Calls = {"error_report", "stderr"};
  Rewrite.Rewritable = true;
  Rewrite.Range = {0, 350, 9};
  Rewrite.Tracked = std::string("msg with \0 and \xff bytes", 22);
  Rewrite.TrackedSigned = true;
  TestFact S;
  S.IsSwitch = true;
  S.SwitchChain = {{64, true}};
  S.Cases = {{ValueSet::point(-1), true, {}}};
  S.Cases[0].Branch.Known = S.Cases[0].Branch.NoReturn = true;
  S.HasDefault = true;
  C.Tests = {T, S};
  UseFact U;
  U.K = UseFact::Argument;
  U.Where = {0, 360, 14, 5};
  U.BeforeTest = true;
  U.Callee = {"memcpy", ""};
  U.ArgIndex = 2;
  U.SizeParam = true;
  UseFact Listed; // strextend(&r, t): before the NULL that ends the list
  Listed.K = UseFact::Argument;
  Listed.Callee = {"strextend_with_separator_internal", ""};
  Listed.ArgIndex = 2;
  Listed.Variadic = Listed.BeforeSentinel = true;
  C.Uses = {U, Listed};
  C.Escapes = true;
  C.Args[0].Text = "loaderparams.kernel_filename";
  C.Args[0].IsString = true;
  C.Args[0].AddressTested = true;
  C.Args[1].AddressReturned = true;
  C.Args[1].AddressNullBefore = true;
  C.Args[0].AddressUnsetThenRead = true;
  RepairSiteFact &Site = C.Repair.edit();
  Site.Known = true;
  Site.Function = 1;
  Site.Statement = {0, 330, 40};
  Site.Indent = "\t    ";
  Site.InsertAt = 371;
  Site.CallText = "load_image_targphys(f,\n                    0, 4096)";
  Site.AssignedTo = "*size";
  Site.LocalDeclared = true;
  Site.LocalName = "size";
  Site.LocalType = {0, 300, 8};
  Site.LocalDeclarator = {0, 310, 6};
  Site.LocalDeclaratorText = "size = 0";
  Site.LocalInsertAt = 320;
  Site.LocalIndent = "    ";
  R.Facts.Calls = {C, CallFact()};
  RepairFunctionFact Fn;
  Fn.Id = {"board_init", "/src/hw/a.c"};
  Fn.ReturnType = "int";
  Fn.Returns = {ValueKind::Integer, {32, true}};
  Fn.ErrorParam = "errp";
  Fn.IndentUnit = "\t";
  HandlerStmt Report;
  Report.K = HandlerStmt::Call;
  Report.Text = "error_report(\"could not load '%s'\", f)";
  Report.Name = "error_report";
  Report.Callee = "error_report";
  Report.Args = {"\"could not load '%s'\"", "f"};
  HandlerStmt Leave;
  Leave.K = HandlerStmt::Return;
  Leave.Text = "return ret";
  Leave.Value = "ret";
  Leave.TestedValue = true;
  Fn.Handlers = {{{0, 200, 8, 5}, "ret", {Report, Leave}}};
  Fn.Names = {"f", "ret"};
  R.Facts.RepairFunctions = {RepairFunctionFact(), Fn};
  FunctionFact Body;
  Body.Id = {"obj_new", ""};
  Body.ErrorParam = 1;
  Body.ErrorParamName = "errp";
  Body.OutputsSetFirst = {1, 3};
  ReturnFact Miss;
  Miss.K = ReturnFact::Null;
  Miss.AfterSearchLoop = true;
  Miss.Origin = ReturnFact::CodeHandedIn;
  Miss.ChosenBy = "code";
  Miss.ByDefault = true;
  Body.Returns = {Miss};
  Body.DocFailure = "null on failure";
  Body.DocErrors = ValueSet::point(0);
  R.Facts.Functions = {Body};
  ParamDerefFact Deref;
  Deref.Function = {"caps_path", "/src/util/caps.c"};
  Deref.Where = {0, 500, 40, 1};
  Deref.Params = {0, 2};
  Deref.Derefs = {{0, 530, 41, 12}, {0, 560, 42, 12}};
  Deref.Asserted = {2};
  R.Facts.ParamDerefs = {Deref};
  R.Facts.Calls[1].Indirect = true;
  BindingFact Bound;
  Bound.Pointer = {"QIOChannelClass::io_close", ""};
  Bound.Target = {"qio_channel_file_close", "/src/io/channel-file.c"};
  Bound.Where = {0, 420, 30, 7};
  Bound.Result = {ValueKind::Integer, {32, true}};
  BindingFact Copied = Bound;
  Copied.Target = {"DeviceClass::realize", ""};
  Copied.TargetIsPointer = true;
  R.Facts.Bindings = {Bound, Copied};
  R.Problems = {{"/src/hw/a.c", "compile-error", "2 compile error(s)"}};
  R.FilesRead = {"/src/hw/a.c", "/src/hw/a.h"};
  R.Verdicts = {{true, ""}, {false, "the repair adds a warning"}};
  R.VerifyParses = 3;
  R.VerifySeconds = 0.125;
  return R;
}

TEST_CASE("a TUResult survives encoding", "[codec]") {
  TUResult In = sample();
  std::string Bytes = encodeTUResult(In);
  std::optional<TUResult> Out = decodeTUResult(Bytes);
  REQUIRE(Out);
  // Every field: what is decoded encodes to the same bytes.
  CHECK(encodeTUResult(*Out) == Bytes);
  CHECK(Out->File == In.File);
  CHECK(Out->Analysed);
  CHECK_FALSE(Out->Skipped);
  REQUIRE(Out->Facts.Files.size() == 2);
  CHECK(Out->Facts.Files[0].Digest == 0x1234567890abcdefULL);
  CHECK(Out->Facts.Files[1].NoLint.Lines == In.Facts.Files[1].NoLint.Lines);
  REQUIRE(Out->Facts.Calls.size() == 2);
  const CallFact &A = In.Facts.Calls[0], &B = Out->Facts.Calls[0];
  CHECK(B.Callee == A.Callee);
  CHECK(B.Names->Caller == A.Names->Caller);
  CHECK(B.Names->CallerName == A.Names->CallerName);
  CHECK(B.Names->ResultType == A.Names->ResultType);
  CHECK(B.Args[1].Constant == -4096);
  CHECK(B.Args[2].Constant == INT64_MIN);
  CHECK_FALSE(B.Args[0].Constant);
  CHECK(B.Args[0].AddressOf == "error_fatal");
  CHECK(B.Store->Dest.Int == IntType{32, false});
  REQUIRE(B.Tests.size() == 2);
  CHECK(B.Tests[0].Nodes[0].Other == A.Tests[0].Nodes[0].Other);
  CHECK(B.Tests[0].Nodes[0].Chain == A.Tests[0].Nodes[0].Chain);
  CHECK(B.Tests[0].Rewrite->Tracked == A.Tests[0].Rewrite->Tracked);
  CHECK(B.Tests[0].Rewrite->Range.Offset == 350);
  CHECK(B.Tests[0].Rewrite->TrackedSigned);
  REQUIRE(B.Tests[0].Rewrite->MinusOnes.size() == 1);
  CHECK(B.Tests[0].Rewrite->MinusOnes[0].Prefix == " ");
  CHECK(B.Tests[0].Rewrite->MinusOnes[0].BesideErrno);
  CHECK(B.Tests[0].Nodes[0].Operands->TrackedOperand.Offset == 350);
  CHECK(B.Tests[0].Nodes[0].Operands->OtherOperand.Length == 2);
  CHECK(B.Tests[0].Nodes[0].Operands->OtherType == IntType{32, false});
  CHECK(B.Tests[0].Nodes[1].Operands.empty());
  CHECK(B.Tests[1].Rewrite.empty());
  CHECK(B.Tests[0].OnTrue.Calls == A.Tests[0].OnTrue.Calls);
  CHECK(B.Tests[1].Cases[0].Labels == ValueSet::point(-1));
  CHECK(B.Uses[0].SizeParam);
  CHECK_FALSE(B.Uses[0].BeforeSentinel);
  CHECK(B.Uses[1].BeforeSentinel);
  CHECK(B.Args[0].Text == A.Args[0].Text);
  CHECK(B.Args[0].IsString);
  CHECK(B.Args[0].AddressTested);
  CHECK_FALSE(B.Args[1].AddressTested);
  CHECK_FALSE(B.Args[0].AddressReturned);
  CHECK(B.Args[1].AddressReturned);
  CHECK(B.Args[1].AddressNullBefore);
  CHECK_FALSE(B.Args[0].AddressNullBefore);
  CHECK(B.Args[0].AddressUnsetThenRead);
  CHECK_FALSE(B.Args[1].AddressUnsetThenRead);
  REQUIRE(Out->Facts.Functions.size() == 1);
  CHECK(Out->Facts.Functions[0].ErrorParamName == "errp");
  CHECK(Out->Facts.Functions[0].OutputsSetFirst == std::vector<uint32_t>{1, 3});
  CHECK(Out->Facts.Functions[0].Returns.at(0).AfterSearchLoop);
  CHECK(Out->Facts.Functions[0].Returns.at(0).Origin ==
        ReturnFact::CodeHandedIn);
  CHECK(Out->Facts.Functions[0].Returns.at(0).ChosenBy == "code");
  CHECK(Out->Facts.Functions[0].Returns.at(0).ByDefault);
  CHECK(Out->Facts.Functions[0].DocFailure == "null on failure");
  CHECK(Out->Facts.Functions[0].DocErrors == ValueSet::point(0));
  REQUIRE(Out->Facts.ParamDerefs.size() == 1);
  CHECK(Out->Facts.ParamDerefs[0].Function == In.Facts.ParamDerefs[0].Function);
  CHECK(Out->Facts.ParamDerefs[0].Params == std::vector<uint32_t>{0, 2});
  REQUIRE(Out->Facts.ParamDerefs[0].Derefs.size() == 2);
  CHECK(Out->Facts.ParamDerefs[0].Derefs[1].Offset == 560);
  CHECK(Out->Facts.ParamDerefs[0].Asserted == std::vector<uint32_t>{2});
  CHECK_FALSE(B.Indirect);
  CHECK(Out->Facts.Calls[1].Indirect);
  REQUIRE(Out->Facts.Bindings.size() == 2);
  CHECK(Out->Facts.Bindings[0].Target == In.Facts.Bindings[0].Target);
  CHECK(Out->Facts.Bindings[0].Where.Line == 30);
  CHECK(Out->Facts.Bindings[0].Result.Int == IntType{32, true});
  CHECK_FALSE(Out->Facts.Bindings[0].TargetIsPointer);
  CHECK(Out->Facts.Bindings[1].TargetIsPointer);
  CHECK(B.Repair->CallText == A.Repair->CallText);
  CHECK(B.Repair->LocalDeclarator.Offset == 310);
  CHECK(B.Repair->LocalInsertAt == 320);
  REQUIRE(Out->Facts.RepairFunctions.size() == 2);
  const RepairFunctionFact &Fn = Out->Facts.RepairFunctions[1];
  CHECK(Fn.ErrorParam == "errp");
  REQUIRE(Fn.Handlers.size() == 1);
  CHECK(Fn.Handlers[0].Tested == "ret");
  REQUIRE(Fn.Handlers[0].Statements.size() == 2);
  CHECK(Fn.Handlers[0].Statements[0].Args ==
        In.Facts.RepairFunctions[1].Handlers[0].Statements[0].Args);
  CHECK(Fn.Handlers[0].Statements[1].TestedValue);
  CHECK(Fn.Names == In.Facts.RepairFunctions[1].Names);
  REQUIRE(Out->Verdicts.size() == 2);
  CHECK(Out->Verdicts[0].Offered);
  CHECK(Out->Verdicts[1].Reason == "the repair adds a warning");
  CHECK(Out->VerifyParses == 3);
  CHECK(Out->VerifySeconds == 0.125);
  REQUIRE(Out->Problems.size() == 1);
  CHECK(Out->Problems[0].Kind == "compile-error");
  CHECK(Out->FilesRead == In.FilesRead);
}

TEST_CASE("a call's empty parts are written as T() and read unallocated",
          "[codec]") {
  TUResult Empty;
  Empty.Facts.Calls = {CallFact()};
  TUResult Allocated = Empty;
  CallFact &C = Allocated.Facts.Calls[0];
  C.Store.edit();
  C.Repair.edit();
  C.Place.edit();
  // A test's rewrite and a node's operands, boxed in place between other
  // fields, too.
  Empty.Facts.Calls[0].Tests.resize(1);
  Empty.Facts.Calls[0].Tests[0].Nodes.resize(1);
  C.Tests = Empty.Facts.Calls[0].Tests;
  C.Tests[0].Rewrite.edit();
  C.Tests[0].Nodes[0].Operands.edit();
  std::string Bytes = encodeTUResult(Empty);
  CHECK(encodeTUResult(Allocated) == Bytes);
  std::optional<TUResult> Out = decodeTUResult(Bytes);
  REQUIRE(Out);
  const CallFact &B = Out->Facts.Calls.at(0);
  CHECK(B.Store.empty());
  CHECK(B.Repair.empty());
  CHECK(B.Place.empty());
  REQUIRE(B.Tests.size() == 1);
  CHECK(B.Tests[0].Rewrite.empty());
  REQUIRE(B.Tests[0].Nodes.size() == 1);
  CHECK(B.Tests[0].Nodes[0].Operands.empty());

  // A part that differs from T() in any byte is kept.
  TUResult Sample = sample();
  Sample.Facts.Calls[1].Place.edit().CallerExits = true;
  Sample.Facts.Calls[1].Place.edit().InGeneratedFile = true;
  Out = decodeTUResult(encodeTUResult(Sample));
  REQUIRE(Out);
  const CallFact &Stored = Out->Facts.Calls.at(0);
  CHECK_FALSE(Stored.Store.empty());
  CHECK(Stored.Store->DestType == "uint32_t");
  CHECK(Stored.Store->Lost);
  CHECK(Stored.Store->LostWhere.Line == 5);
  CHECK(Stored.Store->DiscardedByVoid);
  CHECK_FALSE(Stored.Repair.empty());
  CHECK(Stored.Place.empty()); // sample() leaves it as T()
  REQUIRE_FALSE(Out->Facts.Calls.at(1).Place.empty());
  CHECK(Out->Facts.Calls[1].Place->CallerExits);
  CHECK(Out->Facts.Calls[1].Place->InGeneratedFile);
}

TEST_CASE("a damaged encoding is refused", "[codec]") {
  std::string Bytes = encodeTUResult(sample());
  for (std::size_t Cut :
       {std::size_t(0), std::size_t(1), Bytes.size() / 2, Bytes.size() - 1})
    CHECK_FALSE(decodeTUResult(Bytes.substr(0, Cut)));
  CHECK_FALSE(decodeTUResult(Bytes + "x"));
  // A list length far beyond the message: the file list's, just after the
  // TU's file name.
  std::size_t At = 1 + sample().File.size();
  std::string Huge = Bytes.substr(0, At) + std::string(8, '\xff') + "\x7f" +
                     Bytes.substr(At + 1);
  CHECK_FALSE(decodeTUResult(Huge));
}

TEST_CASE("a string met again is written once", "[codec]") {
  // A TU's facts name the same paths and macro texts again and again.
  const std::string Path =
      "/work/corpus/qemu-10.0/src/include/qemu/log-for-trace.h";
  TUResult R;
  R.File = "/src/hw/a.c";
  R.FilesRead.assign(100, Path);
  R.FilesRead.push_back("");
  R.FilesRead.push_back(R.File);
  std::string Bytes = encodeTUResult(R);
  CHECK(Bytes.size() < R.File.size() + Path.size() + 200);
  std::optional<TUResult> Out = decodeTUResult(Bytes);
  REQUIRE(Out);
  CHECK(Out->File == R.File);
  CHECK(Out->FilesRead == R.FilesRead);

  // A reference to a string not met yet is damage.
  std::string Ahead = Bytes;
  Ahead[0] = 1 << 1 | 1; // the TU's file name as the second string seen
  CHECK_FALSE(decodeTUResult(Ahead));
}
