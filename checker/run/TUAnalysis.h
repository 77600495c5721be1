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

#include "judge/Finding.h"
#include "contracts/Rules.h"

#include <string>
#include <vector>

#include "llvm/ADT/StringRef.h"

namespace clang {
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace retcheck {

struct TUResult {
  std::string File;
  std::vector<Finding> Findings;
  std::vector<TUProblem> Problems; ///< empty when analysed cleanly
  bool Analysed = false;           ///< the AST was built and visited
  bool Skipped = false; ///< proved to call no rule function, not parsed
  /// Every file the TU reads (main file and headers, absolute), from the
  /// dependency scanner; empty when unknown or not asked for. The parent
  /// keeps results in the cache under these files' digests.
  std::vector<std::string> Files;
};

/// Analyses the translation unit described by \p Command (as found in a
/// compile_commands.json). Compiler warnings are silenced; errors are
/// returned as problems.
TUResult analyzeCompileCommand(const clang::tooling::CompileCommand &Command,
                               const RuleSet &Rules);

/// What retcheck appends to every compile command before Clang sees it:
/// part of what a cached result depends on.
std::vector<std::string> addedArguments();

/// \p Name made absolute against \p Directory, with . and .. removed.
std::string absolutePath(llvm::StringRef Name, llvm::StringRef Directory);

/// The absolute, normalised path of a database entry's file.
std::string commandFile(const clang::tooling::CompileCommand &Command);

/// The clang resource directory (builtin headers such as stddef.h) that
/// matches the libclang retcheck links: $RETCHECK_CLANG_RESOURCE_DIR, else
/// the one found at build time.
std::string clangResourceDir();

} // namespace retcheck

#endif
