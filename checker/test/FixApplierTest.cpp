// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Merging and applying fix-its: duplicates once, conflicts never, files
// replaced whole.

#include "output/FixApplier.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace retcheck;

TEST_CASE("the same edit from several TUs is applied once", "[fix]") {
  TextEdit E{"/f.c", 10, 5, "< 0"};
  FixPlan Plan = planFixes({E, E, E});
  REQUIRE(Plan.Files["/f.c"].size() == 1);
  CHECK(Plan.Conflicts.empty());
}

TEST_CASE("overlapping different edits are all dropped", "[fix]") {
  FixPlan Plan = planFixes({{"/f.c", 10, 5, "< 0"},
                            {"/f.c", 12, 2, "x"},
                            {"/f.c", 30, 1, "y"},
                            {"/g.c", 10, 5, "z"}});
  CHECK(Plan.Conflicts.size() == 2);
  CHECK(Plan.Files["/f.c"].size() == 1);
  CHECK(Plan.Files["/f.c"][0].Offset == 30);
  CHECK(Plan.Files["/g.c"].size() == 1);
}

TEST_CASE("edits apply in order and refuse a shorter file", "[fix]") {
  std::string Out;
  REQUIRE(applyEdits("if (x == -1) y(x != -1);",
                     {{"f", 6, 5, "< 0"}, {"f", 17, 5, ">= 0"}}, Out));
  CHECK(Out == "if (x < 0) y(x >= 0);");
  CHECK_FALSE(applyEdits("short", {{"f", 3, 10, ""}}, Out));
}

TEST_CASE("writeFixes rewrites files and reports the unreadable", "[fix]") {
  char Dir[] = "/tmp/retcheck-fix-XXXXXX";
  REQUIRE(mkdtemp(Dir));
  std::string File = std::string(Dir) + "/a.c";
  std::ofstream(File) << "int x = f() == -1;\n";
  FixPlan Plan = planFixes(
      {{File, 12, 5, "< 0"}, {std::string(Dir) + "/missing.c", 0, 1, "x"}});
  FixOutcome Outcome = writeFixes(Plan);
  CHECK(Outcome.Written == std::vector<std::string>{File});
  CHECK(Outcome.EditsApplied == 1);
  REQUIRE(Outcome.Errors.size() == 1);
  CHECK(Outcome.Errors[0].find("missing.c: cannot read") != std::string::npos);
  std::stringstream Text;
  Text << std::ifstream(File).rdbuf();
  CHECK(Text.str() == "int x = f() < 0;\n");
  std::remove(File.c_str());
  rmdir(Dir);
}

TEST_CASE("edits made against two versions of a file are not combined",
          "[fix]") {
  FixPlan Plan = planFixes({{"/f.c", 10, 5, "< 0", contentDigest("old")},
                            {"/f.c", 30, 5, "< 0", contentDigest("new")},
                            {"/g.c", 10, 5, "< 0", contentDigest("g")}});
  CHECK(Plan.Inconsistent == std::vector<std::string>{"/f.c"});
  CHECK(Plan.Files.count("/f.c") == 0);
  CHECK(Plan.Files["/g.c"].size() == 1);
  FixOutcome Outcome = writeFixes(
      planFixes({{"/f.c", 10, 5, "< 0", 1}, {"/f.c", 30, 5, "< 0", 3}}));
  REQUIRE(Outcome.Errors.size() == 1);
  CHECK(Outcome.Errors[0] ==
        "/f.c: not fixed: the file changed while it was analysed");
}

TEST_CASE("a file whose bytes changed since the analysis is left alone",
          "[fix]") {
  char Dir[] = "/tmp/retcheck-fix-XXXXXX";
  REQUIRE(mkdtemp(Dir));
  std::string File = std::string(Dir) + "/a.c";
  std::string Analysed = "int x = f() == -1;\n";
  // Same length, so that the offsets alone cannot tell.
  std::ofstream(File) << "int y = f() == -1;\n";
  FixOutcome Outcome =
      writeFixes(planFixes({{File, 12, 5, "< 0", contentDigest(Analysed)}}));
  CHECK(Outcome.Written.empty());
  REQUIRE(Outcome.Errors.size() == 1);
  CHECK(Outcome.Errors[0] ==
        File + ": not fixed: the file changed since it was analysed");
  std::stringstream Text;
  Text << std::ifstream(File).rdbuf();
  CHECK(Text.str() == "int y = f() == -1;\n");
  Outcome = writeFixes(
      planFixes({{File, 12, 5, "< 0", contentDigest("int y = f() == -1;\n")}}));
  CHECK(Outcome.Errors.empty());
  CHECK(Outcome.EditsApplied == 1);
  std::remove(File.c_str());
  rmdir(Dir);
}

TEST_CASE("fix-notes takes a note's fixes where the finding has none",
          "[fix]") {
  Finding F;
  F.File = "/a.c";
  FindingNote N;
  N.Fixes.push_back({"/a.c", 10, 0, "if (x < 0) {}"});
  F.Notes.push_back(N);
  CHECK(chooseFixes(F, false) == nullptr);
  REQUIRE(chooseFixes(F, true) == &F.Notes[0].Fixes);
  // The finding's own fix-its win, as in clang-tidy.
  F.Fixes.push_back({"/a.c", 4, 2, "< 0"});
  CHECK(chooseFixes(F, true) == &F.Fixes);
  CHECK(chooseFixes(F, false) == &F.Fixes);
  // Two notes with fixes: which one is meant is not guessed.
  F.Fixes.clear();
  F.Notes.push_back(N);
  CHECK(chooseFixes(F, true) == nullptr);
  // A note without fixes does not count.
  F.Notes[1].Fixes.clear();
  CHECK(chooseFixes(F, true) == &F.Notes[0].Fixes);
}
