//===- Options.h - The retcheck command line ------------------------------===//
//
// Every option of the main command, defined once (Options.cpp) and read by
// the stages of a run (Main.cpp, RunInputs.cpp, RunOutputs.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_OPTIONS_H
#define RETCHECK_CLI_OPTIONS_H

#include "llvm/Support/CommandLine.h"

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
};

enum class Format { Text, Json, Sarif, CodeQuality };

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
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<bool> Infer;
extern llvm::cl::opt<double> MinConfidence;
extern llvm::cl::opt<unsigned> InferMinCallers;
extern llvm::cl::opt<double> InferMinShare;
/// `retcheck infer ...`: write the inferred rules (to --output), no check.
extern bool InferOnly;
} // namespace opts

/// The text of `retcheck --help` above the options.
extern const char *Overview;

} // namespace retcheck

#endif
