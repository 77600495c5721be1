//===- Options.h - The retcheck command line ------------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every option of the main command, defined once (Options.cpp) and read
// there only, into the RunOptions that the stages of a run are given.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_OPTIONS_H
#define RETCHECK_CLI_OPTIONS_H

#include "pipeline/RunOptions.h"

#include "llvm/Support/CommandLine.h"

#include <optional>
#include <string>

namespace retcheck {

/// Exit codes (README.md, "Exit codes").
enum ExitCode {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitTUFailed = 3,
  ExitBadRules = 4,
  ExitBadDatabase = 5,
  ExitOutputFailed = 6,
  ExitFixesNotApplied = 7,
  /// A stage of a run split across CI jobs got facts, a judge plan or
  /// inferred rules that are missing, damaged, of another format version,
  /// of another retcheck or of another run.
  ExitBadFacts = 8,
};

namespace opts {
extern llvm::cl::OptionCategory Category;
extern llvm::cl::opt<std::string> BuildPath;
extern llvm::cl::list<std::string> SourcePaths;
extern llvm::cl::list<std::string> RulesFiles;
extern llvm::cl::opt<unsigned> Jobs;
extern llvm::cl::opt<unsigned> Timeout;
extern llvm::cl::opt<std::string> PauseBeforeFix;
extern llvm::cl::opt<bool> Fix;
extern llvm::cl::opt<bool> FixNotes;
extern llvm::cl::opt<bool> Diff;
extern llvm::cl::opt<bool> DryRun;
extern llvm::cl::opt<bool> Repairs;
extern llvm::cl::opt<std::string> ExportFixes;
extern llvm::cl::opt<Format> OutputFormat;
extern llvm::cl::opt<std::string> SourceRoot;
extern llvm::cl::opt<std::string> Baseline;
extern llvm::cl::opt<std::string> WriteBaseline;
extern llvm::cl::opt<std::string> ChangedSince;
extern llvm::cl::opt<std::string> Shard;
extern llvm::cl::opt<std::string> OutputPath;
extern llvm::cl::opt<bool> Prefilter;
extern llvm::cl::opt<std::string> CacheDir;
extern llvm::cl::opt<std::string> CacheMaxSize;
extern llvm::cl::opt<std::string> DebugCacheIdentity;
extern llvm::cl::opt<std::string> DebugDumpFunctions;
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<std::string> Checks;
extern llvm::cl::opt<std::string> Config;
extern llvm::cl::opt<std::string> ConfigFile;
extern llvm::cl::opt<std::string> HeaderFilter;
extern llvm::cl::opt<std::string> ExcludeHeaderFilter;
extern llvm::cl::opt<std::string> LineFilter;
extern llvm::cl::list<std::string> Exclude;
extern llvm::cl::list<std::string> ExtraArgs;
extern llvm::cl::list<std::string> ExtraArgsBefore;
extern llvm::cl::opt<FailOn> FailOnLevel;
extern llvm::cl::opt<std::string> FailChecks;
extern llvm::cl::opt<ColorMode> Color;
extern llvm::cl::opt<bool> ListChecks;
extern llvm::cl::opt<bool> VerifyConfig;
extern llvm::cl::opt<bool> DumpConfig;
extern llvm::cl::opt<std::string> Explain;
extern llvm::cl::list<std::string> Results;
extern llvm::cl::opt<std::string> DocsUrl;
extern llvm::cl::opt<bool> Infer;
extern llvm::cl::opt<double> MinConfidence;
extern llvm::cl::opt<unsigned> WarningRank;
extern llvm::cl::opt<std::string> LowRankPaths;
extern llvm::cl::opt<unsigned> InferMinCallers;
extern llvm::cl::opt<std::string> WriteFacts;
extern llvm::cl::list<std::string> Facts;
extern llvm::cl::opt<std::string> InferredRules;
extern llvm::cl::opt<std::string> JudgePlan;
extern llvm::cl::opt<double> InferMinShare;
/// `retcheck infer ...`: write the inferred rules (to --output, else
/// stdout), no check. Its options are the main command's that apply.
extern llvm::cl::SubCommand InferCommand;
/// `retcheck lsp`: a language server on stdin/stdout (lsp/Server.h). Its
/// options are the main command's that apply to one file, and these.
extern llvm::cl::SubCommand LspCommand;
extern llvm::cl::opt<std::string> CompileCommandsDir;
extern llvm::cl::opt<unsigned> DebounceMs;
} // namespace opts

/// Before the command line is parsed: shows retcheck's options alone in
/// --help, and gives --color to retcheck's option instead of LLVM's.
void setUpCommandLine();

/// The run's options, from the parsed command line and the environment
/// (the only reader of opts::). On options that contradict each other,
/// nullopt and a one-line \p Error.
std::optional<RunOptions> runOptionsFromCommandLine(const char *Argv0,
                                                    std::string &Error);

/// The text of `retcheck --help` above the options.
extern const char *Overview;
/// The text of `retcheck --help` below the options: the exit codes.
extern const char *ExitCodesHelp;

} // namespace retcheck

#endif
