//===- RulesFuzzer.cpp - libFuzzer target: the rules loader ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Bytes as the text of a rules file. Seeds: rules/*.json and
// fixtures/rules/*.json; dictionary: rules.dict.
//
//===----------------------------------------------------------------------===//

#include "FuzzChecks.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  retcheck::fuzz::abortOnProblem(
      "rules", retcheck::fuzz::checkRulesText(
                   std::string(reinterpret_cast<const char *>(Data), Size)));
  return 0;
}
