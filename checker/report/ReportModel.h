//===- ReportModel.h - Many results merged into one report ----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `retcheck report` reads JSON results (shards of one run, runs on different
// trees, earlier merged reports) and merges them by tree: a tree is named by
// a label, given by the user (LABEL=FILE), carried by a merged result, or
// derived from the source root. Within a tree, findings with the same
// fingerprint are one finding, so shards of a run merge into exactly the
// unsharded run. With --compare, each tree's findings are matched against an
// older result of the same tree by fingerprint: new, unchanged, fixed; a new
// and a fixed finding at the same call are one changed finding.
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
  Unchanged, ///< in both (same fingerprint)
  Changed,   ///< reported at the same call by the older result, differently
  Fixed,     ///< only in the older result
};
const char *statusName(FindingStatus S); ///< "new", "fixed", ...

struct ReportFinding {
  Finding F;
  std::size_t Tree = 0; ///< index into Report::Trees
  FindingStatus Status = FindingStatus::Current;
  bool Verifiable = true; ///< see TreeResult::Verifiable
  /// For Changed: the older result's finding at the same call.
  std::optional<Finding> Previous;
  /// Its MAINTAINERS section, when the report groups by them ("" for a file
  /// no section covers).
  std::string Section;
  /// Where --link-template points for it; "" for no link.
  std::string Link;
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
  /// Per tree: the MAINTAINERS file its sections come from; empty when the
  /// report does not group by them.
  std::vector<std::string> MaintainersFiles;
  /// --exclude-path patterns, and per tree the findings they left out.
  std::vector<std::string> ExcludedPaths;
  std::vector<unsigned> Excluded;

  bool compared() const;
  bool grouped() const { return !MaintainersFiles.empty(); }
  /// Findings of \p Tree (every tree when nullopt) with status \p S.
  unsigned count(std::optional<std::size_t> Tree, FindingStatus S) const;
  /// Findings that are there now (not fixed), per tree.
  std::vector<unsigned> currentPerTree() const;
};

/// The text of the line a finding's call is on, blanks collapsed, or "" when
/// it is unknown (the source cannot be read, or no longer reads as analysed;
/// the second argument is TreeResult::Verifiable).
using CallLineText = std::function<std::string(const Finding &, bool)>;

/// A report of \p Trees; with \p Old (merged the same way) compared: each old
/// tree is matched with the new tree of the same label, or, when both sides
/// hold a single tree, with that one. Fails when an old tree has no match.
///
/// Findings are matched by fingerprint first: in both, unchanged. Of the
/// rest, an older finding and a newer one are *changed* (one finding, the
/// newer with the older as Previous) when they are at the same call: the
/// same file (relative to the root) and called function, and, in this order
/// of preference, the same text on the call's line (\p CallText) and the
/// same enclosing function, the same call line text, or the same enclosing
/// function; each finding pairs once, in file order. What stays unpaired is
/// new or fixed.
std::optional<Report> buildReport(std::vector<TreeResult> Trees,
                                  const std::vector<TreeResult> *Old,
                                  std::string &Error,
                                  const CallLineText &CallText = {});

/// Current findings counted by \p Key, one count per tree, keys sorted.
std::map<std::string, std::vector<unsigned>>
tally(const Report &R, const std::function<std::string(const Finding &)> &Key);

/// Current findings counted by MAINTAINERS section ("(no section)" for a
/// file that none covers), one count per tree.
std::map<std::string, std::vector<unsigned>> tallySections(const Report &R);

/// Removes from \p Trees the findings and errors whose path relative to their
/// tree's root \p Excluded says; returns how many findings each tree lost.
std::vector<unsigned>
excludePaths(std::vector<TreeResult> &Trees,
             const std::function<bool(const std::string &)> &Excluded);

/// Why \p Template cannot be a --link-template, or "": it must be an
/// http(s) or file URL naming {path}, with no placeholder but {path},
/// {line} and {rev}.
std::string linkTemplateError(const std::string &Template);

/// \p Template with {path}, {line} and {rev} replaced, the path and the
/// revision percent-encoded; "" for a path outside the source root.
std::string expandLink(const std::string &Template, const std::string &Path,
                       unsigned Line, const std::string &Rev);

/// Indices of R.Findings in the order the reports list them, the findings
/// most likely to be acted on first: warnings before notes, then by rank,
/// highest first; ties keep R.Findings' order (tree, file and line).
std::vector<std::size_t> rankOrder(const Report &R);

/// The directory part of a finding's path relative to its root ("hw/mips"),
/// "." for a file at the root.
std::string directoryOf(const Finding &F);

} // namespace retcheck

#endif
