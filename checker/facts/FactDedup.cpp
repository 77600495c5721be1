//===- FactDedup.cpp - Facts of shared headers, kept once -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactDedup.h"

#include <algorithm>

#include <set>

namespace retcheck {

uint32_t FactDedup::idOf(const std::string &Key) {
  return Ids.try_emplace(Key, Ids.size()).first->second;
}

FactSelection FactDedup::select(const TUFacts &TU) {
  FactSelection Kept;
  std::set<uint32_t> CallFiles;
  for (const CallFact &C : TU.Calls) {
    const FactPos &At = C.Call;
    Kept.Calls.push_back(
        Calls
            .insert({idOf(TU.Files[At.File].Path), At.Offset,
                     idOf(C.Callee.Name + '\0' + C.Callee.File)})
            .second);
    if (Kept.Calls.back())
      CallFiles.insert(At.File);
  }

  // Repairs learn a file's idiom from all of its functions: keep the repair
  // facts of the files that hold the calls kept, each function once per run
  // (a header's inline functions would otherwise be kept once per TU).
  for (const RepairFunctionFact &F : TU.RepairFunctions)
    Kept.RepairFunctions.push_back(
        CallFiles.count(F.File) &&
        this->RepairFunctions
            .insert({idOf(TU.Files[F.File].Path),
                     idOf(F.Id.Name + '\0' + F.Id.File)})
            .second);

  for (const FunctionFact &F : TU.Functions)
    Kept.Functions.push_back(
        this->Functions
            .insert({idOf(TU.Files[F.Where.File].Path), F.Where.Offset})
            .second);

  for (const ParamDerefFact &D : TU.ParamDerefs)
    Kept.ParamDerefs.push_back(
        this->ParamDerefs
            .insert({idOf(TU.Files[D.Where.File].Path), D.Where.Offset})
            .second);

  // A header's ops table, bound in every TU that includes it.
  for (const BindingFact &B : TU.Bindings)
    Kept.Bindings.push_back(
        this->Bindings
            .insert({idOf(TU.Files[B.Where.File].Path), B.Where.Offset,
                     idOf(B.Pointer.Name + '\0' + B.Pointer.File + '\0' +
                          B.Target.Name + '\0' + B.Target.File)})
            .second);
  return Kept;
}

namespace {

/// The elements of \p All that \p Kept selects; where each went in \p
/// NewIndex (-1: dropped), if given.
template <class T>
void keepSelected(std::vector<T> &All, const std::vector<bool> &Kept,
                  std::vector<int32_t> *NewIndex = nullptr) {
  // Exactly as many as stay: a whole-tree run holds them all.
  std::vector<T> Selected;
  Selected.reserve(std::count(Kept.begin(), Kept.end(), true));
  for (std::size_t I = 0; I < All.size(); ++I) {
    if (NewIndex)
      NewIndex->push_back(Kept[I] ? int32_t(Selected.size()) : -1);
    if (Kept[I])
      Selected.push_back(std::move(All[I]));
  }
  All = std::move(Selected);
}

} // namespace

bool FactDedup::keepOnly(TUFacts &TU, const FactSelection &Kept) {
  if (Kept.Calls.size() != TU.Calls.size() ||
      Kept.RepairFunctions.size() != TU.RepairFunctions.size() ||
      Kept.Functions.size() != TU.Functions.size() ||
      Kept.ParamDerefs.size() != TU.ParamDerefs.size() ||
      Kept.Bindings.size() != TU.Bindings.size())
    return false;
  std::vector<int32_t> NewIndex, NewFunction;
  keepSelected(TU.Calls, Kept.Calls, &NewIndex);
  keepSelected(TU.RepairFunctions, Kept.RepairFunctions, &NewFunction);
  // A call whose function an earlier TU kept has none here: no repair.
  for (CallFact &C : TU.Calls) {
    uint32_t Function = C.Repair->Function;
    if (Function >= NewFunction.size())
      continue;
    uint32_t Renumbered = NewFunction[Function] < 0
                              ? NoFunction
                              : uint32_t(NewFunction[Function]);
    // An empty repair site stays unallocated while its number holds.
    if (Renumbered != Function)
      C.Repair.edit().Function = Renumbered;
  }

  auto Remap = [&](int32_t &Index) {
    if (Index >= 0)
      Index = std::size_t(Index) < NewIndex.size() ? NewIndex[Index] : -1;
  };
  keepSelected(TU.Functions, Kept.Functions);
  for (FunctionFact &F : TU.Functions)
    for (ReturnFact &R : F.Returns) {
      Remap(R.Call);
      Remap(R.GuardCall);
      if (R.GuardCall < 0)
        R.GuardTest = R.GuardBranch = -1;
      if (R.K == ReturnFact::CallResult && R.Call < 0)
        R.K = ReturnFact::Other;
    }
  keepSelected(TU.ParamDerefs, Kept.ParamDerefs);
  keepSelected(TU.Bindings, Kept.Bindings);
  return true;
}

} // namespace retcheck
