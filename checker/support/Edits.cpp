//===- Edits.cpp - Text edits and their algebra ---------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Edits.h"

#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <set>

namespace retcheck {

static bool overlaps(const TextEdit &A, const TextEdit &B) {
  if (A.File != B.File)
    return false;
  // Two insertions at one offset conflict: their order would be a guess.
  if (A.Offset == B.Offset)
    return true;
  return A.Offset < B.Offset + B.Length && B.Offset < A.Offset + A.Length;
}

uint64_t contentDigest(std::string_view Bytes) {
  return llvm::xxh3_64bits(llvm::StringRef(Bytes.data(), Bytes.size())) | 1;
}

FixPlan planFixes(const std::vector<TextEdit> &Edits) {
  std::set<TextEdit> Unique(Edits.begin(), Edits.end());
  std::vector<TextEdit> Sorted(Unique.begin(), Unique.end());
  std::vector<bool> Conflicting(Sorted.size(), false);
  for (std::size_t I = 0; I < Sorted.size(); ++I)
    for (std::size_t J = I + 1;
         J < Sorted.size() && Sorted[J].File == Sorted[I].File &&
         Sorted[J].Offset <= Sorted[I].Offset + Sorted[I].Length;
         ++J)
      if (overlaps(Sorted[I], Sorted[J]))
        Conflicting[I] = Conflicting[J] = true;
  FixPlan Plan;
  for (std::size_t I = 0; I < Sorted.size(); ++I)
    (Conflicting[I] ? Plan.Conflicts : Plan.Files[Sorted[I].File])
        .push_back(Sorted[I]);
  // Offsets into two versions of one file cannot be combined.
  for (auto It = Plan.Files.begin(); It != Plan.Files.end();) {
    const std::vector<TextEdit> &FileEdits = It->second;
    bool OneVersion =
        std::all_of(FileEdits.begin(), FileEdits.end(), [&](const TextEdit &E) {
          return E.FileDigest == FileEdits.front().FileDigest;
        });
    if (OneVersion) {
      ++It;
      continue;
    }
    Plan.Inconsistent.push_back(It->first);
    It = Plan.Files.erase(It);
  }
  return Plan;
}

bool applyEdits(const std::string &Text, const std::vector<TextEdit> &Edits,
                std::string &Out) {
  Out.clear();
  std::size_t Pos = 0;
  for (const TextEdit &E : Edits) {
    if (E.Offset < Pos || E.Offset + E.Length > Text.size())
      return false;
    Out.append(Text, Pos, E.Offset - Pos);
    Out += E.Text;
    Pos = E.Offset + E.Length;
  }
  Out.append(Text, Pos, std::string::npos);
  return true;
}

} // namespace retcheck
