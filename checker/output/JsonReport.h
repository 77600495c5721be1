//===- JsonReport.h - The JSON result format (version 1) ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One object per run: findings, translation units that could not be
// analysed, statistics. See README.md for the schema. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_JSONREPORT_H
#define RETCHECK_CORE_JSONREPORT_H

#include "judge/CallerTally.h"
#include "judge/Finding.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

/// What one run did with its result cache (--cache-dir).
struct CacheStats {
  unsigned Hits = 0;      ///< results served from the cache
  unsigned Misses = 0;    ///< looked up and not found, or out of date
  unsigned Stores = 0;    ///< results written
  unsigned Corrupt = 0;   ///< unreadable entries, ignored (and rewritten)
  unsigned Unsettled = 0; ///< not stored: a file changed just before or
                          ///< during the run
  unsigned Evicted = 0;   ///< entries removed to keep the size bound
  unsigned EvictedUsed = 0; ///< of those, entries this run stored or served
  bool ReadOnly = false;  ///< the folder could not be written
};

struct RunStats {
  unsigned TranslationUnits = 0; ///< compile commands analysed
  unsigned Files = 0;            ///< distinct main files
  unsigned Failed = 0;           ///< TUs with a problem
  unsigned Skipped = 0;          ///< proved free of rule calls, not parsed
  unsigned Baselined = 0;        ///< findings suppressed by --baseline
  unsigned Jobs = 0;
  double Seconds = 0;
  /// Set when the run used a cache; not added up across results.
  std::optional<CacheStats> Cache;
  /// Repairs proposed and offered after verification; what verifying cost.
  unsigned RepairsProposed = 0, RepairsOffered = 0, RepairParses = 0;
  double RepairSeconds = 0;

  /// Adds up the statistics of two parts of one run (shards, trees).
  RunStats &operator+=(const RunStats &O) {
    TranslationUnits += O.TranslationUnits;
    Files += O.Files;
    Failed += O.Failed;
    Skipped += O.Skipped;
    Baselined += O.Baselined;
    Jobs = Jobs > O.Jobs ? Jobs : O.Jobs;
    Seconds += O.Seconds;
    RepairsProposed += O.RepairsProposed;
    RepairsOffered += O.RepairsOffered;
    RepairParses += O.RepairParses;
    RepairSeconds += O.RepairSeconds;
    return *this;
  }
};

/// The directory that relative paths and fingerprints are relative to.
struct SourceRootInfo {
  std::string Path;
  /// Its place in its git work tree ("." at the top, "src" below it);
  /// unknown outside git. Fingerprints from two machines compare when this
  /// agrees, whatever the absolute paths.
  std::optional<std::string> InRepository;
};

struct RunResult {
  std::vector<Finding> Findings;
  std::vector<TUProblem> Problems;
  RunStats Stats;
  /// How each function's calls were handled, and the rank at which a
  /// finding became a warning: what merged shards are ranked again with.
  CallerTally Tally;
  unsigned WarningRank = 50;
  /// The directory relative_file and fingerprints are relative to.
  std::string SourceRoot;
  std::optional<std::string> SourceRootInRepository;
  /// retcheck's version that wrote it ("" for results that do not say).
  std::string ToolVersion;

  SourceRootInfo root() const { return {SourceRoot, SourceRootInRepository}; }
};

std::string toJson(const RunResult &Result);

/// One tree's part of a result document. A plain result (`retcheck --format
/// json`) holds one, unlabelled; a merged one (`retcheck report`) one per
/// tree, each with its label and the files it was merged from.
struct TreeResult {
  std::string Label;
  std::vector<std::string> Inputs;
  RunResult Run;
  /// Every finding records its byte offset and relative_file, so a report
  /// can tell whether the source still reads as it did when analysed
  /// (results written before those fields existed cannot).
  bool Verifiable = true;
};

/// A merged document: the version-1 fields over all trees, plus "trees" and
/// a "tree" label on each finding and error.
std::string toMergedJson(const std::vector<TreeResult> &Trees);
/// The same as a JSON value, for `retcheck report` to add to; findingDocument
/// is one finding as in "findings", dumpDocument the text of a document.
nlohmann::ordered_json mergedDocument(const std::vector<TreeResult> &Trees);
nlohmann::ordered_json findingDocument(const Finding &F);
std::string dumpDocument(const nlohmann::ordered_json &Doc);

/// Reads a result or a merged result, checking its shape. On failure returns
/// nullopt and says what is wrong in \p Error ("not a retcheck result: ...",
/// "invalid JSON at byte N: ...", "findings[3].line: expected ...").
std::optional<std::vector<TreeResult>> parseResultJson(const std::string &Text,
                                                       std::string &Error);
/// The same for a file; \p Error then starts with \p Path.
std::optional<std::vector<TreeResult>> readResultFile(const std::string &Path,
                                                      std::string &Error);

/// GitLab Code Quality JSON (merge request widget).
std::string toCodeQualityJson(const std::vector<Finding> &Findings);

/// A baseline: the fingerprints of accepted findings (--write-baseline),
/// with the source root they are relative to.
struct Baseline {
  std::set<std::string> Fingerprints;
  SourceRootInfo Root;            ///< Path "" in baselines without it
  std::vector<std::string> Files; ///< relative files of the findings
};
std::string toBaselineJson(const std::vector<Finding> &Findings,
                           const SourceRootInfo &Root);
/// Reads a baseline; nullopt and \p Error when the text is not one.
std::optional<Baseline> parseBaselineJson(const std::string &Text,
                                          std::string &Error);

/// Why findings recorded under \p Then (a baseline, an older result) may
/// not match those of \p Now by fingerprint, or "" when nothing says so:
/// their places in their git work trees differ, or the recorded relative
/// paths of one are those of the other under a common prefix ("src/hw/x.c"
/// against "hw/x.c").
std::string sourceRootMismatch(const SourceRootInfo &Then,
                               const std::vector<std::string> &ThenFiles,
                               const SourceRootInfo &Now,
                               const std::vector<std::string> &NowFiles);

} // namespace retcheck

#endif
