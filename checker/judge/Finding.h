//===- Finding.h - A finding, as reported to users ------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The front-end independent form of a finding: file positions and byte
// offsets instead of SourceLocations, so that findings can cross threads,
// be deduplicated across translation units, serialised and merged.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_FINDING_H
#define RETCHECK_CORE_FINDING_H

#include "support/Checks.h"
#include "support/Edits.h"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace retcheck {

/// A note that follows a finding, with fix-its of its own: a repair that
/// changes what the code does (an inserted check, a retyped local), so it
/// is applied only on request (--fix-notes), as clang-tidy applies the
/// fix-its of notes.
struct FindingNote {
  std::string Message;
  std::string File;                          ///< absolute, normalised
  unsigned Line = 0, Column = 0, Offset = 0; ///< where the note points
  std::vector<TextEdit> Fixes;
};

/// One reason a finding ranks where it does, and how much it weighs
/// (log-odds; rank/Rank.h).
struct RankSignal {
  double Weight = 0;
  std::string Why;
  /// From how the function's other calls are handled: counted again when
  /// shards of a run are merged (rank/Rank.h, rerank).
  bool OtherCalls = false;
};

struct Finding {
  CheckKind Check = CheckKind::IgnoredResult;
  Severity Level = Severity::Warning;
  std::string File;                          ///< absolute, normalised
  unsigned Line = 0, Column = 0, Offset = 0; ///< 1-based line and column
  std::string Message;
  std::string Function; ///< the called rule function
  std::string EnclosingFunction;
  unsigned CallLine = 0, CallColumn = 0; ///< the callee's name token
  std::vector<TextEdit> Fixes;
  /// Set by assignFingerprints: stable across edits that move the finding.
  std::string Fingerprint;
  std::string RelativeFile; ///< File, relative to the source root
  /// The contract judged against: a rule written by hand, or inferred (with
  /// how sure the inference is, 0..1, and what it rests on).
  bool Inferred = false;
  double Confidence = 1;
  /// The inferred contract was drawn from how the function's calls test
  /// it (Inference::Basis "callers"), not from its body.
  bool FromCallers = false;
  /// incomplete-check: a predicate's failure taken for its "yes" (the
  /// branch acts on the answer; the value is not used again).
  bool TakenForYes = false;
  /// incomplete-check: the test spells out `!= 0`, sending every result
  /// but 0 one way, failures with them.
  bool NonZeroSpelledOut = false;
  /// An unchecked store whose status the function merges (copies, returns)
  /// on some paths, and that another call's result replaces on another
  /// before that read.
  bool StatusLost = false;
  std::vector<std::string> Evidence;
  /// The calls the inferred contract counted (Inference::Callers) and those
  /// that check it: a tally that saw fewer ranks with these
  /// (CallerTally::of), when ranked and when ranked again after a merge.
  unsigned ContractCalls = 0, ContractCallsChecking = 0;
  /// Repairs that were verified (run/RepairVerifier.h), as notes.
  std::vector<FindingNote> Notes;
  /// The repair the judge proposes, until it is verified: never reported.
  std::optional<FindingNote> Proposed;
  /// Why the finding has no repair, when its check has repairs at all.
  std::string NoRepair;
  /// How likely a maintainer is to act on it, 0..100, and why, most
  /// telling first (rank/Rank.h): warnings are the findings that rank high.
  unsigned Rank = 0;
  std::vector<RankSignal> RankSignals;
  /// The rank decided the level (the rule left it to the rank).
  bool RankDecided = false;
  /// The file of the rule's function, for a `static` one (Rule::File):
  /// with Function, whose calls CallerTally counts.
  std::string FunctionFile;
  /// The call in the TUFacts it was judged from (Judge::judgeAll); not
  /// kept beyond the run.
  int32_t CallIndex = -1;

  /// Identity for deduplication across translation units.
  auto key() const {
    return std::tie(File, Offset, Check, CallLine, CallColumn, Message);
  }
  /// key() as text, for maps and sets keyed by finding.
  std::string keyText() const {
    return File + '\0' + std::to_string(Offset) + '\0' + checkName(Check) +
           '\0' + std::to_string(CallLine) + ':' + std::to_string(CallColumn) +
           '\0' + Message;
  }
  bool operator<(const Finding &O) const {
    return std::tie(File, Line, Column, Check, CallLine, CallColumn, Message) <
           std::tie(O.File, O.Line, O.Column, O.Check, O.CallLine, O.CallColumn,
                    O.Message);
  }
};

/// A translation unit that could not be analysed, or only partly.
struct TUProblem {
  std::string File;
  std::string Kind; ///< "compile-error", "not-found", "crash", ...
  std::string Message;
};

} // namespace retcheck

#endif
