// Runs the analysis on every fixture under fixtures/ through the entry point
// the CLI uses, and compares findings and fixed text exactly with what the
// fixture writes beside itself:
//   // RETCHECK-ARGS: <extra clang args>     (optional)
//   // RETCHECK-RULES: <rules file>          (optional, repeatable)
//   // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: <message> [<check>]
//   <name>.c.fixed: the whole file after all fix-its (when there are any)

#include "output/FixApplier.h"
#include "contracts/Rules.h"
#include "judge/Judge.h"
#include "run/TUAnalysis.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace retcheck;

namespace {

const std::string SourceDir = RETCHECK_SOURCE_DIR;

struct Expected {
  unsigned Line, Column;
  std::string Message, Check;
  std::string str() const {
    return std::to_string(Line) + ":" + std::to_string(Column) + ": " +
           Message + " [" + Check + "]";
  }
};

struct Fixture {
  std::string Path, Text;
  std::vector<std::string> Args;
  std::vector<std::string> RulesFiles;
  std::vector<Expected> Messages;
};

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

bool exists(const std::string &Path) {
  struct stat St;
  return stat(Path.c_str(), &St) == 0;
}

std::vector<std::string> split(const std::string &S) {
  std::istringstream In(S);
  std::vector<std::string> Out;
  for (std::string W; In >> W;)
    Out.push_back(W);
  return Out;
}

Fixture parseFixture(const std::string &Path) {
  Fixture F{Path, readFile(Path), {}, {}, {}};
  static const std::regex Message(
      R"(CHECK-MESSAGES: :(\[\[@LINE([+-]\d+)?\]\]|\d+):(\d+): warning: (.*) \[([a-z-]+)\]\s*$)");
  std::istringstream In(F.Text);
  unsigned LineNo = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++LineNo;
    std::smatch M;
    if (auto P = Line.find("RETCHECK-ARGS:"); P != std::string::npos)
      for (const std::string &A : split(Line.substr(P + 14)))
        F.Args.push_back(A);
    if (auto P = Line.find("RETCHECK-RULES:"); P != std::string::npos)
      for (const std::string &R : split(Line.substr(P + 15)))
        F.RulesFiles.push_back(SourceDir + "/" + R);
    if (std::regex_search(Line, M, Message)) {
      unsigned Target = M[1].str()[0] == '['
                            ? LineNo + (M[2].matched ? std::stoi(M[2]) : 0)
                            : std::stoul(M[1]);
      F.Messages.push_back(
          {Target, static_cast<unsigned>(std::stoul(M[3])), M[4], M[5]});
    } else if (Line.find("CHECK-MESSAGES") != std::string::npos) {
      FAIL("malformed CHECK-MESSAGES line " << Path << ":" << LineNo);
    }
  }
  if (F.RulesFiles.empty())
    F.RulesFiles.push_back(SourceDir + "/rules/qemu.json");
  return F;
}

struct Analysis {
  TUResult TU;
  std::vector<Finding> Findings;
};

Analysis analyze(const Fixture &F, const std::string &File) {
  RuleSet Rules;
  for (const std::string &R : F.RulesFiles) {
    auto E = loadRulesFile(R, Rules);
    INFO(F.Path << ": " << (E ? E->str() : ""));
    REQUIRE_FALSE(E.has_value());
  }
  bool Cxx = File.size() > 4 && File.substr(File.size() - 4) == ".cpp";
  std::vector<std::string> Command{Cxx ? "clang++" : "clang", "-fsyntax-only",
                                   Cxx ? "-std=gnu++17" : "-std=gnu11",
                                   "-I" + SourceDir + "/fixtures/include"};
  Command.insert(Command.end(), F.Args.begin(), F.Args.end());
  Command.push_back(File);
  clang::tooling::CompileCommand C(SourceDir, File, Command, "");
  Analysis A;
  A.TU = analyzeCompileCommand(C, scopeOf(Rules));
  A.Findings = Judge(Rules).judgeAll(A.TU.Facts);
  return A;
}

std::vector<std::string> fixtureFiles() {
  std::vector<std::string> Files;
  std::string Dir = SourceDir + "/fixtures";
  if (DIR *D = opendir(Dir.c_str())) {
    while (dirent *E = readdir(D)) {
      std::string Name = E->d_name;
      auto EndsWith = [&](const std::string &S) {
        return Name.size() > S.size() &&
               Name.compare(Name.size() - S.size(), S.size(), S) == 0;
      };
      if (EndsWith(".c") || EndsWith(".cpp"))
        Files.push_back(Dir + "/" + Name);
    }
    closedir(D);
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

} // namespace

TEST_CASE("fixtures: findings and fixed text are exactly as written",
          "[fixtures]") {
  std::vector<std::string> Files = fixtureFiles();
  REQUIRE(Files.size() >= 10);
  for (const std::string &Path : Files) {
    DYNAMIC_SECTION(Path.substr(SourceDir.size() + 1)) {
      Fixture F = parseFixture(Path);
      Analysis R = analyze(F, Path);
      for (const TUProblem &P : R.TU.Problems)
        FAIL_CHECK(P.Kind << ": " << P.Message);
      REQUIRE(R.TU.Analysed);

      std::vector<std::string> Unexpected;
      std::vector<Expected> Missing = F.Messages;
      for (const Finding &Got : R.Findings) {
        CHECK(Got.File == Path);
        auto Match = std::find_if(
            Missing.begin(), Missing.end(), [&](const Expected &E) {
              return E.Line == Got.Line && E.Column == Got.Column &&
                     E.Check == checkName(Got.Check) &&
                     Got.Message.find(E.Message) != std::string::npos;
            });
        if (Match == Missing.end())
          Unexpected.push_back(std::to_string(Got.Line) + ":" +
                               std::to_string(Got.Column) + ": " + Got.Message +
                               " [" + checkName(Got.Check) + "]");
        else
          Missing.erase(Match);
      }
      for (const std::string &U : Unexpected)
        FAIL_CHECK("unexpected finding " << U);
      for (const Expected &M : Missing)
        FAIL_CHECK("expected finding not reported: " << M.str());

      std::vector<TextEdit> Edits;
      for (const Finding &Got : R.Findings)
        Edits.insert(Edits.end(), Got.Fixes.begin(), Got.Fixes.end());
      FixPlan Plan = planFixes(Edits);
      CHECK(Plan.Conflicts.empty());
      std::string Fixed;
      REQUIRE(applyEdits(F.Text, Plan.Files[Path], Fixed));
      std::string FixedPath = Path + ".fixed";
      if (!exists(FixedPath)) {
        INFO("fix-its were produced but there is no " << FixedPath);
        CHECK(Edits.empty());
        continue;
      }
      CHECK(Fixed == readFile(FixedPath));

      // The fixed file must compile and have no -1 checks left.
      char Dir[] = "/tmp/retcheck-fixture-XXXXXX";
      REQUIRE(mkdtemp(Dir));
      std::string Copy = std::string(Dir) + Path.substr(Path.find_last_of('/'));
      std::ofstream(Copy, std::ios::binary) << Fixed;
      Analysis Again = analyze(F, Copy);
      std::remove(Copy.c_str());
      rmdir(Dir);
      CHECK(Again.TU.Problems.empty());
      for (const Finding &Got : Again.Findings)
        CHECK(Got.Check != CheckKind::MinusOneCheck);
    }
  }
}
