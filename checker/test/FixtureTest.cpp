// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Runs the analysis on every fixture under fixtures/ through the pipeline
// every front end uses (pipeline/TUPipeline.h), and compares findings and fixed
// text exactly with what the fixture writes beside itself:
//   // RETCHECK-ARGS: <extra clang args>     (optional)
//   // RETCHECK-RULES: <rules file>          (optional, repeatable)
//   // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: <message> [<check>]
//   (`note:` for a finding of severity note)
//   <name>.c.fixed: the whole file after all fix-its (when there are any)
//   // CHECK-REPAIR: :[[@LINE-1]]:7: <note message>
//     a verified repair, a note at the call (every one offered is listed)
//   // CHECK-NO-REPAIR: :[[@LINE-1]]:7: <why>
//     the finding there has no repair, for this reason (a substring)
//   <name>.c.fixed-notes: the whole file after --fix-notes (fix-its, and the
//     repairs of findings without fix-its), when any repair is offered

#include "contracts/Rules.h"
#include "output/FixApplier.h"
#include "pipeline/TUPipeline.h"
#include "rank/Rank.h"

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
  std::string Level, Message, Check;
  std::string str() const {
    return std::to_string(Line) + ":" + std::to_string(Column) + ": " + Level +
           ": " + Message + " [" + Check + "]";
  }
};

/// A CHECK-REPAIR or CHECK-NO-REPAIR line.
struct ExpectedRepair {
  unsigned Line, Column;
  std::string Text;
  std::string str() const {
    return std::to_string(Line) + ":" + std::to_string(Column) + ": " + Text;
  }
};

/// A CHECK-RANK line: the finding there ranks below or at least Bound, and
/// gives a reason containing Reason (`not REASON`: gives none).
struct ExpectedRank {
  unsigned Line, Column;
  bool Below;
  unsigned Bound;
  std::string Reason;
  std::string str() const {
    return std::to_string(Line) + ":" + std::to_string(Column) + ": " +
           (Below ? "below " : "at least ") + std::to_string(Bound) +
           (Reason.empty() ? "" : ", " + Reason);
  }
};

struct Fixture {
  std::string Path, Text;
  /// RETCHECK-RANKED: the rank decides the levels, as in a run; without it
  /// every finding is a warning unless its rule says note (the fixtures
  /// test what is found, rank/ fixtures how it ranks).
  bool Ranked = false;
  std::vector<ExpectedRank> Ranks;
  std::vector<std::string> Args;
  std::vector<std::string> RulesFiles;
  std::vector<Expected> Messages;
  std::vector<ExpectedRepair> Repairs, NoRepairs;
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
  Fixture F{Path, readFile(Path), false, {}, {}, {}, {}, {}, {}};
  static const std::regex Rank(
      R"(CHECK-RANK: :\[\[@LINE([+-]\d+)?\]\]:(\d+): (below|at least) (\d+)(, (.*\S))?\s*$)");
  static const std::regex Message(
      R"(CHECK-MESSAGES: :(\[\[@LINE([+-]\d+)?\]\]|\d+):(\d+): (warning|note): (.*) \[([a-z-]+)\]\s*$)");
  static const std::regex Repair(
      R"(CHECK-(NO-)?REPAIR: :\[\[@LINE([+-]\d+)?\]\]:(\d+): (.*\S)\s*$)");
  std::istringstream In(F.Text);
  unsigned LineNo = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++LineNo;
    std::smatch M;
    if (auto P = Line.find("RETCHECK-ARGS:"); P != std::string::npos)
      for (const std::string &A : split(Line.substr(P + 14)))
        F.Args.push_back(A);
    if (Line.find("RETCHECK-RANKED") != std::string::npos) {
      F.Ranked = true;
      continue;
    }
    if (std::regex_search(Line, M, Rank)) {
      F.Ranks.push_back({LineNo + (M[1].matched ? std::stoi(M[1]) : 0),
                         static_cast<unsigned>(std::stoul(M[2])),
                         M[3] == "below",
                         static_cast<unsigned>(std::stoul(M[4])),
                         M[6].matched ? M[6].str() : ""});
      continue;
    } else if (Line.find("CHECK-RANK") != std::string::npos) {
      FAIL("malformed CHECK-RANK line " << Path << ":" << LineNo);
    }
    if (auto P = Line.find("RETCHECK-RULES:"); P != std::string::npos)
      for (const std::string &R : split(Line.substr(P + 15)))
        F.RulesFiles.push_back(SourceDir + "/" + R);
    if (std::regex_search(Line, M, Message)) {
      unsigned Target = M[1].str()[0] == '['
                            ? LineNo + (M[2].matched ? std::stoi(M[2]) : 0)
                            : std::stoul(M[1]);
      F.Messages.push_back(
          {Target, static_cast<unsigned>(std::stoul(M[3])), M[4], M[5], M[6]});
    } else if (Line.find("CHECK-MESSAGES") != std::string::npos) {
      FAIL("malformed CHECK-MESSAGES line " << Path << ":" << LineNo);
    } else if (std::regex_search(Line, M, Repair)) {
      ExpectedRepair R{LineNo + (M[2].matched ? std::stoi(M[2]) : 0),
                       static_cast<unsigned>(std::stoul(M[3])), M[4]};
      (M[1].matched ? F.NoRepairs : F.Repairs).push_back(R);
    } else if (Line.find("REPAIR:") != std::string::npos) {
      FAIL("malformed CHECK-REPAIR line " << Path << ":" << LineNo);
    }
  }
  if (F.RulesFiles.empty())
    F.RulesFiles.push_back(SourceDir + "/rules/qemu.json");
  return F;
}

/// As every front end does (TUPipeline): parsed, judged, ranked, and the
/// proposed repairs verified by parsing the file again with each applied.
TUOutcome analyze(const Fixture &F, const std::string &File) {
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
  RankOptions Ranking;
  Ranking.SourceRoot = SourceDir;
  if (!F.Ranked)
    Ranking.WarnAt = 0;
  return TUPipeline(Rules).analyze(C, Ranking);
}

/// \p Text with \p Edits applied (they must not conflict).
std::string applied(const std::string &Path, const std::string &Text,
                    const std::vector<TextEdit> &Edits) {
  FixPlan Plan = planFixes(Edits);
  CHECK(Plan.Conflicts.empty());
  std::string Fixed;
  REQUIRE(applyEdits(Text, Plan.Files[Path], Fixed));
  return Fixed;
}

/// Writes \p Text as a file named like \p Path in a fresh directory and
/// analyses it as the fixture.
TUOutcome analyzeText(const Fixture &F, const std::string &Path,
                      const std::string &Text) {
  char Dir[] = "/tmp/retcheck-fixture-XXXXXX";
  REQUIRE(mkdtemp(Dir));
  std::string Copy = std::string(Dir) + Path.substr(Path.find_last_of('/'));
  std::ofstream(Copy, std::ios::binary) << Text;
  TUOutcome Again = analyze(F, Copy);
  std::remove(Copy.c_str());
  rmdir(Dir);
  return Again;
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
      TUOutcome R = analyze(F, Path);
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
                     E.Level == severityName(Got.Level) &&
                     Got.Message.find(E.Message) != std::string::npos;
            });
        if (Match == Missing.end())
          Unexpected.push_back(std::to_string(Got.Line) + ":" +
                               std::to_string(Got.Column) + ": " +
                               severityName(Got.Level) + ": " + Got.Message +
                               " [" + checkName(Got.Check) + "]");
        else
          Missing.erase(Match);
      }
      for (const std::string &U : Unexpected)
        FAIL_CHECK("unexpected finding " << U);
      for (const Expected &M : Missing)
        FAIL_CHECK("expected finding not reported: " << M.str());

      // Ranks: each CHECK-RANK line's finding ranks so, for that reason.
      for (const ExpectedRank &E : F.Ranks) {
        auto Got = std::find_if(
            R.Findings.begin(), R.Findings.end(), [&](const Finding &G) {
              return G.Line == E.Line && G.Column == E.Column;
            });
        if (Got == R.Findings.end()) {
          FAIL_CHECK("no finding for CHECK-RANK " << E.str());
          continue;
        }
        bool Bound = E.Below ? Got->Rank < E.Bound : Got->Rank >= E.Bound;
        llvm::StringRef Wanted = E.Reason;
        bool Absent = Wanted.consume_front("not ");
        bool Given =
            std::any_of(Got->RankSignals.begin(), Got->RankSignals.end(),
                        [&](const RankSignal &S) {
                          return llvm::StringRef(S.Why).contains(Wanted);
                        });
        bool Reason = E.Reason.empty() || Given != Absent;
        std::string Reasons;
        for (const RankSignal &S : Got->RankSignals)
          Reasons += "\n  " + rankReason(S);
        if (!Bound || !Reason)
          FAIL_CHECK("CHECK-RANK " << E.str() << ": ranks " << Got->Rank
                                   << Reasons);
      }

      // Repairs: each offered one listed, each listed reason given.
      std::vector<ExpectedRepair> MissingRepairs = F.Repairs;
      for (const Finding &Got : R.Findings)
        for (const FindingNote &N : Got.Notes) {
          auto Match =
              std::find_if(MissingRepairs.begin(), MissingRepairs.end(),
                           [&](const ExpectedRepair &E) {
                             return E.Line == N.Line && E.Column == N.Column &&
                                    N.Message.find(E.Text) != std::string::npos;
                           });
          if (Match == MissingRepairs.end())
            FAIL_CHECK("unexpected repair " << N.Line << ":" << N.Column << ": "
                                            << N.Message);
          else
            MissingRepairs.erase(Match);
        }
      for (const ExpectedRepair &E : MissingRepairs)
        FAIL_CHECK("expected repair not offered: " << E.str());
      for (const ExpectedRepair &E : F.NoRepairs) {
        auto Got = std::find_if(
            R.Findings.begin(), R.Findings.end(), [&](const Finding &G) {
              return G.Line == E.Line && G.Column == E.Column;
            });
        if (Got == R.Findings.end())
          FAIL_CHECK("no finding at " << E.str());
        else
          CHECK_THAT(Got->NoRepair, Catch::Matchers::Contains(E.Text));
      }

      std::vector<TextEdit> Edits, WithNotes;
      for (const Finding &Got : R.Findings) {
        Edits.insert(Edits.end(), Got.Fixes.begin(), Got.Fixes.end());
        if (const std::vector<TextEdit> *Chosen = chooseFixes(Got, true))
          WithNotes.insert(WithNotes.end(), Chosen->begin(), Chosen->end());
      }

      // --fix-notes: the repairs applied compile, and what they repaired
      // is gone.
      std::string NotesPath = Path + ".fixed-notes";
      if (WithNotes.size() == Edits.size()) {
        INFO("no repair is offered but there is " << NotesPath);
        CHECK_FALSE(exists(NotesPath));
      } else if (!exists(NotesPath)) {
        FAIL_CHECK("repairs were offered but there is no " << NotesPath);
      } else {
        std::string Repaired = applied(Path, F.Text, WithNotes);
        CHECK(Repaired == readFile(NotesPath));
        TUOutcome Again = analyzeText(F, Path, Repaired);
        CHECK(Again.TU.Problems.empty());
        for (const Finding &Got : Again.Findings) {
          INFO("after --fix-notes: " << Got.Line << ":" << Got.Column << ": "
                                     << Got.Message);
          CHECK(Got.Notes.empty());
          CHECK(Got.Check != CheckKind::MinusOneCheck);
        }
        // What is left had neither a fix-it nor a repair (a repair may
        // repair another finding too).
        auto Keys = [](const std::vector<Finding> &Findings, bool Unfixed) {
          std::vector<std::string> Out;
          for (const Finding &G : Findings)
            if (!Unfixed || (G.Fixes.empty() && G.Notes.empty()))
              Out.push_back(std::string(checkName(G.Check)) + " " + G.Message);
          std::sort(Out.begin(), Out.end());
          return Out;
        };
        std::vector<std::string> Left = Keys(Again.Findings, false),
                                 Unfixed = Keys(R.Findings, true);
        CHECK(std::includes(Unfixed.begin(), Unfixed.end(), Left.begin(),
                            Left.end()));
      }

      std::string Fixed = applied(Path, F.Text, Edits);
      std::string FixedPath = Path + ".fixed";
      if (!exists(FixedPath)) {
        INFO("fix-its were produced but there is no " << FixedPath);
        CHECK(Edits.empty());
        continue;
      }
      CHECK(Fixed == readFile(FixedPath));

      // The fixed file must compile and have no -1 checks left.
      TUOutcome Again = analyzeText(F, Path, Fixed);
      CHECK(Again.TU.Problems.empty());
      for (const Finding &Got : Again.Findings)
        CHECK(Got.Check != CheckKind::MinusOneCheck);
    }
  }
}
