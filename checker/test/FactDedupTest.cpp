// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// A header's calls and functions reach the run once, from the first TU that
// reports them; the repair facts of functions no kept call is in go too.

#include "facts/FactDedup.h"

#include <catch2/catch.hpp>

using namespace retcheck;

// One TU: a call in its own file and a call in the shared header, each in
// a function of its own with repair facts.
static TUFacts tuWith(const std::string &Own, const std::string &Callee) {
  TUFacts TU;
  TU.Files = {{Own, 1, {}}, {"/src/include/shared.h", 2, {}}};
  for (uint32_t File : {0u, 1u}) {
    CallFact C;
    C.Callee = {File == 1 ? Callee : "own_call", ""};
    C.Call = {File, 100, 5, 3};
    C.Repair.edit().Function = TU.RepairFunctions.size();
    TU.Calls.push_back(C);
    RepairFunctionFact F;
    F.Id = {File == 1 ? "inline_helper" : "own_function", ""};
    F.File = File;
    TU.RepairFunctions.push_back(F);
    FunctionFact Fn;
    Fn.Id = F.Id;
    Fn.Where = {File, 50, 2, 1};
    ReturnFact R;
    R.K = ReturnFact::CallResult;
    R.Call = TU.Calls.size() - 1;
    Fn.Returns = {R};
    TU.Functions.push_back(Fn);
  }
  return TU;
}

TEST_CASE("a header's call and function are kept from the first TU only") {
  FactDedup Dedup;
  TUFacts A = tuWith("/src/a.c", "load");
  Dedup.dropSeen(A);
  CHECK(A.Calls.size() == 2);
  CHECK(A.RepairFunctions.size() == 2);

  TUFacts B = tuWith("/src/b.c", "load");
  Dedup.dropSeen(B);
  REQUIRE(B.Calls.size() == 1);
  CHECK(B.Calls[0].Callee.Name == "own_call");
  // The header's function and its repair facts are gone; the kept call
  // points at its own function's repair facts.
  REQUIRE(B.RepairFunctions.size() == 1);
  CHECK(B.RepairFunctions[B.Calls[0].Repair->Function].Id.Name ==
        "own_function");
  REQUIRE(B.Functions.size() == 1);
  CHECK(B.Functions[0].Returns[0].Call == 0);
}

TEST_CASE("a header call that reaches another callee is another call") {
  // `#define LOAD neg_load` in one TU, `nz_load` in the other.
  FactDedup Dedup;
  TUFacts A = tuWith("/src/a.c", "neg_load");
  Dedup.dropSeen(A);
  TUFacts B = tuWith("/src/b.c", "nz_load");
  Dedup.dropSeen(B);
  REQUIRE(B.Calls.size() == 2);
  CHECK(B.Calls[1].Callee.Name == "nz_load");
  // The header function's repair facts came with the first TU.
  REQUIRE(B.RepairFunctions.size() == 1);
  CHECK(B.Calls[1].Repair->Function >= B.RepairFunctions.size());
}

TEST_CASE("a file's other functions keep their repair facts") {
  // Repairs copy the idiom of the functions beside the call's.
  FactDedup Dedup;
  TUFacts A = tuWith("/src/a.c", "load");
  RepairFunctionFact Sibling;
  Sibling.Id = {"sibling_without_calls", ""};
  Sibling.File = 0;
  A.RepairFunctions.insert(A.RepairFunctions.begin(), Sibling);
  for (CallFact &C : A.Calls)
    ++C.Repair.edit().Function;
  Dedup.dropSeen(A);
  REQUIRE(A.RepairFunctions.size() == 3);
  CHECK(A.RepairFunctions[0].Id.Name == "sibling_without_calls");
  CHECK(A.RepairFunctions[A.Calls[0].Repair->Function].Id.Name ==
        "own_function");
  CHECK(A.RepairFunctions[A.Calls[1].Repair->Function].Id.Name ==
        "inline_helper");
}

TEST_CASE("what one process selects, another keeps as dropSeen would") {
  // The reduce stage selects over every shard's TUs; a judge stage keeps
  // the selection of its own TU's facts, read again from its facts.
  FactDedup Here, There;
  TUFacts A = tuWith("/src/a.c", "load"), B = tuWith("/src/b.c", "load");
  Here.dropSeen(A);
  Here.dropSeen(B);
  TUFacts A2 = tuWith("/src/a.c", "load"), B2 = tuWith("/src/b.c", "load");
  FactSelection KeptA = There.select(A2), KeptB = There.select(B2);
  CHECK(KeptB.Calls == std::vector<bool>{true, false});
  REQUIRE(FactDedup::keepOnly(A2, KeptA));
  REQUIRE(FactDedup::keepOnly(B2, KeptB));
  for (auto [Kept, Dropped] : {std::pair{&A2, &A}, std::pair{&B2, &B}}) {
    REQUIRE(Kept->Calls.size() == Dropped->Calls.size());
    for (std::size_t I = 0; I < Kept->Calls.size(); ++I) {
      CHECK(Kept->Calls[I].Callee == Dropped->Calls[I].Callee);
      CHECK(Kept->Calls[I].Repair->Function ==
            Dropped->Calls[I].Repair->Function);
    }
    CHECK(Kept->RepairFunctions.size() == Dropped->RepairFunctions.size());
    REQUIRE(Kept->Functions.size() == Dropped->Functions.size());
    for (std::size_t I = 0; I < Kept->Functions.size(); ++I)
      CHECK(Kept->Functions[I].Returns[0].Call ==
            Dropped->Functions[I].Returns[0].Call);
  }
  // A selection made for other facts is refused, and changes nothing.
  TUFacts C = tuWith("/src/c.c", "load");
  C.Calls.pop_back();
  CHECK_FALSE(FactDedup::keepOnly(C, KeptA));
  CHECK(C.Calls.size() == 1);
}
