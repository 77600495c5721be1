//===- Main.cpp - The retcheck command line tool --------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// retcheck [options] <files or directories...> [-- <compiler args>]
// retcheck -p <build dir> [files or directories...]
// retcheck --results RESULT.json... --format sarif   (no analysis)
// retcheck report RESULT.json... -o DIR   (ReportCommand.h)
//
// A run is a few stages: read the inputs (configuration, compile commands,
// rules, baseline), analyse every translation unit in worker processes,
// gather the findings, write the outputs. Exit codes: Options.h and
// README.md.
//
//===----------------------------------------------------------------------===//

#include "AnalyzeDocument.h"
#include "FactsStages.h"
#include "FunctionDump.h"
#include "InferStage.h"
#include "Options.h"
#include "ReportCommand.h"
#include "RunInputs.h"
#include "RunOutputs.h"

#include "facts/FactDedup.h"
#include "infer/Inference.h"
#include "judge/Judge.h"
#include "lsp/Server.h"
#include "output/CheckDocs.h"
#include "output/Fingerprint.h"
#include "output/OutputFile.h"
#include "output/Version.h"
#include "pipeline/RunAnalysis.h"
#include "rank/Rank.h"
#include "run/CallSiteFilter.h"
#include "run/RepairVerifier.h"
#include "run/ResultCache.h"
#include "run/StatementSpan.h"
#include "run/TUAnalysis.h"
#include "run/TUResultCodec.h"
#include "run/WorkerPool.h"
#include "support/Console.h"
#include "support/Progress.h"

#include "GlobList.h"
#include "clang/Basic/Stack.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>

using namespace llvm;
using namespace retcheck;

namespace {

/// Whether every finding of the run is a warning whatever it ranks (the
/// QEMU pack): then streamed findings read as they would at the end.
bool everyRuleWarns(const RunInputs &In) {
  for (const LoadedRules &Set : In.RuleSets)
    for (const Rule &R : Set.Rules.rules())
      if (!R.AlwaysWarn)
        return false;
  return true;
}

/// --baseline: drops the findings it records; says when it was written
/// with another source root, so that nothing could match.
void applyBaseline(RunResult &Run, const Baseline &Accepted,
                   const RunOptions &O) {
  std::vector<std::string> Files;
  for (const Finding &F : Run.Findings)
    Files.push_back(F.RelativeFile);
  std::string Why =
      sourceRootMismatch(Accepted.Root, Accepted.Files, Run.root(), Files);
  if (!Why.empty())
    message() << "retcheck: warning: --baseline " << O.Inputs.Baseline
              << " was " << Why
              << ": its fingerprints cannot match this run's (pass the same "
                 "--source-root to both)\n";
  std::size_t Before = Run.Findings.size();
  Run.Findings.erase(std::remove_if(Run.Findings.begin(), Run.Findings.end(),
                                    [&](const Finding &F) {
                                      return Accepted.Fingerprints.count(
                                          F.Fingerprint);
                                    }),
                     Run.Findings.end());
  Run.Stats.Baselined = Before - Run.Findings.size();
}

/// A rule whose function no analysed TU declares finds nothing, silently:
/// say so. Over a whole database, each such rule is named; when files are
/// named (a few of a tree), only a pack none of whose functions they
/// declare (the QEMU pack on another tree).
void warnUndeclaredRules(const RunInputs &In,
                         const std::set<std::string> &Declared,
                         const RunOptions &O) {
  if (In.Partial || O.Infer.Enabled)
    return;
  std::set<std::string> Undeclared;
  std::size_t Rules = 0;
  for (const LoadedRules &Set : In.RuleSets)
    for (const Rule &R : Set.Rules.rules()) {
      ++Rules;
      if (!Declared.count(R.Function))
        Undeclared.insert(R.Function);
    }
  if (!O.Inputs.Sources.empty()) {
    if (Rules && Undeclared.size() == Rules)
      message() << "retcheck: warning: the analysed translation units "
                   "declare none of the "
                << Rules << " rule functions: nothing could be checked\n";
    return;
  }
  std::set<std::string> Warned;
  for (const LoadedRules &Set : In.RuleSets)
    for (const Rule &R : Set.Rules.rules())
      if (Undeclared.count(R.Function) && Warned.insert(R.Function).second)
        message() << "retcheck: warning: no analysed translation unit "
                     "declares '"
                  << R.Function << "' (rule at " << R.Origin
                  << "): it cannot be checked\n";
}

std::string plural(std::size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

/// "qemu.json (4 functions)": each rules file of the run, as given.
std::string describeRules(const RunInputs &In) {
  std::vector<std::string> Seen;
  std::string Text;
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  for (const LoadedRules &Set : In.RuleSets)
    for (const std::string &File : Set.Files) {
      if (std::find(Seen.begin(), Seen.end(), File) != Seen.end())
        continue;
      Seen.push_back(File);
      std::size_t Functions = 0;
      for (const Rule &R : Set.Rules.rules())
        Functions += StringRef(R.Origin).starts_with(File + ":");
      std::string Shown = relativePath(File, std::string(Cwd));
      Text += (Text.empty() ? "" : ", ") + Shown + " (" +
              plural(Functions, "function", "functions") + ")";
    }
  if (In.InferredRules)
    Text += (Text.empty() ? "" : " + ") + std::to_string(In.InferredRules) +
            " inferred";
  return Text.empty() ? "none" : Text;
}

void printSummary(const RunResult &Run, const RunInputs *In) {
  std::set<std::string> FilesWithFindings;
  std::size_t Notes = 0;
  for (const Finding &F : Run.Findings) {
    FilesWithFindings.insert(F.File);
    Notes += F.Level == Severity::Note;
  }
  raw_ostream &OS = message();
  OS << "retcheck: " << plural(Run.Findings.size(), "finding", "findings");
  if (Notes)
    OS << " (" << plural(Notes, "note", "notes") << ")";
  OS << " in " << plural(FilesWithFindings.size(), "file", "files");
  if (Run.Stats.Baselined)
    OS << " (" << Run.Stats.Baselined << " more in the baseline)";
  OS << "; "
     << plural(Run.Stats.TranslationUnits, "translation unit",
               "translation units")
     << " (" << Run.Stats.Skipped << " proved free of rule calls, "
     << Run.Problems.size() << " with errors)";
  if (In && !In->RuleSets.empty())
    OS << "; rules: " << describeRules(*In);
  OS << "; " << format("%.1f", Run.Stats.Seconds) << " s\n";
  if (Run.Stats.RepairsProposed)
    OS << "retcheck: " << Run.Stats.RepairsOffered << " of "
       << plural(Run.Stats.RepairsProposed, "proposed repair",
                 "proposed repairs")
       << " verified and offered as notes ("
       << plural(Run.Stats.RepairParses, "parse", "parses") << ", "
       << format("%.1f", Run.Stats.RepairSeconds) << " s)\n";
  if (const std::optional<CacheStats> &C = Run.Stats.Cache) {
    OS << "retcheck: cache: " << plural(C->Hits, "hit", "hits") << ", "
       << plural(C->Misses, "miss", "misses") << ", " << C->Stores << " stored";
    if (C->Unsettled)
      OS << ", " << C->Unsettled
         << " not stored (files changed just before or during the run)";
    if (C->Corrupt)
      OS << ", " << C->Corrupt << " damaged entries ignored";
    if (C->Evicted)
      OS << ", " << C->Evicted << " evicted";
    // The next run would parse these again: the bound is below one run.
    if (C->EvictedUsed)
      OS << ", of which " << C->EvictedUsed
         << " stored or served by this run: raise --cache-max-size";
    if (C->ReadOnly)
      OS << " (read-only)";
    OS << "\n";
  }
}

/// Whether a remaining finding fails the run (--fail-on, --fail-checks).
bool failsRun(const Finding &F, const clang::tidy::CachedGlobList &Checks,
              FailOn Level) {
  if (Level == FailOn::None ||
      (F.Level == Severity::Note && Level != FailOn::Note))
    return false;
  return Checks.contains(checkName(F.Check));
}

/// Writes the outputs and decides the exit code.
/// \p Repair, when given, runs on the findings the baseline leaves.
int finishRun(RunResult &Run, const RunInputs *In, const RunOptions &O,
              RunOutputs &Outputs, const std::string &MainSourceFile,
              llvm::function_ref<void(RunResult &)> Repair = nullptr) {
  Outputs.writeBaseline(Run);
  if (In && In->Accepted)
    applyBaseline(Run, *In->Accepted, O);
  if (Repair)
    Repair(Run);
  // After the repairs: their verdicts' stores may evict.
  if (In && In->Cache)
    Run.Stats.Cache = In->Cache->stats();
  Outputs.write(Run, MainSourceFile);
  for (const TUProblem &P : Run.Problems)
    message() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  std::vector<bool> Fixed(Run.Findings.size(), false);
  bool FixesFailed = (O.Output.Fix || O.Output.FixNotes || O.Output.Diff) &&
                     !Outputs.applyFixes(Run, Fixed);
  bool OutputFailed = !Outputs.commit();

  clang::tidy::CachedGlobList FailChecks(O.Report.FailChecks);
  bool Failing = false;
  // --write-baseline records the findings: they are accepted, not failures.
  if (O.Output.WriteBaseline.empty())
    for (std::size_t I = 0; I < Run.Findings.size(); ++I)
      Failing |= !Fixed[I] &&
                 failsRun(Run.Findings[I], FailChecks, O.Report.FailOnLevel);
  if (!O.Output.Quiet)
    printSummary(Run, In);
  return OutputFailed            ? ExitOutputFailed
         : FixesFailed           ? ExitFixesNotApplied
         : !Run.Problems.empty() ? ExitTUFailed
         : Failing               ? ExitFindings
                                 : ExitClean;
}

/// The facts of every TU analysed.
std::vector<const TUFacts *> factsOf(const Analysis &A) {
  std::vector<const TUFacts *> TUs;
  for (const TUResult &R : A.Results)
    TUs.push_back(&R.Facts);
  return TUs;
}

/// The global step: the contracts of every function the facts mention,
/// inferred from the whole tree. The rules the run would use without
/// inference are its seeds, and win.
InferenceResult inferFromTree(const Analysis &A, const RunInputs &In,
                              const RunOptions &O) {
  return inferFrom(factsOf(A), In.RuleSets, In.SourceRoot.Path, O);
}

/// --debug-dump-functions: the functions the facts hold (FunctionDump.h).
std::optional<int> writeFunctionDump(const Analysis &A, const RunInputs &In,
                                     const RunOptions &O) {
  if (O.Infer.DumpFunctions.empty())
    return std::nullopt;
  std::string Error;
  std::unique_ptr<OutputFile> Out =
      OutputFile::open(O.Infer.DumpFunctions, Error);
  if (Out) {
    dumpFunctions(factsOf(A), In.SourceRoot.Path, Out->os());
    if (Out->commit(Error))
      return std::nullopt;
  }
  message() << "retcheck: error: cannot write '" << O.Infer.DumpFunctions
            << "': " << Error << "\n";
  return ExitOutputFailed;
}

void printVersion(raw_ostream &OS) {
  OS << "retcheck " << retcheckVersion() << "\n"
     << "LLVM " << LLVM_VERSION_STRING << ", clang " << CLANG_VERSION_STRING
     << "\n";
}

/// --explain CHECK (with or without its retcheck- prefix).
int explain(const std::string &Name) {
  std::optional<CheckKind> K = parseCheckName(Name);
  if (!K)
    K = parseCheckName("retcheck-" + Name);
  if (!K) {
    message() << "retcheck: error: --explain: no check '" << Name
              << "'; the checks are:";
    for (CheckKind C : AllChecks)
      message() << " " << checkName(C);
    message() << "\n";
    return ExitUsage;
  }
  outs() << checkDoc(*K);
  outs().flush();
  return ExitClean;
}

/// The file whose configuration --list-checks, --dump-config and
/// --verify-config show without a database: the first file argument, else
/// one in the working directory (clang-tidy's "dummy").
std::string configuredFile(const RunOptions &O) {
  if (!O.Inputs.Sources.empty())
    return absolute(O.Inputs.Sources.front());
  SmallString<256> Here;
  sys::fs::current_path(Here);
  sys::path::append(Here, "-");
  return std::string(Here);
}

/// Prints the selection's warnings; its error, if any, stops the run.
std::optional<int> reportSelection(const SelectionProblems &P) {
  for (const std::string &W : P.Warnings)
    message() << W << "\n";
  if (P.Error.empty())
    return std::nullopt;
  message() << "retcheck: error: " << P.Error << "\n";
  return ExitUsage;
}

/// --list-checks: the checks enabled for a file in the working directory,
/// as clang-tidy lists them.
int listChecks(RunInputs &In, const RunOptions &O) {
  if (std::optional<int> Exit = reportSelection(checkSelection(In, O)))
    return *Exit;
  CheckMask Enabled = In.Config->forFile(configuredFile(O)).Enabled;
  outs() << "Enabled checks:\n";
  for (CheckKind K : AllChecks)
    if (Enabled & checkBit(K))
      outs() << "    " << checkName(K) << "  " << checkTitle(K) << "\n";
  outs() << "\n";
  outs().flush();
  return ExitClean;
}

/// --dump-config: the effective configuration, as clang-tidy prints it,
/// with the rules the run would use.
int dumpConfig(RunInputs &In, const RunOptions &O) {
  std::string File = configuredFile(O);
  std::vector<std::string> Given;
  for (const std::string &R : O.Inputs.RulesFiles)
    Given.push_back(absolute(R));
  std::string Rules = join(Given, ";");
  if (Rules.empty() && In.Config->forFile(File).RulesFiles.empty())
    Rules = defaultRulesFile(O.Executable);
  outs() << In.Config->dump(File, Rules) << "\n";
  outs().flush();
  return ExitClean;
}

/// --verify-config: every problem of the configuration, as clang-tidy's
/// --verify-config lists them: globs that match no check, unknown options
/// of retcheck's checks, a selection that enables nothing, and (with a
/// database or files) the rules each TU would load.
int verifyConfig(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
                 RunInputs &In, const RunOptions &O) {
  if (!O.Inputs.BuildPath.empty() || !O.Inputs.Sources.empty() || Fixed) {
    if (std::optional<int> Exit = loadCommands(O, std::move(Fixed), In))
      return *Exit;
  }
  SelectionProblems P = checkSelection(In, O);
  std::vector<std::string> Files{configuredFile(O)};
  for (std::size_t I = 0; I < In.Commands.size(); ++I)
    Files.push_back(In.Commands.file(I));
  std::set<std::string> Seen(P.Warnings.begin(), P.Warnings.end());
  for (const std::string &F : Files)
    for (const GlobWarning &W : In.Config->unknownOptionsFor(F)) {
      std::string Line = W.Source + ": warning: " + W.Message;
      if (Seen.insert(Line).second)
        P.Warnings.push_back(Line);
    }
  if (std::optional<int> Exit = reportSelection(P))
    return *Exit;
  if (!P.Warnings.empty())
    return ExitUsage;
  outs() << "No config errors detected.\n";
  outs().flush();
  return ExitClean;
}

/// `retcheck lsp`: serves an editor until it exits.
int serveLanguageServer(const RunOptions &O) {
  lsp::ServerOptions Options;
  Options.Analyze = [O](const lsp::DocumentRequest &R) {
    return analyzeDocument(O, R);
  };
  Options.CompileCommandsDir = O.Server.CompileCommandsDir.empty()
                                   ? ""
                                   : absolute(O.Server.CompileCommandsDir);
  Options.DebounceMs = O.Server.DebounceMs;
  Options.MaxJobs = O.Analysis.Jobs;
  return lsp::runLanguageServer(Options);
}

/// --results: findings read back from JSON results, written again.
int rewriteResults(RunOutputs &Outputs, const RunOptions &O) {
  if (!O.Inputs.BuildPath.empty() || !O.Inputs.Sources.empty() ||
      !O.Inputs.Shard.empty() || !O.Inputs.ChangedSince.empty()) {
    message() << "retcheck: error: --results reads findings instead of "
                 "analysing: it takes no -p, files, --shard or "
                 "--changed-since\n";
    return ExitUsage;
  }
  RunResult Run;
  for (const std::string &Path : O.Inputs.Results) {
    std::string Error;
    std::optional<std::vector<TreeResult>> Trees = readResultFile(Path, Error);
    if (!Trees) {
      message() << "retcheck: error: --results " << Error << "\n";
      return ExitUsage;
    }
    for (TreeResult &T : *Trees) {
      if (Run.SourceRoot.empty()) {
        Run.SourceRoot = T.Run.SourceRoot;
        Run.SourceRootInRepository = T.Run.SourceRootInRepository;
      }
      for (Finding &F : T.Run.Findings)
        Run.Findings.push_back(std::move(F));
      for (TUProblem &P : T.Run.Problems)
        Run.Problems.push_back(std::move(P));
      Run.Stats += T.Run.Stats;
      Run.Tally.merge(T.Run.Tally);
      Run.WarningRank = T.Run.WarningRank;
    }
  }
  std::sort(Run.Findings.begin(), Run.Findings.end());
  // Shards ranked with their own calls: ranked again with all of them.
  if (O.Report.WarningRank)
    Run.WarningRank = *O.Report.WarningRank;
  rerank(Run.Findings, Run.Tally, Run.WarningRank);
  RunInputs In;
  if (std::optional<int> Exit = loadBaseline(In, O))
    return *Exit;
  if (std::optional<int> Exit = Outputs.probe())
    return *Exit;
  if (std::optional<int> Exit = Outputs.open())
    return *Exit;
  if (In.Accepted)
    applyBaseline(Run, *In.Accepted, O);
  In.Accepted.reset();
  return finishRun(Run, nullptr, O, Outputs, "");
}

/// The configuration commands: --list-checks, --dump-config and
/// --verify-config print what they were asked for and end the run.
std::optional<int> configurationAction(
    const RunOptions &O, RunInputs &In,
    std::unique_ptr<clang::tooling::CompilationDatabase> &Fixed) {
  if (O.Action.ListChecks)
    return listChecks(In, O);
  if (std::optional<int> Exit = loadRulesOption(In, O))
    return *Exit;
  if (O.Action.DumpConfig)
    return dumpConfig(In, O);
  if (O.Action.VerifyConfig)
    return verifyConfig(std::move(Fixed), In, O);
  return std::nullopt;
}

/// Reads what the run works on; bad configuration, rules, databases or
/// baselines fail here, before any work. On failure or a configuration
/// command, the exit code.
std::optional<int>
readInputs(const RunOptions &O,
           std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
           RunInputs &In) {
  if (std::optional<int> Exit = loadConfig(In, O))
    return *Exit;
  if (std::optional<int> Exit = configurationAction(O, In, Fixed))
    return *Exit;
  if (std::optional<int> Exit = loadCommands(O, std::move(Fixed), In))
    return *Exit;
  // Writing inferred rules reports no finding: any selection will do.
  if (!O.Infer.Only)
    if (std::optional<int> Exit = reportSelection(checkSelection(In, O)))
      return *Exit;
  if (In.Commands.empty() && O.Inputs.Shard.empty())
    message() << "retcheck: warning: no translation unit to analyse\n";
  return openCache(In, O);
}

/// Every TU analysed. Rules mode on a terminal or CI log: each TU's
/// findings are printed as it is done (those with a repair to verify, once
/// it is verified); \p Judged receives them.
Analysis
analyzeStreaming(const RunInputs &In, const RunOptions &O, RunOutputs &Outputs,
                 std::vector<std::optional<std::vector<Finding>>> &Judged) {
  std::unique_ptr<TUJudge> Early;
  if (Outputs.streams() && everyRuleWarns(In)) {
    Early = std::make_unique<TUJudge>(In, O);
    Judged.resize(In.Commands.size());
  }
  auto Stream = [&](std::size_t I, const TUResult &R) {
    // Ranks that would weigh the whole tree are not known yet: these
    // weigh the TU's own calls (every rule here warns whatever they say).
    CallerTally Local;
    Judged[I] = Early->report(I, R, Early->judge(I, R, Local), Local);
    // A TU with a repair to verify is printed whole once it is verified,
    // so that its findings stay in order.
    if (O.Analysis.Repairs && llvm::any_of(*Judged[I], [](const Finding &F) {
          return F.Proposed.has_value();
        }))
      return;
    std::vector<const Finding *> Final;
    for (const Finding &F : *Judged[I])
      Final.push_back(&F);
    Outputs.stream(Final, In.SourceRoot.Path);
  };
  return analyzeTranslationUnits(
      In, O,
      Early ? llvm::function_ref<void(std::size_t, const TUResult &)>(Stream)
            : nullptr);
}

/// The findings of the analysis gathered, the repairs verified, the
/// outputs written.
/// \p RankWith: as gatherFindings().
int report(Analysis &A, RunInputs &In, const RunOptions &O, RunOutputs &Outputs,
           std::vector<std::optional<std::vector<Finding>>> &Judged,
           const CallerTally *RankWith = nullptr) {
  if (std::optional<int> Exit = Outputs.open())
    return *Exit;
  Gathered G = gatherFindings(A, In, O, Judged, RankWith);
  for (const TUProblem &P : G.Unreached)
    message() << P.File << ": warning: " << P.Kind
              << " (not counted: the change does not reach this translation "
                 "unit): "
              << P.Message << "\n";
  warnUndeclaredRules(In, G.DeclaredRuleFunctions, O);
  return finishRun(
      G.Run, &In, O, Outputs,
      In.Commands.empty() ? "" : In.Commands.front().Filename,
      [&](RunResult &Run) {
        auto Stream = [&](const std::vector<const Finding *> &Final) {
          Outputs.stream(Final, In.SourceRoot.Path);
        };
        verifyRepairsInWorkers(
            Run, In, O, G.Origins,
            Outputs.streams()
                ? llvm::function_ref<void(
                      const std::vector<const Finding *> &)>(Stream)
                : nullptr);
      });
}

/// A run over compile commands: inputs, analysis, inference, findings.
int check(const RunOptions &O,
          std::unique_ptr<clang::tooling::CompilationDatabase> Fixed) {
  RunOutputs Outputs(O);
  if (!O.Inputs.Results.empty())
    return rewriteResults(Outputs, O);
  if (O.Infer.Only && !O.Stages.Facts.empty())
    return reduceFacts(O);
  RunInputs In;
  if (std::optional<int> Exit = readInputs(O, std::move(Fixed), In))
    return *Exit;
  if (!O.Stages.WriteFacts.empty())
    return writeFacts(In, O);
  if (std::optional<int> Exit = Outputs.probe())
    return *Exit;

  std::vector<std::optional<std::vector<Finding>>> Judged;
  if (!O.Stages.Facts.empty()) {
    Analysis A;
    JudgePlan Plan;
    if (std::optional<int> Exit = readJudgeInputs(In, O, A, Plan))
      return *Exit;
    return report(A, In, O, Outputs, Judged, &Plan.Tally);
  }
  Analysis A = analyzeStreaming(In, O, Outputs, Judged);
  if (!A.SpoolError.empty()) {
    message() << "retcheck: error: " << A.SpoolError << "\n";
    return ExitOutputFailed;
  }

  if (O.Infer.Enabled) {
    InferenceResult Inferred = inferFromTree(A, In, O);
    if (std::optional<int> Exit = writeFunctionDump(A, In, O))
      return *Exit;
    std::string RulesFile =
        inferredRulesFile(Inferred, In.Commands.size(), In.SourceRoot.Path);
    if (O.Infer.Only)
      return writeInferredRules(RulesFile, Inferred, A.Results, A.Seconds, O);
    // Judged from the spool: what inference read is no longer needed.
    if (A.Spool)
      for (TUResult &R : A.Results)
        R.Facts = TUFacts();
    // As the rules file says them: a judge stage reads that file, and
    // judges alike.
    addInferredRules(RulesFile, "inferred rules", In);
  }
  return report(A, In, O, Outputs, Judged);
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // A reader that goes away (`| head`) is an output error (exit 6), not a
  // signal: the rest of the run (baseline, fixes) still completes.
  std::signal(SIGPIPE, SIG_IGN);
  // Clang's stack dump names LLVM's bug tracker; a crash is ours.
  setBugReportMsg("retcheck crashed. Please report it to retcheck's "
                  "maintainers with this stack dump.\n");
  setUpCommandLine();
  cl::HideUnrelatedOptions(ReportCategory, ReportCommand);
  cl::SetVersionPrinter(printVersion);
  cl::extrahelp ExitCodes(ExitCodesHelp);

  // Arguments after `--` make a fixed database; cut them off first.
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                                    FixedError);
  if (!cl::ParseCommandLineOptions(argc, argv, Overview, &errs()))
    return ExitUsage;
  // Every relative path, and clang's own file system, start from here.
  SmallString<256> Cwd;
  if (std::error_code EC = sys::fs::current_path(Cwd)) {
    message() << "retcheck: error: the working directory no longer exists ("
              << EC.message() << ")\n";
    return ExitUsage;
  }
  if (ReportCommand)
    return runReportCommand();
  std::string Error;
  std::optional<RunOptions> Options = runOptionsFromCommandLine(argv[0], Error);
  if (!Options) {
    message() << "retcheck: error: " << Error << "\n";
    return ExitUsage;
  }
  if (Options->Server.Serve)
    return serveLanguageServer(*Options);
  if (!Options->Action.Explain.empty())
    return explain(Options->Action.Explain);
  if (!Options->Infer.DumpFunctions.empty() && !Options->Infer.Enabled) {
    message() << "retcheck: error: --debug-dump-functions needs --infer or "
                 "retcheck infer\n";
    return ExitUsage;
  }
  return check(*Options, std::move(Fixed));
}
