//===- FactDedup.h - Facts of shared headers, kept once
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//--------------------===//
//
// A header's inline functions are parsed again in every translation unit
// that includes it, and yield the same facts each time: QEMU's headers would
// hold most of a whole-tree run's memory. The run keeps a call's facts, and
// a function's, from the first translation unit that reports them. A call is
// the same call only if it reaches the same callee: a header can name
// different functions through a macro each TU defines its own way.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FACTDEDUP_H
#define RETCHECK_FACTS_FACTDEDUP_H

#include "Facts.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <set>
#include <tuple>
#include <vector>

namespace retcheck {

/// Which of a TU's calls, repair facts, functions, dereferenced parameters
/// and bindings stay, in the
/// order TUFacts holds them. A map stage's TUs are deduplicated by the
/// reduce stage, which hands each shard its TUs' selections.
struct FactSelection {
  std::vector<bool> Calls, RepairFunctions, Functions, ParamDerefs, Bindings;
};

class FactDedup {
public:
  /// Drops from \p TU the calls, functions and bindings an earlier TU
  /// reported, and the repair facts of files no remaining call is in or of
  /// functions an earlier TU reported; points the remaining references at
  /// what stays.
  void dropSeen(TUFacts &TU) { keepOnly(TU, select(TU)); }

  /// What dropSeen() keeps of \p TU; \p TU counts as seen from now on.
  FactSelection select(const TUFacts &TU);

  /// Keeps of \p TU what \p Kept selects, and points the remaining
  /// references at what stays. false (and \p TU unchanged) when \p Kept
  /// does not fit \p TU.
  static bool keepOnly(TUFacts &TU, const FactSelection &Kept);

private:
  llvm::StringMap<uint32_t> Ids; ///< paths and callees, interned
  llvm::DenseSet<std::pair<uint32_t, uint32_t>> Functions;
  /// ParamDerefFact::Where, as Functions.
  llvm::DenseSet<std::pair<uint32_t, uint32_t>> ParamDerefs;
  /// Repair facts by (file, function).
  llvm::DenseSet<std::pair<uint32_t, uint32_t>> RepairFunctions;
  static constexpr uint32_t NoFunction = ~uint32_t(0);
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> Calls;
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> Bindings;

  uint32_t idOf(const std::string &Key);
};

} // namespace retcheck

#endif
