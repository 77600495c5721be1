//===- FunctionFlow.cpp - Parents and control flow of one function --------===//

#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclObjC.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace retcheck {

FunctionFlow::FunctionFlow(const Decl *Function, Stmt *Body, ASTContext &Ctx)
    : Body(Body), Parents(std::make_unique<ParentMap>(Body)) {
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

bool FunctionFlow::forEachReachable(
    const Stmt *From, llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  auto It = Position.find(From);
  if (It == Position.end())
    return false;

  // Walks one block from Index; returns true if the path goes on past it.
  auto WalkBlock = [&](const CFGBlock *Block, unsigned Index) {
    for (unsigned I = Index, E = Block->size(); I < E; ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (Visitor(S->getStmt()) == Visit::StopPath)
          return false;
    return true;
  };

  llvm::SmallPtrSet<const CFGBlock *, 32> Entered;
  llvm::SmallVector<const CFGBlock *, 32> Work;
  auto PushSuccessors = [&](const CFGBlock *Block) {
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *B = Succ.getReachableBlock())
        if (Entered.insert(B).second)
          Work.push_back(B);
  };

  auto [StartBlock, StartIndex] = It->second;
  if (WalkBlock(StartBlock, StartIndex + 1))
    PushSuccessors(StartBlock);
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (WalkBlock(Block, 0))
      PushSuccessors(Block);
  }
  return true;
}

bool FunctionFlow::forEachReaching(
    const Stmt *From, llvm::function_ref<Visit(const Stmt *)> Visitor) const {
  auto It = Position.find(From);
  if (It == Position.end())
    return false;

  // Walks one block backwards from before Index; true if the path goes on.
  auto WalkBlock = [&](const CFGBlock *Block, unsigned Index) {
    for (unsigned I = Index; I-- > 0;)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (Visitor(S->getStmt()) == Visit::StopPath)
          return false;
    return true;
  };

  llvm::SmallPtrSet<const CFGBlock *, 32> Entered;
  llvm::SmallVector<const CFGBlock *, 32> Work;
  auto PushPredecessors = [&](const CFGBlock *Block) {
    for (const CFGBlock::AdjacentBlock &Pred : Block->preds())
      if (const CFGBlock *B = Pred.getReachableBlock())
        if (Entered.insert(B).second)
          Work.push_back(B);
  };

  auto [StartBlock, StartIndex] = It->second;
  if (WalkBlock(StartBlock, StartIndex))
    PushPredecessors(StartBlock);
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (WalkBlock(Block, Block->size()))
      PushPredecessors(Block);
  }
  return true;
}

const FunctionFlow &FunctionFlowCache::get(const Decl *Function,
                                           ASTContext &Ctx) {
  std::unique_ptr<FunctionFlow> &Slot = Flows[Function];
  if (!Slot)
    Slot = std::make_unique<FunctionFlow>(Function, Function->getBody(), Ctx);
  return *Slot;
}

} // namespace retcheck
