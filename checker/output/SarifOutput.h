//===- SarifOutput.h - Findings as SARIF 2.1.0 ----------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The document, run and rules come from clang's SarifDocumentWriter; what
// it cannot say is added: each rule's short and full description, its help
// (the docs/checks page as Markdown) and helpUri, results with paths
// relative to %SRCROOT% as URI references, columns and fix offsets in the
// unit the run declares (Unicode code points, not bytes), fixes,
// partialFingerprints, compile errors as tool execution notifications and
// git provenance. GitHub code scanning and the SARIF multitool's GitHub
// rules accept it (checker/test/sarif_validate_test.sh).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_OUTPUT_SARIFOUTPUT_H
#define RETCHECK_OUTPUT_SARIFOUTPUT_H

#include "output/JsonReport.h"
#include "support/GitWorkTree.h"

#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace retcheck {

struct SarifOptions {
  std::string ToolVersion;
  /// helpUri: DocsUrl + "<check>.md"; none without it (each rule's help
  /// carries its page).
  std::string DocsUrl;
  /// The git work tree holding the source root, when it is in one.
  std::optional<GitProvenance> Provenance;
  std::string RootInRepository = "."; ///< the root's place in that tree
};

void writeSarif(const RunResult &Run, const SarifOptions &Options,
                llvm::raw_ostream &OS);

/// "retcheck-ignored-result" -> "IgnoredResult": SARIF's rule name, which
/// must differ from the id.
std::string sarifRuleName(CheckKind K);

/// Unicode code points in \p Bytes (UTF-8; an invalid byte counts as one,
/// as a decoder's U+FFFD would).
unsigned codePoints(llvm::StringRef Bytes);

} // namespace retcheck

#endif
