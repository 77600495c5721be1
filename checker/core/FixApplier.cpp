//===- FixApplier.cpp - Applying fix-its to files, safely -----------------===//

#include "FixApplier.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

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

FixOutcome writeFixes(const FixPlan &Plan) {
  FixOutcome Outcome;
  for (const auto &[File, Edits] : Plan.Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Outcome.Errors.push_back(File +
                               ": cannot read: " + Buffer.getError().message());
      continue;
    }
    std::string New;
    if (!applyEdits((*Buffer)->getBuffer().str(), Edits, New)) {
      Outcome.Errors.push_back(
          File + ": not fixed: the file changed since it was analysed");
      continue;
    }
    // writeToOutput writes a temporary next to the file and renames it.
    llvm::Error E = llvm::writeToOutput(File, [&](llvm::raw_ostream &OS) {
      OS << New;
      return llvm::Error::success();
    });
    if (E) {
      Outcome.Errors.push_back(
          File + ": cannot write: " + llvm::toString(std::move(E)));
      continue;
    }
    Outcome.Written.push_back(File);
    Outcome.EditsApplied += Edits.size();
  }
  return Outcome;
}

} // namespace retcheck
