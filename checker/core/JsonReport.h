//===- JsonReport.h - The JSON result format (version 1) ------------------===//
//
// One object per run: findings, translation units that could not be
// analysed, statistics. See README.md for the schema. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_JSONREPORT_H
#define RETCHECK_CORE_JSONREPORT_H

#include "Finding.h"

#include <string>
#include <vector>

namespace retcheck {

struct RunStats {
  unsigned TranslationUnits = 0; ///< compile commands analysed
  unsigned Files = 0;            ///< distinct main files
  unsigned Failed = 0;           ///< TUs with a problem
  unsigned Skipped = 0;          ///< proved free of rule calls, not parsed
  unsigned Jobs = 0;
  double Seconds = 0;
};

struct RunResult {
  std::vector<Finding> Findings;
  std::vector<TUProblem> Problems;
  RunStats Stats;
};

std::string toJson(const RunResult &Result);

} // namespace retcheck

#endif
