//===- InferenceFacts.cpp - What the global step reads of a TU's facts ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferenceFacts.h"

#include <algorithm>
#include <cctype>

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

/// A C identifier: what the name of an `Error **` parameter can be.
bool isIdentifier(const std::string &S) {
  if (S.empty() || std::isdigit((unsigned char)S[0]))
    return false;
  return std::all_of(S.begin(), S.end(), [](char Ch) {
    return std::isalnum((unsigned char)Ch) || Ch == '_';
  });
}

/// Inference reads of an argument its constant, the parameter it passes
/// on, whether it is `&v` (of a tested or an error-out v), and its text
/// only to compare with the caller's `Error **` parameter's name. An
/// argument past the last that says any of these reads as one absent
/// (every reader checks the index against Args.size()).
void keepReadArgs(CallFact &C) {
  for (ArgFact &A : C.Args)
    if (!isIdentifier(A.Text))
      release(A.Text);
  auto Read = [](const ArgFact &A) {
    return A.Constant || A.Param >= 0 || A.AddressTested ||
           !A.AddressOf.empty() || !A.Text.empty();
  };
  auto Last = std::find_if(C.Args.rbegin(), C.Args.rend(), Read);
  if (Last.base() == C.Args.end())
    return;
  C.Args.erase(Last.base(), C.Args.end());
  C.Args.shrink_to_fit();
}

/// Keeps of \p TU's files those that the positions inference reads name (a
/// TU's facts kept once per run name few of the headers it includes). The
/// ranges of edits, which it does not read, went with their boxes before.
void keepReadFiles(TUFacts &TU) {
  std::vector<FactPos *> Read;
  for (CallFact &C : TU.Calls) {
    Read.push_back(&C.Call);
    for (TestFact &T : C.Tests) {
      Read.push_back(&T.Where);
    }
  }
  for (FunctionFact &F : TU.Functions) {
    Read.push_back(&F.Where);
    for (ReturnFact &R : F.Returns)
      Read.push_back(&R.Where);
  }
  for (BindingFact &B : TU.Bindings)
    Read.push_back(&B.Where);
  for (ParamDerefFact &D : TU.ParamDerefs) {
    Read.push_back(&D.Where);
    for (FactPos &P : D.Derefs)
      Read.push_back(&P);
  }
  constexpr uint32_t Unread = UINT32_MAX;
  std::vector<uint32_t> NewIndex(TU.Files.size(), Unread);
  for (const FactPos *P : Read)
    if (P->File < NewIndex.size())
      NewIndex[P->File] = 0;
  std::vector<FileFacts> Kept;
  for (std::size_t I = 0; I < TU.Files.size(); ++I)
    if (NewIndex[I] != Unread) {
      NewIndex[I] = Kept.size();
      Kept.push_back(std::move(TU.Files[I]));
    }
  for (FactPos *P : Read)
    if (P->File < NewIndex.size())
      P->File = NewIndex[P->File];
  TU.Files = std::move(Kept);
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
    keepReadArgs(C);
    for (TestFact &T : C.Tests) {
      // TestNode::MinusOne stays: whether a node compares with -1 counts.
      T.Rewrite.reset();
      for (TestNode &N : T.Nodes)
        N.Operands.reset();
    }
  }
  // After the uses: those kept name no place.
  keepReadFiles(TU);
}

} // namespace retcheck
