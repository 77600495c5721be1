//===- RunInputs.h - What the analysis of a run works on ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The inputs of the shared stages (RunAnalysis.h), whatever front end read
// them: the compile commands, the rules of each, which of their findings
// are reported, the source root, the cache, an editor's unsaved buffers.
// The command line reads them from its options, the compile database and
// the .clang-tidy files (cli/RunInputs.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_PIPELINE_RUNINPUTS_H
#define RETCHECK_PIPELINE_RUNINPUTS_H

#include "CommandList.h"
#include "contracts/Rules.h"
#include "output/JsonReport.h"
#include "rank/Rank.h"
#include "run/ChangedLines.h"
#include "run/ResultCache.h"
#include "run/TUAnalysis.h"
#include "support/Checks.h"
#include "support/PathFilter.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace retcheck {

/// The checks of AllChecks that are enabled, one bit each.
using CheckMask = unsigned;
constexpr CheckMask checkBit(CheckKind K) { return 1u << unsigned(K); }

/// The headers whose findings a TU reports (clang-tidy's HeaderFilterRegex
/// and ExcludeHeaderFilterRegex): those that match Include and not
/// Exclude. A null regular expression matches nothing.
struct HeaderFilter {
  std::shared_ptr<llvm::Regex> Include, Exclude;

  /// Whether a finding in \p File, of the TU whose main file is \p MainFile,
  /// is kept (always in the main file).
  bool keepsFindingIn(llvm::StringRef File, llvm::StringRef MainFile) const;
};

/// clang-tidy's --line-filter: when it names files, only the listed lines
/// of the listed files (matched by the end of their path) are reported.
struct LineFilter {
  struct FileLines {
    std::string Name;
    /// Inclusive ranges; none: every line of the file.
    std::vector<std::pair<unsigned, unsigned>> Lines;
  };
  std::vector<FileLines> Files; ///< none: every line of every file

  bool allows(llvm::StringRef File, unsigned Line) const;
};

/// One set of rules in force, and the files it was read from.
struct LoadedRules {
  RuleSet Rules;
  std::vector<std::string> Files;
};

/// What the configuration says for one compile command.
struct TUSettings {
  unsigned Rules = 0;    ///< index in AnalysisInputs::RuleSets
  CheckMask Enabled = 0; ///< checks reported for this TU
  HeaderFilter Headers;  ///< headers whose findings it reports
};

struct AnalysisInputs {
  std::vector<LoadedRules> RuleSets;
  /// Held from the parse stage to the last repair verified: its strings
  /// shared (a whole tree's commands repeat the same flags).
  CommandList Commands;
  std::vector<TUSettings> Settings; ///< parallel to Commands
  /// Parallel to Commands: each one's place among the unsharded run's
  /// commands, of which there are UnshardedCount (--shard keeps some).
  std::vector<std::size_t> UnshardedIndex;
  std::size_t UnshardedCount = 0;
  /// Report paths and fingerprints are relative to this.
  SourceRootInfo SourceRoot;
  /// --exclude and .retcheckignore: paths relative to SourceRoot.
  PathFilter Excluded;
  LineFilter Lines;                    ///< --line-filter
  std::optional<ChangedLines> Changes; ///< --changed-since
  std::unique_ptr<ResultCache> Cache;  ///< --cache-dir
  /// --warning-rank, --low-rank-paths (the source root is set at rank time).
  RankOptions Ranking;
  /// An editor's unsaved buffers, read instead of the files on disk (the
  /// language server); the cache is not used with them.
  Overlay Unsaved;
};

/// Whether \p Path is excluded (--exclude, .retcheckignore).
bool excludedFile(const AnalysisInputs &In, const std::string &Path);

} // namespace retcheck

#endif
