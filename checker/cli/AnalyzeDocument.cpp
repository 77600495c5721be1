//===- AnalyzeDocument.cpp - One open document through the CLI's stages ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AnalyzeDocument.h"
#include "Options.h"
#include "RunInputs.h"

#include "lsp/CompileCommandsLookup.h"
#include "pipeline/RunAnalysis.h"

#include "llvm/Support/MemoryBuffer.h"

namespace retcheck {

using namespace lsp;

namespace {

Diagnostic setupProblem(const std::string &Why) {
  return problemDiagnostic(
      {"", "not-analysed",
       Why + " (the language server's log, its stderr, has the details)"});
}

/// The CLI's input stages, for one file: `retcheck -p DB FILE` with the
/// server's options.
std::optional<Diagnostic> loadInputs(const RunOptions &O,
                                     const DocumentRequest &R, RunInputs &In) {
  // A database the server has read is lent (as `-- ARGS` lend theirs).
  std::unique_ptr<clang::tooling::CompilationDatabase> Lent;
  if (R.Database)
    Lent = borrowDatabase(*R.Database, *R.DatabaseDir);
  if (std::optional<int> Exit = loadConfig(In, O))
    return setupProblem("the configuration cannot be read");
  if (std::optional<int> Exit = loadRulesOption(In, O))
    return setupProblem("the rules cannot be read");
  if (std::optional<int> Exit = loadCommands(O, std::move(Lent), In))
    return setupProblem(*Exit == ExitBadRules
                            ? "the rules cannot be read"
                            : "the compile database or configuration cannot "
                              "be read");
  if (std::optional<int> Exit = openCache(In, O))
    return setupProblem("the cache cannot be opened");
  return std::nullopt;
}

bool sameAsOnDisk(const DocumentRequest &R) {
  auto Buffer = llvm::MemoryBuffer::getFile(R.Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer && (*Buffer)->getBuffer() == R.Text;
}

/// The server's options, for this document alone: its database (unless
/// the server lends the one it read) and the file.
RunOptions optionsFor(const RunOptions &Server, const DocumentRequest &R) {
  RunOptions O = Server;
  O.Inputs.BuildPath = R.Database ? "" : R.DatabaseDir.value_or("");
  O.Inputs.Sources = {R.Path};
  return O;
}

} // namespace

lsp::DocumentResult analyzeDocument(const RunOptions &Server,
                                    const lsp::DocumentRequest &R) {
  DocumentResult Out;
  RunInputs In;
  RunOptions O = optionsFor(Server, R);
  if (std::optional<Diagnostic> Problem = loadInputs(O, R, In)) {
    Out.Problems.push_back(*Problem);
    return Out;
  }
  for (const LoadedRules &Set : In.RuleSets)
    Out.RulesFiles.insert(Out.RulesFiles.end(), Set.Files.begin(),
                          Set.Files.end());
  // A buffer as saved is analysed as the CLI would, from the cache.
  if (!sameAsOnDisk(R))
    In.Unsaved[R.Path] = R.Text;

  Analysis A = analyzeTranslationUnits(In, O);
  std::vector<std::optional<std::vector<Finding>>> Judged;
  Gathered G = gatherFindings(A, In, O, Judged);
  verifyRepairsInWorkers(G.Run, In, O, G.Origins);

  SourceTexts Texts(In.Unsaved);
  for (const Finding &F : G.Run.Findings) {
    if (F.File != R.Path)
      continue; // clangd, too, shows the main file's diagnostics only
    const Rule *Contract = nullptr;
    if (auto It = G.Origins.find(F.keyText()); It != G.Origins.end())
      Contract = In.RuleSets[In.Settings[It->second].Rules].Rules.find(
          F.Function, F.FunctionFile);
    Out.Findings.push_back(
        viewFinding(F, Contract, Texts, In.SourceRoot.Path, O.Output.DocsUrl));
  }
  for (const TUProblem &P : G.Run.Problems)
    Out.Problems.push_back(problemDiagnostic(P));
  return Out;
}

} // namespace retcheck
