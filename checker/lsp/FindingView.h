//===- FindingView.h - A finding as an editor shows it --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the language server offers for one finding: the diagnostic, the
// hover text (the contract, where it came from, the rank and why, in the
// words of the text and JSON outputs: rankSummary, rankReason,
// evidenceNotes, the rules file format) and the quick fixes (its fix-its,
// its verified repairs, a NOLINT comment).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_FINDINGVIEW_H
#define RETCHECK_LSP_FINDINGVIEW_H

#include "Protocol.h"

#include "contracts/Rules.h"
#include "judge/Finding.h"
#include "run/TUAnalysis.h"

#include <map>
#include <string>
#include <vector>

namespace retcheck::lsp {

/// The text of files as the analysis read them: the editor's unsaved
/// buffers, else the files on disk (read once).
class SourceTexts {
public:
  explicit SourceTexts(const Overlay &Unsaved) : Unsaved(Unsaved) {}
  const std::string &text(const std::string &File);

private:
  const Overlay &Unsaved;
  std::map<std::string, std::string> Read;
};

struct FindingView {
  Diagnostic Diag;
  std::string Hover; ///< Markdown
  std::vector<CodeAction> Actions;
};

/// \p F, judged against \p Contract (null if unknown), for an editor.
/// \p DocsUrl: --docs-url, for the check's page.
FindingView viewFinding(const Finding &F, const Rule *Contract,
                        SourceTexts &Texts, const std::string &SourceRoot,
                        const std::string &DocsUrl);

/// A TU's problem (compile errors, a crash) as a diagnostic on the
/// document's first line.
Diagnostic problemDiagnostic(const TUProblem &P);

void to_json(json &J, const FindingView &V);
void from_json(const json &J, FindingView &V);

} // namespace retcheck::lsp

#endif
