//===- AnalysisFuzzer.cpp - libFuzzer target: the analysis of C source ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Bytes as a C file (C++ if it starts with "//c++"), analysed through the
// CLI's entry point. Seeds: fixtures/*.c, *.cpp; dictionary: analysis.dict.
//
//===----------------------------------------------------------------------===//

#include "FuzzChecks.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Source(reinterpret_cast<const char *>(Data), Size);
  if (retcheck::fuzz::isOffLimits(Source))
    return -1; // not added to the corpus
  retcheck::fuzz::abortOnProblem("analysis",
                                 retcheck::fuzz::checkAnalysis(Source));
  return 0;
}
