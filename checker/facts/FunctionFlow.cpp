//===- FunctionFlow.cpp - Parents and control flow of one function --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclObjC.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace retcheck {

FunctionFlow::FunctionFlow(const Decl *Function, Stmt *Body, ASTContext &Ctx)
    : Body(Body), Function(Function),
      Parents(std::make_unique<ParentMap>(Body)) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd(); // every sub-expression is an element
  Options.AddImplicitDtors = false;
  Options.AddInitializers = false;
  Options.AddTemporaryDtors = false;
  Cfg = CFG::buildCFG(Function, Body, &Ctx, Options);
  if (!Cfg)
    return;
  for (const CFGBlock *Block : *Cfg) {
    unsigned Index = 0;
    for (const CFGElement &E : *Block) {
      if (auto S = E.getAs<CFGStmt>())
        Position.try_emplace(S->getStmt(), Block, Index);
      ++Index;
    }
  }
}

const Stmt *FunctionFlow::parent(const Stmt *S) const {
  return Parents->getParent(S);
}

namespace {

const ParmVarDecl *paramOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

/// Collects the parameters a body assigns, increments or takes the address
/// of (after which anything may change them).
void findChanged(const Stmt *S,
                 llvm::SmallPtrSet<const ParmVarDecl *, 4> &Changed) {
  if (!S)
    return;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    if (const ParmVarDecl *P = paramOf(BO->getLHS()))
      Changed.insert(P);
  if (const auto *U = dyn_cast<UnaryOperator>(S);
      U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf))
    if (const ParmVarDecl *P = paramOf(U->getSubExpr()))
      Changed.insert(P);
  for (const Stmt *Child : S->children())
    findChanged(Child, Changed);
}

} // namespace

const ParmVarDecl *FunctionFlow::unchangedParam(const Expr *E) const {
  const ParmVarDecl *P = paramOf(E);
  if (!P || P->getDeclContext() != dyn_cast_or_null<DeclContext>(Function))
    return nullptr;
  if (!ChangedParams) {
    ChangedParams.emplace();
    findChanged(Body, *ChangedParams);
  }
  return ChangedParams->count(P) ? nullptr : P;
}

bool FunctionFlow::walk(const Stmt *From, bool Forward,
                        llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  auto It = Position.find(From);
  if (It == Position.end())
    return false;

  // Visits one block's statements from [Begin, End) in walking order;
  // returns true if the path goes on past them.
  auto WalkBlock = [&](const CFGBlock *Block, unsigned Begin, unsigned End) {
    for (unsigned N = Begin; N < End; ++N) {
      unsigned I = Forward ? N : End - 1 - (N - Begin);
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (Visitor(S->getStmt()) == Visit::StopPath)
          return false;
    }
    return true;
  };

  llvm::SmallPtrSet<const CFGBlock *, 32> Entered;
  llvm::SmallVector<const CFGBlock *, 32> Work;
  auto PushNext = [&](const CFGBlock *Block) {
    for (const CFGBlock::AdjacentBlock &Next :
         Forward ? Block->succs() : Block->preds())
      if (const CFGBlock *B = Next.getReachableBlock())
        if (Entered.insert(B).second)
          Work.push_back(B);
  };

  // The start block: after From going forwards, before it going backwards.
  auto [StartBlock, StartIndex] = It->second;
  if (Forward ? WalkBlock(StartBlock, StartIndex + 1, StartBlock->size())
              : WalkBlock(StartBlock, 0, StartIndex))
    PushNext(StartBlock);
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (WalkBlock(Block, 0, Block->size()))
      PushNext(Block);
  }
  return true;
}

bool FunctionFlow::forEachReachable(
    const Stmt *From, llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  return walk(From, /*Forward=*/true, Visitor);
}

bool FunctionFlow::forEachReaching(
    const Stmt *From, llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  return walk(From, /*Forward=*/false, Visitor);
}

const FunctionFlow &FunctionFlowCache::get(const Decl *Function,
                                           ASTContext &Ctx) {
  std::unique_ptr<FunctionFlow> &Slot = Flows[Function];
  if (!Slot)
    Slot = std::make_unique<FunctionFlow>(Function, Function->getBody(), Ctx);
  return *Slot;
}

} // namespace retcheck
