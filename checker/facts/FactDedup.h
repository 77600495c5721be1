//===- FactDedup.h - Facts of shared headers, kept once --------------------===//
//
// A header's inline functions are parsed again in every translation unit
// that includes it, and yield the same facts each time: QEMU's headers would
// hold most of a whole-tree run's memory. The run keeps a call's facts, and
// a function's, from the first translation unit that reports them.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FACTDEDUP_H
#define RETCHECK_FACTS_FACTDEDUP_H

#include "Facts.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace retcheck {

class FactDedup {
public:
  /// Drops from \p TU the calls and functions an earlier TU reported, and
  /// points the remaining references at the calls that stay.
  void dropSeen(TUFacts &TU);

private:
  llvm::StringMap<uint32_t> Paths;
  llvm::DenseSet<std::pair<uint32_t, uint32_t>> Calls, Functions;

  uint32_t pathId(const std::string &Path);
};

} // namespace retcheck

#endif
