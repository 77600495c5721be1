// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Replays the inputs the fuzzers found (checker/fuzz/regress/) through the
// checks the fuzz targets make, in every build: the rules files must be
// rejected with a positioned error, the sources analysed without a crash,
// with fix-its that apply and, for a source that compiles, compile.

#include "FuzzChecks.h"
#include "contracts/Rules.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <sstream>

using namespace retcheck;

namespace {

const std::string RegressDir = RETCHECK_SOURCE_DIR "/checker/fuzz/regress";

std::vector<std::string> filesIn(const std::string &Dir) {
  std::vector<std::string> Files;
  if (DIR *D = opendir(Dir.c_str())) {
    while (dirent *E = readdir(D))
      if (E->d_name[0] != '.')
        Files.push_back(Dir + "/" + E->d_name);
    closedir(D);
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

} // namespace

TEST_CASE("rules files found by the fuzzer are rejected cleanly", "[fuzz]") {
  std::vector<std::string> Files = filesIn(RegressDir + "/rules");
  REQUIRE_FALSE(Files.empty());
  for (const std::string &Path : Files) {
    DYNAMIC_SECTION(Path.substr(RegressDir.size() + 1)) {
      CHECK(fuzz::checkRulesText(readFile(Path)) == "");
      RuleSet Rules;
      std::optional<RulesError> E = loadRulesFile(Path, Rules);
      REQUIRE(E.has_value());
      CHECK(E->Line > 0);
      CHECK(Rules.empty());
    }
  }
}

TEST_CASE("sources found by the fuzzers are analysed cleanly", "[fuzz]") {
  std::vector<std::string> Files = filesIn(RegressDir + "/analysis");
  REQUIRE_FALSE(Files.empty());
  for (const std::string &Path : Files)
    DYNAMIC_SECTION(Path.substr(RegressDir.size() + 1)) {
      CHECK(fuzz::checkAnalysis(readFile(Path)) == "");
    }
}
