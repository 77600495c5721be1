//===- RunAnalysis.h - A run's analysis: TUs to judged findings -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The middle stages of a run, shared by the command line and the language
// server: every translation unit analysed (from the cache, else in worker
// processes, with an editor's unsaved buffers over the files), judged and
// ranked into the findings its configuration reports, and the proposed
// repairs verified. What comes before (reading the inputs: cli/RunInputs.h)
// and after (outputs, fixes, the exit code) belongs to each front end.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_PIPELINE_RUNANALYSIS_H
#define RETCHECK_PIPELINE_RUNANALYSIS_H

#include "RunInputs.h"
#include "RunOptions.h"
#include "TUPipeline.h"

#include "judge/CallerTally.h"
#include "judge/Judge.h"
#include "output/JsonReport.h"
#include "run/FactsArtifact.h"
#include "run/FactsSpool.h"
#include "run/TUAnalysis.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

/// The results of a run's translation units, in AnalysisInputs::Commands'
/// order.
struct Analysis {
  std::vector<TUResult> Results;
  /// A run that infers and judges: every TU's facts as analysed, read back
  /// when the TU is judged; Results hold only what inference reads, and
  /// none once the contracts are known.
  std::unique_ptr<FactsSpool> Spool;
  /// Why the spool could not be written or read back (the run stops).
  std::string SpoolError;
  unsigned Jobs = 0;
  double Seconds = 0;

  /// TU \p I's result with all its facts: Results[I], or read back from the
  /// spool into \p Read. nullptr when it does not read back.
  const TUResult *whole(std::size_t I, std::optional<TUResult> &Read) const;
};

/// Analyses every TU of \p In: from the cache when it has the TU's result,
/// else in worker processes. A run that infers keeps in memory only what
/// inference reads of each TU's facts, and, when it also judges, the rest
/// in a spool (run/FactsSpool.h). \p OnResult, when given, sees each TU's
/// result (its facts seen in an earlier TU dropped) as it arrives. With unsaved
/// buffers (In.Unsaved), every TU is parsed, with them.
/// \p Whole, when given, sees each TU's result first, before any of its
/// facts is dropped as seen, and may take them (a map stage writes them out).
Analysis analyzeTranslationUnits(
    const AnalysisInputs &In, const RunOptions &O,
    llvm::function_ref<void(std::size_t, const TUResult &)> OnResult = nullptr,
    llvm::function_ref<void(std::size_t, TUResult &)> Whole = nullptr);

/// What the facts of \p In's analysis hold (the rules sets' scopes): a map
/// stage's facts serve a judge stage only with the same.
std::string analysisScopeKey(const AnalysisInputs &In, const RunOptions &O);

/// A judge stage's analysis: the results of \p In's TUs read from a map
/// stage's \p Facts, each TU's facts kept as \p Plan says (every TU of the
/// tree deduplicated in the unsharded run's order). nullopt and a one-line
/// \p Error when the facts are not those of \p In's TUs or do not decode.
std::optional<Analysis> analysisFromFacts(const AnalysisInputs &In,
                                          const FactsReader &Facts,
                                          const JudgePlan::ShardPlan &Plan,
                                          std::string &Error);

/// What a run gathered beyond its result.
struct Gathered {
  RunResult Run;
  std::set<std::string> DeclaredRuleFunctions;
  /// --changed-since: problems of TUs the change cannot reach.
  std::vector<TUProblem> Unreached;
  /// The first TU (command index) that yields each finding (findingId).
  std::map<std::string, std::size_t> Origins;
};

/// Judges translation units one at a time into the findings their
/// configuration reports: after the analysis, or as each TU is done when
/// findings are streamed.
class TUJudge {
public:
  TUJudge(const AnalysisInputs &In, const RunOptions &O);
  ~TUJudge();

  /// The findings of TU \p I, its calls counted into \p Tally.
  std::vector<Finding> judge(std::size_t I, const TUResult &R,
                             CallerTally &Tally) const;

  /// \p Found, ranked against \p Tally, as TU \p I's configuration reports
  /// them (confident enough, touched by the change with --changed-since),
  /// sorted.
  std::vector<Finding> report(std::size_t I, const TUResult &R,
                              std::vector<Finding> Found,
                              const CallerTally &Tally);

private:
  const AnalysisInputs &In;
  double MinConfidence;
  /// Per rules set.
  std::vector<TUPipeline> Pipelines;
  RankOptions Ranking;
  /// --changed-since: the sources, read once.
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Texts;
};

/// Findings of every TU that its configuration reports, each once, touched
/// by the change only with --changed-since, fingerprinted; problems of
/// every TU, each once. \p Judged holds the findings of the TUs judged as
/// they were done (streaming); the others are judged here.
/// \p RankWith, when given, ranks the findings instead of the tally of \p
/// A's TUs (a judge stage: the whole tree's, from the reduce); the result
/// keeps A's own.
Gathered
gatherFindings(Analysis &A, const AnalysisInputs &In, const RunOptions &O,
               std::vector<std::optional<std::vector<Finding>>> &Judged,
               const CallerTally *RankWith = nullptr);

/// Verifies every proposed repair in a worker process, by parsing the TU
/// that yields its finding again with the repair applied; only verified
/// repairs stay, as notes. The TUs are parsed again as they were analysed.
/// Verdicts are cached like results: a TU, its contracts and its repairs
/// unchanged are not parsed again.
/// \p Stream, when given, receives each TU's findings once its repairs
/// are verified.
void verifyRepairsInWorkers(
    RunResult &Run, const AnalysisInputs &In, const RunOptions &O,
    const std::map<std::string, std::size_t> &Origins,
    llvm::function_ref<void(const std::vector<const Finding *> &)> Stream =
        nullptr);

} // namespace retcheck

#endif
