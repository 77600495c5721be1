// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The JSON result format read back: what the writer writes is read to the
// same findings, and every kind of wrong file is named with what is wrong.

#include "output/JsonReport.h"
#include "output/Fingerprint.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

Finding sampleFinding() {
  Finding F;
  F.Check = CheckKind::MinusOneCheck;
  F.File = "/src/hw/mips/boston.c";
  F.RelativeFile = "hw/mips/boston.c";
  F.Line = 782;
  F.Column = 17;
  F.Offset = 25510;
  F.Message = "error check of 'load_image_targphys' only catches -1";
  F.Function = "load_image_targphys";
  F.EnclosingFunction = "boston_mach_init";
  F.CallLine = 780;
  F.CallColumn = 20;
  F.Fingerprint = "0123456789abcdef";
  F.Fixes.push_back({F.File, 25510, 5, "< 0"});
  return F;
}

RunResult sampleRun() {
  RunResult Run;
  Run.SourceRoot = "/src";
  Run.Findings.push_back(sampleFinding());
  Run.Problems.push_back({"/src/hw/a.c", "compile-error", "oops"});
  Run.Stats.TranslationUnits = 12;
  Run.Stats.Files = 10;
  Run.Stats.Failed = 1;
  Run.Stats.Seconds = 1.5;
  return Run;
}

std::string readError(const std::string &Text) {
  std::string Error;
  CHECK_FALSE(parseResultJson(Text, Error).has_value());
  return Error;
}

/// A valid one-finding result with \p Field of the document replaced by
/// \p Value (JSON text), or removed when \p Value is empty.
std::string withField(const std::string &Field, const std::string &Value) {
  std::string Text = toJson(sampleRun());
  std::string Key = "\"" + Field + "\": ";
  std::size_t At = Text.find(Key);
  REQUIRE(At != std::string::npos);
  std::size_t End = Text.find('\n', At);
  std::string Line = Text.substr(At, End - At);
  bool Comma = Line.back() == ',';
  std::string Replacement = Value.empty() ? "\"unrelated\": 0" : Key + Value;
  return Text.substr(0, At) + Replacement + (Comma ? "," : "") +
         Text.substr(End);
}

} // namespace

TEST_CASE("a result is read back as written", "[json]") {
  std::string Error;
  auto Trees = parseResultJson(toJson(sampleRun()), Error);
  REQUIRE(Trees);
  REQUIRE(Trees->size() == 1);
  const TreeResult &T = Trees->front();
  CHECK(T.Label.empty());
  CHECK(T.Verifiable);
  CHECK(T.Run.SourceRoot == "/src");
  REQUIRE(T.Run.Findings.size() == 1);
  const Finding &F = T.Run.Findings[0], &Want = sampleFinding();
  CHECK(F.Check == Want.Check);
  CHECK(F.File == Want.File);
  CHECK(F.RelativeFile == Want.RelativeFile);
  CHECK(F.Line == 782);
  CHECK(F.Column == 17);
  CHECK(F.Offset == 25510);
  CHECK(F.Message == Want.Message);
  CHECK(F.EnclosingFunction == "boston_mach_init");
  CHECK(F.CallLine == 780);
  CHECK(F.CallColumn == 20);
  CHECK(F.Fingerprint == Want.Fingerprint);
  CHECK(F.Fixes == Want.Fixes);
  REQUIRE(T.Run.Problems.size() == 1);
  CHECK(T.Run.Problems[0].Kind == "compile-error");
  CHECK(T.Run.Stats.TranslationUnits == 12);
  CHECK(T.Run.Stats.Failed == 1);
  CHECK(T.Run.Stats.Seconds == 1.5);
}

TEST_CASE("repair notes and their fixes are read back", "[json]") {
  RunResult Run = sampleRun();
  Finding &F = Run.Findings[0];
  F.Fixes.clear();
  FindingNote N;
  N.Message = "test the result of 'load_image_targphys' (< 0)";
  N.File = F.File;
  N.Line = 780;
  N.Column = 20;
  N.Offset = 25400;
  N.Fixes.push_back({F.File, 25400, 40, "if (load(f) < 0) {\n    exit(1);\n}"});
  F.Notes.push_back(N);
  Run.Findings.push_back(sampleFinding());
  Run.Findings[1].NoRepair = "'f' has no error handling to follow";
  Run.Stats.RepairsProposed = 2;
  Run.Stats.RepairsOffered = 1;
  Run.Stats.RepairParses = 3;
  Run.Stats.RepairSeconds = 0.5;
  std::string Error;
  auto Trees = parseResultJson(toJson(Run), Error);
  REQUIRE(Trees);
  const RunResult &Back = Trees->front().Run;
  REQUIRE(Back.Findings.size() == 2);
  REQUIRE(Back.Findings[0].Notes.size() == 1);
  const FindingNote &Got = Back.Findings[0].Notes[0];
  CHECK(Got.Message == N.Message);
  CHECK(Got.Line == 780);
  CHECK(Got.Offset == 25400);
  CHECK(Got.Fixes == N.Fixes);
  CHECK(Back.Findings[0].NoRepair.empty());
  CHECK(Back.Findings[1].NoRepair == "'f' has no error handling to follow");
  CHECK(Back.Stats.RepairsProposed == 2);
  CHECK(Back.Stats.RepairsOffered == 1);
  CHECK(Back.Stats.RepairParses == 3);
  CHECK(Back.Stats.RepairSeconds == 0.5);
  // A note without its message is named.
  std::string Text = toJson(Run);
  std::size_t At = Text.find("\"message\": \"test the result");
  REQUIRE(At != std::string::npos);
  Text.replace(At, 9, "\"messagx\"");
  CHECK(readError(Text).find("findings[0].notes[0]") != std::string::npos);
}

TEST_CASE("a merged result keeps its trees", "[json]") {
  TreeResult A{"qemu-7.2", {"a.json"}, sampleRun(), true};
  TreeResult B{"qemu-10.0", {"b1.json", "b2.json"}, sampleRun(), false};
  B.Run.Findings.push_back(sampleFinding());
  B.Run.Findings.back().Fingerprint = "fedcba9876543210";
  std::string Error;
  auto Trees = parseResultJson(toMergedJson({A, B}), Error);
  REQUIRE(Trees);
  REQUIRE(Trees->size() == 2);
  CHECK((*Trees)[0].Label == "qemu-7.2");
  CHECK((*Trees)[1].Label == "qemu-10.0");
  CHECK((*Trees)[1].Inputs == std::vector<std::string>{"b1.json", "b2.json"});
  CHECK((*Trees)[0].Run.Findings.size() == 1);
  CHECK((*Trees)[1].Run.Findings.size() == 2);
  CHECK((*Trees)[1].Run.Problems.size() == 1);
  CHECK((*Trees)[1].Run.Stats.TranslationUnits == 12);
}

TEST_CASE("results without the newer fields are read, unverifiable", "[json]") {
  std::string Error;
  auto Trees = parseResultJson(R"({"version": 1, "tool": "retcheck",
    "findings": [{"check": "retcheck-ignored-result", "file": "/t/hw/a.c",
      "line": 3, "column": 5, "message": "m", "function": "f",
      "fingerprint": "00ff"}, {"check": "retcheck-ignored-result",
      "file": "/t/b.c", "line": 4, "column": 5, "message": "m",
      "function": "f", "fingerprint": "01ff"}]})",
                               Error);
  REQUIRE(Trees);
  const TreeResult &T = Trees->front();
  CHECK_FALSE(T.Verifiable);
  CHECK(T.Run.SourceRoot == "/t/");
  CHECK(T.Run.Findings[0].RelativeFile == "hw/a.c");
  CHECK(T.Run.Findings[1].RelativeFile == "b.c");
}

TEST_CASE("invalid JSON is reported with its byte offset", "[json]") {
  // nlohmann points after the unexpected token ("x").
  CHECK(readError("{\"version\": 1,\n  \"tool\": \"retcheck\" \"x\"}") ==
        "invalid JSON at byte 39 (line 2, column 24): syntax error while "
        "parsing object - unexpected string literal; expected '}'");
  CHECK(readError("").rfind("invalid JSON at byte 1 (line 1, column 1): ", 0) ==
        0);
}

TEST_CASE("foreign JSON documents are named", "[json]") {
  CHECK(readError(R"({"$schema": "https://json.schemastore.org/sarif-2.1.0",
                      "version": "2.1.0", "runs": []})") ==
        "a SARIF log, not a retcheck result (write one with retcheck "
        "--format json)");
  CHECK(readError(R"({"version": "2.1.0", "runs": [{}]})")
            .rfind("a SARIF log", 0) == 0);
  CHECK(readError(R"([{"description": "d", "check_name": "c"}])")
            .rfind("a GitLab Code Quality report", 0) == 0);
  CHECK(readError(R"({"version": 1, "tool": "retcheck-baseline"})")
            .rfind("a retcheck baseline", 0) == 0);
  CHECK(readError(R"({"version": 1, "tool": "other"})") ==
        "not a retcheck result (no \"tool\": \"retcheck\")");
  CHECK(readError(R"({"$schema": 5, "tool": 7})") ==
        "not a retcheck result (no \"tool\": \"retcheck\")");
  CHECK(readError("[1, 2]") ==
        "not a retcheck result (no \"tool\": \"retcheck\")");
}

TEST_CASE("the version must be 1", "[json]") {
  CHECK(readError(R"({"version": 2, "tool": "retcheck", "findings": []})") ==
        "retcheck result version 2; this retcheck reads version 1");
  CHECK(readError(R"({"version": "1", "tool": "retcheck"})") ==
        "version: expected an unsigned integer, got string");
  CHECK(readError(R"({"tool": "retcheck"})") == "missing field 'version'");
}

TEST_CASE("missing fields and wrong types name the place", "[json]") {
  CHECK(readError(R"({"version": 1, "tool": "retcheck"})") ==
        "missing field 'findings'");
  CHECK(readError(R"({"version": 1, "tool": "retcheck", "findings": {}})") ==
        "findings: expected an array, got object");
  CHECK(readError(withField("line", "\"782\"")) ==
        "findings[0].line: expected an unsigned integer, got string");
  CHECK(readError(withField("line", "-1")) ==
        "findings[0].line: expected an unsigned integer, got number");
  CHECK(readError(withField("fingerprint", "")) ==
        "findings[0]: missing field 'fingerprint'");
  CHECK(readError(withField("check", "\"retcheck-nothing\"")) ==
        "findings[0].check: unknown check 'retcheck-nothing'");
  CHECK(readError(withField("message", "null")) ==
        "findings[0].message: expected a string, got null");
  CHECK(readError(R"({"version": 1, "tool": "retcheck", "findings": [
      {"check": "retcheck-ignored-result", "file": "/a.c", "line": 1,
       "column": 1, "message": "m", "function": "f", "fingerprint": "0",
       "fixes": [{"file": "/a.c"}]}]})") ==
        "findings[0].fixes[0]: missing field 'offset'");
  CHECK(readError(withField("source_root", "[]")) ==
        "source_root: expected a string, got array");
  CHECK(readError(withField("seconds", "\"fast\"")) ==
        "stats.seconds: expected a number, got string");
}

TEST_CASE("a merged result's trees are checked", "[json]") {
  CHECK(readError(R"({"version": 1, "tool": "retcheck", "trees": [],
                      "findings": []})") == "trees: empty");
  CHECK(readError(R"({"version": 1, "tool": "retcheck", "trees": [
      {"label": "a", "source_root": "/a"}, {"label": "a", "source_root": "/b"}],
      "findings": []})") == "trees[1].label: 'a' twice");
  std::string Merged = toMergedJson({TreeResult{"a", {}, sampleRun(), true}});
  std::string Renamed = Merged;
  Renamed.replace(Renamed.rfind("\"tree\": \"a\""), 11, "\"tree\": \"b\"");
  CHECK(readError(Renamed) == "errors[0].tree: 'b' is not in \"trees\"");
}

TEST_CASE("a file that cannot be read is named", "[json]") {
  std::string Error;
  CHECK_FALSE(readResultFile("/nonexistent/r.json", Error));
  CHECK(Error == "/nonexistent/r.json: no such file");
  CHECK_FALSE(readResultFile("/", Error));
  CHECK(Error == "/: is a directory");
}

TEST_CASE("a fingerprint tells whether its line still reads the same",
          "[json]") {
  std::vector<Finding> Findings{sampleFinding(), sampleFinding()};
  Findings[0].File = Findings[1].File = "/nonexistent/boston.c";
  // Two findings on the same (unreadable, so empty) line text: the second
  // has occurrence index 1.
  assignFingerprints(Findings, "/nonexistent");
  CHECK(fingerprintMatchesLine(Findings[1], ""));
  CHECK(fingerprintMatchesLine(Findings[1], " \t "));
  CHECK_FALSE(fingerprintMatchesLine(Findings[1], "if (x == -1)"));
  CHECK(relativePath("/a/b/c.c", "/a") == "b/c.c");
  CHECK(relativePath("/a/b/c.c", "/a/") == "b/c.c");
  CHECK(relativePath("/ab/c.c", "/a") == "/ab/c.c");
}
