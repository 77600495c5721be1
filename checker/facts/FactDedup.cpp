//===- FactDedup.cpp - Facts of shared headers, kept once -----------------===//

#include "FactDedup.h"

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

  // The repair facts of the functions that hold the calls kept: a header's
  // inline functions would otherwise be kept once per TU.
  std::vector<int32_t> NewFunction(TU.RepairFunctions.size(), -1);
  std::vector<RepairFunctionFact> RepairFunctions;
  for (CallFact &C : TU.Calls) {
    uint32_t &F = C.Repair.Function;
    if (F >= NewFunction.size())
      continue;
    if (NewFunction[F] < 0) {
      NewFunction[F] = RepairFunctions.size();
      RepairFunctions.push_back(std::move(TU.RepairFunctions[F]));
    }
    F = NewFunction[F];
  }
  TU.RepairFunctions = std::move(RepairFunctions);

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
}

} // namespace retcheck
