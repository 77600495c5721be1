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

/// Inference reads of a call's uses whether there are any, and of a
/// pointer's, the calls it is handed to (Inferrer: ReceivesPointer): the
/// uses that say so, or one use of no callee that stands for the others.
void keepReadUses(CallFact &C) {
  if (C.Uses.empty())
    return;
  std::vector<UseFact> Read;
  for (UseFact &U : C.Uses)
    if (handsPointerOn(C, U)) {
      Read.emplace_back();
      Read.back().K = UseFact::Argument;
      Read.back().Callee = std::move(U.Callee);
      Read.back().ArgIndex = U.ArgIndex;
    }
  if (Read.empty())
    Read.emplace_back(); // a Deref: no callee
  Read.shrink_to_fit();
  C.Uses = std::move(Read);
}

} // namespace

bool handsPointerOn(const CallFact &C, const UseFact &U) {
  return C.Result.K == ValueKind::Pointer && U.K == UseFact::Argument &&
         !U.Variadic && !U.Callee.Name.empty();
}

void keepInferenceFacts(TUFacts &TU) {
  for (FileFacts &F : TU.Files)
    release(F.NoLint.Lines);
  release(TU.RepairFunctions);
  for (CallFact &C : TU.Calls) {
    C.Repair.reset();
    C.Place.reset();
    C.Store.reset();
    C.Names.reset();
    keepReadUses(C);
    for (TestFact &T : C.Tests) {
      // TestNode::MinusOne stays: whether a node compares with -1 counts.
      release(T.MinusOnes);
      release(T.Tracked);
    }
  }
}

} // namespace retcheck
