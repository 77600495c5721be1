//===- RunInputs.h - What a run works on, read before any work ------------===//
//
// The first stages of a run: the rules, the compile commands (with the
// source root, the shard and --changed-since applied) and the baseline. A
// stage that fails has printed its one-line error and returns the exit
// code; bad input stops the run before anything is parsed.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_RUNINPUTS_H
#define RETCHECK_CLI_RUNINPUTS_H

#include "contracts/Rules.h"
#include "run/ChangedLines.h"
#include "run/ResultCache.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

struct RunInputs {
  RuleSet Rules;
  std::vector<clang::tooling::CompileCommand> Commands;
  /// Report paths, fingerprints and git diffs are relative to this.
  std::string SourceRoot;
  std::optional<ChangedLines> Changes;                ///< --changed-since
  std::optional<std::set<std::string>> Accepted; ///< --baseline
  std::unique_ptr<ResultCache> Cache;            ///< --cache-dir
};

/// Loads --rules (default: the bundled QEMU pack). On failure, the exit code.
std::optional<int> loadRules(const char *Argv0, RuleSet &Rules);

/// Reads the compile commands (from -p, from `-- ARGS`, or found beside the
/// files), applies --source-root, --shard and --changed-since, and reads
/// --baseline. On failure, the exit code.
std::optional<int>
loadCommands(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             RunInputs &In);

/// Opens --cache-dir (default: $RETCHECK_CACHE_DIR) into In.Cache. A bad
/// --cache-max-size is an exit code; a folder that cannot be used is a
/// warning, and the run goes on without a cache.
std::optional<int> openCache(const char *Argv0, RunInputs &In);

/// \p Path made absolute against the working directory, without dots.
std::string absolute(llvm::StringRef Path);

} // namespace retcheck

#endif
