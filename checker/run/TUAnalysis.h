//===- TUAnalysis.h - Analysing one translation unit ----------------------===//
//
// Runs the CallAnalyzer over one compile command and returns findings in
// the front-end independent form (absolute paths, offsets). Used by the
// CLI's worker threads and by the fixture tests, so that both see exactly
// what users see.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_TUANALYSIS_H
#define RETCHECK_CORE_TUANALYSIS_H

#include "contracts/Rules.h"
#include "facts/CallFacts.h"
#include "facts/Facts.h"
#include "judge/Finding.h"

#include <string>
#include <vector>

#include "support/Paths.h"

#include "llvm/ADT/StringRef.h"

namespace clang {
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace retcheck {

struct TUResult {
  std::string File;
  TUFacts Facts;
  std::vector<TUProblem> Problems; ///< empty when analysed cleanly
  bool Analysed = false;           ///< the AST was built and visited
  bool Skipped = false; ///< proved to call no rule function, not parsed
  /// Rule functions the TU declares (from the AST, or from the prefilter's
  /// lexing when it was skipped).
  std::vector<std::string> RuleFunctions;
  /// Every file the TU reads: in the worker, what the parse read; sent back
  /// to the parent only as the dependency scanner's list (absolute), which
  /// the parent keeps results in the cache under.
  std::vector<std::string> FilesRead;
  /// --changed-since: the TU reads no changed file, so its problems do not
  /// decide the exit code.
  bool OutsideChange = false;
};

/// Parses the translation unit described by \p Command (as found in a
/// compile_commands.json) and gathers the facts of the calls in \p Scope.
/// Compiler warnings are silenced; errors are returned as problems.
TUResult analyzeCompileCommand(const clang::tooling::CompileCommand &Command,
                               const FactScope &Scope);

/// What retcheck appends to every compile command before Clang sees it:
/// part of what a cached result depends on.
std::vector<std::string> addedArguments();

/// The calls that rules name: the facts a rules-only run needs.
FactScope scopeOf(const RuleSet &Rules);

/// The absolute, normalised path of a database entry's file.
std::string commandFile(const clang::tooling::CompileCommand &Command);

/// The clang resource directory (builtin headers such as stddef.h) that
/// matches the libclang retcheck links: $RETCHECK_CLANG_RESOURCE_DIR, else
/// the one found at build time.
std::string clangResourceDir();

} // namespace retcheck

#endif
