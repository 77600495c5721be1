// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// A run's compile commands are held with their strings shared: each
// command comes back as it was given, and what repeats is kept once.

#include "pipeline/CommandList.h"
#include "run/TUAnalysis.h"

#include <catch2/catch.hpp>

using namespace retcheck;
using clang::tooling::CompileCommand;

static bool same(const CompileCommand &A, const CompileCommand &B) {
  return A.Directory == B.Directory && A.Filename == B.Filename &&
         A.CommandLine == B.CommandLine && A.Output == B.Output &&
         A.Heuristic == B.Heuristic;
}

TEST_CASE("compile commands come back as they were given", "[commands]") {
  std::vector<CompileCommand> Given;
  // Flags every command shares, long enough to live on the heap.
  std::vector<std::string> Shared;
  for (int I = 0; I < 60; ++I)
    Shared.push_back("-I/work/corpus/qemu-10.0/include/hw/path-" +
                     std::to_string(I));
  for (int I = 0; I < 200; ++I) {
    std::string File = "../src/hw/dev" + std::to_string(I) + ".c";
    std::vector<std::string> Line{"cc"};
    Line.insert(Line.end(), Shared.begin(), Shared.end());
    Line.insert(Line.end(), {"-c", File, "-o", "dev" + std::to_string(I) + ".o",
                             "", std::string("a\0b", 3)});
    Given.emplace_back("/work/build", File, Line,
                       "dev" + std::to_string(I) + ".o");
  }
  Given[7].Heuristic = "inferred from ../src/hw/dev6.c";
  // An empty command line, and an empty directory.
  Given.emplace_back("", "x.c", std::vector<std::string>(), "");

  CommandList List(Given);
  REQUIRE(List.size() == Given.size());
  CHECK_FALSE(List.empty());
  for (std::size_t I = 0; I < Given.size(); ++I)
    CHECK(same(List[I], Given[I]));
  CHECK(same(List.front(), Given.front()));
  std::vector<CompileCommand> All = List.all();
  REQUIRE(All.size() == Given.size());
  CHECK(same(All[200], Given[200]));
  // A command's file, as commandFile() makes it, without its arguments.
  for (std::size_t I : {0, 7, 200}) {
    CHECK(List.file(I) == commandFile(Given[I]));
    CHECK(List.directory(I) == Given[I].Directory);
  }

  // The shared flags are held once: far less than one string each.
  std::size_t Strings = 0;
  for (const CompileCommand &C : Given)
    for (const std::string &S : C.CommandLine)
      Strings += sizeof(std::string) + S.size();
  CHECK(List.bytes() * 5 < Strings);

  CHECK(CommandList().empty());
  CHECK(CommandList().size() == 0);
}
