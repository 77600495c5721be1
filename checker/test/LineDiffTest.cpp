// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Line diffs: shortest edit scripts, hunks, and unified diffs as diff -u
// writes them.

#include "output/LineDiff.h"

#include <catch2/catch.hpp>

#include <random>

using namespace retcheck;

namespace {

/// The length of a longest common subsequence, by dynamic programming.
std::size_t lcs(const std::vector<std::string_view> &A,
                const std::vector<std::string_view> &B) {
  std::vector<std::vector<std::size_t>> L(
      A.size() + 1, std::vector<std::size_t>(B.size() + 1));
  for (std::size_t I = A.size(); I-- > 0;)
    for (std::size_t J = B.size(); J-- > 0;)
      L[I][J] = A[I] == B[J] ? L[I + 1][J + 1] + 1
                             : std::max(L[I + 1][J], L[I][J + 1]);
  return L[0][0];
}

std::string lines(std::initializer_list<const char *> Lines) {
  std::string Out;
  for (const char *L : Lines)
    Out += std::string(L) + "\n";
  return Out;
}

} // namespace

TEST_CASE("an edit script turns the old lines into the new ones, shortest",
          "[linediff]") {
  std::mt19937 Random(22);
  for (int Round = 0; Round < 300; ++Round) {
    // Texts over a small alphabet, so that lines repeat and align in many
    // ways.
    auto Make = [&](std::size_t N) {
      std::string T;
      for (std::size_t I = 0; I < N; ++I)
        T += std::string(1, char('a' + Random() % 4)) + "\n";
      return T;
    };
    std::string OldText = Make(Random() % 12), NewText = Make(Random() % 12);
    std::vector<std::string_view> Old = splitLinesKeepingEnds(OldText),
                                  New = splitLinesKeepingEnds(NewText);
    std::vector<DiffStep> Script = diffLines(Old, New);
    std::string Rebuilt, Kept;
    std::size_t NextOld = 0, NextNew = 0, Same = 0;
    for (const DiffStep &S : Script) {
      if (S.K != DiffStep::Added) {
        REQUIRE(S.Old == NextOld++);
      }
      if (S.K != DiffStep::Removed) {
        REQUIRE(S.New == NextNew++);
        Rebuilt += std::string(New[S.New]);
      }
      if (S.K == DiffStep::Same) {
        REQUIRE(Old[S.Old] == New[S.New]);
        ++Same;
      }
    }
    INFO(OldText << "->\n" << NewText);
    CHECK(NextOld == Old.size());
    CHECK(Rebuilt == NewText);
    CHECK(Same == lcs(Old, New));
  }
}

TEST_CASE("a unified diff reads as diff -u writes it", "[linediff]") {
  std::string Old = lines({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
                           "11", "12", "13", "14", "15", "16"});
  SECTION("one change, three lines of context") {
    std::string New = Old;
    New.replace(New.find("8\n"), 2, "eight\n");
    CHECK(unifiedDiff(Old, New, "hw/a.c") == "--- a/hw/a.c\n+++ b/hw/a.c\n"
                                             "@@ -5,7 +5,7 @@\n"
                                             " 5\n 6\n 7\n-8\n+eight\n 9\n"
                                             " 10\n 11\n");
  }
  SECTION("changes far apart are two hunks, close ones one") {
    std::string New = Old;
    New.replace(New.find("2\n"), 2, "two\n");
    New.replace(New.find("15\n"), 3, "fifteen\nand more\n");
    CHECK(unifiedDiff(Old, New, "a.c") ==
          "--- a/a.c\n+++ b/a.c\n"
          "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
          "@@ -12,5 +12,6 @@\n 12\n 13\n 14\n-15\n+fifteen\n+and more\n 16\n");
    std::string Close = Old;
    Close.replace(Close.find("2\n"), 2, "two\n");
    Close.replace(Close.find("9\n"), 2, "nine\n");
    std::string D = unifiedDiff(Old, Close, "a.c");
    CHECK(D.find("@@ -1,12 +1,12 @@\n") != std::string::npos);
    CHECK(std::count(D.begin(), D.end(), '@') == 4);
  }
  SECTION("insertions at the top, and into an empty file") {
    CHECK(unifiedDiff("a\n", "new\na\n", "x.c") ==
          "--- a/x.c\n+++ b/x.c\n@@ -1,1 +1,2 @@\n+new\n a\n");
    CHECK(unifiedDiff("", "a\n", "x.c") ==
          "--- a/x.c\n+++ b/x.c\n@@ -0,0 +1,1 @@\n+a\n");
  }
  SECTION("a last line without its newline is marked") {
    CHECK(unifiedDiff("a\nb", "a\nc", "x.c") ==
          "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n a\n-b\n"
          "\\ No newline at end of file\n+c\n"
          "\\ No newline at end of file\n");
    CHECK(unifiedDiff("a\nb", "a\nb\n", "x.c") ==
          "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n a\n-b\n"
          "\\ No newline at end of file\n+b\n");
  }
  SECTION("equal texts have no diff") {
    CHECK(unifiedDiff(Old, Old, "a.c").empty());
  }
}

TEST_CASE("hunks keep the lines asked for, merged when close", "[linediff]") {
  std::string Old = lines({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});
  std::string New = Old;
  New.replace(New.find("i\n"), 2, "I\n");
  std::vector<std::string_view> A = splitLinesKeepingEnds(Old),
                                B = splitLinesKeepingEnds(New);
  std::vector<DiffStep> Script = diffLines(A, B);
  // Line 1 ("b") and the change at "i": 1 line of context each.
  std::vector<DiffHunk> Apart = hunksOf(Script, 1, 1, {1});
  REQUIRE(Apart.size() == 2);
  CHECK(Apart[0].Begin == 0);
  CHECK(Apart[0].End == 3);
  // At most 4 lines between them: one hunk.
  CHECK(hunksOf(Script, 1, 4, {1}).size() == 1);
}
