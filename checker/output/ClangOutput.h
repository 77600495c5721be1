//===- ClangOutput.h - Findings in clang's own formats --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Text output goes through clang's TextDiagnosticPrinter, exactly as
// clang-tidy prints (source line, caret, fix-it line); --export-fixes writes
// the YAML that clang-apply-replacements reads. SARIF: SarifOutput.h.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_CLANGOUTPUT_H
#define RETCHECK_CLI_CLANGOUTPUT_H

#include "judge/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace retcheck {

/// A finding of an inferred contract is marked `[check,inferred]`, as
/// clang-tidy marks `[check,-warnings-as-errors]`, and followed by its
/// evidence as notes (EvidenceNotes.h; paths looked for below
/// \p EvidenceBases).
void printFindingsAsText(const std::vector<Finding> &Findings,
                         llvm::raw_ostream &OS, bool Colors,
                         const std::vector<std::string> &EvidenceBases = {});

/// clang-tidy's --export-fixes format (clang::tooling::TranslationUnit
/// Diagnostics as YAML).
void exportFixesYaml(const std::vector<Finding> &Findings,
                     const std::string &MainSourceFile, llvm::raw_ostream &OS);

} // namespace retcheck

#endif
