//===- OutputParams.cpp - Outputs a function sets before it can fail ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OutputParams.h"
#include "FunctionFlow.h"
#include "ParamDerefs.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace retcheck {

namespace {

/// Reads the statements a body runs first, for the outputs they set.
class FirstWrites {
public:
  FirstWrites(const FunctionDecl *FD, const FunctionFlow &Flow)
      : Ctx(FD->getASTContext()), Flow(Flow) {}

  /// The parameter whose pointee statement \p S writes whole or from its
  /// first element: `*p = v;`, `p[0] = v;`, `memset(p, 0, n);`.
  const ParmVarDecl *writtenThrough(const Stmt *S) const {
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return nullptr;
    E = E->IgnoreParenCasts();
    if (const auto *Assign = dyn_cast<BinaryOperator>(E);
        Assign && Assign->getOpcode() == BO_Assign) {
      const Expr *Target = Assign->getLHS()->IgnoreParens();
      if (const auto *Deref = dyn_cast<UnaryOperator>(Target);
          Deref && Deref->getOpcode() == UO_Deref)
        return param(Deref->getSubExpr());
      // `p[0] = v;`: a string's terminator at the start; another index
      // writes an element somewhere, not the output.
      if (const auto *Element = dyn_cast<ArraySubscriptExpr>(Target))
        if (const auto *Index = dyn_cast<IntegerLiteral>(
                Element->getIdx()->IgnoreParenImpCasts());
            Index && Index->getValue() == 0)
          return param(Element->getBase());
      return nullptr;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (isClearing(Call->getDirectCallee()) && Call->getNumArgs() > 0)
        return param(Call->getArg(0));
    return nullptr;
  }

  /// The parameter \p S writes through on every path: a write itself, or
  /// one under an `if` (no else) that runs when that parameter is not NULL.
  const ParmVarDecl *writtenFirst(const Stmt *S) const {
    if (const ParmVarDecl *P = writtenThrough(S))
      return P;
    const auto *If = dyn_cast<IfStmt>(S);
    if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
      return nullptr;
    auto Tested = paramNullTest(If->getCond(), Ctx);
    if (!Tested || Tested->second)
      return nullptr;
    std::vector<const Stmt *> Body = {If->getThen()};
    if (const auto *Block = dyn_cast<CompoundStmt>(If->getThen()))
      Body.assign(Block->body_begin(), Block->body_end());
    bool Written = llvm::any_of(Body, [&](const Stmt *Inner) {
      return writtenThrough(Inner) == Tested->first;
    });
    return Written ? Tested->first : nullptr;
  }

  /// `if (!p) return -EINVAL;`: a caller that hands `&v` over never takes
  /// it, so it does not end the statements that run first.
  bool isNullGuard(const Stmt *S) const {
    const auto *If = dyn_cast<IfStmt>(S);
    if (!If || If->getElse())
      return false;
    auto Tested = paramNullTest(If->getCond(), Ctx);
    return Tested && Tested->second;
  }

private:
  ASTContext &Ctx;
  const FunctionFlow &Flow;

  /// The parameter \p E names, `&*p` too (systemd's `zero(*p)`), when the
  /// body never reassigns it: what it points to is the caller's output.
  const ParmVarDecl *param(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *Address = dyn_cast<UnaryOperator>(E);
        Address && Address->getOpcode() == UO_AddrOf)
      if (const auto *Deref = dyn_cast<UnaryOperator>(
              Address->getSubExpr()->IgnoreParens());
          Deref && Deref->getOpcode() == UO_Deref)
        E = Deref->getSubExpr()->IgnoreParenCasts();
    return Flow.unchangedParam(E);
  }

  static bool isClearing(const FunctionDecl *Callee) {
    if (!Callee)
      return false;
    if (Callee->getBuiltinID() == Builtin::BI__builtin_memset)
      return true;
    return Callee->getIdentifier() &&
           llvm::is_contained({"memset", "bzero", "explicit_bzero"},
                              Callee->getName());
  }
};

/// Whether \p S holds a statement that leaves the function or jumps.
bool mayLeave(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt, CXXThrowExpr>(S))
    return true;
  return llvm::any_of(S->children(), mayLeave);
}

} // namespace

std::vector<uint32_t> outputsSetFirst(const FunctionDecl *FD,
                                      const FunctionFlow &Flow) {
  std::vector<uint32_t> Set;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body)
    return Set;
  FirstWrites Writes(FD, Flow);
  for (const Stmt *S : Body->body()) {
    if (Writes.isNullGuard(S))
      continue;
    if (mayLeave(S))
      break;
    const ParmVarDecl *P = Writes.writtenFirst(S);
    if (P && P->getType()->isPointerType() &&
        !llvm::is_contained(Set, P->getFunctionScopeIndex()))
      Set.push_back(P->getFunctionScopeIndex());
  }
  llvm::sort(Set);
  return Set;
}

} // namespace retcheck
