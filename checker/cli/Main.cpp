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

#include "facts/FactDedup.h"
#include "infer/Inference.h"
#include "judge/Judge.h"
#include "output/Fingerprint.h"
#include "output/OutputFile.h"
#include "run/CallSiteFilter.h"
#include "run/RepairVerifier.h"
#include "run/TUAnalysis.h"
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

/// Analyses every TU of \p In in worker processes.
Analysis analyzeTranslationUnits(const RunInputs &In) {
  // The filter lives in each worker: created there on first use, so that
  // its cache is filled by that worker's TUs.
  std::unique_ptr<CallSiteFilter> Filter;
  // Inference needs the facts of every call in every TU: no TU is skipped.
  bool Inferring = opts::Infer || opts::InferOnly;
  FactScope Scope = scopeOf(In.Rules);
  Scope.AllCalls = Inferring;
  bool Prefilter = opts::Prefilter && !Inferring;
  bool SkipUnchanged = In.Changes && !Inferring;
  auto AnalyzeOne = [&](std::size_t I) {
    const clang::tooling::CompileCommand &C = In.Commands[I];
    // Lets clang move deep recursion onto a fresh stack instead of crashing.
    clang::noteBottomOfStack();
    setBugReportMsg("retcheck: a worker crashed analysing the translation "
                    "unit below; the run goes on without it. Please report "
                    "it to retcheck's maintainers with this stack dump.\n");
    if (!Filter && (Prefilter || SkipUnchanged))
      Filter = std::make_unique<CallSiteFilter>(In.Rules);
    // A TU that reads no changed file cannot have a finding on a changed
    // line. If its files cannot be listed, it is analysed.
    bool Unchanged = false;
    if (SkipUnchanged)
      if (std::optional<std::vector<std::string>> Read =
              Filter->includedFiles(C))
        Unchanged =
            std::none_of(Read->begin(), Read->end(), [&](const std::string &F) {
              return In.Changes->fileChanged(F);
            });
    if (Unchanged || (Prefilter && !Filter->mayCallRuleFunction(C))) {
      TUResult R;
      R.File = commandFile(C);
      R.Analysed = R.Skipped = true;
      return R;
    }
    return analyzeCompileCommand(C, Scope);
  };

  auto Start = std::chrono::steady_clock::now();
  Progress Bar(In.Commands.size());
  FactDedup Dedup;
  WorkerPoolOptions Options;
  Options.Workers = hardware_concurrency(opts::Jobs).compute_thread_count();
  Options.TimeoutSeconds = opts::Timeout;
  Analysis A;
  A.Results = analyzeInWorkers(
      In.Commands.size(), Options, AnalyzeOne,
      [&](std::size_t I) { return commandFile(In.Commands[I]); },
      [&](TUResult &R) {
        Dedup.dropSeen(R.Facts);
        Bar.step(R.Skipped);
      });
  A.Jobs = Options.Workers;
  A.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            Start)
                  .count();
  return A;
}

/// A finding's identity across the TUs that yield it, as a map key.
std::string findingId(const Finding &F) {
  return F.File + '\0' + std::to_string(F.Offset) + '\0' + checkName(F.Check) +
         '\0' + std::to_string(F.CallLine) + ':' +
         std::to_string(F.CallColumn) + '\0' + F.Message;
}

/// Findings of every TU, each once, on changed lines only with
/// --changed-since, fingerprinted; problems of every TU, each once.
/// \p Origins: the first TU (command index) that yields each finding.
RunResult judgeTranslationUnits(Analysis &A, const RunInputs &In,
                                const RuleSet &Rules,
                                std::map<std::string, std::size_t> &Origins) {
  RunResult Run;
  Judge J(Rules);
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
      if (!F.Inferred || F.Confidence >= opts::MinConfidence) {
        Origins.try_emplace(findingId(F), &R - A.Results.data());
        Run.Findings.push_back(std::move(F));
      }
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
  return Run;
}

/// Verifies every proposed repair in a worker process, by parsing the TU
/// that yields its finding again with the repair applied; only verified
/// repairs stay, as notes. The TUs are parsed again as they were analysed.
void verifyRepairsInWorkers(RunResult &Run, const RunInputs &In,
                            const RuleSet &Rules,
                            const std::map<std::string, std::size_t> &Origins) {
  std::map<std::size_t, std::vector<Finding *>> ByCommand;
  for (Finding &F : Run.Findings) {
    if (!opts::Repairs) {
      F.Proposed.reset();
      F.NoRepair.clear();
    }
    if (!F.Proposed)
      continue;
    ++Run.Stats.RepairsProposed;
    auto It = Origins.find(findingId(F));
    if (It != Origins.end())
      ByCommand[It->second].push_back(&F);
  }
  if (ByCommand.empty())
    return;
  std::vector<std::pair<std::size_t, std::vector<Finding *>>> Jobs(
      ByCommand.begin(), ByCommand.end());
  // Parsed and judged again as they were analysed and judged.
  Judge J(Rules);
  FactScope Scope = scopeOf(In.Rules);
  Scope.AllCalls = opts::Infer || opts::InferOnly;
  auto Verify = [&](std::size_t I) {
    clang::noteBottomOfStack();
    const clang::tooling::CompileCommand &Command = In.Commands[Jobs[I].first];
    std::vector<const Finding *> Findings(Jobs[I].second.begin(),
                                          Jobs[I].second.end());
    VerificationCost Cost;
    TUResult R;
    R.File = commandFile(Command);
    R.Analysed = true;
    R.Verdicts = verifyRepairs(
        Findings, J,
        [&](const Overlay &Files) {
          return reparseCommand(Command, Scope, Files);
        },
        &Cost);
    R.VerifyParses = Cost.Parses;
    R.VerifySeconds = Cost.Seconds;
    return R;
  };
  WorkerPoolOptions Options;
  Options.Workers = hardware_concurrency(opts::Jobs).compute_thread_count();
  Options.TimeoutSeconds = opts::Timeout;
  std::vector<TUResult> Results = analyzeInWorkers(
      Jobs.size(), Options, Verify,
      [&](std::size_t I) { return commandFile(In.Commands[Jobs[I].first]); },
      [](const TUResult &) {});
  for (std::size_t I = 0; I < Jobs.size(); ++I) {
    std::vector<RepairVerdict> &Verdicts = Results[I].Verdicts;
    if (Verdicts.size() != Jobs[I].second.size()) {
      // The worker died: nothing it verified is offered.
      std::string Why = Results[I].Problems.empty()
                            ? "its verification failed"
                            : "its verification failed: " +
                                  Results[I].Problems.front().Message;
      Verdicts.assign(Jobs[I].second.size(), RepairVerdict{false, Why});
    }
    applyVerdicts(Jobs[I].second, Verdicts);
    for (const RepairVerdict &V : Verdicts)
      Run.Stats.RepairsOffered += V.Offered;
    Run.Stats.RepairParses += Results[I].VerifyParses;
    Run.Stats.RepairSeconds += Results[I].VerifySeconds;
  }
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

/// The global step: the contracts of every function the facts mention,
/// inferred from the whole tree. Hand-written rules win.
InferenceResult inferFromTree(const Analysis &A, const RunInputs &In) {
  std::vector<const TUFacts *> TUs;
  for (const TUResult &R : A.Results)
    TUs.push_back(&R.Facts);
  InferenceOptions Options;
  Options.MinCallers = opts::InferMinCallers;
  Options.MinCheckingShare = opts::InferMinShare;
  Options.SourceRoot = In.SourceRoot;
  return inferContracts(TUs, In.Rules, Options);
}

/// `retcheck infer`: the inferred contracts as a rules file.
int writeInferredRules(const Analysis &A, const RunInputs &In,
                       const InferenceResult &Inferred) {
  if (opts::OutputPath.empty()) {
    errs() << "retcheck: error: retcheck infer needs -o FILE, the rules file "
              "to write\n";
    return ExitUsage;
  }
  std::string Error;
  std::unique_ptr<OutputFile> Out = OutputFile::open(opts::OutputPath, Error);
  if (!Out) {
    errs() << "retcheck: error: cannot write '" << opts::OutputPath
           << "': " << Error << "\n";
    return ExitOutputFailed;
  }
  Out->os() << inferredRulesJson(
      Inferred.Rules, "Error contracts inferred by retcheck from " +
                          std::to_string(In.Commands.size()) +
                          " translation units under " + In.SourceRoot +
                          ". Review, correct (a rule without \"inferred\" "
                          "wins; \"convention\": \"none\" removes one) "
                          "and commit.");
  if (!Out->commit(Error)) {
    errs() << "retcheck: error: cannot write '" << opts::OutputPath
           << "': " << Error << "\n";
    return ExitOutputFailed;
  }
  std::map<std::string, unsigned> ByConvention;
  for (const Rule &R : Inferred.Rules.rules())
    ++ByConvention[std::string(conventionName(R.Conv)) + " (" +
                   R.Inferred->Basis + ")"];
  unsigned Failed = 0;
  for (const TUResult &R : A.Results) {
    Failed += !R.Problems.empty();
    for (const TUProblem &P : R.Problems)
      errs() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  }
  if (!opts::Quiet) {
    errs() << "retcheck: inferred " << Inferred.Rules.rules().size()
           << " contract(s) for " << Inferred.FunctionsSeen
           << " function(s) seen (" << Inferred.WithBody << " with a body), "
           << Inferred.Iterations << " round(s):";
    for (const auto &[Kind, Count] : ByConvention)
      errs() << " " << Kind << " " << Count << ";";
    errs() << " " << A.Results.size() << " translation unit(s), " << Failed
           << " with errors, " << format("%.1f", A.Seconds) << " s\n";
  }
  return Failed ? ExitTUFailed : ExitClean;
}

void printSummary(const RunResult &Run) {
  errs() << "retcheck: " << Run.Findings.size() << " finding(s) in "
         << Run.Stats.Files << " file(s), " << Run.Stats.TranslationUnits
         << " translation unit(s) (" << Run.Stats.Skipped
         << " proved free of rule calls), " << Run.Problems.size()
         << " with errors, " << format("%.1f", Run.Stats.Seconds) << " s\n";
  if (Run.Stats.RepairsProposed)
    errs() << "retcheck: " << Run.Stats.RepairsOffered << " of "
           << Run.Stats.RepairsProposed
           << " proposed repair(s) verified and offered as notes ("
           << Run.Stats.RepairParses << " parse(s), "
           << format("%.1f", Run.Stats.RepairSeconds) << " s)\n";
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
  // `retcheck infer ...` takes the main command's options.
  std::vector<const char *> Args(argv, argv + argc);
  if (Args.size() > 1 && StringRef(Args[1]) == "infer") {
    opts::InferOnly = true;
    Args.erase(Args.begin() + 1);
  }
  if (!cl::ParseCommandLineOptions(Args.size(), Args.data(), Overview,
                                   &errs()))
    return ExitUsage;
  if (ReportCommand)
    return runReportCommand();

  // Inputs first: bad rules, databases or baselines fail before any work.
  RunInputs In;
  if (std::optional<int> Exit = loadRules(argv[0], In.Rules))
    return *Exit;
  if (std::optional<int> Exit = loadCommands(std::move(Fixed), In))
    return *Exit;
  RunOutputs Outputs;
  if (std::optional<int> Exit = Outputs.probe())
    return *Exit;

  Analysis A = analyzeTranslationUnits(In);

  RuleSet Rules = In.Rules;
  if (opts::Infer || opts::InferOnly) {
    InferenceResult Inferred = inferFromTree(A, In);
    if (opts::InferOnly)
      return writeInferredRules(A, In, Inferred);
    Rules.addInferred(Inferred.Rules);
  }

  if (std::optional<int> Exit = Outputs.open())
    return *Exit;
  std::map<std::string, std::size_t> Origins;
  RunResult Run = judgeTranslationUnits(A, In, Rules, Origins);
  Outputs.writeBaseline(Run.Findings);
  if (In.Accepted)
    applyBaseline(Run, *In.Accepted);
  verifyRepairsInWorkers(Run, In, Rules, Origins);
  Outputs.write(Run, In.Commands.empty() ? "" : In.Commands.front().Filename);
  for (const TUProblem &P : Run.Problems)
    errs() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  bool FixesFailed = (opts::Fix || opts::FixNotes) && !Outputs.applyFixes(Run);
  bool OutputFailed = !Outputs.commit();

  if (!opts::Quiet)
    printSummary(Run);
  return OutputFailed            ? ExitOutputFailed
         : FixesFailed           ? ExitFixesNotApplied
         : !Run.Problems.empty() ? ExitTUFailed
         : !Run.Findings.empty() ? ExitFindings
                                 : ExitClean;
}
