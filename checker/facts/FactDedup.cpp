//===- FactDedup.cpp - Facts of shared headers, kept once -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactDedup.h"

#include <set>

namespace retcheck {

uint32_t FactDedup::idOf(const std::string &Key) {
  return Ids.try_emplace(Key, Ids.size()).first->second;
}

void FactDedup::dropSeen(TUFacts &TU) {
  std::vector<int32_t> NewIndex(TU.Calls.size(), -1);
  std::vector<CallFact> Kept;
  for (std::size_t I = 0; I < TU.Calls.size(); ++I) {
    const FactPos &At = TU.Calls[I].Call;
    const FunctionId &Callee = TU.Calls[I].Callee;
    if (!Calls
             .insert({idOf(TU.Files[At.File].Path), At.Offset,
                      idOf(Callee.Name + '\0' + Callee.File)})
             .second)
      continue;
    NewIndex[I] = Kept.size();
    Kept.push_back(std::move(TU.Calls[I]));
  }
  TU.Calls = std::move(Kept);

  // Repairs learn a file's idiom from all of its functions: keep the repair
  // facts of the files that hold the calls kept, each function once per run
  // (a header's inline functions would otherwise be kept once per TU).
  std::set<uint32_t> CallFiles;
  for (const CallFact &C : TU.Calls)
    CallFiles.insert(C.Call.File);
  std::vector<uint32_t> NewFunction(TU.RepairFunctions.size(), NoFunction);
  std::vector<RepairFunctionFact> RepairFunctions;
  for (std::size_t I = 0; I < TU.RepairFunctions.size(); ++I) {
    RepairFunctionFact &F = TU.RepairFunctions[I];
    if (!CallFiles.count(F.File) ||
        !this->RepairFunctions
             .insert({idOf(TU.Files[F.File].Path),
                      idOf(F.Id.Name + '\0' + F.Id.File)})
             .second)
      continue;
    NewFunction[I] = RepairFunctions.size();
    RepairFunctions.push_back(std::move(F));
  }
  TU.RepairFunctions = std::move(RepairFunctions);
  // A call whose function an earlier TU kept has none here: no repair.
  for (CallFact &C : TU.Calls)
    if (C.Repair.Function < NewFunction.size())
      C.Repair.Function = NewFunction[C.Repair.Function];

  auto Remap = [&](int32_t &Index) {
    if (Index >= 0)
      Index = std::size_t(Index) < NewIndex.size() ? NewIndex[Index] : -1;
  };
  std::vector<FunctionFact> Functions;
  for (FunctionFact &F : TU.Functions) {
    if (!this->Functions
             .insert({idOf(TU.Files[F.Where.File].Path), F.Where.Offset})
             .second)
      continue;
    for (ReturnFact &R : F.Returns) {
      Remap(R.Call);
      Remap(R.GuardCall);
      if (R.GuardCall < 0)
        R.GuardTest = R.GuardBranch = -1;
      if (R.K == ReturnFact::CallResult && R.Call < 0)
        R.K = ReturnFact::Other;
    }
    Functions.push_back(std::move(F));
  }
  TU.Functions = std::move(Functions);

  std::vector<ParamDerefFact> ParamDerefs;
  for (ParamDerefFact &D : TU.ParamDerefs)
    if (this->ParamDerefs
            .insert({idOf(TU.Files[D.Where.File].Path), D.Where.Offset})
            .second)
      ParamDerefs.push_back(std::move(D));
  TU.ParamDerefs = std::move(ParamDerefs);

  // A header's ops table, bound in every TU that includes it.
  std::vector<BindingFact> Bindings;
  for (BindingFact &B : TU.Bindings)
    if (this->Bindings
            .insert({idOf(TU.Files[B.Where.File].Path), B.Where.Offset,
                     idOf(B.Pointer.Name + '\0' + B.Pointer.File + '\0' +
                          B.Target.Name + '\0' + B.Target.File)})
            .second)
      Bindings.push_back(std::move(B));
  TU.Bindings = std::move(Bindings);
}

} // namespace retcheck
