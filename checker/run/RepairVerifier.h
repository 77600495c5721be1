//===- RepairVerifier.h - A repair is offered only once it is verified ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A repair inserts or retypes code, so it is checked before it is offered:
// the translation unit is parsed again with the repair applied (in memory,
// with the TU's own flags and warnings on), and the repair is offered only
// if the TU still compiles with no new error or warning, the finding is
// gone, and no new finding appears (the facts are extracted again and
// judged with the same contracts). The repairs of one TU are first tried
// all together; only when that fails is each tried alone.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_REPAIRVERIFIER_H
#define RETCHECK_RUN_REPAIRVERIFIER_H

#include "TUAnalysis.h"
#include "judge/Judge.h"

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <string>
#include <vector>

namespace retcheck {

/// What one parse of a translation unit gave.
struct ParseOutcome {
  bool Parsed = false;
  TUFacts Facts;
  /// Each warning and error as `warning: FILE: message [-Wflag], on: LINE`
  /// (diagnosticKey), with the text of its line but not its number (a
  /// repair moves the lines after it).
  std::vector<std::string> Diagnostics;
};

/// Parses the translation unit again with \p Files replaced.
using Reparse = llvm::function_ref<ParseOutcome(const Overlay &Files)>;

/// The flags that turn warnings on for a verification: before the TU's own
/// (so that its -Wno-... win), and after them (warnings stay warnings).
std::vector<std::string> verificationFlagsBefore();
std::vector<std::string> verificationFlagsAfter();

/// A diagnostic as ParseOutcome::Diagnostics holds it, its types named
/// without their typedef sugar (`'unsigned long'`, not `'uint64_t' (aka
/// 'unsigned long')`); "" for notes and remarks.
std::string diagnosticKey(clang::DiagnosticsEngine::Level Level,
                          const clang::Diagnostic &Info);

/// Keeps the warnings and errors of a parse as diagnosticKey()s.
class DiagnosticRecorder : public clang::DiagnosticConsumer {
public:
  std::vector<std::string> Keys;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;
};

/// Reparse for the CLI: \p Command's own flags, \p Files in memory over
/// \p Unsaved over the real ones.
ParseOutcome reparseCommand(const clang::tooling::CompileCommand &Command,
                            const FactScope &Scope, const Overlay &Files,
                            const Overlay &Unsaved = {});

/// Cost of a verification, for the summary.
struct VerificationCost {
  unsigned Parses = 0;
  double Seconds = 0;
};

/// Verifies the proposed repair of each of \p Findings, all from the
/// translation unit that \p Parse parses again; \p J judges as the run did.
/// The repairs edit \p Unsaved's text where it has a file's, else the
/// file on disk (\p Parse is given the edited files only).
std::vector<RepairVerdict>
verifyRepairs(const std::vector<const Finding *> &Findings, const Judge &J,
              Reparse Parse, VerificationCost *Cost = nullptr,
              const Overlay &Unsaved = {});

/// Moves each verified proposal of \p Findings into its notes; the others
/// get their verdict's reason as NoRepair.
void applyVerdicts(const std::vector<Finding *> &Findings,
                   const std::vector<RepairVerdict> &Verdicts);

} // namespace retcheck

#endif
