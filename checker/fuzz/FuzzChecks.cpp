//===- FuzzChecks.cpp - What the fuzzers require of one input -------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FuzzChecks.h"
#include "output/FixApplier.h"
#include "contracts/Rules.h"
#include "judge/Judge.h"
#include "run/TUAnalysis.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace retcheck {
namespace fuzz {

namespace {

const std::string SourceDir = RETCHECK_SOURCE_DIR;

/// Every convention, C and C++ names; no two packs name the same function.
const RuleSet &analysisRules() {
  static const RuleSet Rules = [] {
    RuleSet R;
    for (const char *Pack :
         {"rules/qemu.json", "rules/posix.json", "fixtures/rules/value.json",
          "fixtures/rules/cxx.json"})
      if (auto E = loadRulesFile(SourceDir + "/" + Pack, R)) {
        std::fprintf(stderr, "%s\n", E->str().c_str());
        std::abort();
      }
    return R;
  }();
  return Rules;
}

/// Clang reads the source from the file system, as it does for the CLI:
/// the input is written to a directory of this process's own, under
/// $TMPDIR (libFuzzer ends with _Exit, so scripts/fuzz.sh removes it).
class ScratchFile {
public:
  explicit ScratchFile(const char *Name) {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Template =
        std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/retcheck-fuzz-XXXXXX";
    if (!mkdtemp(Template.data()))
      std::abort();
    Dir = Template;
    Path = this->Dir + "/" + Name;
  }
  ~ScratchFile() {
    std::remove(Path.c_str());
    rmdir(Dir.c_str());
  }
  std::string Dir, Path;
};

TUResult analyzeText(const std::string &Source, bool Cxx) {
  static ScratchFile C("input.c"), Cpp("input.cpp");
  const ScratchFile &File = Cxx ? Cpp : C;
  std::ofstream(File.Path, std::ios::binary | std::ios::trunc) << Source;
  std::vector<std::string> Command{Cxx ? "clang++" : "clang", "-fsyntax-only",
                                   Cxx ? "-std=gnu++17" : "-std=gnu11",
                                   "-I" + SourceDir + "/fixtures/include",
                                   File.Path};
  return analyzeCompileCommand(
      clang::tooling::CompileCommand(File.Dir, File.Path, Command, ""),
      scopeOf(analysisRules()));
}

/// 1-based line \p Line of \p Text, without its newline.
std::string lineOf(const std::string &Text, unsigned Line) {
  std::size_t Begin = 0;
  for (unsigned L = 1; L < Line && Begin != std::string::npos; ++L) {
    Begin = Text.find('\n', Begin);
    if (Begin != std::string::npos)
      ++Begin;
  }
  if (Begin == std::string::npos)
    return "";
  return Text.substr(Begin, Text.find('\n', Begin) - Begin);
}

} // namespace

std::string checkRulesText(const std::string &Text) {
  RuleSet Rules;
  std::optional<RulesError> E = parseRules(Text, "fuzz.json", Rules);
  if (E) {
    if (!Rules.empty())
      return "rules were added from a rejected file";
    if (E->Message.empty())
      return "an error without a message";
    unsigned Lines = 1 + std::count(Text.begin(), Text.end(), '\n');
    if (E->Line < 1 || E->Line > Lines || E->Column < 1 ||
        E->Column > lineOf(Text, E->Line).size() + 1)
      return "error position outside the text: " + E->str();
    return "";
  }
  if (Rules.empty())
    return "accepted without a rule";
  for (const Rule &R : Rules.rules())
    if (R.Function.empty() || R.Origin.empty())
      return "accepted a rule without a function name or origin";
  RuleSet Twice = Rules;
  std::optional<RulesError> Again = parseRules(Text, "fuzz.json", Twice);
  if (!Again || Again->Message.find("duplicate rule") == std::string::npos)
    return "the same rules loaded twice are not duplicates: " +
           (Again ? Again->str() : std::string("accepted"));
  if (Twice.rules().size() != Rules.rules().size())
    return "a rejected second load added rules";
  return "";
}

std::string checkAnalysis(const std::string &Source) {
  bool Cxx = Source.rfind("//c++", 0) == 0;
  TUResult R = analyzeText(Source, Cxx);
  if (!R.Analysed && R.Problems.empty())
    return "not analysed, and no problem reported";
  std::vector<TextEdit> Edits;
  for (const Finding &F : Judge(analysisRules()).judgeAll(R.Facts)) {
    if (F.Line == 0 || F.Column == 0 || F.CallLine == 0 || F.CallColumn == 0)
      return "a finding without a position: " + F.Message;
    Edits.insert(Edits.end(), F.Fixes.begin(), F.Fixes.end());
  }
  FixPlan Plan = planFixes(Edits);
  if (!Plan.Conflicts.empty())
    return "conflicting fix-its at offset " +
           std::to_string(Plan.Conflicts.front().Offset);
  std::string Fixed;
  if (!applyEdits(Source, Plan.Files[R.File], Fixed))
    return "a fix-it lies outside the file";
  if (Plan.Files[R.File].empty() || !R.Problems.empty())
    return "";
  TUResult Again = analyzeText(Fixed, Cxx);
  if (!Again.Problems.empty())
    return "the fixed source does not compile: " +
           Again.Problems.front().Message;
  return "";
}

bool isOffLimits(const std::string &Source) {
  return Source.find("__debug") != std::string::npos ||
         Source.find("/dev/") != std::string::npos ||
         Source.find("/proc/") != std::string::npos;
}

void abortOnProblem(const char *Fuzzer, const std::string &Problem) {
  if (Problem.empty())
    return;
  std::fprintf(stderr, "retcheck %s fuzzer: %s\n", Fuzzer, Problem.c_str());
  std::abort();
}

} // namespace fuzz
} // namespace retcheck
