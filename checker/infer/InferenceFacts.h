//===- InferenceFacts.h - What the global step reads of a TU's facts ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A whole-tree run holds every TU's facts until the contracts are known.
// Inference reads only part of them: how each call's result is tested and
// used, and each function's returns. What only the judge, the ranks and
// the repairs read (where a check can be written, where the call stands,
// where its result is stored, the text of tests, the handlers of each
// function) stays on disk until the TU is judged (pipeline/RunAnalysis.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_INFERENCEFACTS_H
#define RETCHECK_INFER_INFERENCEFACTS_H

#include "facts/Facts.h"

namespace retcheck {

/// \p U hands the pointer \p C returns to a function's parameter, where a
/// NULL can arrive unchecked.
bool handsPointerOn(const CallFact &C, const UseFact &U);

/// Drops from \p TU what inferContracts() does not read. Contracts inferred
/// from the result are those inferred from \p TU whole.
void keepInferenceFacts(TUFacts &TU);

} // namespace retcheck

#endif
