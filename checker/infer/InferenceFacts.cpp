//===- InferenceFacts.cpp - What the global step reads of a TU's facts ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferenceFacts.h"

namespace retcheck {

namespace {

/// Frees what \p V holds (clear() keeps the capacity).
template <typename T> void release(T &V) { T().swap(V); }

} // namespace

void keepInferenceFacts(TUFacts &TU) {
  for (FileFacts &F : TU.Files)
    release(F.NoLint.Lines);
  release(TU.RepairFunctions);
  for (CallFact &C : TU.Calls) {
    C.Repair.reset();
    C.Place.reset();
    C.Store.reset();
    release(C.CallerName);
    release(C.ResultType);
    for (TestFact &T : C.Tests) {
      // TestNode::MinusOne stays: whether a node compares with -1 counts.
      release(T.MinusOnes);
      release(T.Tracked);
    }
  }
}

} // namespace retcheck
