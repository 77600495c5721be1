//===- FunctionFlow.cpp - Parents and control flow of one function --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclObjC.h"
#include "llvm/ADT/STLExtras.h"
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
    if (const Stmt *Term = Block->getTerminatorStmt())
      Terminators.try_emplace(Term, Block);
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

const VarDecl *variableOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// Counts the changes of each variable a body assigns, increments or takes
/// the address of (after which anything may change it), and keeps a plain
/// `=` assignment.
void findChanges(const Stmt *S,
                 llvm::DenseMap<const VarDecl *, VariableChanges> &Changes) {
  if (!S)
    return;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    if (const VarDecl *V = variableOf(BO->getLHS())) {
      VariableChanges &C = Changes[V];
      ++C.Count;
      if (BO->getOpcode() == BO_Assign)
        C.Assignment = BO;
    }
  if (const auto *U = dyn_cast<UnaryOperator>(S);
      U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf))
    if (const VarDecl *V = variableOf(U->getSubExpr()))
      ++Changes[V].Count;
  if (const auto *Asm = dyn_cast<GCCAsmStmt>(S))
    for (const Expr *Output : Asm->outputs())
      if (const VarDecl *V = variableOf(Output))
        ++Changes[V].Count;
  for (const Stmt *Child : S->children())
    findChanges(Child, Changes);
}

} // namespace

const VariableChanges *FunctionFlow::changesOf(const VarDecl *V) const {
  if (!Changes) {
    Changes.emplace();
    findChanges(Body, *Changes);
  }
  auto It = Changes->find(V);
  return It == Changes->end() ? nullptr : &It->second;
}

const ParmVarDecl *FunctionFlow::unchangedParam(const Expr *E) const {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(variableOf(E));
  if (!P || P->getDeclContext() != dyn_cast_or_null<DeclContext>(Function))
    return nullptr;
  return changesOf(P) ? nullptr : P;
}

const Expr *FunctionFlow::localValue(const Expr *E, const Stmt *At) const {
  const VarDecl *V = variableOf(E);
  // Not `extern` or `static` (any call may change them), `volatile` or a
  // block's `__block` (written where no statement of the body shows it).
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() ||
      V->getType().isVolatileQualified() || V->hasAttr<BlocksAttr>() ||
      V->getDeclContext() != dyn_cast_or_null<DeclContext>(Function))
    return nullptr;
  // C++ can change a variable through a reference bound to it, which no
  // `&` shows: only a const one is certain.
  if (V->getASTContext().getLangOpts().CPlusPlus &&
      !V->getType().isConstQualified())
    return nullptr;
  const VariableChanges *C = changesOf(V);
  if (!C)
    return V->getInit();
  // `uint32_t u; u = f(scale); if (u > INT_MAX)`: one assignment, a
  // statement of the body's top level before the one that holds At, runs
  // once before it.
  const auto *Top = dyn_cast_or_null<CompoundStmt>(Body);
  if (C->Count != 1 || !C->Assignment || V->getInit() || !Top ||
      parent(C->Assignment) != Top)
    return nullptr;
  const Stmt *Holder = At;
  while (Holder && parent(Holder) != Top)
    Holder = parent(Holder);
  if (!Holder)
    return nullptr;
  for (const Stmt *S : Top->body()) {
    if (S == Holder)
      return nullptr;
    if (S == C->Assignment)
      return C->Assignment->getRHS();
  }
  return nullptr;
}

bool FunctionFlow::walk(const Stmt *From, bool Forward,
                        llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  auto It = Position.find(From);
  if (It == Position.end())
    return false;

  // The start block: after From going forwards, before it going backwards.
  auto [StartBlock, StartIndex] = It->second;
  auto Go = [&](unsigned N) {
    unsigned I = Forward ? StartIndex + 1 + N : StartIndex - 1 - N;
    auto S = (*StartBlock)[I].getAs<CFGStmt>();
    return !S || Visitor(S->getStmt()) != Visit::StopPath;
  };
  unsigned Rest = Forward ? StartBlock->size() - StartIndex - 1 : StartIndex;
  for (unsigned N = 0; N < Rest; ++N)
    if (!Go(N))
      return true;
  llvm::SmallVector<const CFGBlock *, 2> Next;
  for (const CFGBlock::AdjacentBlock &A :
       Forward ? StartBlock->succs() : StartBlock->preds())
    if (const CFGBlock *B = A.getReachableBlock())
      if (llvm::find(Next, B) == Next.end())
        Next.push_back(B);
  walkBlocks(Next, Forward, Visitor);
  return true;
}

void FunctionFlow::walkBlocks(
    llvm::ArrayRef<const CFGBlock *> Starts, bool Forward,
    llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  // Visits one block's statements in walking order; returns true if the
  // path goes on past them.
  auto WalkBlock = [&](const CFGBlock *Block) {
    for (unsigned N = 0; N < Block->size(); ++N) {
      unsigned I = Forward ? N : Block->size() - 1 - N;
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (Visitor(S->getStmt()) == Visit::StopPath)
          return false;
    }
    return true;
  };
  // A block is entered once; the start block of a walk from a statement is
  // not among Starts, so a loop may enter it (and walk all of it) later.
  llvm::SmallPtrSet<const CFGBlock *, 32> Entered(Starts.begin(), Starts.end());
  llvm::SmallVector<const CFGBlock *, 32> Work(Starts.begin(), Starts.end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!WalkBlock(Block))
      continue;
    for (const CFGBlock::AdjacentBlock &Next :
         Forward ? Block->succs() : Block->preds())
      if (const CFGBlock *B = Next.getReachableBlock())
        if (Entered.insert(B).second)
          Work.push_back(B);
  }
}

bool FunctionFlow::forEachReachableFromBranch(
    const Stmt *Branching, bool TrueBranch,
    llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  auto It = Terminators.find(Branching);
  if (It == Terminators.end() || It->second->succ_size() != 2)
    return false;
  if (const CFGBlock *B =
          (*(It->second->succ_begin() + (TrueBranch ? 0 : 1)))
              .getReachableBlock())
    walkBlocks({B}, /*Forward=*/true, Visitor);
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
