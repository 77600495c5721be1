//===- Main.cpp - The retcheck command line tool --------------------------===//
//
// retcheck [options] <files...> [-- <compiler args>]
// retcheck -p <build dir> [files...]
// retcheck report RESULT.json... -o DIR   (ReportCommand.h)
//
// Exit codes (README.md, "Exit codes"): 0 no findings, 1 findings, 2 bad
// command line, 3 some translation unit not (fully) analysed, 4 bad rules,
// 5 bad compile database, 6 an output could not be written, 7 --fix left
// some fixes unapplied.
//
//===----------------------------------------------------------------------===//

#include "CallSiteFilter.h"
#include "ChangedLines.h"
#include "ClangOutput.h"
#include "CompileDatabase.h"
#include "Fingerprint.h"
#include "FixApplier.h"
#include "JsonReport.h"
#include "OutputFile.h"
#include "Progress.h"
#include "ReportCommand.h"
#include "Rules.h"
#include "TUAnalysis.h"
#include "WorkerPool.h"

#include "clang/Basic/Stack.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

using namespace llvm;
using namespace retcheck;

namespace {

enum ExitCode {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitTUFailed = 3,
  ExitBadRules = 4,
  ExitBadDatabase = 5,
  ExitOutputFailed = 6,
  ExitFixesNotApplied = 7,
};

cl::OptionCategory Category("retcheck options");

cl::opt<std::string> BuildPath("p",
                               cl::desc("Build directory with "
                                        "compile_commands.json"),
                               cl::value_desc("build dir"), cl::cat(Category));

cl::list<std::string> SourcePaths(cl::Positional,
                                  cl::desc("[<file> ...] [-- <compiler args>]"),
                                  cl::cat(Category));

cl::list<std::string> RulesFiles(
    "rules",
    cl::desc("Rules file (JSON, see rules/README.md); repeatable. Default: "
             "the bundled QEMU pack (qemu.json)"),
    cl::value_desc("file"), cl::cat(Category));

cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed in parallel, "
                                "each in a worker process (default: all "
                                "cores)"),
                       cl::init(0), cl::cat(Category));

cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Seconds one translation unit may take before it is "
                     "given up and reported (default: 600; 0: no limit)"),
            cl::value_desc("seconds"), cl::init(600), cl::cat(Category));

// For the tests of --fix: stop between the analysis and the writing of the
// fixes until FILE, which retcheck creates, is removed.
cl::opt<std::string> PauseBeforeFix("debug-pause-before-fix", cl::Hidden,
                                    cl::value_desc("file"), cl::cat(Category));

cl::opt<bool> Fix("fix",
                  cl::desc("Apply the fix-its in place (each file is "
                           "rewritten atomically)"),
                  cl::cat(Category));

cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write fixes as YAML for clang-apply-replacements"),
                cl::value_desc("file"), cl::cat(Category));

enum class Format { Text, Json, Sarif, CodeQuality };
cl::opt<Format>
    OutputFormat("format", cl::desc("Output format"),
                 cl::values(clEnumValN(Format::Text, "text",
                                       "clang-style diagnostics (default)"),
                            clEnumValN(Format::Json, "json", "JSON, version 1"),
                            clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
                            clEnumValN(Format::CodeQuality, "codequality",
                                       "GitLab Code Quality JSON")),
                 cl::init(Format::Text), cl::cat(Category));

cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Directory that report paths and fingerprints are relative to "
             "(default: the deepest directory holding every analysed file)"),
    cl::value_desc("dir"), cl::cat(Category));

cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Do not report findings recorded in this baseline"),
             cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record this run's findings as a baseline (fingerprints that "
             "survive edits which move lines)"),
    cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string> ChangedSince(
    "changed-since",
    cl::desc("REV: analyse only the TUs that the changes since REV (git diff "
             "REV, work tree included) can reach, through their own text or "
             "a header, and report only findings on changed lines"),
    cl::value_desc("rev"), cl::cat(Category));

cl::opt<std::string>
    Shard("shard",
          cl::desc("K/N: analyse only the K-th of N deterministic parts of "
                   "the input (by file; GitLab: "
                   "$CI_NODE_INDEX/$CI_NODE_TOTAL)"),
          cl::value_desc("K/N"), cl::cat(Category));

cl::opt<std::string> OutputPath("output",
                                cl::desc("Write the report here instead of "
                                         "stdout"),
                                cl::value_desc("file"), cl::cat(Category));

cl::opt<bool> Prefilter(
    "prefilter",
    cl::desc("Skip C translation units that provably cannot call a rule "
             "function, found with clang's dependency scanner (default: "
             "on; --prefilter=false parses every TU)"),
    cl::init(true), cl::cat(Category));

cl::opt<bool> Quiet("quiet",
                    cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category));

const char *Overview = R"(retcheck: finds calls whose error return is ignored
or checked incompletely (QEMU issue #413 and its kind).

  retcheck -p build                      every TU of build/compile_commands.json
  retcheck -p build hw/mips/malta.c      selected files
  retcheck file.c -- -Iinclude -DFOO     no database
  retcheck report a.json b.json -o out   one report over many results
)";

/// Identical commands (same file, directory and arguments) are analysed once.
std::vector<clang::tooling::CompileCommand>
uniqueCommands(std::vector<clang::tooling::CompileCommand> Commands) {
  std::set<std::string> Seen;
  std::vector<clang::tooling::CompileCommand> Out;
  for (auto &C : Commands) {
    std::string Key = C.Directory + '\0' + C.Filename + '\0' +
                      llvm::join(C.CommandLine, std::string(1, '\0'));
    if (Seen.insert(Key).second)
      Out.push_back(std::move(C));
  }
  return Out;
}

/// Creates \p Flag and waits until someone removes it.
void pauseUntilRemoved(StringRef Flag) {
  std::error_code EC;
  raw_fd_ostream(Flag, EC) << "retcheck " << sys::Process::getProcessId()
                           << " waits before --fix\n";
  while (!EC && sys::fs::exists(Flag))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string absolute(StringRef Path) {
  SmallString<256> P(Path);
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, true);
  return std::string(P);
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Clang's stack dump names LLVM's bug tracker; a crash is ours.
  setBugReportMsg("retcheck crashed. Please report it to retcheck's "
                  "maintainers with this stack dump.\n");
  cl::HideUnrelatedOptions(Category);
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

  // Rules first: a bad rules file fails before any parsing.
  RuleSet Rules;
  std::vector<std::string> RulePaths(RulesFiles.begin(), RulesFiles.end());
  if (RulePaths.empty())
    RulePaths.push_back(defaultRulesDir(sys::fs::getMainExecutable(
                            argv[0], (void *)&absolute)) +
                        "/qemu.json");
  for (const std::string &Path : RulePaths)
    if (std::optional<RulesError> E = loadRulesFile(Path, Rules)) {
      errs() << E->str() << "\n";
      return ExitBadRules;
    }

  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string DBError;
  if (!BuildPath.empty()) {
    DB = loadCompileDatabase(BuildPath, DBError);
    if (!DB) {
      errs() << "retcheck: error: cannot load a compile database from '"
             << BuildPath << "': " << DBError << "\n";
      return ExitBadDatabase;
    }
  } else if (Fixed) {
    DB = std::move(Fixed);
  } else if (!SourcePaths.empty()) {
    DB = clang::tooling::CompilationDatabase::autoDetectFromSource(
        absolute(SourcePaths.front()), DBError);
    if (!DB) {
      errs() << "retcheck: warning: no compile database found for "
             << SourcePaths.front() << "; analysing without flags\n";
      DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>());
    }
  } else {
    errs() << "retcheck: error: nothing to analyse: give files, or -p <build "
              "dir> with a compile_commands.json\n";
    return ExitUsage;
  }

  std::vector<clang::tooling::CompileCommand> Commands;
  if (SourcePaths.empty()) {
    Commands = DB->getAllCompileCommands();
    if (Commands.empty()) {
      errs() << "retcheck: error: the compile database in '" << BuildPath
             << "' has no entries\n";
      return ExitBadDatabase;
    }
  } else {
    for (const std::string &File : SourcePaths) {
      std::string Path = absolute(File);
      if (!sys::fs::is_regular_file(Path)) {
        errs() << "retcheck: error: " << File
               << (sys::fs::is_directory(Path) ? ": is a directory\n"
                                               : ": no such file\n");
        return ExitUsage;
      }
      std::vector<clang::tooling::CompileCommand> ForFile =
          DB->getCompileCommands(Path);
      if (ForFile.empty()) {
        errs() << "retcheck: error: " << File
               << ": not in the compile database\n";
        return ExitUsage;
      }
      Commands.insert(Commands.end(), ForFile.begin(), ForFile.end());
    }
  }
  Commands = uniqueCommands(std::move(Commands));

  // Report paths, fingerprints and git diffs are relative to this (before
  // sharding, so that every shard has the unsharded run's root and
  // fingerprints).
  std::string Root = SourceRoot;
  if (Root.empty()) {
    std::vector<std::string> All;
    for (const auto &C : Commands)
      All.push_back(commandFile(C));
    Root = commonDirectory(All);
  } else {
    Root = absolute(Root);
  }

  // Files decide the shard, so that every entry of one file (and so each
  // finding) lands in exactly one shard, whatever the order of the database.
  if (!Shard.empty()) {
    unsigned K = 0, N = 0;
    StringRef KText, NText;
    std::tie(KText, NText) = StringRef(Shard).split('/');
    if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 ||
        K == 0 || K > N) {
      errs() << "retcheck: error: --shard wants K/N with 1 <= K <= N, got '"
             << Shard << "'\n";
      return ExitUsage;
    }
    std::vector<clang::tooling::CompileCommand> Mine;
    for (auto &C : Commands) {
      // FNV-1a of the file's path relative to the database entry's
      // directory: stable across runs and machines.
      uint64_t H = 1469598103934665603ULL;
      for (unsigned char Ch : C.Filename)
        H = (H ^ Ch) * 1099511628211ULL;
      if (H % N == K - 1)
        Mine.push_back(std::move(C));
    }
    Commands = std::move(Mine);
  }

  std::optional<ChangedLines> Changes;
  if (!ChangedSince.empty()) {
    std::string Error;
    Changes = ChangedLines::fromGit(ChangedSince, Root, Error);
    if (!Changes) {
      errs() << "retcheck: error: --changed-since " << ChangedSince << ": "
             << Error << "\n";
      return ExitUsage;
    }
  }

  std::optional<std::set<std::string>> Accepted;
  if (!Baseline.empty()) {
    auto Text = MemoryBuffer::getFile(Baseline);
    std::string Error;
    if (Text)
      Accepted = parseBaselineJson((*Text)->getBuffer().str(), Error);
    else
      Error = Text.getError().message();
    if (!Accepted) {
      errs() << "retcheck: error: --baseline " << Baseline << ": " << Error
             << "\n";
      return ExitUsage;
    }
  }

  // Open every output before the work, so a bad path fails fast.
  // Every output is tried before the work, so that a bad path fails fast.
  // Files are opened again after it: a worker that crashes runs LLVM's
  // signal handler, which would remove the temporaries this process
  // registered before the fork. Devices and pipes stay open (a FIFO's
  // reader would see the end of its input).
  std::unique_ptr<OutputFile> OutFile, BaselineOut, YamlOut;
  std::pair<cl::opt<std::string> *, std::unique_ptr<OutputFile> *> Outputs[] = {
      {&OutputPath, &OutFile},
      {&WriteBaseline, &BaselineOut},
      {&ExportFixes, &YamlOut}};
  auto OpenOutputs = [&] {
    for (auto [Path, File] : Outputs) {
      if (Path->empty() || *File)
        continue;
      std::string Error;
      *File = OutputFile::open(*Path, Error);
      if (!*File) {
        errs() << "retcheck: error: cannot write '" << *Path << "': " << Error
               << "\n";
        return false;
      }
    }
    return true;
  };
  if (!OpenOutputs())
    return ExitOutputFailed;
  for (auto [Path, File] : Outputs)
    if (*File && (*File)->isTemporary())
      File->reset();

  auto Start = std::chrono::steady_clock::now();
  // The filter lives in each worker: created there on first use, so that
  // its cache is filled by that worker's TUs.
  std::unique_ptr<CallSiteFilter> Filter;
  auto AnalyzeOne = [&](std::size_t I) {
    const clang::tooling::CompileCommand &C = Commands[I];
    // Lets clang move deep recursion onto a fresh stack instead of crashing.
    clang::noteBottomOfStack();
    setBugReportMsg("retcheck: a worker crashed analysing the translation "
                    "unit below; the run goes on without it. Please report "
                    "it to retcheck's maintainers with this stack dump.\n");
    if (!Filter && (Prefilter || Changes))
      Filter = std::make_unique<CallSiteFilter>(Rules);
    // A TU that reads no changed file cannot have a finding on a changed
    // line. If its files cannot be listed, it is analysed.
    bool Unchanged = false;
    if (Changes)
      if (std::optional<std::vector<std::string>> Read =
              Filter->includedFiles(C))
        Unchanged =
            std::none_of(Read->begin(), Read->end(), [&](const std::string &F) {
              return Changes->fileChanged(F);
            });
    if (Unchanged || (Prefilter && !Filter->mayCallRuleFunction(C))) {
      TUResult R;
      R.File = commandFile(C);
      R.Analysed = R.Skipped = true;
      return R;
    }
    return analyzeCompileCommand(C, Rules);
  };
  Progress Bar(Commands.size());
  WorkerPoolOptions PoolOptions;
  PoolOptions.Workers = hardware_concurrency(Jobs).compute_thread_count();
  PoolOptions.TimeoutSeconds = Timeout;
  std::vector<TUResult> Results = analyzeInWorkers(
      Commands.size(), PoolOptions, AnalyzeOne,
      [&](std::size_t I) { return commandFile(Commands[I]); },
      [&](const TUResult &R) { Bar.step(R.Skipped); });
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();

  if (!OpenOutputs())
    return ExitOutputFailed;
  raw_ostream &Out = OutFile ? OutFile->os() : outs();

  RunResult Run;
  std::set<std::string> Files;
  std::map<decltype(std::declval<Finding>().key()), bool> SeenFindings;
  std::set<std::tuple<std::string, std::string>> SeenProblems;
  for (TUResult &R : Results) {
    Files.insert(R.File);
    if (!R.Problems.empty())
      ++Run.Stats.Failed;
    Run.Stats.Skipped += R.Skipped;
    for (TUProblem &P : R.Problems)
      if (SeenProblems.insert({P.File, P.Message}).second)
        Run.Problems.push_back(std::move(P));
    for (Finding &F : R.Findings)
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
  if (Changes)
    Run.Findings.erase(std::remove_if(Run.Findings.begin(), Run.Findings.end(),
                                      [&](const Finding &F) {
                                        return !Changes->lineChanged(F.File,
                                                                     F.Line);
                                      }),
                       Run.Findings.end());
  assignFingerprints(Run.Findings, Root);
  Run.SourceRoot = Root;
  if (BaselineOut)
    BaselineOut->os() << toBaselineJson(Run.Findings);
  if (Accepted) {
    std::size_t Before = Run.Findings.size();
    Run.Findings.erase(std::remove_if(Run.Findings.begin(), Run.Findings.end(),
                                      [&](const Finding &F) {
                                        return Accepted->count(F.Fingerprint);
                                      }),
                       Run.Findings.end());
    Run.Stats.Baselined = Before - Run.Findings.size();
  }
  Run.Stats.TranslationUnits = Commands.size();
  Run.Stats.Files = Files.size();
  Run.Stats.Jobs = PoolOptions.Workers;
  Run.Stats.Seconds = Seconds;

  switch (OutputFormat) {
  case Format::Json:
    Out << toJson(Run);
    break;
  case Format::Sarif:
    writeSarif(Run.Findings, Root, Out);
    break;
  case Format::CodeQuality:
    Out << toCodeQualityJson(Run.Findings);
    break;
  case Format::Text:
    printFindingsAsText(Run.Findings, Out, !OutFile && Out.has_colors());
    break;
  }
  Out.flush();

  for (const TUProblem &P : Run.Problems)
    errs() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";

  std::vector<TextEdit> Edits;
  for (const Finding &F : Run.Findings)
    Edits.insert(Edits.end(), F.Fixes.begin(), F.Fixes.end());

  if (YamlOut)
    exportFixesYaml(Run.Findings,
                    Commands.empty() ? "" : Commands.front().Filename,
                    YamlOut->os());

  bool FixesFailed = false;
  if (Fix) {
    if (!PauseBeforeFix.empty())
      pauseUntilRemoved(PauseBeforeFix);
    FixPlan Plan = planFixes(Edits);
    for (const TextEdit &C : Plan.Conflicts)
      errs() << C.File << ": error: conflicting fix at offset " << C.Offset
             << " not applied\n";
    FixOutcome Outcome = writeFixes(Plan);
    for (const std::string &E : Outcome.Errors)
      errs() << E << "\n";
    if (!Quiet)
      errs() << "retcheck: applied " << Outcome.EditsApplied << " fix(es) in "
             << Outcome.Written.size() << " file(s)\n";
    FixesFailed = !Outcome.Errors.empty() || !Plan.Conflicts.empty();
  }

  // A full disk shows only now; the error is ours to report, not LLVM's
  // (whose stream destructor would abort).
  bool OutputFailed = false;
  for (auto [Path, File] : Outputs) {
    std::string Error;
    if (*File && !(*File)->commit(Error)) {
      errs() << "retcheck: error: cannot write '" << *Path << "': " << Error
             << "\n";
      OutputFailed = true;
    }
  }
  if (!OutFile && outs().has_error()) {
    errs() << "retcheck: error: cannot write the report to stdout: "
           << outs().error().message() << "\n";
    outs().clear_error();
    OutputFailed = true;
  }

  int Exit = OutputFailed            ? ExitOutputFailed
             : FixesFailed           ? ExitFixesNotApplied
             : !Run.Problems.empty() ? ExitTUFailed
             : !Run.Findings.empty() ? ExitFindings
                                     : ExitClean;

  if (!Quiet)
    errs() << "retcheck: " << Run.Findings.size() << " finding(s) in "
           << Run.Stats.Files << " file(s), " << Commands.size()
           << " translation unit(s) (" << Run.Stats.Skipped
           << " proved free of rule calls), " << Run.Problems.size()
           << " with errors, " << format("%.1f", Seconds) << " s\n";
  return Exit;
}
