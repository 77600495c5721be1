//===- ClangOutput.h - Findings in clang's own formats --------------------===//
//
// Text output goes through clang's TextDiagnosticPrinter, exactly as
// clang-tidy prints (source line, caret, fix-it line); --export-fixes writes
// the YAML that clang-apply-replacements reads.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_CLANGOUTPUT_H
#define RETCHECK_CLI_CLANGOUTPUT_H

#include "judge/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace retcheck {

void printFindingsAsText(const std::vector<Finding> &Findings,
                         llvm::raw_ostream &OS, bool Colors);

/// SARIF 2.1.0 through clang's SarifDocumentWriter, with what it does not
/// write added: rule help, fixes, partialFingerprints, paths relative to
/// %SRCROOT% (\p SourceRoot).
void writeSarif(const std::vector<Finding> &Findings,
                const std::string &SourceRoot, llvm::raw_ostream &OS);

/// clang-tidy's --export-fixes format (clang::tooling::TranslationUnit
/// Diagnostics as YAML).
void exportFixesYaml(const std::vector<Finding> &Findings,
                     const std::string &MainSourceFile, llvm::raw_ostream &OS);

} // namespace retcheck

#endif
