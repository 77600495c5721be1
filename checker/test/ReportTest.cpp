// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// `retcheck report`'s model and writers: merging by tree, deduplication,
// comparison, source excerpts that notice changed files, escaping.

#include "output/Fingerprint.h"
#include "report/HtmlReport.h"
#include "report/MarkdownReport.h"
#include "report/ReportJson.h"
#include "report/ReportModel.h"
#include "report/SourceExcerpt.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace retcheck;

namespace {

Finding finding(const std::string &Root, const std::string &Rel, unsigned Line,
                const std::string &Fingerprint,
                CheckKind Check = CheckKind::IgnoredResult) {
  Finding F;
  F.Check = Check;
  F.File = Root + "/" + Rel;
  F.RelativeFile = Rel;
  F.Line = Line;
  F.Column = 5;
  F.Message = "result of 'load_image_targphys' is ignored";
  F.Function = "load_image_targphys";
  F.EnclosingFunction = "init";
  F.Fingerprint = Fingerprint;
  return F;
}

TreeResult tree(const std::string &Root, std::vector<Finding> Findings,
                unsigned TUs = 1) {
  TreeResult T;
  T.Run.SourceRoot = Root;
  T.Run.Findings = std::move(Findings);
  T.Run.Stats.TranslationUnits = TUs;
  T.Run.Stats.Files = TUs;
  return T;
}

ReportInput input(const std::string &Path, TreeResult T,
                  const std::string &Label = "") {
  return {Path, Label, {std::move(T)}};
}

std::vector<TreeResult> merge(const std::vector<ReportInput> &Inputs) {
  std::string Error;
  auto Trees = mergeResults(Inputs, Error);
  INFO(Error);
  REQUIRE(Trees);
  return *Trees;
}

Report report(std::vector<TreeResult> Trees,
              const std::vector<TreeResult> *Old = nullptr) {
  std::string Error;
  auto R = buildReport(std::move(Trees), Old, Error);
  INFO(Error);
  REQUIRE(R);
  return *R;
}

/// A temporary source file, removed at the end of the test.
class TempSource {
public:
  explicit TempSource(const std::string &Text) {
    char Name[] = "/tmp/retcheck-report-test-XXXXXX";
    int Fd = mkstemp(Name);
    REQUIRE(Fd >= 0);
    close(Fd);
    Path = Name;
    write(Text);
  }
  ~TempSource() { std::remove(Path.c_str()); }
  void write(const std::string &Text) {
    std::ofstream(Path, std::ios::binary) << Text;
  }
  std::string Path;
};

const char *Source = "int f(const char *p)\n"
                     "{\n"
                     "    int64_t size = get_image_size(p);\n"
                     "    if (size == -1) {\n"
                     "        return -1;\n"
                     "    }\n"
                     "    return 0;\n"
                     "}\n";

/// The minus-one finding of Source at 4:14, with its fix, fingerprinted
/// against the file as it is now.
Finding minusOne(const std::string &Path) {
  Finding F;
  F.Check = CheckKind::MinusOneCheck;
  F.File = Path;
  F.Line = 4;
  F.Column = 14;
  F.Offset = std::string(Source).find("== -1");
  F.Function = "get_image_size";
  F.Fixes.push_back({Path, F.Offset, 5, "< 0"});
  std::vector<Finding> One{F};
  assignFingerprints(One, "/tmp");
  return One[0];
}

std::string html(const Report &R) {
  SourceFiles Files;
  std::vector<SourceExcerpt> Excerpts;
  for (const ReportFinding &F : R.Findings)
    Excerpts.push_back(excerptFor(F.F, F.Verifiable, Files));
  std::ostringstream OS;
  writeHtmlReport(R, Excerpts, OS);
  return OS.str();
}

} // namespace

TEST_CASE("trees are labelled by the shortest distinct end of their root",
          "[report]") {
  auto Trees = merge({input("a.json", tree("/c/qemu-7.2/src", {})),
                      input("b.json", tree("/c/qemu-10.0/src/", {})),
                      input("c.json", tree("/c/qemu-7.2/src", {})),
                      input("d.json", tree("/x/board", {}))});
  REQUIRE(Trees.size() == 3);
  CHECK(Trees[0].Label == "qemu-7.2/src");
  CHECK(Trees[0].Inputs == std::vector<std::string>{"a.json", "c.json"});
  CHECK(Trees[1].Label == "qemu-10.0/src");
  CHECK(Trees[2].Label == "board");
  // A root-less result (an old one without findings) is named by its file.
  CHECK(merge({input("out/shard-1.json", tree("", {}))})[0].Label == "shard-1");
}

TEST_CASE("a given label names the tree and joins inputs", "[report]") {
  auto Trees = merge({input("a.json", tree("/one", {}), "qemu"),
                      input("b.json", tree("/two", {}), "qemu")});
  REQUIRE(Trees.size() == 1);
  CHECK(Trees[0].Label == "qemu");
  CHECK(Trees[0].Run.SourceRoot == "/one");

  ReportInput TwoTrees{"m.json", "x", {tree("/a", {}), tree("/b", {})}};
  std::string Error;
  CHECK_FALSE(mergeResults({TwoTrees}, Error));
  CHECK(Error == "m.json: holds 2 trees; a label can only name a result of "
                 "one tree");
}

TEST_CASE("shards merge sorted, deduplicated, with their stats added",
          "[report]") {
  TreeResult S1 = tree(
      "/t", {finding("/t", "b.c", 9, "b9"), finding("/t", "a.c", 3, "a3")}, 2);
  TreeResult S2 = tree(
      "/t", {finding("/t", "a.c", 1, "a1"), finding("/t", "a.c", 3, "a3")}, 3);
  S1.Run.Problems.push_back({"/t/x.c", "compile-error", "e"});
  S2.Run.Problems = S1.Run.Problems;
  S2.Verifiable = false;
  auto Trees = merge({input("s1.json", S1), input("s2.json", S2)});
  REQUIRE(Trees.size() == 1);
  std::vector<std::string> Order;
  for (const Finding &F : Trees[0].Run.Findings)
    Order.push_back(F.Fingerprint);
  CHECK(Order == std::vector<std::string>{"a1", "a3", "b9"});
  CHECK(Trees[0].Run.Stats.TranslationUnits == 5);
  CHECK(Trees[0].Run.Problems.size() == 1);
  CHECK_FALSE(Trees[0].Verifiable);
}

TEST_CASE("a comparison sorts findings into new, unchanged and fixed",
          "[report]") {
  std::vector<TreeResult> Old = {
      tree("/old", {finding("/old", "a.c", 3, "kept"),
                    finding("/old", "a.c", 9, "gone")})};
  // The new run is on another checkout: one tree on each side still pairs.
  std::vector<TreeResult> New = {
      tree("/new", {finding("/new", "a.c", 5, "kept"),
                    finding("/new", "b.c", 1, "added")})};
  Old[0].Label = "old";
  New[0].Label = "new";
  Report R = report(New, &Old);
  CHECK(R.ComparedWith == std::vector<std::string>{"old"});
  CHECK(R.count(std::nullopt, FindingStatus::New) == 1);
  CHECK(R.count(std::nullopt, FindingStatus::Unchanged) == 1);
  CHECK(R.count(0, FindingStatus::Fixed) == 1);
  CHECK(R.currentPerTree() == std::vector<unsigned>{2});
  for (const ReportFinding &F : R.Findings)
    CHECK(statusName(F.Status) ==
          std::string(F.F.Fingerprint == "kept"    ? "unchanged"
                      : F.F.Fingerprint == "added" ? "new"
                                                   : "fixed"));
}

/// A finding at a call: file, check, called function, enclosing function,
/// call line; the fingerprint stands for everything else.
Finding atCall(const std::string &Rel, CheckKind Check,
               const std::string &Enclosing, unsigned CallLine,
               const std::string &Fingerprint) {
  Finding F = finding("/t", Rel, CallLine + 1, Fingerprint, Check);
  F.Function = "get_image_size";
  F.EnclosingFunction = Enclosing;
  F.CallLine = CallLine;
  F.CallColumn = 16;
  return F;
}

/// The report of New against Old (one tree "t" each), with the call lines'
/// texts given by \p Texts (fingerprint -> text).
Report compare(std::vector<Finding> Old, std::vector<Finding> New,
               std::map<std::string, std::string> Texts = {}) {
  std::vector<TreeResult> OldTrees = {tree("/t", std::move(Old))};
  OldTrees[0].Label = "t";
  std::vector<TreeResult> NewTrees = {tree("/t", std::move(New))};
  NewTrees[0].Label = "t";
  std::string Error;
  auto R = buildReport(NewTrees, &OldTrees, Error, [&](const Finding &F, bool) {
    return Texts[F.Fingerprint];
  });
  REQUIRE(R);
  return *R;
}

/// "fingerprint:status" of every finding, and "<-previous" for a changed one.
std::vector<std::string> statuses(const Report &R) {
  std::vector<std::string> Out;
  for (const ReportFinding &F : R.Findings)
    Out.push_back(F.F.Fingerprint + ":" + statusName(F.Status) +
                  (F.Previous ? "<-" + F.Previous->Fingerprint : ""));
  return Out;
}

TEST_CASE("a finding whose check changes at the same call is changed",
          "[report][changed]") {
  // QEMU's hw/smbios/smbios.c: `int size` tested `== -1` in 7.2, `size_t
  // size` (a lossy store) in 10.0, 61 lines further down.
  Finding Before = atCall("hw/smbios/smbios.c", CheckKind::MinusOneCheck,
                          "smbios_entry_add", 1273, "m1");
  Finding After = atCall("hw/smbios/smbios.c", CheckKind::LossyStore,
                         "smbios_entry_add", 1334, "ls");
  std::map<std::string, std::string> Texts = {
      {"m1", "size = get_image_size(val);"},
      {"ls", "size = get_image_size(val);"}};
  Report R = compare({Before}, {After}, Texts);
  CHECK(statuses(R) == std::vector<std::string>{"ls:changed<-m1"});
  CHECK(R.count(0, FindingStatus::Changed) == 1);
  CHECK(R.count(0, FindingStatus::Fixed) == 0);
  CHECK(R.count(0, FindingStatus::New) == 0);
  CHECK(R.Findings[0].Previous->Check == CheckKind::MinusOneCheck);

  SECTION("the enclosing function alone pairs them (the call line was "
          "edited, or its text is unknown)") {
    Texts["ls"] = "size_t size = get_image_size(val);";
    CHECK(statuses(compare({Before}, {After}, Texts)) ==
          std::vector<std::string>{"ls:changed<-m1"});
    CHECK(statuses(compare({Before}, {After})) ==
          std::vector<std::string>{"ls:changed<-m1"});
  }
  SECTION("the call line's text alone pairs them (the function was "
          "renamed)") {
    After.EnclosingFunction = "smbios_add_file";
    CHECK(statuses(compare({Before}, {After}, Texts)) ==
          std::vector<std::string>{"ls:changed<-m1"});
  }
  SECTION("another function and another call line: fixed and new") {
    After.EnclosingFunction = "smbios_add_file";
    Texts["ls"] = "size_t size = get_image_size(val);";
    CHECK(statuses(compare({Before}, {After}, Texts)) ==
          std::vector<std::string>{"ls:new", "m1:fixed"});
  }
  SECTION("another file or another called function: fixed and new") {
    After.RelativeFile = "hw/smbios/smbios_legacy.c";
    CHECK(statuses(compare({Before}, {After}, Texts)) ==
          std::vector<std::string>{"ls:new", "m1:fixed"});
    After.RelativeFile = Before.RelativeFile;
    After.Function = "load_image_targphys";
    CHECK(statuses(compare({Before}, {After}, Texts)) ==
          std::vector<std::string>{"ls:new", "m1:fixed"});
  }
  SECTION("a finding with the same fingerprint is unchanged, not changed") {
    Finding Kept = atCall("hw/smbios/smbios.c", CheckKind::IgnoredResult,
                          "smbios_entry_add", 1200, "kept");
    CHECK(statuses(compare({Kept, Before}, {Kept, After}, Texts)) ==
          std::vector<std::string>{"kept:unchanged", "ls:changed<-m1"});
  }
}

TEST_CASE("calls in one function pair by their line's text first, then in "
          "order",
          "[report][changed]") {
  // Two calls in f: the second one's check changes, the first is fixed; a
  // third call is added. Texts tell the second call from the first.
  Finding A = atCall("a.c", CheckKind::MinusOneCheck, "f", 10, "a");
  Finding B = atCall("a.c", CheckKind::MinusOneCheck, "f", 20, "b");
  Finding B2 = atCall("a.c", CheckKind::LossyStore, "f", 20, "b2");
  Finding C = atCall("a.c", CheckKind::IgnoredResult, "f", 30, "c");
  std::map<std::string, std::string> Texts = {{"a", "x = get_image_size(a);"},
                                              {"b", "y = get_image_size(b);"},
                                              {"b2", "y = get_image_size(b);"},
                                              {"c", "get_image_size(c);"}};
  CHECK(statuses(compare({A, B}, {B2, C}, Texts)) ==
        std::vector<std::string>{"b2:changed<-b", "c:changed<-a"});
  // Without texts, the enclosing function pairs them in file order.
  CHECK(statuses(compare({A, B}, {B2}, {})) ==
        std::vector<std::string>{"b2:changed<-a", "b:fixed"});
}

TEST_CASE("merged.json carries the comparison", "[report][changed]") {
  Finding Before = atCall("a.c", CheckKind::MinusOneCheck, "f", 10, "m1");
  Finding After = atCall("a.c", CheckKind::LossyStore, "f", 12, "ls");
  Finding Gone = atCall("b.c", CheckKind::IgnoredResult, "g", 3, "gone");
  Report R = compare({Before, Gone}, {After});
  auto Doc = nlohmann::json::parse(toReportJson(R));
  REQUIRE(Doc["findings"].size() == 1);
  CHECK(Doc["findings"][0]["status"] == "changed");
  CHECK(Doc["findings"][0]["previous"]["check"] == "retcheck-minus-one-check");
  CHECK(Doc["findings"][0]["previous"]["fingerprint"] == "m1");
  auto &Cmp = Doc["trees"][0]["comparison"];
  CHECK(Cmp["compared_with"] == "t");
  CHECK(Cmp["changed"] == 1);
  CHECK(Cmp["fixed"] == 1);
  CHECK(Cmp["new"] == 0);
  REQUIRE(Cmp["fixed_findings"].size() == 1);
  CHECK(Cmp["fixed_findings"][0]["fingerprint"] == "gone");
  // Still a result that a report reads back.
  std::string Error;
  auto Trees = parseResultJson(toReportJson(R), Error);
  INFO(Error);
  REQUIRE(Trees);
  CHECK((*Trees)[0].Run.Findings.size() == 1);
}

TEST_CASE("with several trees, compared trees are matched by label",
          "[report]") {
  std::vector<TreeResult> New = {tree("/a", {finding("/a", "x.c", 1, "1")}),
                                 tree("/b", {finding("/b", "x.c", 1, "1")})};
  New[0].Label = "a";
  New[1].Label = "b";
  std::vector<TreeResult> Old = {tree("/b", {})};
  Old[0].Label = "b";
  Report R = report(New, &Old);
  CHECK(R.ComparedWith == std::vector<std::string>{"", "b"});
  CHECK(R.Findings[0].Status == FindingStatus::Current);
  CHECK(R.Findings[1].Status == FindingStatus::New);

  Old[0].Label = "c";
  std::string Error;
  CHECK_FALSE(buildReport(New, &Old, Error));
  CHECK(Error.find("tree 'c', which no input has") != std::string::npos);
}

TEST_CASE("totals count current findings per tree and directory", "[report]") {
  Finding Root = finding("/t", "main.c", 1, "r");
  std::vector<TreeResult> Old = {
      tree("/t", {finding("/t", "hw/x/o.c", 1, "fixed")})};
  Old[0].Label = "t";
  Report R = report({tree("/t", {finding("/t", "hw/mips/a.c", 1, "1"),
                                 finding("/t", "hw/mips/b.c", 1, "2"), Root})},
                    &Old);
  auto Dirs = tally(R, directoryOf);
  CHECK(Dirs.size() == 2); // not hw/x: its finding is fixed
  CHECK(Dirs["hw/mips"] == std::vector<unsigned>{2});
  CHECK(Dirs["."] == std::vector<unsigned>{1});
}

TEST_CASE("an excerpt shows the fix as removed and added lines",
          "[report][excerpt]") {
  TempSource File(Source);
  Finding F = minusOne(File.Path);
  SourceFiles Files;
  SourceExcerpt E = excerptFor(F, true, Files);
  CHECK(E.St == SourceExcerpt::State::Ok);
  CHECK(E.Note.empty());
  CHECK(E.HasFix);
  std::vector<std::string> Lines;
  for (const ExcerptLine &L : E.Lines)
    Lines.push_back(std::string(L.K == ExcerptLine::Removed ? "-"
                                : L.K == ExcerptLine::Added ? "+"
                                                            : " ") +
                    std::to_string(L.Number) + (L.IsFinding ? "!" : ":") +
                    L.Text);
  CHECK(Lines == std::vector<std::string>{
                     " 1:int f(const char *p)", " 2:{",
                     " 3:    int64_t size = get_image_size(p);",
                     "-4!    if (size == -1) {", "+4:    if (size < 0) {",
                     " 5:        return -1;", " 6:    }", " 7:    return 0;"});
}

TEST_CASE("an excerpt shows a finding's repair when it has no fix-it",
          "[report][excerpt]") {
  TempSource File(Source);
  Finding F = minusOne(File.Path);
  F.Fixes.clear();
  FindingNote N;
  N.Message = "test 'size' (< 0) and handle the failure";
  // After line 3's newline: a check inserted below the store.
  std::string Text = Source;
  std::size_t At = Text.find('\n', Text.find("get_image_size"));
  N.Fixes.push_back({File.Path, unsigned(At), 0,
                     "\n    if (size < 0) {\n        return -1;\n    }"});
  F.Notes.push_back(N);
  SourceFiles Files;
  SourceExcerpt E = excerptFor(F, true, Files);
  CHECK(E.St == SourceExcerpt::State::Ok);
  CHECK(E.HasFix);
  CHECK(E.IsRepair);
  CHECK(E.Note.find("--fix-notes: " + N.Message) != std::string::npos);
  std::vector<std::string> Added;
  for (const ExcerptLine &L : E.Lines)
    if (L.K == ExcerptLine::Added)
      Added.push_back(L.Text);
  CHECK(Added == std::vector<std::string>{"    if (size < 0) {",
                                          "        return -1;", "    }"});
}

/// \p N lines that call work().
std::string workLines(int N) {
  std::string Lines;
  for (int I = 0; I < N; ++I)
    Lines += "    work();\n";
  return Lines;
}

/// A finding about get_image_size at \p Line:\p Column (\p Offset) of
/// \p Path.
Finding imageSizeFinding(CheckKind K, const std::string &Path, unsigned Line,
                         unsigned Column, std::size_t Offset) {
  Finding F;
  F.Check = K;
  F.File = Path;
  F.Line = Line;
  F.Column = Column;
  F.Offset = Offset;
  F.Function = "get_image_size";
  return F;
}

TEST_CASE("a repair whose edits lie far apart shows as small hunks",
          "[report][excerpt]") {
  // A local retyped at the top of a function, and its -1 test, far below,
  // rewritten: two small hunks, not every line between removed and added.
  std::string Far =
      "int f(const char *p)\n{\n    uint64_t a, size;\n" + workLines(40) +
      "    size = get_image_size(p);\n" + workLines(10) +
      "    if (size == -1)\n        return -1;\n    return 0;\n}\n";
  TempSource File(Far);
  Finding F = imageSizeFinding(CheckKind::LossyStore, File.Path, 44, 5,
                               Far.find("size = get"));
  F.CallLine = 44;
  FindingNote N;
  N.Message = "declare 'size' as 'int64_t'";
  std::size_t Decl = Far.find(", size;");
  N.Fixes.push_back({File.Path, unsigned(Decl), 6, ""});
  N.Fixes.push_back({File.Path, unsigned(Decl + 7), 0, "\n    int64_t size;"});
  N.Fixes.push_back({File.Path, unsigned(Far.find("== -1")), 5, "< 0"});
  F.Notes.push_back(N);
  std::vector<Finding> One{F};
  assignFingerprints(One, "/tmp");
  SourceFiles Files;
  SourceExcerpt E = excerptFor(One[0], true, Files, 1);
  CHECK(E.St == SourceExcerpt::State::Ok);
  CHECK(E.IsRepair);
  std::vector<std::string> Changed;
  for (const ExcerptLine &L : E.Lines)
    if (L.K == ExcerptLine::Removed || L.K == ExcerptLine::Added)
      Changed.push_back((L.K == ExcerptLine::Removed ? "-" : "+") +
                        std::to_string(L.Number) + ":" + L.Text);
  CHECK(Changed == std::vector<std::string>{
                       "-3:    uint64_t a, size;", "+3:    uint64_t a;",
                       "+4:    int64_t size;", "-55:    if (size == -1)",
                       "+56:    if (size < 0)"});
  // The declaration, the call and the test: three hunks.
  CHECK(std::count_if(E.Lines.begin(), E.Lines.end(), [](const ExcerptLine &L) {
          return L.K == ExcerptLine::Gap;
        }) == 2);
  CHECK(E.Lines.size() < 20);
}

/// "N:text" per excerpt line; "~" marks the call, "!" the finding, "..." a
/// gap.
std::vector<std::string> excerptLines(const SourceExcerpt &E) {
  std::vector<std::string> Lines;
  for (const ExcerptLine &L : E.Lines)
    Lines.push_back(L.K == ExcerptLine::Gap
                        ? "..."
                        : std::to_string(L.Number) + (L.IsCall ? "~" : "") +
                              (L.IsFinding ? "!" : "") + ":" + L.Text);
  return Lines;
}

TEST_CASE("an excerpt shows the call and the finding, merged when close",
          "[report][excerpt]") {
  SECTION("the call just above its test: one hunk") {
    TempSource File(Source);
    Finding F = minusOne(File.Path);
    F.Fixes.clear();
    F.CallLine = 3;
    SourceFiles Files;
    CHECK(excerptLines(excerptFor(F, true, Files, 1)) ==
          std::vector<std::string>{
              "2:{", "3~:    int64_t size = get_image_size(p);",
              "4!:    if (size == -1) {", "5:        return -1;"});
    CHECK(callLineText(F, true, Files) == "int64_t size = get_image_size(p);");
    CHECK(callLineText(F, false, Files).empty());
  }
  SECTION("a call far above its test: two hunks and a gap") {
    std::string Far =
        "int f(const char *p)\n{\n"
        "    int64_t size = get_image_size(p);\n" +
        workLines(6) +
        "    if (size == -1)\n        return -1;\n    return 0;\n}\n";
    TempSource File(Far);
    Finding F = imageSizeFinding(CheckKind::MinusOneCheck, File.Path, 10, 14,
                                 Far.find("== -1"));
    F.CallLine = 3;
    std::vector<Finding> One{F};
    assignFingerprints(One, "/tmp");
    SourceFiles Files;
    CHECK(excerptLines(excerptFor(One[0], true, Files, 1)) ==
          std::vector<std::string>{
              "2:{", "3~:    int64_t size = get_image_size(p);",
              "4:    work();", "...", "9:    work();",
              "10!:    if (size == -1)", "11:        return -1;"});
    // With 3 lines of context only 1 line would be left out: one hunk.
    SourceExcerpt Wide = excerptFor(One[0], true, Files, 3);
    CHECK(Wide.Lines.size() == 13);
    CHECK(std::none_of(
        Wide.Lines.begin(), Wide.Lines.end(),
        [](const ExcerptLine &L) { return L.K == ExcerptLine::Gap; }));
  }
}

TEST_CASE("an excerpt of a changed or missing file shows nothing wrong",
          "[report][excerpt]") {
  TempSource File(Source);
  Finding F = minusOne(File.Path);

  SECTION("lines inserted above move the finding") {
    File.write(std::string("/* new */\n") + Source);
    SourceFiles Files;
    SourceExcerpt E = excerptFor(F, true, Files);
    CHECK(E.St == SourceExcerpt::State::Changed);
    CHECK(E.Note == "source changed since the analysis: line 4 no longer "
                    "reads as when it was analysed");
    CHECK(E.Lines.empty());
  }
  SECTION("an edit above shifts the offsets, not the lines") {
    std::string Edited = Source;
    Edited.replace(0, 3, "static int");
    File.write(Edited);
    SourceFiles Files;
    CHECK(excerptFor(F, true, Files).St == SourceExcerpt::State::Changed);
  }
  SECTION("the finding's line was edited") {
    std::string Edited = Source;
    Edited.replace(Edited.find("== -1"), 5, "<  0");
    File.write(Edited);
    SourceFiles Files;
    CHECK(excerptFor(F, true, Files).St == SourceExcerpt::State::Changed);
  }
  SECTION("the file is shorter") {
    File.write("int x;\n");
    SourceFiles Files;
    CHECK(excerptFor(F, true, Files).Note ==
          "source changed since the analysis: the file has fewer lines than "
          "when it was analysed");
  }
  SECTION("an unverifiable result is shown, and says so") {
    SourceFiles Files;
    SourceExcerpt E = excerptFor(F, false, Files);
    CHECK(E.St == SourceExcerpt::State::Unverified);
    CHECK(E.Lines.size() == 8);
  }
  SECTION("the file is gone") {
    F.File = "/nonexistent/a.c";
    SourceFiles Files;
    SourceExcerpt E = excerptFor(F, true, Files);
    CHECK(E.St == SourceExcerpt::State::Missing);
    CHECK(E.Note == "source not found: /nonexistent/a.c");
  }
}

TEST_CASE("the HTML page escapes every text and loads nothing", "[report]") {
  Finding Evil = finding("/t", "hw/<b>.c", 1, "e");
  Evil.Message = "<script>alert(1)</script>\"'&";
  Evil.File = "/nonexistent/<img src=x onerror=alert(2)>.c";
  TreeResult T = tree("/t", {Evil});
  T.Label = "<i>tree</i>";
  Report R = report({T});
  R.Title = "Title <script>";
  std::string Page = html(R);
  CHECK(Page.find("<script>alert") == std::string::npos);
  CHECK(Page.find("<img") == std::string::npos);
  CHECK(Page.find("<i>tree") == std::string::npos);
  CHECK(Page.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;") !=
        std::string::npos);
  CHECK(Page.find("<title>Title &lt;script&gt;</title>") != std::string::npos);
  CHECK(Page.find("source not found: /nonexistent/&lt;img") !=
        std::string::npos);
  CHECK(Page.find("http:") == std::string::npos);
  CHECK(Page.find("https:") == std::string::npos);
  CHECK(Page.find("default-src 'none'") != std::string::npos);
  // The inline script is there, once, and ends the page's body.
  CHECK(Page.find("<script>\n") == Page.rfind("<script>\n"));
  CHECK(Page.find("'use strict';") != std::string::npos);
}

TEST_CASE("the Markdown summary escapes table cells and lists new findings",
          "[report]") {
  std::vector<TreeResult> Old = {tree("/t", {})};
  Old[0].Label = "t<0>";
  TreeResult T = tree("/t", {finding("/t", "hw/a|b.c", 7, "x")}, 3);
  T.Label = "t<1>";
  Report R = report({T}, &Old);
  R.Title = "MR <check>";
  std::ostringstream OS;
  writeMarkdownReport(R, {}, OS);
  CHECK(OS.str() ==
        "## MR &lt;check&gt;\n\n"
        "| tree | t&lt;1&gt; |\n|:--|--:|\n| **findings** | **1** |\n"
        "| new | 1 |\n| changed | 0 |\n| fixed | 0 |\n| unchanged | 0 |\n"
        "| translation units | 3 |\n| with analysis errors | 0 |\n\n"
        "Compared with: t&lt;1&gt; ← t&lt;0&gt;; by fingerprint (path, check, "
        "function and line text), so findings that only moved are "
        "unchanged; changed: reported at the same call by both, "
        "differently.\n\n"
        "| check / rule function | t&lt;1&gt; |\n|:--|--:|\n"
        "| `retcheck-ignored-result` | 1 |\n"
        "| `retcheck-incomplete-check` | 0 |\n"
        "| `retcheck-lossy-store` | 0 |\n"
        "| `retcheck-minus-one-check` | 0 |\n"
        "| `retcheck-unchecked-store` | 0 |\n"
        "| `retcheck-unchecked-use` | 0 |\n"
        "| `load_image_targphys` | 1 |\n\n"
        "Directories with the most findings: `hw` 1.\n\n"
        "#### New findings\n\n"
        "| rank | location | check | function | in |\n|--:|:--|:--|:--|:--|\n"
        "| 0 | `hw/a/b.c:7` | `retcheck-ignored-result` | "
        "`load_image_targphys` | `init` |\n\n");
}

TEST_CASE("reports list warnings by rank and fold the notes below them",
          "[report][rank]") {
  auto Ranked = [](unsigned Line, unsigned Rank, Severity Level) {
    Finding F = finding("/t", "hw/a.c", Line, "f" + std::to_string(Line));
    F.Rank = Rank;
    F.Level = Level;
    F.RankSignals.push_back({-1.5, "after an error label"});
    return F;
  };
  // In file order: a note, a weak warning, a strong one, a note that ranks
  // above a warning a rule asked for (warnings: all).
  Report R = report({tree(
      "/t", {Ranked(1, 30, Severity::Note), Ranked(2, 60, Severity::Warning),
             Ranked(3, 90, Severity::Warning), Ranked(4, 45, Severity::Note),
             Ranked(5, 10, Severity::Warning)})});
  std::vector<unsigned> Lines;
  for (std::size_t I : rankOrder(R))
    Lines.push_back(R.Findings[I].F.Line);
  CHECK(Lines == std::vector<unsigned>{3, 2, 5, 4, 1});

  std::ostringstream MD;
  writeMarkdownReport(R, {}, MD);
  std::string Text = MD.str();
  auto At = [&](const std::string &Row) { return Text.find(Row); };
  std::size_t Fold = At("<details><summary>2 notes, ranked below the "
                        "warnings</summary>");
  REQUIRE(Fold != std::string::npos);
  CHECK(At("| 90 | `hw/a.c:3`") < At("| 60 | `hw/a.c:2`"));
  CHECK(At("| 60 | `hw/a.c:2`") < At("| 10 | `hw/a.c:5`"));
  CHECK(At("| 10 | `hw/a.c:5`") < Fold);
  CHECK(Fold < At("| 45 | `hw/a.c:4`"));
  CHECK(At("| 45 | `hw/a.c:4`") < At("| 30 | `hw/a.c:1`"));
  CHECK(Text.find("</details>") != std::string::npos);

  std::string Page = html(R);
  std::size_t Notes = Page.find("<tbody class=\"tier\" data-tier=\"note\">");
  REQUIRE(Notes != std::string::npos);
  auto Row = [&](unsigned Line) {
    return Page.find("data-fingerprint=\"f" + std::to_string(Line) + "\"");
  };
  CHECK(Row(3) < Row(2));
  CHECK(Row(2) < Row(5));
  CHECK(Row(5) < Notes);
  CHECK(Notes < Row(4));
  CHECK(Row(4) < Row(1));
  CHECK(Page.find("2 notes: findings that rank below the warnings") > Notes);
  CHECK(Page.find("<li>- after an error label</li>") != std::string::npos);
  CHECK(Page.find("data-level=\"note\"") != std::string::npos);
}

TEST_CASE("links are made only from a usable template", "[report][links]") {
  const std::string GitLab =
      "https://gitlab.com/qemu-project/qemu/-/blob/{rev}/{path}#L{line}";
  CHECK(linkTemplateError(GitLab).empty());
  CHECK(expandLink(GitLab, "hw/smbios/smbios.c", 1334, "v10.0.2") ==
        "https://gitlab.com/qemu-project/qemu/-/blob/v10.0.2/hw/smbios/"
        "smbios.c#L1334");
  // Paths and revisions are percent-encoded; a path outside the root has
  // no address.
  CHECK(expandLink(GitLab, "hw/a b#\"<c>.c", 1, "stable/7.2") ==
        "https://gitlab.com/qemu-project/qemu/-/blob/stable/7.2/"
        "hw/a%20b%23%22%3Cc%3E.c#L1");
  CHECK(expandLink(GitLab, "/usr/include/x.h", 1, "r").empty());
  CHECK(linkTemplateError("javascript:alert(1)//{path}") ==
        "must start with http://, https:// or file://");
  CHECK(linkTemplateError("https://example.org/{line}") == "names no {path}");
  CHECK(linkTemplateError("https://example.org/{path}?l={lines}") ==
        "unknown placeholder '{lines}' (there are {path}, {line} and {rev})");
  CHECK(linkTemplateError("https://example.org/{path}{").find("'{'") !=
        std::string::npos);
}

TEST_CASE("excluded paths leave the findings and errors out",
          "[report][exclude]") {
  std::vector<TreeResult> Trees = {
      tree("/t", {finding("/t", "tests/unit/a.c", 1, "1"),
                  finding("/t", "hw/b.c", 1, "2")})};
  Trees[0].Run.Problems.push_back({"/t/tests/c.c", "compile-error", "x"});
  Trees[0].Run.Problems.push_back({"/t/hw/d.c", "compile-error", "y"});
  auto Removed = excludePaths(Trees, [](const std::string &Path) {
    return Path.compare(0, 6, "tests/") == 0;
  });
  CHECK(Removed == std::vector<unsigned>{1});
  REQUIRE(Trees[0].Run.Findings.size() == 1);
  CHECK(Trees[0].Run.Findings[0].RelativeFile == "hw/b.c");
  REQUIRE(Trees[0].Run.Problems.size() == 1);
  CHECK(Trees[0].Run.Problems[0].File == "/t/hw/d.c");
}

TEST_CASE("a result merged again with its own inputs counts once", "[report]") {
  auto Once = merge({input("/r/s1.json", tree("/t", {}, 2)),
                     input("/r/s2.json", tree("/t", {}, 3))});
  Once[0].Label.clear();
  auto Again = merge({input("/r/merged.json", Once[0]),
                      input("/r/s1.json", tree("/t", {}, 2)),
                      input("/r/s3.json", tree("/t", {}, 4))});
  CHECK(Again[0].Run.Stats.TranslationUnits == 9);
  CHECK(Again[0].Inputs ==
        std::vector<std::string>{"/r/s1.json", "/r/s2.json", "/r/s3.json"});
}

TEST_CASE("a report without findings says so", "[report]") {
  TreeResult T = tree("/t", {});
  T.Label = "clean";
  T.Run.Problems.push_back({"/t/a.c", "compile-error", "1 compile error"});
  std::string Page = html(report({T}));
  CHECK(Page.find("<p>No findings.</p>") != std::string::npos);
  CHECK(Page.find("directory-chart") == std::string::npos);
  CHECK(Page.find("data-total=\"0\"") != std::string::npos);
  CHECK(Page.find("<code>a.c</code></td><td>compile-error</td>") !=
        std::string::npos);
}

TEST_CASE("a finding from an inferred contract shows its evidence",
          "[report][infer]") {
  Finding Written = finding("/t", "hw/a.c", 1, "w");
  Finding Inferred = finding("/t", "hw/b.c", 2, "i");
  Inferred.Inferred = true;
  Inferred.Confidence = 0.724;
  Inferred.Evidence = {"hw/core/loader.c:95: returns -1 after <error_setg>()",
                       "3 of 4 call sites test it completely"};
  std::string Page = html(report({tree("/t", {Written, Inferred})}));
  CHECK(Page.find("inferred contract, confidence 72%") != std::string::npos);
  CHECK(Page.find("returns -1 after &lt;error_setg&gt;()") !=
        std::string::npos);
  CHECK(Page.find("3 of 4 call sites test it completely") != std::string::npos);
  // Once: the written contract's finding shows none.
  CHECK(Page.find("inferred contract") == Page.rfind("inferred contract"));
}
