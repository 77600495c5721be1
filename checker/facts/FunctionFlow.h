//===- FunctionFlow.h - Parents and control flow of one function ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Built once per function that contains a rule call, and shared by all the
// calls in it: a ParentMap (cheaper than ASTContext::getParents, which maps
// the whole translation unit) and a CFG in which every statement is an
// element, so that "which uses of this local can the stored value reach"
// is a walk over CFG elements.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_FUNCTIONFLOW_H
#define RETCHECK_CORE_FUNCTIONFLOW_H

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class BinaryOperator;
class Decl;
class Expr;
class ParmVarDecl;
class VarDecl;
class Stmt;
} // namespace clang

namespace retcheck {

/// How a function body changes one variable: the number of assignments,
/// increments and addresses taken, and a plain `=` among them.
struct VariableChanges {
  unsigned Count = 0;
  const clang::BinaryOperator *Assignment = nullptr;
};

class FunctionFlow {
public:
  FunctionFlow(const clang::Decl *Function, clang::Stmt *Body,
               clang::ASTContext &Ctx);

  const clang::Stmt *Body;

  /// The parent of \p S inside the function body (nullptr at the top).
  const clang::Stmt *parent(const clang::Stmt *S) const;

  /// The function's own parameter that \p E names, when the body never
  /// assigns, increments or takes the address of it: its value is the
  /// argument's wherever it is read.
  const clang::ParmVarDecl *unchangedParam(const clang::Expr *E) const;
  /// The value of the local variable that \p E names wherever \p At reads
  /// it: its initialiser where the body never changes it, or the value of
  /// its one assignment where that is a statement of the body's top level
  /// before the one holding \p At. Nullptr otherwise.
  const clang::Expr *localValue(const clang::Expr *E,
                                const clang::Stmt *At) const;

  enum class Visit { Continue, StopPath };

  /// Calls \p Visitor on every statement that can execute after \p From, in
  /// CFG order, along every path; a path ends where the visitor says
  /// StopPath. Returns false when \p From is not in the CFG (no CFG could be
  /// built, or the statement is unevaluated): the caller must then fall back
  /// to a flow-insensitive answer.
  bool forEachReachable(
      const clang::Stmt *From,
      llvm::function_ref<Visit(const clang::Stmt *)> Visitor) const;

  /// The same backwards: every statement that can execute before \p From,
  /// nearest first, along every path.
  bool
  forEachReaching(const clang::Stmt *From,
                  llvm::function_ref<Visit(const clang::Stmt *)> Visitor) const;

  /// Calls \p Visitor on every statement that can execute once statement
  /// \p Branching (an `if`, `while`, `for`, `do`) has taken its true or
  /// false branch, as forEachReachable does. False when the statement is
  /// not a branch of the CFG.
  bool forEachReachableFromBranch(
      const clang::Stmt *Branching, bool TrueBranch,
      llvm::function_ref<Visit(const clang::Stmt *)> Visitor) const;

private:
  /// Both walks: along successors (\p Forward) or predecessors.
  bool walk(const clang::Stmt *From, bool Forward,
            llvm::function_ref<Visit(const clang::Stmt *)> Visitor) const;
  /// Walks on from \p Start, whole blocks, each block once.
  void walkBlocks(llvm::ArrayRef<const clang::CFGBlock *> Starts, bool Forward,
                  llvm::function_ref<Visit(const clang::Stmt *)> Visitor) const;

  const clang::Decl *Function;
  std::unique_ptr<clang::ParentMap> Parents;
  /// How the body assigns, increments or takes the address of \p V;
  /// nullptr where it never does.
  const VariableChanges *changesOf(const clang::VarDecl *V) const;
  /// The variables the body changes, found on first use.
  mutable std::optional<llvm::DenseMap<const clang::VarDecl *, VariableChanges>>
      Changes;
  std::unique_ptr<clang::CFG> Cfg;
  llvm::DenseMap<const clang::Stmt *,
                 std::pair<const clang::CFGBlock *, unsigned>>
      Position;
  /// The block each branching statement ends.
  llvm::DenseMap<const clang::Stmt *, const clang::CFGBlock *> Terminators;
};

/// FunctionFlows of the functions of one translation unit, built lazily.
class FunctionFlowCache {
public:
  const FunctionFlow &get(const clang::Decl *Function, clang::ASTContext &Ctx);
  void clear() { Flows.clear(); }

private:
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<FunctionFlow>> Flows;
};

} // namespace retcheck

#endif
