//===- CallFacts.h - The facts of one call, and of a translation unit -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// For each call to a function that returns an integer, a pointer or a bool
// (or only to the functions named, when the contracts in force are known):
// follow its result inside the enclosing function, through the locals it
// is stored and copied into, along the CFG, and record every test, use and
// escape it reaches. The CLI and the clang-tidy module both run this; what
// a finding is lives in judge/.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_CALLFACTS_H
#define RETCHECK_FACTS_CALLFACTS_H

#include "FactContext.h"
#include "Facts.h"
#include "FunctionPointers.h"
#include "RepairFacts.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace retcheck {

/// Which calls get facts: those to the named functions, or every call of a
/// function returning an integer, a pointer or a bool (for inference).
struct FactScope {
  bool AllCalls = false;
  std::vector<std::string> Functions; ///< qualified names, when not all
  /// A stable text naming the scope, for caches.
  std::string key() const;
};

/// Collects the facts of one translation unit.
class TUFactsCollector {
public:
  explicit TUFactsCollector(std::string Directory)
      : Directory(std::move(Directory)) {}

  /// Gathers the facts of the calls in \p Scope, and with every call the
  /// return facts of every definition, in \p Ctx's translation unit.
  void collect(clang::ASTContext &Ctx, const FactScope &Scope);

  /// The facts gathered, one per call site (a call in a template is one
  /// site, whatever its instantiations); resets the collector.
  TUFacts take();

  /// The AST location of each call's fact (valid until the AST is gone),
  /// for front ends that report through clang's diagnostics.
  const clang::SourceManager *sourceManager() const { return SM; }

private:
  std::string Directory;
  const clang::SourceManager *SM = nullptr;
  std::unique_ptr<FileTable> Files;
  FunctionFlowCache Flows;
  llvm::DenseSet<const clang::CallExpr *> Seen;
  /// Call site (file, offset, callee outside templates) -> index in Calls;
  /// instantiations of a template yield the same site again.
  std::map<std::tuple<uint32_t, uint32_t, std::string>, std::size_t> Sites;
  std::vector<CallFact> Calls;
  std::vector<bool> FromInstantiation;
  llvm::DenseMap<const clang::CallExpr *, int32_t> CallIndex;
  /// Definitions whose return facts are gathered once every call is known.
  std::vector<const clang::FunctionDecl *> Definitions;
  RepairFactsCollector Repairs;
  std::unique_ptr<BindingCollector> Bindings;
  clang::ASTContext *Context = nullptr;

  void addCall(const clang::CallExpr *Call, const clang::Decl *Function);
  std::vector<std::string> formattersCalled() const;
};

/// The facts of \p Call, whose enclosing callable is \p Function.
std::optional<CallFact> extractCallFact(const clang::CallExpr *Call,
                                        const clang::Decl *Function,
                                        clang::ASTContext &Ctx,
                                        FunctionFlowCache &Flows,
                                        FileTable &Files);

/// The location users know a call by: the callee's name.
clang::SourceLocation calleeLoc(const clang::CallExpr *Call);

} // namespace retcheck

#endif
