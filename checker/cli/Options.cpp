//===- Options.cpp - The retcheck command line ----------------------------===//

#include "Options.h"

using namespace llvm;

namespace retcheck {
namespace opts {

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
             "the bundled QEMU pack (qemu.json), and none with inference"),
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

cl::opt<bool> FixNotes(
    "fix-notes",
    cl::desc("Also apply the repairs offered as notes (an inserted check, a "
             "retyped local), as clang-tidy's --fix-notes does: a finding's "
             "note fix-its when it has none of its own and one note has "
             "some. Implies --fix"),
    cl::cat(Category));

cl::opt<bool> Repairs(
    "repairs",
    cl::desc("Propose repairs of the findings that fix-its do not fix, each "
             "verified by parsing its translation unit again with it "
             "applied (default: on; --repairs=false saves that time)"),
    cl::init(true), cl::cat(Category));

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
                                         "stdout (retcheck infer: the rules)"),
                                cl::value_desc("file"), cl::cat(Category));
cl::alias OutputShort("o", cl::desc("Alias for --output"),
                      cl::aliasopt(OutputPath), cl::cat(Category));

cl::opt<bool> Prefilter(
    "prefilter",
    cl::desc("Skip C translation units that provably cannot call a rule "
             "function, found with clang's dependency scanner (default: "
             "on; --prefilter=false parses every TU)"),
    cl::init(true), cl::cat(Category));

cl::opt<bool> Quiet("quiet",
                    cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category));

cl::opt<bool> Infer(
    "infer",
    cl::desc("Infer the error contracts of every function from the code "
             "(bodies first, callers second) and check every call against "
             "them too; hand-written rules win"),
    cl::cat(Category));

cl::opt<double> MinConfidence(
    "min-confidence",
    cl::desc("Report a finding from an inferred contract only when its "
             "confidence (0..1: the strength of the evidence, and how many "
             "other callers check) is at least this (default 0.5)"),
    cl::value_desc("c"), cl::init(0.5), cl::cat(Category));

cl::opt<unsigned> InferMinCallers(
    "infer-min-callers",
    cl::desc("Inference from callers alone (functions without a body in the "
             "tree) needs at least this many call sites (default 5)"),
    cl::value_desc("n"), cl::init(5), cl::cat(Category));

cl::opt<double> InferMinShare(
    "infer-min-share",
    cl::desc("... of which at least this share test the result completely "
             "(default 0.8)"),
    cl::value_desc("share"), cl::init(0.8), cl::cat(Category));

bool InferOnly = false;

} // namespace opts

const char *Overview = R"(retcheck: finds calls whose error return is ignored
or checked incompletely (QEMU issue #413 and its kind).

  retcheck -p build                      every TU of build/compile_commands.json
  retcheck -p build hw/mips/malta.c      selected files
  retcheck file.c -- -Iinclude -DFOO     no database
  retcheck report a.json b.json -o out   one report over many results
  retcheck infer -p build -o rules.json  infer error contracts, write them
  retcheck -p build --infer              infer and check in one run
)";

} // namespace retcheck
