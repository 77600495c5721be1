//===- FunctionDump.h - Every defined function, for measuring inference ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// For retcheck's developers: the population a measurement of the
// inference's recall samples from (docs/evaluation/inference-recall), the
// functions with a body that the facts of an inferring run hold, as
// retcheck identifies them (FunctionId).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_FUNCTIONDUMP_H
#define RETCHECK_CLI_FUNCTIONDUMP_H

#include "facts/Facts.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace retcheck {

/// Writes one tab-separated line per body of a function that returns an
/// integer, a bool or a pointer, under a header: name, file and line
/// (relative to \p SourceRoot), kind (int, bool, pointer), result type,
/// linkage (static, extern), error_param (the index of an `Error **`
/// parameter, or -1), bodies (how many bodies the function has: an
/// exported name may have several, one line each) and, for a static
/// function, static_file: the file that identifies it, its first
/// declaration's (a rule's `file`), which may not be its body's.
void dumpFunctions(const std::vector<const TUFacts *> &TUs,
                   const std::string &SourceRoot, llvm::raw_ostream &OS);

} // namespace retcheck

#endif
