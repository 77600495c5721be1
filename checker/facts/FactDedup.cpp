//===- FactDedup.cpp - Facts of shared headers, kept once -----------------===//

#include "FactDedup.h"

namespace retcheck {

uint32_t FactDedup::pathId(const std::string &Path) {
  return Paths.try_emplace(Path, Paths.size()).first->second;
}

void FactDedup::dropSeen(TUFacts &TU) {
  std::vector<int32_t> NewIndex(TU.Calls.size(), -1);
  std::vector<CallFact> Kept;
  for (std::size_t I = 0; I < TU.Calls.size(); ++I) {
    const FactPos &At = TU.Calls[I].Call;
    if (!Calls.insert({pathId(TU.Files[At.File].Path), At.Offset}).second)
      continue;
    NewIndex[I] = Kept.size();
    Kept.push_back(std::move(TU.Calls[I]));
  }
  TU.Calls = std::move(Kept);

  auto Remap = [&](int32_t &Index) {
    if (Index >= 0)
      Index = std::size_t(Index) < NewIndex.size() ? NewIndex[Index] : -1;
  };
  std::vector<FunctionFact> Functions;
  for (FunctionFact &F : TU.Functions) {
    if (!this->Functions
             .insert({pathId(TU.Files[F.Where.File].Path), F.Where.Offset})
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
