//===- JsonReport.h - The JSON result format (version 1) ------------------===//
//
// One object per run: findings, translation units that could not be
// analysed, statistics. See README.md for the schema. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_JSONREPORT_H
#define RETCHECK_CORE_JSONREPORT_H

#include "Finding.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

struct RunStats {
  unsigned TranslationUnits = 0; ///< compile commands analysed
  unsigned Files = 0;            ///< distinct main files
  unsigned Failed = 0;           ///< TUs with a problem
  unsigned Skipped = 0;          ///< proved free of rule calls, not parsed
  unsigned Baselined = 0;        ///< findings suppressed by --baseline
  unsigned Jobs = 0;
  double Seconds = 0;
};

struct RunResult {
  std::vector<Finding> Findings;
  std::vector<TUProblem> Problems;
  RunStats Stats;
};

std::string toJson(const RunResult &Result);

/// GitLab Code Quality JSON (merge request widget).
std::string toCodeQualityJson(const std::vector<Finding> &Findings);

/// A baseline: the fingerprints of accepted findings (--write-baseline).
std::string toBaselineJson(const std::vector<Finding> &Findings);
/// Reads a baseline; nullopt and \p Error when the text is not one.
std::optional<std::set<std::string>> parseBaselineJson(const std::string &Text,
                                                       std::string &Error);

} // namespace retcheck

#endif
