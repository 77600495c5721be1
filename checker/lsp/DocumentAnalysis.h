//===- DocumentAnalysis.h - One open document through the CLI's stages ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What `retcheck -p DB FILE` does, for an editor's buffer: the inputs read
// as the command line reads them (.clang-tidy, rules files, the compile
// database, the cache), the TU analysed in a worker process with the
// unsaved text over the file, judged, ranked and its repairs verified
// (pipeline/RunAnalysis.h), the findings in the main file viewed for the
// editor. Runs in a job process of the server (JobProcess.h), with the
// server's options made for this one file.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_DOCUMENTANALYSIS_H
#define RETCHECK_LSP_DOCUMENTANALYSIS_H

#include "FindingView.h"

#include "pipeline/RunOptions.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck::lsp {

struct DocumentRequest {
  std::string Path;
  std::string Text; ///< the editor's buffer
  std::optional<std::string> DatabaseDir;
  /// The database in DatabaseDir, as the server read it; null: read here.
  const clang::tooling::CompilationDatabase *Database = nullptr;
};

struct DocumentResult {
  std::vector<FindingView> Findings;
  /// Why some or all of the file was not analysed (compile errors, a
  /// crashed TU, a bad configuration), as diagnostics.
  std::vector<Diagnostic> Problems;
  /// The rules files the findings were judged with: watched for changes.
  std::vector<std::string> RulesFiles;
};

/// \p R analysed as `retcheck -p DB FILE` with the server's options
/// \p Server would analyse it.
DocumentResult analyzeDocument(const RunOptions &Server,
                               const DocumentRequest &R);

void to_json(json &J, const DocumentResult &R);
void from_json(const json &J, DocumentResult &R);

} // namespace retcheck::lsp

#endif
