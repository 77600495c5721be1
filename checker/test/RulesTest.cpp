// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The rules loader: valid packs, and every kind of malformed file rejected
// with its position.

#include "contracts/Rules.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

std::optional<RulesError> parse(const std::string &Text, RuleSet &Rules) {
  return parseRules(Text, "r.json", Rules);
}

RulesError expectError(const std::string &Text) {
  RuleSet Rules;
  std::optional<RulesError> E = parse(Text, Rules);
  REQUIRE(E.has_value());
  CHECK(Rules.empty());
  return *E;
}

} // namespace

TEST_CASE("a valid pack is read with every field", "[rules]") {
  RuleSet Rules;
  auto E = parse(R"({"version": 1, "name": "t", "rules": [
    {"function": "f", "convention": "negative"},
    {"function": "::ns::g", "convention": "value", "error_value": -2,
     "allow_void_cast": false, "report_narrowing": true,
     "error_out_param": {"index": 3, "no_error_values": ["error_fatal"],
                         "set_on_failure": true}}
  ]})",
                 Rules);
  REQUIRE_FALSE(E.has_value());
  REQUIRE(Rules.rules().size() == 2);
  const Rule *F = Rules.find("f");
  REQUIRE(F);
  CHECK(F->Conv == Convention::Negative);
  CHECK(F->AllowVoidCast);
  CHECK_FALSE(F->ErrorOut);
  CHECK(F->Origin == "r.json:2");
  const Rule *G = Rules.find("ns::g"); // a leading :: is dropped
  REQUIRE(G);
  CHECK(G->Conv == Convention::Value);
  CHECK(G->ErrorValue == -2);
  CHECK_FALSE(G->AllowVoidCast);
  CHECK(G->ReportNarrowing);
  REQUIRE(G->ErrorOut);
  CHECK(G->ErrorOut->Index == 3);
  CHECK(G->ErrorOut->NoErrorValues == std::vector<std::string>{"error_fatal"});
  CHECK(G->ErrorOut->SetOnFailure);
}

TEST_CASE("the bundled packs load", "[rules]") {
  for (const char *Pack : {"qemu.json", "posix.json"}) {
    RuleSet Rules;
    auto E = loadRulesFile(std::string(RETCHECK_SOURCE_RULES_DIR) + "/" + Pack,
                           Rules);
    INFO(Pack << ": " << (E ? E->str() : ""));
    CHECK_FALSE(E.has_value());
    CHECK_FALSE(Rules.empty());
  }
  RuleSet Qemu;
  REQUIRE_FALSE(loadRulesFile(
      std::string(RETCHECK_SOURCE_RULES_DIR) + "/qemu.json", Qemu));
  for (const char *F : {"load_image_targphys", "get_image_size",
                        "event_notifier_init", "msix_init"}) {
    REQUIRE(Qemu.find(F));
    CHECK(Qemu.find(F)->Conv == Convention::Negative);
  }
}

TEST_CASE("every convention name parses", "[rules]") {
  for (const char *Name : {"negative", "minus-one", "nonzero", "null", "value"})
    CHECK(parseConvention(Name).has_value());
  CHECK_FALSE(parseConvention("negatvie").has_value());
  CHECK(std::string(conventionName(Convention::MinusOne)) == "minus-one");
}

TEST_CASE("a JSON syntax error is reported at its line and column", "[rules]") {
  RulesError E = expectError("{\n  \"version\": 1,\n  \"rules\": [,]\n}\n");
  CHECK(E.File == "r.json");
  CHECK(E.Line == 3);
  CHECK(E.Column == 13);
  CHECK(E.Message.find("invalid JSON") != std::string::npos);
  CHECK(E.str().rfind("r.json:3:13: error: invalid JSON", 0) == 0);
}

TEST_CASE("C and C++ function names are accepted", "[rules]") {
  for (const char *Name : {"load_image_targphys", "_f$1", "ns::Class::method",
                           "Class::~Class", "ns::operator==", "operator new"}) {
    INFO(Name);
    RuleSet Rules;
    std::optional<RulesError> E =
        parseRules(std::string(R"({"version": 1, "rules": [{"function": ")") +
                       Name + R"(", "convention": "null"}]})",
                   "r.json", Rules);
    CHECK_FALSE(E);
  }
}

TEST_CASE("a truncated file is an error at its end", "[rules]") {
  RulesError E = expectError("{\"version\": 1, \"rules\": [");
  CHECK(E.Line == 1);
  CHECK(E.Message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("semantic errors point at the offending value", "[rules]") {
  SECTION("unknown convention") {
    RulesError E = expectError(R"({"version": 1, "rules": [
  {"function": "f",
   "convention": "negatvie"}
]})");
    CHECK(E.Line == 3);
    CHECK(E.Column == 18);
    CHECK(E.Message.find("unknown convention 'negatvie'") != std::string::npos);
    CHECK(E.Message.find("'/rules/0/convention'") != std::string::npos);
  }
  SECTION("unknown key (a typo must not be ignored)") {
    RulesError E = expectError(R"({"version": 1, "rules": [
  {"function": "f", "convention": "negative", "allow_void": false}]})");
    CHECK(E.Line == 2);
    CHECK(E.Message.find("unknown key 'allow_void'") != std::string::npos);
  }
  SECTION("wrong type") {
    RulesError E = expectError(R"({"version": 1, "rules": [
  {"function": "f", "convention": "negative", "allow_void_cast": "no"}]})");
    CHECK(E.Line == 2);
    CHECK(E.Message.find("must be true or false") != std::string::npos);
  }
  SECTION("missing function") {
    RulesError E =
        expectError(R"({"version": 1, "rules": [{"convention": "null"}]})");
    CHECK(E.Message.find("'function' must be a non-empty string") !=
          std::string::npos);
  }
  SECTION("a function named only \"::\"") { // found by the fuzzer's checks
    RulesError E = expectError(
        R"({"version": 1, "rules": [{"function": "::", "convention": "null"}]})");
    CHECK(E.Column == 39);
    CHECK(E.Message.find("'function' must be a non-empty string") !=
          std::string::npos);
  }
  SECTION("a function name that no call can have") {
    for (const char *Name : {"load image", "f()", "ns::", "ns::::f", "1f",
                             "get-image-size", "ns::~", "a::b c"}) {
      INFO(Name);
      RulesError E = expectError(
          std::string(R"({"version": 1, "rules": [{"function": ")") + Name +
          R"(", "convention": "null"}]})");
      CHECK(E.Column == 39);
      CHECK(E.Message.find("cannot name a C or C++ function") !=
            std::string::npos);
    }
  }
  SECTION("text after the document") { // found by the rules fuzzer
    RulesError E = expectError(R"({"version": 1, "rules": []} x)");
    CHECK(E.Column == 29);
    CHECK(E.Message.find("invalid JSON") != std::string::npos);
  }
  SECTION("deep nesting") { // was quadratic: the rules fuzzer slowed down
    RulesError E =
        expectError(R"({"version": 1, "rules": )" + std::string(100000, '[') +
                    std::string(100000, ']') + "}");
    CHECK(E.Column == 24 + 64);
    CHECK(E.Message == "nested deeper than 64 levels");
  }
  SECTION("a number out of range") { // found by the rules fuzzer
    RulesError E = expectError(R"({"version": 1e309, "rules": []})");
    CHECK(E.Column == 17); // the last character read, as for syntax errors
    CHECK(E.Message.find("invalid JSON: number overflow") != std::string::npos);
  }
  SECTION("value convention without a value") {
    RulesError E = expectError(
        R"({"version": 1, "rules": [{"function": "f", "convention": "value"}]})");
    CHECK(E.Message.find("needs an integer 'error_value'") !=
          std::string::npos);
  }
  SECTION("error_value with another convention") {
    RulesError E = expectError(R"({"version": 1, "rules": [
      {"function": "f", "convention": "null", "error_value": 0}]})");
    CHECK(E.Message.find("only meaningful") != std::string::npos);
  }
  SECTION("bad error_out_param") {
    RulesError E = expectError(R"({"version": 1, "rules": [
      {"function": "f", "convention": "negative",
       "error_out_param": {"index": -1, "no_error_values": ["e"]}}]})");
    CHECK(E.Line == 3);
    CHECK(E.Message.find("'index' must be a non-negative integer") !=
          std::string::npos);
  }
  SECTION("set_on_failure not a boolean") {
    RulesError E = expectError(R"({"version": 1, "rules": [
      {"function": "f", "convention": "negative",
       "error_out_param": {"index": 1, "no_error_values": ["e"],
                           "set_on_failure": "yes"}}]})");
    CHECK(E.Message.find("'set_on_failure' must be true or false") !=
          std::string::npos);
  }
  SECTION("empty rules") {
    RulesError E = expectError(R"({"version": 1, "rules": []})");
    CHECK(E.Message.find("'rules' is empty") != std::string::npos);
  }
  SECTION("missing or wrong version") {
    CHECK(expectError(R"({"rules": []})").Message.find("missing 'version'") !=
          std::string::npos);
    CHECK(expectError(R"({"version": 2, "rules": []})")
              .Message.find("unsupported version") != std::string::npos);
  }
  SECTION("not an object") {
    CHECK(expectError("[1, 2]").Message.find("must be a JSON object") !=
          std::string::npos);
  }
}

TEST_CASE("duplicate rules are rejected, within and across files", "[rules]") {
  RulesError E = expectError(R"({"version": 1, "rules": [
    {"function": "f", "convention": "negative"},
    {"function": "f", "convention": "nonzero"}]})");
  CHECK(E.Line == 3);
  CHECK(E.Message.find("duplicate rule for 'f' (first defined at r.json:2)") !=
        std::string::npos);

  RuleSet Rules;
  REQUIRE_FALSE(parseRules(
      R"({"version": 1, "rules": [{"function": "f", "convention": "null"}]})",
      "a.json", Rules));
  auto Second = parseRules(
      R"({"version": 1, "rules": [{"function": "f", "convention": "null"}]})",
      "b.json", Rules);
  REQUIRE(Second);
  CHECK(Second->File == "b.json");
  CHECK(Second->Message.find("first defined at a.json:1") != std::string::npos);
  CHECK(Rules.rules().size() == 1);
}

TEST_CASE("unreadable rules files are errors without a position", "[rules]") {
  RuleSet Rules;
  auto Missing = loadRulesFile("/nonexistent/rules.json", Rules);
  REQUIRE(Missing);
  CHECK(Missing->str() ==
        "/nonexistent/rules.json: error: cannot open rules file: no such file");
  auto Dir = loadRulesFile(RETCHECK_SOURCE_RULES_DIR, Rules);
  REQUIRE(Dir);
  CHECK(Dir->Message.find("is a directory") != std::string::npos);
}

TEST_CASE("contracts, severities and static functions are read", "[rules]") {
  RuleSet Rules;
  auto E = parse(R"({"version": 1, "error_reporters": ["die", "perror"],
    "rules": [
    {"function": "read", "convention": "minus-one", "success": "0..arg2",
     "valid_args": [0], "severity": "note",
     "checks": {"unchecked-use": "warning", "retcheck-ignored-result": "off"}},
    {"function": "lock", "convention": "nonzero", "errors": "> 0"},
    {"function": "get_file_size", "file": "hw/a/b.c", "convention": "none"},
    {"function": "get_file_size", "convention": "negative"}
  ]})",
                 Rules);
  INFO((E ? E->str() : ""));
  REQUIRE_FALSE(E.has_value());
  const Rule *Read = Rules.find("read");
  REQUIRE(Read);
  REQUIRE(Read->Success);
  CHECK(Read->Success->boundArg() == 2u);
  CHECK(Read->ValidArgs == std::vector<unsigned>{0});
  CHECK(Read->setting(CheckKind::UncheckedUse).Level == Severity::Warning);
  CHECK(Read->setting(CheckKind::MinusOneCheck).Level == Severity::Note);
  CHECK_FALSE(Read->setting(CheckKind::IgnoredResult).Enabled);
  REQUIRE(Rules.find("lock")->Errors);
  CHECK(Rules.find("lock")->Errors->in(IntType{32, true}) ==
        ValueSet::range(1, 2147483647));
  // A static function's rule matches its own file only; the other rule
  // every other function of that name.
  CHECK(Rules.find("get_file_size", "/src/hw/a/b.c")->Conv == Convention::None);
  CHECK(Rules.find("get_file_size", "/src/hw/a/xb.c")->Conv ==
        Convention::Negative);
  CHECK(Rules.find("get_file_size", "")->Conv == Convention::Negative);
  const std::vector<std::string> &Reporters = Rules.errorReporters();
  CHECK(std::count(Reporters.begin(), Reporters.end(), "die") == 1);
  CHECK(std::count(Reporters.begin(), Reporters.end(), "perror") == 1);
  CHECK(std::count(Reporters.begin(), Reporters.end(), "error_report") == 1);
}

TEST_CASE("bad contracts and severities point at their value", "[rules]") {
  auto ErrorOf = [](const std::string &Rule) {
    return expectError(R"({"version": 1, "rules": [
  )" + Rule + "]}");
  };
  RulesError E = ErrorOf(
      R"({"function": "f", "convention": "negative", "success": "0..x"})");
  CHECK(E.Line == 2);
  CHECK(E.Message.find("'/rules/0/success'") != std::string::npos);
  CHECK(E.Message.find("argN") == std::string::npos);
  E = ErrorOf(
      R"({"function": "f", "convention": "negative", "errors": "0..arg1"})");
  CHECK(E.Message.find("only makes sense in 'success'") != std::string::npos);
  E = ErrorOf(
      R"({"function": "f", "convention": "negative", "severity": "error"})");
  CHECK(E.Message.find("\"warning\" or \"note\"") != std::string::npos);
  E = ErrorOf(
      R"({"function": "f", "convention": "negative", "checks": {"ignored": "off"}})");
  CHECK(E.Message.find("unknown check 'ignored'") != std::string::npos);
  E = ErrorOf(
      R"({"function": "f", "convention": "negative", "checks": {"ignored-result": "loud"}})");
  CHECK(E.Message.find("expected \"off\"") != std::string::npos);
  E = ErrorOf(
      R"({"function": "f", "convention": "negative", "valid_args": [-1]})");
  CHECK(E.Message.find("0-based argument index") != std::string::npos);
  E = ErrorOf(R"({"function": "f", "convention": "negative", "file": ""})");
  CHECK(E.Message.find("'file' must be a non-empty path") != std::string::npos);
  E = ErrorOf(R"({"function": "f", "file": "a.c", "convention": "none"},
  {"function": "f", "file": "a.c", "convention": "negative"})");
  CHECK(E.Message.find("duplicate rule for 'f' of a.c") != std::string::npos);
}
