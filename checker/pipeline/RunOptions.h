//===- RunOptions.h - What a run is asked to do ---------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The policy of a run as one plain value: made once, from the command line
// and the environment, by runOptionsFromCommandLine (Options.h), and handed
// to the stages, which read nothing else. The .clang-tidy files are read
// per translation unit, with Config over them (ClangTidyConfig.h). The
// language server makes one for each analysis from its own (Server.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_PIPELINE_RUNOPTIONS_H
#define RETCHECK_PIPELINE_RUNOPTIONS_H

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

enum class Format { Text, Json, Sarif, CodeQuality };

/// --fail-on: the least severe finding that fails the run (exit 1).
enum class FailOn { Warning, Note, None };

/// --color
enum class ColorMode { Auto, Always, Never };

/// What is analysed.
struct InputOptions {
  /// -p: the build folder (or compile_commands.json); "": none.
  std::string BuildPath;
  /// The files and directories named; none: the whole database.
  std::vector<std::string> Sources;
  /// --rules, for every TU; none: each TU's configuration's RulesFiles,
  /// else the bundled QEMU pack.
  std::vector<std::string> RulesFiles;
  /// --source-root; "": chosen from the analysed files.
  std::string SourceRoot;
  /// --exclude: globs relative to the source root.
  std::vector<std::string> Exclude;
  /// --shard K/N; "": every TU.
  std::string Shard;
  /// --changed-since: a git revision; "": every TU and line.
  std::string ChangedSince;
  /// --baseline: the findings it records are not reported; "": none.
  std::string Baseline;
  /// --results: findings read from these instead of analysed.
  std::vector<std::string> Results;
};

/// clang-tidy's configuration as given on the command line, over (or with
/// Config and ConfigFile: instead of) the .clang-tidy files.
struct ConfigOptions {
  /// --checks, --header-filter, --exclude-header-filter: set when given.
  std::optional<std::string> Checks, HeaderFilter, ExcludeHeaderFilter;
  std::string Config;     ///< --config: YAML; "": none
  std::string ConfigFile; ///< --config-file; "": none
  std::string LineFilter; ///< --line-filter: JSON; "": every line
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
};

/// How the translation units are analysed.
struct AnalysisOptions {
  /// Worker processes at most (-j; every core unless given).
  unsigned Jobs = 1;
  /// Seconds one TU may take; 0: no limit.
  unsigned TimeoutSeconds = 600;
  /// Skip the TUs that provably call no rule function.
  bool Prefilter = true;
  /// Propose repairs, each verified by a parse with it applied.
  bool Repairs = true;
  /// The result cache's folder (--cache-dir, else $RETCHECK_CACHE_DIR);
  /// "": no cache.
  std::string CacheDir;
  /// --cache-max-size, as written ("5G").
  std::string CacheMaxSize = "5G";
  /// --debug-cache-identity: cache entries keyed by this text instead of
  /// the executable's digest; "": the digest.
  std::string CacheIdentity;
};

/// Contracts inferred from the code.
struct InferOptions {
  /// --infer or `retcheck infer`: the contracts of every function are
  /// inferred (and the facts of every call gathered).
  bool Enabled = false;
  /// `retcheck infer`: the inferred rules are written, nothing is checked.
  bool Only = false;
  unsigned MinCallers = 5; ///< --infer-min-callers
  double MinShare = 0.8;   ///< --infer-min-share
  /// --debug-dump-functions: the functions with a body, as TSV; "": none.
  std::string DumpFunctions;
};

/// --infer split across CI jobs: each shard parses its TUs and writes their
/// facts (map), one job infers the contracts from all of them (reduce),
/// each shard judges its TUs from its facts against them (judge).
struct StageOptions {
  std::string WriteFacts; ///< map: the facts directory; "": none
  /// reduce (`retcheck infer`): every shard's facts; judge: its own.
  std::vector<std::string> Facts;
  std::string InferredRules; ///< judge: the reduce's rules file
  /// The reduce's judge plan: written by the reduce, read by the judge.
  std::string JudgePlan;
};

/// Which findings are reported, as warnings or notes, and which fail the
/// run.
struct ReportOptions {
  /// Findings of inferred contracts less confident than this are dropped.
  double MinConfidence = 0;
  /// --warning-rank, when given (else the rank's default, 50).
  std::optional<unsigned> WarningRank;
  /// --low-rank-paths, when given (else the rank's default globs).
  std::optional<std::string> LowRankPaths;
  FailOn FailOnLevel = FailOn::Warning;
  /// --fail-checks: a clang-tidy glob list; FailChecksGiven: on the
  /// command line (its globs are checked then).
  std::string FailChecks = "*";
  bool FailChecksGiven = false;
};

/// Where the results go, and the fixes.
struct OutputOptions {
  Format ReportFormat = Format::Text;
  std::string Path;          ///< --output; "": stdout
  std::string WriteBaseline; ///< "": none
  std::string ExportFixes;   ///< YAML for clang-apply-replacements; "": none
  bool Fix = false;          ///< apply the fix-its in place
  bool FixNotes = false;     ///< and the repairs offered as notes
  /// Change no file: the fixes as a unified diff (--diff, --dry-run).
  bool Diff = false;
  /// Colors in text; NO_COLOR in the environment makes Auto Never.
  ColorMode Color = ColorMode::Auto;
  bool Quiet = false; ///< no summary on stderr
  /// SARIF's helpUri base; "": none.
  std::string DocsUrl;
  /// For the tests of --fix: wait before writing until this file, which
  /// the run creates, is removed; "": no wait.
  std::string PauseBeforeFix;
};

/// What the run does instead of analysing and reporting.
struct ActionOptions {
  bool ListChecks = false, VerifyConfig = false, DumpConfig = false;
  std::string Explain; ///< the check whose page is printed; "": none
};

/// `retcheck lsp`
struct LanguageServerOptions {
  /// Serve an editor (LSP on stdin and stdout) instead of running once.
  bool Serve = false;
  /// The folder of compile_commands.json for every file; "": as clangd.
  std::string CompileCommandsDir;
  unsigned DebounceMs = 500;
};

struct RunOptions {
  /// retcheck's executable: the bundled rules lie beside it, and the
  /// cache tells its builds apart by its digest.
  std::string Executable;
  InputOptions Inputs;
  ConfigOptions Config;
  AnalysisOptions Analysis;
  InferOptions Infer;
  StageOptions Stages;
  ReportOptions Report;
  OutputOptions Output;
  ActionOptions Action;
  LanguageServerOptions Server;
};

} // namespace retcheck

#endif
