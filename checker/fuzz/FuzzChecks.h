//===- FuzzChecks.h - What the fuzzers require of one input ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The properties each fuzz target checks on one input, shared with the CTest
// test that replays the inputs the fuzzers found (checker/fuzz/regress/).
// A crash, an uncaught exception or a sanitizer report fails too; these
// catch the quiet failures.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FUZZ_FUZZCHECKS_H
#define RETCHECK_FUZZ_FUZZCHECKS_H

#include <string>

namespace retcheck {
namespace fuzz {

/// Loads \p Text as a rules file. Either an error positioned inside the
/// text, or rules that a second load into the same set rejects as
/// duplicates. Returns what was wrong, "" if nothing.
std::string checkRulesText(const std::string &Text);

/// Analyses \p Source (C11; C++17 if it starts with "//c++") as the CLI
/// would, with the bundled QEMU and POSIX packs and the fixtures' rules and
/// stub headers. Every fix-it must lie inside the file and not conflict;
/// when the source compiles, the fixed source must compile too. Returns
/// what was wrong, "" if nothing.
std::string checkAnalysis(const std::string &Source);

/// Sources the analysis fuzzer does not try: clang's deliberate crash
/// hooks (`#pragma clang __debug crash`) and device files (`#include
/// "/dev/stdin"` waits forever). Neither is a retcheck bug.
bool isOffLimits(const std::string &Source);

/// For the fuzz targets: prints \p Problem and aborts, so that libFuzzer
/// keeps the input as a crash; does nothing if \p Problem is "".
void abortOnProblem(const char *Fuzzer, const std::string &Problem);

} // namespace fuzz
} // namespace retcheck

#endif
