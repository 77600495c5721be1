//===- AnalyzeDocument.cpp - One open document through the CLI's stages ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AnalyzeDocument.h"
#include "Options.h"
#include "RunAnalysis.h"
#include "RunInputs.h"

#include "lsp/CompileCommandsLookup.h"

#include "llvm/Support/MemoryBuffer.h"

namespace retcheck {

using namespace lsp;

namespace {

Diagnostic setupProblem(const std::string &Why) {
  return problemDiagnostic(
      {"", "not-analysed",
       Why + " (the language server's log, its stderr, has the details)"});
}

/// The CLI's input stages, for one file.
std::optional<Diagnostic> loadInputs(const char *Argv0,
                                     const DocumentRequest &R, RunInputs &In) {
  // A database the server has read is lent (as `-- ARGS` lend theirs).
  std::unique_ptr<clang::tooling::CompilationDatabase> Lent;
  if (R.Database)
    Lent = borrowDatabase(*R.Database, *R.DatabaseDir);
  opts::BuildPath = Lent ? "" : R.DatabaseDir.value_or("");
  opts::SourcePaths.clear();
  opts::SourcePaths.push_back(R.Path);
  if (std::optional<int> Exit = loadConfig(In))
    return setupProblem("the configuration cannot be read");
  if (std::optional<int> Exit = loadRulesOption(In))
    return setupProblem("the rules cannot be read");
  if (std::optional<int> Exit = loadCommands(Argv0, std::move(Lent), In))
    return setupProblem(*Exit == ExitBadRules
                            ? "the rules cannot be read"
                            : "the compile database or configuration cannot "
                              "be read");
  if (std::optional<int> Exit = openCache(Argv0, In))
    return setupProblem("the cache cannot be opened");
  return std::nullopt;
}

bool sameAsOnDisk(const DocumentRequest &R) {
  auto Buffer = llvm::MemoryBuffer::getFile(R.Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer && (*Buffer)->getBuffer() == R.Text;
}

} // namespace

lsp::DocumentResult analyzeDocument(const char *Argv0,
                                    const lsp::DocumentRequest &R) {
  DocumentResult Out;
  RunInputs In;
  if (std::optional<Diagnostic> Problem = loadInputs(Argv0, R, In)) {
    Out.Problems.push_back(*Problem);
    return Out;
  }
  for (const LoadedRules &Set : In.RuleSets)
    Out.RulesFiles.insert(Out.RulesFiles.end(), Set.Files.begin(),
                          Set.Files.end());
  // A buffer as saved is analysed as the CLI would, from the cache.
  if (!sameAsOnDisk(R))
    In.Unsaved[R.Path] = R.Text;

  Analysis A = analyzeTranslationUnits(In);
  std::vector<std::optional<std::vector<Finding>>> Judged;
  Gathered G = gatherFindings(A, In, Judged);
  verifyRepairsInWorkers(G.Run, In, G.Origins);

  SourceTexts Texts(In.Unsaved);
  for (const Finding &F : G.Run.Findings) {
    if (F.File != R.Path)
      continue; // clangd, too, shows the main file's diagnostics only
    const Rule *Contract = nullptr;
    if (auto It = G.Origins.find(F.keyText()); It != G.Origins.end())
      Contract = In.RuleSets[In.Settings[It->second].Rules].Rules.find(
          F.Function, F.FunctionFile);
    Out.Findings.push_back(
        viewFinding(F, Contract, Texts, In.SourceRoot.Path, opts::DocsUrl));
  }
  for (const TUProblem &P : G.Run.Problems)
    Out.Problems.push_back(problemDiagnostic(P));
  return Out;
}

} // namespace retcheck
