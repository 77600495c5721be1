// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Error contracts: value sets as rules write them, contracts resolved for
// a result type, and the criterion that judges a test against a contract
// (infer/TestVerdict.h), on tests built by hand as the facts record them.

#include "contracts/Contract.h"
#include "contracts/Rules.h"
#include "infer/TestVerdict.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

const IntType I32{32, true}, U32{32, false}, I64{64, true}, U64{64, false};

ValueSet spec(const std::string &Text, IntType T) {
  std::string Error;
  std::optional<ValueSpec> S = ValueSpec::parse(Text, Error);
  INFO(Text << ": " << Error);
  REQUIRE(S);
  return S->in(T);
}

Contract contract(Convention Conv, IntType T, const char *Success = nullptr,
                  const char *Errors = nullptr,
                  std::vector<std::optional<int64_t>> Args = {}) {
  Rule R;
  R.Function = "f";
  R.Conv = Conv;
  std::string Error;
  if (Success)
    R.Success = ValueSpec::parse(Success, Error);
  if (Errors)
    R.Errors = ValueSpec::parse(Errors, Error);
  std::optional<Contract> C = resolveContract(R, T, Args);
  REQUIRE(C);
  return *C;
}

/// A two-way test whose root is \p Nodes.back().
TestFact test(std::vector<TestNode> Nodes, bool TrueHandles = false,
              bool FalseHandles = false) {
  TestFact T;
  T.Nodes = std::move(Nodes);
  if (TrueHandles) {
    T.OnTrue.Known = true;
    T.OnTrue.Calls = {"perror"};
  }
  if (FalseHandles)
    T.OnFalse.Known = T.OnFalse.ReturnsError = true;
  return T;
}

TestNode compare(std::vector<IntType> Chain, CompareOp Op, ValueSet Other,
                 int32_t OtherArg = -1, int32_t MinusOne = -1) {
  TestNode N;
  N.K = TestNode::Compare;
  N.Chain = std::move(Chain);
  N.Op = Op;
  N.Other = std::move(Other);
  N.OtherArg = OtherArg;
  N.MinusOne = MinusOne;
  return N;
}

TestNode truth(std::vector<IntType> Chain) {
  TestNode N;
  N.K = TestNode::Truth;
  N.Chain = std::move(Chain);
  return N;
}

TestNode negation(uint32_t Of) {
  TestNode N;
  N.K = TestNode::Not;
  N.Lhs = Of;
  return N;
}

const std::vector<std::string> Reporters = {"perror"};

} // namespace

TEST_CASE("value sets as rules write them", "[contract]") {
  CHECK(spec("< 0", I32) == ValueSet::range(I32.min(), -1));
  CHECK(spec(">= 0", I32) == ValueSet::range(0, I32.max()));
  CHECK(spec("-1", U64) == ValueSet::point(U64.max())); // as C writes it
  CHECK(spec("0, 5..7", I32) ==
        ValueSet::point(0).unite(ValueSet::range(5, 7)));
  CHECK(spec("!= 0", U32) == ValueSet::range(1, U32.max()));
  CHECK(spec("null", U64) == ValueSet::point(0));
  CHECK(spec("nonnull", U64) == ValueSet::range(1, U64.max()));
  CHECK(spec("0..arg2", I64) == ValueSet::range(0, I64.max()));
  std::string Error;
  for (const char *Bad : {"", "x", "< y", "5..1", "0..argx", "1..", ",", "0..arg64"})
    CHECK_FALSE(ValueSpec::parse(Bad, Error));
}

TEST_CASE("contracts resolved for a result type", "[contract]") {
  Contract Neg = contract(Convention::Negative, I32);
  CHECK(Neg.Errors == ValueSet::range(I32.min(), -1));
  CHECK(Neg.Success == ValueSet::range(0, I32.max()));
  CHECK(Neg.Typical == ValueSet::range(1, I32.max()));
  // Success exactly 0: the typical success is 0 itself.
  CHECK(contract(Convention::Negative, I32, "0").Typical == ValueSet::point(0));
  // read(fd, buf, 16): succeeds with 0..16, typically 16.
  Contract Read = contract(Convention::MinusOne, I64, "0..arg2", nullptr,
                           {std::nullopt, std::nullopt, 16});
  CHECK(Read.Errors == ValueSet::point(-1));
  CHECK(Read.Success == ValueSet::range(0, 16));
  CHECK(Read.Typical == ValueSet::point(16));
  CHECK(Read.BoundArg == 2u);
  Contract Lock = contract(Convention::Nonzero, I32, nullptr, "> 0");
  CHECK(Lock.Errors == ValueSet::range(1, I32.max()));
  CHECK(Lock.Success == ValueSet::point(0));
  // mmap: MAP_FAILED is the pointer -1.
  Rule Mmap;
  Mmap.Conv = Convention::Value;
  Mmap.ErrorValue = -1;
  CHECK(resolveContract(Mmap, U64, {})->Errors == ValueSet::point(U64.max()));
  Rule None;
  None.Conv = Convention::None;
  CHECK_FALSE(resolveContract(None, I32, {}));
  Rule NegUnsigned;
  NegUnsigned.Conv = Convention::Negative;
  CHECK_FALSE(resolveContract(NegUnsigned, U32, {})); // nothing can fail
}

TEST_CASE("a test is judged by where errors and successes go", "[contract]") {
  Contract Open = contract(Convention::MinusOne, I32, ">= 0");
  SECTION("`if (!fd) { perror(); }`: -1 avoids the handling branch") {
    TestJudgement J =
        judgeTest(test({truth({I32}), negation(0)}, true), Open, Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::AwayFromHandler);
    CHECK(J.HandlerBranch == 1);
  }
  SECTION("`if (fd < 0) { perror(); }` is complete") {
    TestJudgement J = judgeTest(
        test({compare({I32}, CompareOp::LT, ValueSet::point(0))}, true), Open,
        Reporters);
    CHECK(J.V == TestJudgement::Complete);
  }
  SECTION("`if (fd) use(fd);`: alike branches, -1 goes where fds go") {
    TestJudgement J = judgeTest(test({truth({I32})}), Open, Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::SharedWithSuccess);
  }
  SECTION("unsigned int n = read(); `n <= 0`") {
    Contract Read = contract(Convention::MinusOne, I64, "0..arg2");
    TestJudgement J = judgeTest(
        test({compare({I64, U32}, CompareOp::LE, ValueSet::point(0))}), Read,
        Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::SharedWithSuccess);
  }
  SECTION("size_t n = read(); `n < 0` is always false") {
    Contract Read = contract(Convention::MinusOne, I64, "0..arg2");
    TestJudgement J = judgeTest(
        test({compare({I64, U64}, CompareOp::LT, ValueSet::point(0))}, true),
        Read, Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::AlwaysSame);
    CHECK(J.AlwaysBranch == 0);
  }
  SECTION("unsigned int n = read(fd, buf, len); `n != len`") {
    Contract Read = contract(Convention::MinusOne, I64, "0..arg2");
    TestJudgement J =
        judgeTest(test({compare({I64, U32, U64}, CompareOp::NE,
                                ValueSet::all(U64), /*OtherArg=*/2)}),
                  Read, Reporters);
    CHECK(J.V == TestJudgement::Complete);
  }
  SECTION("`x == -1` under negative is judged by its == branch alone") {
    Contract Neg = contract(Convention::Negative, I64);
    TestJudgement J = judgeTest(
        test({compare({I64}, CompareOp::EQ, ValueSet::point(-1), -1, 0)}),
        Neg, Reporters);
    CHECK(J.V == TestJudgement::Unknown);
    // The same test under minus-one is complete.
    Contract Minus = contract(Convention::MinusOne, I64);
    CHECK(judgeTest(test({compare({I64}, CompareOp::EQ, ValueSet::point(-1),
                                  -1, 0)}),
                    Minus, Reporters)
              .V == TestJudgement::Complete);
  }
  SECTION("`if (ret) return ret;` where success is exactly 0, or any") {
    TestFact T = test({truth({I32})});
    T.OnTrue.Known = T.OnTrue.ReturnsTracked = true;
    CHECK(judgeTest(T, contract(Convention::Negative, I32, "0"), Reporters).V ==
          TestJudgement::Complete);
    CHECK(judgeTest(T, contract(Convention::Negative, I32), Reporters).V ==
          TestJudgement::Complete);
  }
  SECTION("pthread `< 0`: positive errors go where 0 goes") {
    Contract Lock = contract(Convention::Nonzero, I32, nullptr, "> 0");
    TestJudgement J = judgeTest(
        test({compare({I32}, CompareOp::LT, ValueSet::point(0))}), Lock,
        Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
  }
  SECTION("`r >= 0 && other`: a failure is skipped with what r guards") {
    // `if (get_subsystem(d, &s) >= 0 && streq(s, "block") && !x) { perror();
    // }`: the true branch reacts to the conditions r guards.
    TestNode Other;
    TestJudgement J =
        judgeTest(test({compare({I32}, CompareOp::GE, ValueSet::point(0)),
                        Other,
                        {TestNode::And, 0, 1},
                        Other,
                        negation(3),
                        {TestNode::And, 2, 4}},
                       true),
                  contract(Convention::Negative, I32, "0"), Reporters);
    CHECK(J.V == TestJudgement::Unknown);
  }
  SECTION("`!s->channel && channel_init(s)` inverted: reported") {
    // After the condition that decides whether to call, the result alone
    // decides: every success takes the handler, the failure does not.
    Rule Init;
    Init.Conv = Convention::Value;
    Init.ErrorValue = 0;
    TestNode Other;
    TestJudgement J = judgeTest(
        test({Other, negation(0), truth({I32}), {TestNode::And, 1, 2}}, true),
        *resolveContract(Init, I32, {}), Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::AwayFromHandler);
  }
  SECTION("a predicate's guard: failure with the others' \"no\" or \"yes\"") {
    Contract Equal = contract(Convention::Negative, I32, "0..1");
    TestNode Other;
    // `eq(d, "local") == 0 && !own(d)`: a failure takes the false branch.
    CHECK(judgeTest(test({compare({I32}, CompareOp::EQ, ValueSet::point(0)),
                          Other,
                          negation(1),
                          {TestNode::And, 0, 2}}),
                    Equal, Reporters)
              .V == TestJudgement::Unknown);
    // `eq(d, "local") && port < 1024`: a failure is taken for the "yes".
    TestJudgement J = judgeTest(
        test({truth({I32}), Other, {TestNode::And, 0, 1}}), Equal, Reporters);
    CHECK(J.V == TestJudgement::Incomplete);
    CHECK(J.Why == TestJudgement::SharedWithSuccess);
  }
  SECTION("`(ret >= 0 && r < 0) || (ret == 0 && r > 0)` read as one value") {
    // Each comparison tells values apart; together none: two values.
    TestJudgement J =
        judgeTest(test({compare({I32}, CompareOp::GE, ValueSet::point(0)),
                        compare({I32}, CompareOp::LT, ValueSet::point(0)),
                        {TestNode::And, 0, 1},
                        compare({I32}, CompareOp::EQ, ValueSet::point(0)),
                        compare({I32}, CompareOp::GT, ValueSet::point(0)),
                        {TestNode::And, 3, 4},
                        {TestNode::Or, 2, 5}}),
                  contract(Convention::Negative, I32, "0"), Reporters);
    CHECK(J.V == TestJudgement::Unknown);
  }
  SECTION("a switch: `case -1` and default, for a negative function") {
    TestFact T;
    T.IsSwitch = true;
    T.SwitchChain = {I64};
    T.Cases = {{ValueSet::point(-1), true, {}}};
    T.Cases[0].Branch.Known = T.Cases[0].Branch.ReturnsError = true;
    T.HasDefault = true;
    CHECK(judgeTest(T, contract(Convention::Negative, I64), Reporters).V !=
          TestJudgement::Complete);
    CHECK(judgeTest(T, contract(Convention::MinusOne, I64), Reporters).V ==
          TestJudgement::Complete);
  }
}
