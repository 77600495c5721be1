//===- EvidenceNotes.h - Why an inferred contract holds, as notes ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A finding judged against an inferred contract carries the contract's
// evidence as text ("hw/core/loader.c:95: returns -1 after
// error_setg_internal()", "12 of 15 call sites test it completely"). In
// clang's text output each piece follows the warning as a note, pointing at
// the return it names the way clang points at a declaration ("declared
// here"); JSON and SARIF carry the same text as it is.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_OUTPUT_EVIDENCENOTES_H
#define RETCHECK_OUTPUT_EVIDENCENOTES_H

#include "judge/Finding.h"

#include <string>
#include <vector>

namespace retcheck {

/// The notes that show why \p F's contract was inferred, in its evidence's
/// order. Evidence paths are relative to the source root the contract was
/// inferred under: each is looked for below \p Bases, then below the
/// directories holding F's file (a rules file inferred elsewhere, as the
/// clang-tidy module reads it); an absolute one as it is. A note whose place
/// is found has File, Line, Column and Offset (at the line's first
/// non-blank); the others have no File, and their message names the place.
/// The last note gives the confidence. None for a finding of a written
/// rule.
std::vector<FindingNote> evidenceNotes(const Finding &F,
                                       std::vector<std::string> Bases);

} // namespace retcheck

#endif
