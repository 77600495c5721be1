//===- TUAnalysis.h - Analysing one translation unit ----------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/Paths.h"

#include "llvm/ADT/StringRef.h"

#include "llvm/ADT/IntrusiveRefCntPtr.h"

namespace clang {
class DiagnosticConsumer;
class FrontendAction;
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace llvm::vfs {
class FileSystem;
}

namespace retcheck {

/// Whether a proposed repair was verified (run/RepairVerifier.h).
struct RepairVerdict {
  bool Offered = false;
  std::string Reason; ///< why not
};

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
  /// A verification job's answer: one verdict per repair, and its cost.
  std::vector<RepairVerdict> Verdicts;
  uint32_t VerifyParses = 0;
  double VerifySeconds = 0;
};

/// Files whose text is replaced for a parse: path -> text (an editor's
/// unsaved buffers, a repair being verified).
using Overlay = std::map<std::string, std::string>;

/// The real file system with \p Files in memory over it.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
overlayFileSystem(const Overlay &Files);

/// Parses the translation unit described by \p Command (as found in a
/// compile_commands.json) and gathers the facts of the calls in \p Scope,
/// with \p Unsaved read instead of the files on disk. Compiler warnings
/// are silenced; errors are returned as problems.
TUResult analyzeCompileCommand(const clang::tooling::CompileCommand &Command,
                               const FactScope &Scope,
                               const Overlay &Unsaved = {});

/// What retcheck appends to every compile command before Clang sees it:
/// part of what a cached result depends on.
std::vector<std::string> addedArguments();
/// How a translation unit is parsed: for the analysis, warnings silenced;
/// for a repair's verification, warnings on and some files replaced.
struct ParseSetup {
  std::vector<std::string> ArgsBefore; ///< before the command's own
  std::vector<std::string> ArgsAfter;  ///< after them
  /// The files read (default: the real ones).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Files;
  /// Also receives every diagnostic.
  clang::DiagnosticConsumer *Diagnostics = nullptr;
};

/// analyzeCompileCommand, set up by \p Setup instead.
TUResult parseCompileCommand(const clang::tooling::CompileCommand &Command,
                             const FactScope &Scope, const ParseSetup &Setup);

/// The action that parses a translation unit into \p Result's facts, for
/// front ends that run it themselves (the clang-tidy module's verification).
std::unique_ptr<clang::FrontendAction> createFactsAction(const FactScope &Scope,
                                                         TUResult &Result,
                                                         std::string Directory);

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
