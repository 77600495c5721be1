// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// A whole-tree run infers from what keepInferenceFacts() keeps of each TU:
// on fixtures/infer, the same rules as from the whole facts.

#include "infer/InferenceFacts.h"
#include "facts/CallFacts.h"
#include "infer/Inference.h"
#include "pipeline/TUPipeline.h"
#include "rank/Rank.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <dirent.h>

using namespace retcheck;

namespace {

const std::string SourceDir = RETCHECK_SOURCE_DIR;

/// The facts of every call and function of each C file of fixtures/infer.
std::vector<TUFacts> inferTreeFacts() {
  std::string Dir = SourceDir + "/fixtures/infer";
  std::vector<std::string> Files;
  if (DIR *D = opendir(Dir.c_str())) {
    while (dirent *E = readdir(D)) {
      std::string Name = E->d_name;
      if (Name.size() > 2 && Name.compare(Name.size() - 2, 2, ".c") == 0)
        Files.push_back(Dir + "/" + Name);
    }
    closedir(D);
  }
  std::sort(Files.begin(), Files.end());
  RuleSet None;
  FactScope All;
  All.AllCalls = true;
  TUPipeline Pipeline(None, All);
  std::vector<TUFacts> Facts;
  for (const std::string &File : Files) {
    clang::tooling::CompileCommand C(
        Dir, File, {"clang", "-fsyntax-only", "-std=gnu11", File}, "");
    TUOutcome R = Pipeline.analyze(C, RankOptions());
    INFO(File);
    REQUIRE(R.TU.Problems.empty());
    Facts.push_back(std::move(R.TU.Facts));
  }
  return Facts;
}

std::string inferredFrom(const std::vector<TUFacts> &Facts) {
  std::vector<const TUFacts *> TUs;
  for (const TUFacts &F : Facts)
    TUs.push_back(&F);
  InferenceOptions Options;
  Options.SourceRoot = SourceDir + "/fixtures/infer";
  InferenceResult R = inferContracts(TUs, RuleSet(), Options);
  std::string Reporters;
  for (const LearnedReporter &L : R.Reporters)
    Reporters += L.Name + "\n";
  return inferredRulesJson(R.Rules, "") + Reporters;
}

} // namespace

TEST_CASE("the facts kept for inference infer what the whole facts do",
          "[infer]") {
  std::vector<TUFacts> Whole = inferTreeFacts();
  REQUIRE(Whole.size() >= 10);
  std::vector<TUFacts> Kept = Whole;
  std::size_t Uses = 0, KeptUses = 0, Rewrites = 0, Operands = 0;
  for (TUFacts &F : Kept) {
    for (const CallFact &C : F.Calls) {
      Uses += C.Uses.size();
      for (const TestFact &T : C.Tests) {
        Rewrites += !T.Rewrite.empty();
        for (const TestNode &N : T.Nodes)
          Operands += !N.Operands.empty();
      }
    }
    keepInferenceFacts(F);
    for (const CallFact &C : F.Calls) {
      KeptUses += C.Uses.size();
      CHECK(C.Names.empty());
      // What only repairs read is freed.
      for (const TestFact &T : C.Tests) {
        CHECK(T.Rewrite.empty());
        for (const TestNode &N : T.Nodes)
          CHECK(N.Operands.empty());
      }
    }
  }
  // Something was dropped: most uses say nothing inference reads, and
  // tests had parts to rewrite.
  CHECK(KeptUses < Uses);
  CHECK(Rewrites > 0);
  CHECK(Operands > 0);
  std::string Rules = inferredFrom(Whole);
  // Pointers handed to a function that dereferences them (valid_args).
  CHECK(Rules.find("valid_args") != std::string::npos);
  CHECK(inferredFrom(Kept) == Rules);
}

TEST_CASE("a call's uses kept for inference", "[infer]") {
  CallFact Lookup;
  Lookup.Result.K = ValueKind::Pointer;
  UseFact Deref, Handed, Variadic;
  Handed.K = Variadic.K = UseFact::Argument;
  Handed.Callee = Variadic.Callee = {"consume", ""};
  Handed.ArgIndex = 1;
  Variadic.Variadic = true;
  Lookup.Uses = {Deref, Handed, Variadic};
  CallFact Size = Lookup;
  Size.Result.K = ValueKind::Integer;
  CallFact Unused = Lookup;
  Unused.Uses.clear();
  TUFacts TU;
  TU.Calls = {Lookup, Size, Unused};
  keepInferenceFacts(TU);
  // A pointer's: only where it is handed on.
  REQUIRE(TU.Calls[0].Uses.size() == 1);
  CHECK(TU.Calls[0].Uses[0].K == UseFact::Argument);
  CHECK(TU.Calls[0].Uses[0].Callee.Name == "consume");
  CHECK(TU.Calls[0].Uses[0].ArgIndex == 1);
  // An integer's: one that stands for all, handed to nothing.
  REQUIRE(TU.Calls[1].Uses.size() == 1);
  CHECK_FALSE(handsPointerOn(TU.Calls[1], TU.Calls[1].Uses[0]));
  CHECK(TU.Calls[2].Uses.empty());
}

TEST_CASE("a TU's arguments and files kept for inference", "[infer]") {
  TUFacts TU;
  TU.Files = {
      {"/src/a.c", 1, {}}, {"/src/unread.h", 2, {}}, {"/src/b.h", 3, {}}};
  CallFact C;
  C.Call = {2, 40, 3, 5};
  ArgFact Errp, Constant, Expression;
  Errp.Text = "errp";
  Constant.Constant = 4;
  Constant.Text = "4";
  Expression.Text = "s->dev";
  C.Args = {Errp, Expression, Constant, Expression};
  TU.Calls = {C};
  FunctionFact F;
  F.Where = {0, 10, 1, 1};
  TU.Functions = {F};
  keepInferenceFacts(TU);
  // Text only where it can name an `Error **`; none past the last read.
  const std::vector<ArgFact> &Args = TU.Calls[0].Args;
  REQUIRE(Args.size() == 3);
  CHECK(Args[0].Text == "errp");
  CHECK(Args[1].Text.empty());
  CHECK(Args[2].Constant == 4);
  REQUIRE(TU.Files.size() == 2);
  CHECK(TU.Files[0].Path == "/src/a.c");
  CHECK(TU.Files[1].Path == "/src/b.h");
  CHECK(TU.Calls[0].Call.File == 1);
  CHECK(TU.Functions[0].Where.File == 0);
}
