//===- RepairFacts.h - What a repair of a call needs to know --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A repair inserts a check of a call's result, or retypes the local that
// loses its errors, in the code's own idiom. What it needs is learnt here,
// from the AST, as facts like any other: where the call's statement is and
// how it is indented (RepairSiteFact), and, for every function of the files
// that hold calls, how it handles failures (RepairFunctionFact: the statements
// of the branches its tests take, its Error ** parameter, its return type).
// Which branches handle failures, and which repair to write, is decided by
// the judge (judge/Repairs.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_REPAIRFACTS_H
#define RETCHECK_FACTS_REPAIRFACTS_H

#include "FactContext.h"
#include "Facts.h"

#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
} // namespace clang

namespace retcheck {

class FunctionFlow;

class RepairFactsCollector {
public:
  /// Fills \p Fact's repair site and argument texts for \p Call, which is in
  /// \p Function.
  void addSite(const clang::CallExpr *Call, const clang::Decl *Function,
               const FunctionFlow &Flow, clang::ASTContext &Ctx,
               FileTable &Files, CallFact &Fact);

  /// The facts of the functions that hold sites, then of the other
  /// functions of their files; resets the collector.
  std::vector<RepairFunctionFact> take(clang::ASTContext *Ctx,
                                       FileTable &Files);

private:
  llvm::DenseMap<const clang::Decl *, uint32_t> Index;
  std::vector<const clang::Decl *> Functions;
};

} // namespace retcheck

#endif
