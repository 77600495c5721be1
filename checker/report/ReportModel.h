//===- ReportModel.h - Many results merged into one report ----------------===//
//
// `retcheck report` reads JSON results (shards of one run, runs on different
// trees, earlier merged reports) and merges them by tree: a tree is named by
// a label, given by the user (LABEL=FILE), carried by a merged result, or
// derived from the source root. Within a tree, findings with the same
// fingerprint are one finding, so shards of a run merge into exactly the
// unsharded run. With --compare, each tree's findings are matched against an
// older result of the same tree by fingerprint: new, unchanged, fixed.
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_REPORTMODEL_H
#define RETCHECK_REPORT_REPORTMODEL_H

#include "output/JsonReport.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// One result file as read, with the label its user gave it (or none).
struct ReportInput {
  std::string Path;
  std::string Label;
  std::vector<TreeResult> Trees;
};

/// Merges \p Inputs into one TreeResult per label, in order of appearance:
/// findings sorted as the CLI sorts them and deduplicated by fingerprint,
/// errors deduplicated, statistics added up (a result file counted once, be
/// it given itself or through a merged result of it). Fails (nullopt,
/// \p Error) when a label is given to a file that holds several trees.
std::optional<std::vector<TreeResult>>
mergeResults(const std::vector<ReportInput> &Inputs, std::string &Error);

enum class FindingStatus {
  Current,   ///< no comparison was asked for
  New,       ///< not in the older result of its tree
  Unchanged, ///< in both
  Fixed,     ///< only in the older result
};
const char *statusName(FindingStatus S); ///< "new", "fixed", ...

struct ReportFinding {
  Finding F;
  std::size_t Tree = 0; ///< index into Report::Trees
  FindingStatus Status = FindingStatus::Current;
  bool Verifiable = true; ///< see TreeResult::Verifiable
};

/// What the report shows: the merged trees, their findings (and, when
/// compared, the fixed ones from the older results), and what was dropped.
struct Report {
  std::string Title;
  std::vector<TreeResult> Trees;
  /// Per tree: the older tree it was compared with ("" when not compared).
  std::vector<std::string> ComparedWith;
  std::vector<ReportFinding> Findings;
  /// Inputs skipped under --keep-going, each "path: reason".
  std::vector<std::string> Dropped;

  bool compared() const;
  /// Findings of \p Tree (every tree when nullopt) with status \p S.
  unsigned count(std::optional<std::size_t> Tree, FindingStatus S) const;
  /// Findings that are there now (not fixed), per tree.
  std::vector<unsigned> currentPerTree() const;
};

/// A report of \p Trees; with \p Old (merged the same way) compared: each old
/// tree is matched with the new tree of the same label, or, when both sides
/// hold a single tree, with that one. Fails when an old tree has no match.
std::optional<Report> buildReport(std::vector<TreeResult> Trees,
                                  const std::vector<TreeResult> *Old,
                                  std::string &Error);

/// Current findings counted by \p Key, one count per tree, keys sorted.
std::map<std::string, std::vector<unsigned>>
tally(const Report &R, const std::function<std::string(const Finding &)> &Key);

/// The directory part of a finding's path relative to its root ("hw/mips"),
/// "." for a file at the root.
std::string directoryOf(const Finding &F);

} // namespace retcheck

#endif
