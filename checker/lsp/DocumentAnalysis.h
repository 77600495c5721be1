//===- DocumentAnalysis.h - What an open document's analysis returns -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the language server asks of an editor's buffer and what it gets back
// from the job process that analyses it (JobProcess.h) as JSON. The
// analysis itself is the command line's (cli/AnalyzeDocument.h), lent to
// the server as ServerOptions::Analyze.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_DOCUMENTANALYSIS_H
#define RETCHECK_LSP_DOCUMENTANALYSIS_H

#include "FindingView.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
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

/// Analyses one document, in a job process of the server.
using DocumentAnalyzer = std::function<DocumentResult(const DocumentRequest &)>;

void to_json(json &J, const DocumentResult &R);
void from_json(const json &J, DocumentResult &R);

} // namespace retcheck::lsp

#endif
