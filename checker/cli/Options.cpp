//===- Options.cpp - The retcheck command line ----------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Options.h"

#include "run/ResultCache.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Threading.h"

#include <cstdlib>

using namespace llvm;

// The package's published documentation (CMake: -DRETCHECK_DOCS_URL=...).
#ifndef RETCHECK_DEFAULT_DOCS_URL
#define RETCHECK_DEFAULT_DOCS_URL ""
#endif

namespace retcheck {
namespace opts {

cl::OptionCategory Category("retcheck options");

cl::SubCommand InferCommand(
    "infer", "Infer the error contracts of every function from the code and "
             "write them as a rules file (to -o FILE, else stdout); no "
             "finding is reported");

cl::SubCommand
    LspCommand("lsp",
               "Serve the findings to an editor: a language server (LSP over "
               "stdin and stdout) that runs beside clangd on the same files");

namespace {
/// An option of the main command that `retcheck infer` takes too.
struct AlsoInfer {
  template <class Opt> void apply(Opt &O) const {
    O.addSubCommand(cl::SubCommand::getTopLevel());
    O.addSubCommand(InferCommand);
  }
} AlsoInInfer;
/// An option of the main command that `retcheck lsp` takes too.
struct AlsoLsp {
  template <class Opt> void apply(Opt &O) const {
    O.addSubCommand(cl::SubCommand::getTopLevel());
    O.addSubCommand(LspCommand);
  }
} AlsoInLsp;
} // namespace

cl::opt<std::string> BuildPath("p",
                               cl::desc("Build directory with "
                                        "compile_commands.json"),
                               cl::value_desc("build dir"), cl::cat(Category),
                               AlsoInInfer);

cl::list<std::string> SourcePaths(cl::Positional,
                                  cl::desc("[<file> ...] [-- <compiler args>]"),
                                  cl::cat(Category), AlsoInInfer);

cl::list<std::string> RulesFiles(
    "rules",
    cl::desc("Rules file (JSON, see rules/README.md); repeatable. Default: "
             ".clang-tidy's RulesFiles, else the bundled QEMU pack "
             "(qemu.json); inference starts from them"),
    cl::value_desc("file"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

// cl::Prefix: -j2 as well as -j 2, as make and clang-tidy's scripts take it.
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed in parallel, "
                                "each in a worker process (default: all "
                                "cores; never more than there are units)"),
                       cl::init(0), cl::Prefix, cl::cat(Category), AlsoInInfer,
                       AlsoInLsp);

cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Seconds one translation unit may take before it is "
                     "given up and reported (default: 600; 0: no limit)"),
            cl::value_desc("seconds"), cl::init(600), cl::cat(Category),
            AlsoInInfer, AlsoInLsp);

// For the tests of --fix: stop between the analysis and the writing of the
// fixes until FILE, which retcheck creates, is removed.
cl::opt<std::string> PauseBeforeFix("debug-pause-before-fix", cl::Hidden,
                                    cl::value_desc("file"), cl::cat(Category));

cl::opt<bool> Fix("fix",
                  cl::desc("Apply the fix-its in place (each file is "
                           "rewritten atomically)"),
                  cl::cat(Category));

cl::opt<bool> FixNotes(
    "fix-notes",
    cl::desc("Also apply the repairs offered as notes (an inserted check, a "
             "retyped local), as clang-tidy's --fix-notes does: a finding's "
             "note fix-its when it has none of its own and one note has "
             "some. Implies --fix"),
    cl::cat(Category));

cl::opt<bool> Diff(
    "diff",
    cl::desc("Change no file: print what --fix would change (with "
             "--fix-notes, the repairs too) as a unified diff on stdout, paths "
             "relative to the source root (git apply, patch -p1); the report "
             "goes to --output only. Exits as --fix would"),
    cl::cat(Category));

cl::opt<bool> DryRun("dry-run",
                     cl::desc("With --fix or --fix-notes: change no file, "
                              "print the unified diff instead (as --diff)"),
                     cl::cat(Category));

cl::opt<bool> Repairs(
    "repairs",
    cl::desc("Propose repairs of the findings that fix-its do not fix, each "
             "verified by parsing its translation unit again with it "
             "applied (default: on; --repairs=false saves that time)"),
    cl::init(true), cl::cat(Category), AlsoInLsp);

cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write fixes as YAML for clang-apply-replacements"),
                cl::value_desc("file"), cl::cat(Category));

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
             "(default: the top of the git work tree holding the sources, "
             "else the deepest directory holding every analysed file)"),
    cl::value_desc("dir"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

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
                                         "stdout (retcheck infer: the rules)"),
                                cl::value_desc("file"), cl::cat(Category),
                                AlsoInInfer);
cl::alias OutputShort("o", cl::desc("Alias for --output"),
                      cl::aliasopt(OutputPath), cl::cat(Category));

cl::opt<bool> Prefilter(
    "prefilter",
    cl::desc("Skip C translation units that provably cannot call a rule "
             "function, found with clang's dependency scanner (default: "
             "on; --prefilter=false parses every TU)"),
    cl::init(true), cl::cat(Category), AlsoInLsp);

cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each translation unit's result in DIR and reuse it while "
             "its command, the files it reads, the rules and retcheck are "
             "the same (default: $RETCHECK_CACHE_DIR; unset or empty: no "
             "cache). A read-only DIR is used without writing"),
    cl::value_desc("dir"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

// For retcheck's developers measuring a change of the inference or the
// judging on a large tree: cache entries are keyed by TEXT instead of the
// executable's digest, so a rebuilt binary reuses the facts of an older
// one. Wrong results follow if the change touches the facts.
cl::opt<std::string> DebugCacheIdentity("debug-cache-identity", cl::Hidden,
                                        cl::value_desc("text"),
                                        cl::cat(Category), AlsoInInfer,
                                        AlsoInLsp);

// For retcheck's developers measuring the inference's recall
// (docs/evaluation/inference-recall): with --infer or `retcheck infer`,
// every function with a body that returns an integer, a bool or a pointer,
// as a TSV FILE (FunctionDump.h).
cl::opt<std::string> DebugDumpFunctions("debug-dump-functions", cl::Hidden,
                                        cl::value_desc("file"),
                                        cl::cat(Category));

cl::opt<std::string> CacheMaxSize(
    "cache-max-size",
    cl::desc("Size bound of --cache-dir: N bytes, or with K, M or G (KiB, "
             "MiB, GiB); the least recently used results go first "
             "(default: 5G)"),
    cl::value_desc("size"), cl::init("5G"), cl::cat(Category), AlsoInInfer,
    AlsoInLsp);

cl::opt<bool> Quiet("quiet",
                    cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::opt<std::string> Checks(
    "checks",
    cl::desc("clang-tidy glob list of checks, applied over .clang-tidy's "
             "Checks (default: retcheck-*), e.g. "
             "-checks='-*,retcheck-minus-one-check'"),
    cl::value_desc("globs"), cl::cat(Category), AlsoInLsp);

cl::opt<std::string>
    Config("config",
           cl::desc("clang-tidy configuration in YAML, used instead of the "
                    ".clang-tidy files: -config=\"{Checks: '-*,retcheck-*', "
                    "CheckOptions: {RulesFiles: rules.json}}\""),
           cl::value_desc("yaml"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the clang-tidy configuration from this file instead of "
             "the .clang-tidy files"),
    cl::value_desc("file"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression: findings in headers are reported only "
             "when the header's path matches (overrides .clang-tidy's "
             "HeaderFilterRegex; default: '.*', every header)"),
    cl::value_desc("regex"), cl::cat(Category));

cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Regular expression: findings in headers whose path matches "
             "are not reported (overrides .clang-tidy's "
             "ExcludeHeaderFilterRegex)"),
    cl::value_desc("regex"), cl::cat(Category));

cl::list<std::string> Exclude(
    "exclude",
    cl::desc("Glob on paths relative to the source root, as in .gitignore "
             "('hw/mips/', 'third_party/**', '*.inc'): files that match, or "
             "that a matching directory holds, are neither analysed nor "
             "reported (repeatable; the source root's .retcheckignore adds "
             "its lines)"),
    cl::value_desc("glob"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::opt<std::string> LineFilter(
    "line-filter",
    cl::desc("JSON, as clang-tidy's: report only these lines, "
             "[{\"name\": \"file.c\", \"lines\": [[1, 3], [5, 7]]}]"),
    cl::value_desc("json"), cl::cat(Category));

cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("Argument appended to every compile command (repeatable)"),
    cl::value_desc("arg"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Argument inserted after the compiler in every compile command "
             "(repeatable)"),
    cl::value_desc("arg"), cl::cat(Category), AlsoInInfer, AlsoInLsp);

cl::opt<FailOn> FailOnLevel(
    "fail-on",
    cl::desc("Which findings make the exit code 1 (with --fail-checks)"),
    cl::values(clEnumValN(FailOn::Warning, "warning",
                          "warnings (default; notes are reported only)"),
               clEnumValN(FailOn::Note, "note", "warnings and notes"),
               clEnumValN(FailOn::None, "none",
                          "none: findings never fail the run")),
    cl::init(FailOn::Warning), cl::cat(Category));

cl::opt<std::string> FailChecks(
    "fail-checks",
    cl::desc(
        "clang-tidy glob list of the checks whose findings fail the "
        "run (default: '*'), e.g. --fail-checks='*,-retcheck-lossy-store'"),
    cl::value_desc("globs"), cl::init("*"), cl::cat(Category));

// Registered as "retcheck-color": LLVM has a "color" option of its own,
// which setUpCommandLine() replaces with this one.
cl::opt<ColorMode> Color(
    "retcheck-color", cl::desc("Colors in the text output"),
    cl::values(clEnumValN(ColorMode::Auto, "auto",
                          "when stdout is a terminal and NO_COLOR is unset "
                          "(default)"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::init(ColorMode::Auto), cl::cat(Category));

cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the configuration (--checks, --fail-checks, --config, "
             "the .clang-tidy files, their CheckOptions and the rules they "
             "name), list the problems and exit (as clang-tidy's)"),
    cl::cat(Category));

cl::opt<bool> DumpConfig(
    "dump-config",
    cl::desc("Print the effective configuration as .clang-tidy YAML (for the "
             "first file argument, else the working directory) and exit"),
    cl::cat(Category));

cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks (after --checks "
                                  "and .clang-tidy) and exit"),
                         cl::cat(Category));

cl::opt<std::string>
    Explain("explain",
            cl::desc("Print the documentation of a check, with examples, and "
                     "exit (the page SARIF's helpUri points to)"),
            cl::value_desc("check"), cl::cat(Category));

cl::list<std::string> Results(
    "results",
    cl::desc("Do not analyse: read these JSON results (retcheck --format "
             "json, or retcheck report's merged.json) and write them in "
             "--format, with --baseline, --fail-on and --fail-checks "
             "applied (repeatable)"),
    cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Base URL of the published docs/checks pages: SARIF's helpUri "
             "is URL + <check>.md (default: '" RETCHECK_DEFAULT_DOCS_URL
             "', chosen when retcheck is built; empty: no helpUri, each "
             "rule's help carries its page)"),
    cl::value_desc("url"), cl::init(RETCHECK_DEFAULT_DOCS_URL),
    cl::cat(Category), AlsoInLsp);

cl::opt<bool> Infer(
    "infer",
    cl::desc("Infer the error contracts of every function from the code "
             "(bodies first, callers second) and check every call against "
             "them too; hand-written rules win"),
    cl::cat(Category));

cl::opt<std::string> WriteFacts(
    "write-facts",
    cl::desc("Map stage of --infer split across CI jobs: parse the "
             "translation units (of --shard K/N), write the facts of every "
             "call to DIR (DIR/facts.bin) and judge nothing; retcheck infer "
             "--facts reduces them"),
    cl::value_desc("dir"), cl::cat(Category));

cl::list<std::string> Facts(
    "facts",
    cl::desc("The facts a map stage (--write-facts) wrote. retcheck infer "
             "--facts DIR...: infer the contracts from every shard's facts, "
             "parsing nothing (reduce); retcheck --facts DIR --inferred-rules "
             "FILE --judge-plan FILE: judge the shard's translation units "
             "from its facts (judge)"),
    cl::value_desc("dir"), cl::cat(Category), AlsoInInfer);

cl::opt<std::string> InferredRules(
    "inferred-rules",
    cl::desc("With --facts: the rules file retcheck infer --facts wrote, "
             "added to the rules as --infer adds the rules it infers"),
    cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string> JudgePlan(
    "judge-plan",
    cl::desc("retcheck infer --facts: also write what each shard's judge "
             "stage needs from the whole tree (which of its facts count, "
             "how every function's calls are handled) to FILE; retcheck "
             "--facts: read it"),
    cl::value_desc("file"), cl::cat(Category), AlsoInInfer);

cl::opt<double> MinConfidence(
    "min-confidence",
    cl::desc("Report a finding from an inferred contract only when its "
             "confidence (0..1: the strength of the evidence, and how many "
             "other callers check) is at least this (default 0: every "
             "finding is kept, and ranked)"),
    cl::value_desc("c"), cl::init(0), cl::cat(Category), AlsoInLsp);

cl::opt<unsigned> WarningRank(
    "warning-rank",
    cl::desc("Findings that rank at least this (0..100: how likely a "
             "maintainer is to act on them; README, \"Rank\") are warnings, "
             "the others notes (default 50; 0: all warnings)"),
    cl::value_desc("n"), cl::init(50), cl::cat(Category), AlsoInLsp);

cl::opt<std::string> LowRankPaths(
    "low-rank-paths",
    cl::desc("Comma-separated globs, relative to the source root, of code "
             "whose findings rank low: tests, examples, build tools "
             "(default: tests/**, **/test/**, examples/**, scripts/**, ... "
             "as README lists; empty: none)"),
    cl::value_desc("globs"), cl::cat(Category), AlsoInLsp);

cl::opt<unsigned> InferMinCallers(
    "infer-min-callers",
    cl::desc("Inference from callers alone (functions without a body in the "
             "tree) needs at least this many call sites (default 5)"),
    cl::value_desc("n"), cl::init(5), cl::cat(Category), AlsoInInfer);

cl::opt<double> InferMinShare(
    "infer-min-share",
    cl::desc("... of which at least this share test the result completely "
             "(default 0.8)"),
    cl::value_desc("share"), cl::init(0.8), cl::cat(Category), AlsoInInfer);

cl::opt<std::string> CompileCommandsDir(
    "compile-commands-dir",
    cl::desc("retcheck lsp: the folder of compile_commands.json for every "
             "file (default: as clangd looks, the file's folders upward and "
             "their build/)"),
    cl::value_desc("dir"), cl::cat(Category), cl::sub(LspCommand));

cl::opt<unsigned> DebounceMs(
    "debounce",
    cl::desc("retcheck lsp: milliseconds of quiet after an edit before the "
             "unsaved buffer is analysed (default 500)"),
    cl::value_desc("ms"), cl::init(500), cl::cat(Category),
    cl::sub(LspCommand));

} // namespace opts

namespace {

template <class T> std::vector<std::string> listOf(const cl::list<T> &List) {
  return std::vector<std::string>(List.begin(), List.end());
}

/// The option's value if it was given, else nullopt.
template <class T> std::optional<T> given(const cl::opt<T> &Option) {
  if (!Option.getNumOccurrences())
    return std::nullopt;
  return Option.getValue();
}

/// Options of the map, reduce and judge stages that cannot go together.
std::optional<std::string> stageConflict(const RunOptions &O) {
  const StageOptions &S = O.Stages;
  bool Reduce = O.Infer.Only && !S.Facts.empty();
  bool Judge = !O.Infer.Only && !S.Facts.empty();
  if (!S.WriteFacts.empty() && (O.Infer.Enabled || !S.Facts.empty()))
    return "--write-facts is the map stage: it infers and judges nothing "
           "(no --infer, retcheck infer or --facts)";
  if (Reduce && (!O.Inputs.BuildPath.empty() || !O.Inputs.Sources.empty() ||
                 !O.Inputs.Shard.empty()))
    return "retcheck infer --facts reads facts instead of parsing: it takes "
           "no -p, files or --shard";
  if (Judge && (S.Facts.size() != 1 || S.InferredRules.empty() ||
                S.JudgePlan.empty() || O.Infer.Enabled))
    return "--facts judges one shard's facts: give one --facts DIR, "
           "--inferred-rules and --judge-plan (from retcheck infer --facts), "
           "and no --infer";
  if (S.Facts.empty() && (!S.InferredRules.empty() || !S.JudgePlan.empty()))
    return "--inferred-rules and --judge-plan go with --facts";
  return std::nullopt;
}

} // namespace

void setUpCommandLine() {
  cl::HideUnrelatedOptions(opts::Category);
  cl::HideUnrelatedOptions(opts::Category, opts::InferCommand);
  cl::HideUnrelatedOptions(opts::Category, opts::LspCommand);
  // After cl::HideUnrelatedOptions, which registers LLVM's common options:
  // LLVM's own --color (true/false) is one of them.
  if (cl::Option *LLVMColor = cl::getRegisteredOptions().lookup("color"))
    if (LLVMColor != &opts::Color)
      LLVMColor->removeArgument();
  opts::Color.setArgStr("color");
}

std::optional<RunOptions> runOptionsFromCommandLine(const char *Argv0,
                                                    std::string &Error) {
  if (opts::DryRun && !opts::Fix && !opts::FixNotes && !opts::Diff) {
    Error = "--dry-run previews --fix or --fix-notes; give one of them (or "
            "--diff)";
    return std::nullopt;
  }
  RunOptions O;
  O.Executable = sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&runOptionsFromCommandLine));

  InputOptions &In = O.Inputs;
  In.BuildPath = opts::BuildPath;
  In.Sources = listOf(opts::SourcePaths);
  In.RulesFiles = listOf(opts::RulesFiles);
  In.SourceRoot = opts::SourceRoot;
  In.Exclude = listOf(opts::Exclude);
  In.Shard = opts::Shard;
  In.ChangedSince = opts::ChangedSince;
  In.Baseline = opts::Baseline;
  In.Results = listOf(opts::Results);

  ConfigOptions &Config = O.Config;
  Config.Checks = given(opts::Checks);
  Config.HeaderFilter = given(opts::HeaderFilter);
  Config.ExcludeHeaderFilter = given(opts::ExcludeHeaderFilter);
  Config.Config = opts::Config;
  Config.ConfigFile = opts::ConfigFile;
  Config.LineFilter = opts::LineFilter;
  Config.ExtraArgs = listOf(opts::ExtraArgs);
  Config.ExtraArgsBefore = listOf(opts::ExtraArgsBefore);

  AnalysisOptions &Analysis = O.Analysis;
  Analysis.Jobs = hardware_concurrency(opts::Jobs).compute_thread_count();
  Analysis.TimeoutSeconds = opts::Timeout;
  Analysis.Prefilter = opts::Prefilter;
  Analysis.Repairs = opts::Repairs;
  Analysis.CacheDir = opts::CacheDir.getNumOccurrences()
                          ? std::string(opts::CacheDir)
                          : ResultCache::defaultDir();
  Analysis.CacheMaxSize = opts::CacheMaxSize;
  Analysis.CacheIdentity = opts::DebugCacheIdentity;

  InferOptions &Infer = O.Infer;
  Infer.Only = bool(opts::InferCommand);
  Infer.Enabled = opts::Infer || Infer.Only;
  Infer.MinCallers = opts::InferMinCallers;
  Infer.MinShare = opts::InferMinShare;
  Infer.DumpFunctions = opts::DebugDumpFunctions;

  StageOptions &Stages = O.Stages;
  Stages.WriteFacts = opts::WriteFacts;
  Stages.Facts = listOf(opts::Facts);
  Stages.InferredRules = opts::InferredRules;
  Stages.JudgePlan = opts::JudgePlan;
  if (std::optional<std::string> Why = stageConflict(O)) {
    Error = *Why;
    return std::nullopt;
  }
  // The map and judge stages gather, and judge, the facts of every call.
  if (!Stages.WriteFacts.empty() || !Stages.Facts.empty())
    Infer.Enabled = true;

  ReportOptions &Report = O.Report;
  Report.MinConfidence = opts::MinConfidence;
  Report.WarningRank = given(opts::WarningRank);
  Report.LowRankPaths = given(opts::LowRankPaths);
  Report.FailOnLevel = opts::FailOnLevel;
  Report.FailChecks = opts::FailChecks;
  Report.FailChecksGiven = opts::FailChecks.getNumOccurrences();

  OutputOptions &Output = O.Output;
  Output.ReportFormat = opts::OutputFormat;
  Output.Path = opts::OutputPath;
  Output.WriteBaseline = opts::WriteBaseline;
  Output.ExportFixes = opts::ExportFixes;
  Output.Fix = opts::Fix;
  Output.FixNotes = opts::FixNotes;
  Output.Diff = opts::Diff || opts::DryRun;
  Output.Color = opts::Color;
  const char *NoColor = std::getenv("NO_COLOR");
  if (Output.Color == ColorMode::Auto && NoColor && *NoColor)
    Output.Color = ColorMode::Never;
  Output.Quiet = opts::Quiet;
  Output.DocsUrl = opts::DocsUrl;
  Output.PauseBeforeFix = opts::PauseBeforeFix;

  O.Action.ListChecks = opts::ListChecks;
  O.Action.VerifyConfig = opts::VerifyConfig;
  O.Action.DumpConfig = opts::DumpConfig;
  O.Action.Explain = opts::Explain;

  O.Server.Serve = bool(opts::LspCommand);
  O.Server.CompileCommandsDir = opts::CompileCommandsDir;
  O.Server.DebounceMs = opts::DebounceMs;
  return O;
}

const char *Overview = R"(retcheck: finds calls whose error return is ignored
or checked incompletely (QEMU issue #413 and its kind).

  retcheck -p build                      every TU of build/compile_commands.json
  retcheck -p build hw/mips/malta.c      selected files
  retcheck file.c -- -Iinclude -DFOO     no database
  retcheck report a.json b.json -o out   one report over many results
  retcheck infer -p build -o rules.json  infer error contracts, write them
  retcheck lsp                           a language server for editors
  retcheck -p build --infer              infer and check in one run
  retcheck -p build --shard K/N --write-facts facts-K    --infer across jobs:
  retcheck infer --facts facts-1 ... -o inferred.json --judge-plan plan
  retcheck -p build --shard K/N --facts facts-K --inferred-rules inferred.json \
      --judge-plan plan --format json --output shard-K.json
)";

const char *ExitCodesHelp = R"(
EXIT CODES (the first of 6, 7, 3, 1 that applies; 2, 4, 5 stop before any work):
  0  no failing finding, every TU analysed (also: --write-baseline, and a
     --fix that fixed every finding, a --diff that fixes every finding)
  1  findings that fail the run (--fail-on, default: warnings; --fail-checks)
  2  bad command line or configuration: unknown option, missing source, bad
     --shard, --exclude or --source-root, -p with -- ARGS, a check selection
     that enables no check, unreadable baseline or --results, bad
     --changed-since revision, a working directory that is gone,
     --verify-config found a problem
  3  some TU was not (fully) analysed: compile errors (with --changed-since,
     only in TUs the change reaches), missing files, crashes, timeouts
  4  bad rules (file:line:col)
  5  bad compile database
  6  an output cannot be written (stdout closed by its reader, as with
     `| head`: 6, without a message), or the temporary file in which an
     --infer run keeps the facts until it judges them
  7  --fix left some fixes unapplied (--diff: left them out of the diff)
  8  --infer across CI jobs: facts (--facts), a judge plan or inferred rules
     that are missing, damaged, of another format version, written by
     another retcheck, or of another run or shard
)";

} // namespace retcheck
