//===- RunInputs.h - What a run works on, read before any work ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The first stages of a run: the configuration (.clang-tidy, --checks, ...),
// the compile commands (selected by the file and directory arguments,
// adjusted for clang, with the source root, the shard and --changed-since
// applied), the rules of each translation unit and the baseline. A stage
// that fails has printed its one-line error and returns the exit code; bad
// input stops the run before anything is parsed.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_RUNINPUTS_H
#define RETCHECK_CLI_RUNINPUTS_H

#include "ClangTidyConfig.h"

#include "output/JsonReport.h"
#include "pipeline/RunInputs.h"
#include "pipeline/RunOptions.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

/// The command line's inputs: the analysis' (pipeline/RunInputs.h), and
/// what the command line reads beside them.
struct RunInputs : AnalysisInputs {
  /// The clang-tidy configuration each TU's settings come from.
  std::unique_ptr<ClangTidyConfig> Config;
  /// The git work trees holding the analysed files.
  std::vector<std::string> GitTops;
  std::optional<Baseline> Accepted; ///< --baseline
  /// --shard or --changed-since: some TUs of the input are not analysed.
  bool Partial = false;
  /// --infer: the contracts inferred and added to every rules set.
  std::size_t InferredRules = 0;
};

/// Reads the clang-tidy configuration options and the rank's. On failure,
/// the exit code.
std::optional<int> loadConfig(RunInputs &In, const RunOptions &O);

/// Loads --rules, when given, for every TU. On failure, the exit code.
std::optional<int> loadRulesOption(RunInputs &In, const RunOptions &O);

/// Reads the compile commands (from -p, from `-- ARGS`, or found beside the
/// files), applies the configuration, --source-root, --shard and
/// --changed-since, loads the rules each TU needs and reads --baseline. On
/// failure, the exit code.
std::optional<int>
loadCommands(const RunOptions &O,
             std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             RunInputs &In);

/// The rules file used when nothing names one: the bundled QEMU pack beside
/// retcheck's \p Executable.
std::string defaultRulesFile(llvm::StringRef Executable);

/// What the check selection says, for a run and for --verify-config: each
/// glob of --checks, --fail-checks, --config and the .clang-tidy files
/// that matches no check, and, when it enables none, an error.
struct SelectionProblems {
  std::vector<std::string> Warnings; ///< "SOURCE: warning: ..." lines
  std::string Error;                 ///< "no checks enabled ..." or ""
};
/// The files whose configuration is checked are those of In.Commands, or
/// a file in the working directory when there are none.
SelectionProblems checkSelection(RunInputs &In, const RunOptions &O);

/// --baseline: the accepted fingerprints, with a warning when the baseline
/// was written with another source root. On failure, the exit code.
std::optional<int> loadBaseline(RunInputs &In, const RunOptions &O);
/// Opens the cache (--cache-dir, default: $RETCHECK_CACHE_DIR) into
/// In.Cache. A bad --cache-max-size is an exit code; a folder that cannot
/// be used is a warning, and the run goes on without a cache.
std::optional<int> openCache(RunInputs &In, const RunOptions &O);

/// Who computes the run's results (ResultCache::executableIdentity, or
/// --debug-cache-identity): the cache and the stages of a split run use
/// only what the same retcheck wrote. nullopt when the executable cannot
/// be read.
std::optional<std::string> runIdentity(const RunOptions &O);

/// \p Path made absolute against the working directory, without dots.
std::string absolute(llvm::StringRef Path);

/// The source root of files that a run analysed: \p Given (--source-root)
/// unless empty, else the top of the git work tree(s) holding them, else
/// their deepest common directory. \p Tops receives the git work trees
/// holding them.
SourceRootInfo chooseSourceRoot(const std::vector<std::string> &Files,
                                llvm::StringRef Given,
                                std::vector<std::string> &Tops);

} // namespace retcheck

#endif
