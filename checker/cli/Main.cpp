//===- Main.cpp - The retcheck command line tool --------------------------===//
//
// retcheck [options] <files...> [-- <compiler args>]
// retcheck -p <build dir> [files...]
// retcheck report RESULT.json... -o DIR   (ReportCommand.h)
//
// A run is a few stages: read the inputs (rules, compile commands,
// baseline), analyse every translation unit in worker processes, gather
// the findings, write the outputs. Exit codes: Options.h and README.md.
//
//===----------------------------------------------------------------------===//

#include "Options.h"
#include "Progress.h"
#include "ReportCommand.h"
#include "RunInputs.h"
#include "RunOutputs.h"

#include "judge/Judge.h"
#include "output/Fingerprint.h"
#include "run/CallSiteFilter.h"
#include "run/ResultCache.h"
#include "run/TUAnalysis.h"
#include "run/TUResultCodec.h"
#include "run/WorkerPool.h"

#include "clang/Basic/Stack.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <map>

using namespace llvm;
using namespace retcheck;

namespace {

struct Analysis {
  std::vector<TUResult> Results;
  unsigned Jobs = 0;
  double Seconds = 0;
};

/// A TU that is not parsed: proved free of rule calls, or unchanged.
TUResult skippedResult(const clang::tooling::CompileCommand &C) {
  TUResult R;
  R.File = commandFile(C);
  R.Analysed = R.Skipped = true;
  return R;
}

/// A TU that reads no changed file cannot have a finding on a changed line.
bool readsChangedFile(const std::vector<std::string> &Files,
                      const ChangedLines &Changes) {
  return std::any_of(Files.begin(), Files.end(), [&](const std::string &F) {
    return Changes.fileChanged(F);
  });
}

/// What a cached result depends on besides its command, the files it read
/// and retcheck itself: which calls' facts are gathered (the prefilter's
/// verdict depends on the same names) and whether the prefilter ran. Not
/// the contracts: findings are judged from the facts in every run.
std::string cacheScope(const FactScope &Facts) {
  return Facts.key() + "; prefilter " + (opts::Prefilter ? "on" : "off");
}

/// Analyses every TU of \p In: from the cache when it has the TU's result,
/// else in worker processes.
Analysis analyzeTranslationUnits(const RunInputs &In) {
  auto Start = std::chrono::steady_clock::now();
  ResultCache *Cache = In.Cache.get();
  FactScope Facts = scopeOf(In.Rules);
  std::string Scope = cacheScope(Facts);
  Progress Bar(In.Commands.size());
  Analysis A;
  A.Results.resize(In.Commands.size());

  // Lookups happen here, before any worker is forked: a warm run forks
  // little, and each file's digest is computed once.
  std::vector<std::size_t> ToAnalyse;
  for (std::size_t I = 0; I < In.Commands.size(); ++I) {
    std::optional<ResultCache::Hit> Hit;
    if (Cache)
      Hit = Cache->lookup(In.Commands[I], Scope);
    std::optional<TUResult> R;
    if (Hit)
      R = decodeTUResult(Hit->Bytes);
    if (!R) {
      ToAnalyse.push_back(I);
      continue;
    }
    if (In.Changes && !readsChangedFile(Hit->Files, *In.Changes))
      R = skippedResult(In.Commands[I]);
    A.Results[I] = std::move(*R);
    Bar.step(A.Results[I].Skipped);
  }

  // The filter lives in each worker: created there on first use, so that
  // its cache is filled by that worker's TUs.
  std::unique_ptr<CallSiteFilter> Filter;
  auto AnalyzeOne = [&](std::size_t I) {
    const clang::tooling::CompileCommand &C = In.Commands[I];
    // Lets clang move deep recursion onto a fresh stack instead of crashing.
    clang::noteBottomOfStack();
    setBugReportMsg("retcheck: a worker crashed analysing the translation "
                    "unit below; the run goes on without it. Please report "
                    "it to retcheck's maintainers with this stack dump.\n");
    if (!Filter && (opts::Prefilter || In.Changes || Cache))
      Filter = std::make_unique<CallSiteFilter>(In.Rules);
    // One scan lists the files for --changed-since and for the cache, and
    // serves the prefilter too.
    std::optional<std::vector<std::string>> Files;
    if (In.Changes || Cache)
      Files = Filter->includedFiles(C);
    // If its files cannot be listed, it is analysed. The skip is this run's
    // alone, so it is not kept (no Files).
    if (In.Changes && Files && !readsChangedFile(*Files, *In.Changes))
      return skippedResult(C);
    bool Skip = opts::Prefilter &&
                !Filter->mayCallRuleFunction(C, Files ? &*Files : nullptr);
    TUResult R = Skip ? skippedResult(C) : analyzeCompileCommand(C, Facts);
    if (Files)
      R.FilesRead = std::move(*Files);
    return R;
  };
  auto Done = [&](std::size_t J, TUResult &R) {
    Bar.step(R.Skipped);
    std::vector<std::string> Files = std::move(R.FilesRead);
    R.FilesRead.clear();
    // Crashed and timed-out TUs, and scans that failed, have no files.
    if (Cache && !Files.empty())
      Cache->store(In.Commands[ToAnalyse[J]], Scope, std::move(Files),
                   encodeTUResult(R));
  };

  WorkerPoolOptions Options;
  Options.Workers = hardware_concurrency(opts::Jobs).compute_thread_count();
  Options.TimeoutSeconds = opts::Timeout;
  std::vector<TUResult> Analysed = analyzeInWorkers(
      ToAnalyse.size(), Options,
      [&](std::size_t J) { return AnalyzeOne(ToAnalyse[J]); },
      [&](std::size_t J) { return commandFile(In.Commands[ToAnalyse[J]]); },
      Done);
  for (std::size_t J = 0; J < ToAnalyse.size(); ++J)
    A.Results[ToAnalyse[J]] = std::move(Analysed[J]);
  if (Cache)
    Cache->finish();
  A.Jobs = Options.Workers;
  A.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            Start)
                  .count();
  return A;
}

/// Findings of every TU, each once, on changed lines only with
/// --changed-since, fingerprinted; problems of every TU, each once.
RunResult judgeTranslationUnits(Analysis &A, const RunInputs &In) {
  RunResult Run;
  Judge J(In.Rules);
  std::set<std::string> Files;
  std::set<std::tuple<std::string, std::string>> SeenProblems;
  for (TUResult &R : A.Results) {
    Files.insert(R.File);
    if (!R.Problems.empty())
      ++Run.Stats.Failed;
    Run.Stats.Skipped += R.Skipped;
    for (TUProblem &P : R.Problems)
      if (SeenProblems.insert({P.File, P.Message}).second)
        Run.Problems.push_back(std::move(P));
    for (Finding &F : J.judgeAll(R.Facts))
      Run.Findings.push_back(std::move(F));
  }
  std::sort(Run.Findings.begin(), Run.Findings.end());
  // A file compiled by several entries (QEMU builds hw/ once per target)
  // yields each finding once.
  Run.Findings.erase(std::unique(Run.Findings.begin(), Run.Findings.end(),
                                 [](const Finding &A, const Finding &B) {
                                   return A.key() == B.key();
                                 }),
                     Run.Findings.end());
  if (In.Changes)
    Run.Findings.erase(std::remove_if(Run.Findings.begin(), Run.Findings.end(),
                                      [&](const Finding &F) {
                                        return !In.Changes->lineChanged(F.File,
                                                                        F.Line);
                                      }),
                       Run.Findings.end());
  assignFingerprints(Run.Findings, In.SourceRoot);
  Run.SourceRoot = In.SourceRoot;
  Run.Stats.TranslationUnits = In.Commands.size();
  Run.Stats.Files = Files.size();
  Run.Stats.Jobs = A.Jobs;
  Run.Stats.Seconds = A.Seconds;
  if (In.Cache)
    Run.Stats.Cache = In.Cache->stats();
  return Run;
}

/// --baseline: drops the findings it records.
void applyBaseline(RunResult &Run, const std::set<std::string> &Accepted) {
  std::size_t Before = Run.Findings.size();
  Run.Findings.erase(std::remove_if(Run.Findings.begin(), Run.Findings.end(),
                                    [&](const Finding &F) {
                                      return Accepted.count(F.Fingerprint);
                                    }),
                     Run.Findings.end());
  Run.Stats.Baselined = Before - Run.Findings.size();
}

void printSummary(const RunResult &Run) {
  errs() << "retcheck: " << Run.Findings.size() << " finding(s) in "
         << Run.Stats.Files << " file(s), " << Run.Stats.TranslationUnits
         << " translation unit(s) (" << Run.Stats.Skipped
         << " proved free of rule calls), " << Run.Problems.size()
         << " with errors, " << format("%.1f", Run.Stats.Seconds) << " s\n";
  if (const std::optional<CacheStats> &C = Run.Stats.Cache) {
    errs() << "retcheck: cache: " << C->Hits << " hit(s), " << C->Misses
           << " miss(es), " << C->Stores << " stored";
    if (C->Unsettled)
      errs() << ", " << C->Unsettled
             << " not stored (files changed just before or during the run)";
    if (C->Corrupt)
      errs() << ", " << C->Corrupt << " damaged entries ignored";
    if (C->Evicted)
      errs() << ", " << C->Evicted << " evicted";
    if (C->ReadOnly)
      errs() << " (read-only)";
    errs() << "\n";
  }
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Clang's stack dump names LLVM's bug tracker; a crash is ours.
  setBugReportMsg("retcheck crashed. Please report it to retcheck's "
                  "maintainers with this stack dump.\n");
  cl::HideUnrelatedOptions(opts::Category);
  cl::HideUnrelatedOptions(ReportCategory, ReportCommand);

  // Arguments after `--` make a fixed database; cut them off first.
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                                    FixedError);
  if (!cl::ParseCommandLineOptions(argc, argv, Overview, &errs()))
    return ExitUsage;
  if (ReportCommand)
    return runReportCommand();

  // Inputs first: bad rules, databases or baselines fail before any work.
  RunInputs In;
  if (std::optional<int> Exit = loadRules(argv[0], In.Rules))
    return *Exit;
  if (std::optional<int> Exit = loadCommands(std::move(Fixed), In))
    return *Exit;
  if (std::optional<int> Exit = openCache(argv[0], In))
    return *Exit;
  RunOutputs Outputs;
  if (std::optional<int> Exit = Outputs.probe())
    return *Exit;

  Analysis A = analyzeTranslationUnits(In);

  if (std::optional<int> Exit = Outputs.open())
    return *Exit;
  RunResult Run = judgeTranslationUnits(A, In);
  Outputs.writeBaseline(Run.Findings);
  if (In.Accepted)
    applyBaseline(Run, *In.Accepted);
  Outputs.write(Run, In.Commands.empty() ? "" : In.Commands.front().Filename);
  for (const TUProblem &P : Run.Problems)
    errs() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  bool FixesFailed = opts::Fix && !Outputs.applyFixes(Run);
  bool OutputFailed = !Outputs.commit();

  if (!opts::Quiet)
    printSummary(Run);
  return OutputFailed            ? ExitOutputFailed
         : FixesFailed           ? ExitFixesNotApplied
         : !Run.Problems.empty() ? ExitTUFailed
         : !Run.Findings.empty() ? ExitFindings
                                 : ExitClean;
}
