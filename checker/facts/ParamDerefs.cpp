//===- ParamDerefs.cpp - Pointer parameters a function dereferences first -===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ParamDerefs.h"
#include "ResultUse.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace retcheck {

std::optional<std::pair<const ParmVarDecl *, bool>>
paramNullTest(const Expr *Cond, ASTContext &Ctx) {
  Cond = withoutExpect(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond)) {
    if (U->getOpcode() != UO_LNot)
      return std::nullopt;
    auto Inner = paramNullTest(U->getSubExpr(), Ctx);
    if (Inner)
      Inner->second = !Inner->second;
    return Inner;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE)
      return std::nullopt;
    auto IsNull = [&](const Expr *E) {
      return E->IgnoreParenImpCasts()->isNullPointerConstant(
          Ctx, Expr::NPC_ValueDependentIsNotNull);
    };
    const Expr *Tested = BO->getLHS(), *Other = BO->getRHS();
    if (!IsNull(Other))
      std::swap(Tested, Other);
    if (!IsNull(Other))
      return std::nullopt;
    auto Inner = paramNullTest(Tested, Ctx);
    if (Inner && BO->getOpcode() == BO_EQ)
      Inner->second = !Inner->second;
    return Inner;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(Cond);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param)
    return std::nullopt;
  return std::make_pair(Param, false);
}

namespace {

/// Walks a body in the order it runs, stopping at each tracked parameter's
/// first reference: a dereference there, on the path every call takes,
/// makes the parameter one that must not be NULL.
class FirstReferences {
public:
  explicit FirstReferences(const FunctionDecl *FD) : FD(FD) {
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      QualType T = FD->getParamDecl(I)->getType();
      if (T->isPointerType() && !T->isFunctionPointerType() &&
          !T->getPointeeType()->isVoidType())
        Pending[FD->getParamDecl(I)] = I;
    }
  }

  /// Where \p S stands: its nearest parent that is not a cast or
  /// parentheses, whether that parent reads memory (`&p->field` computes
  /// an address only), whether \p S is itself only addressed, and whether
  /// \p S runs on a path some calls skip.
  struct Place {
    const Stmt *Parent = nullptr;
    bool ParentLoads = true;
    bool AddressOnly = false;
    bool Conditional = false;
  };

  void walk(const Stmt *S, Place At) {
    if (!S || Pending.empty())
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      reference(Ref, At);
      return;
    }
    // Unevaluated, or another function's body.
    if (isa<UnaryExprOrTypeTraitExpr, LambdaExpr, BlockExpr, OffsetOfExpr>(S))
      return;
    if (isa<CastExpr, ParenExpr>(S)) {
      for (const Stmt *Child : S->children())
        walk(Child, At);
      return;
    }
    Place Inner{S, true, false, At.Conditional};
    Place Skipped = Inner;
    Skipped.Conditional = true;
    if (!At.Conditional)
      assertion(S);
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      walk(If->getInit(), Inner);
      walk(If->getConditionVariableDeclStmt(), Inner);
      walk(If->getCond(), Inner);
      walk(If->getThen(), Skipped);
      walk(If->getElse(), Skipped);
    } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
      walk(While->getCond(), Inner);
      walk(While->getBody(), Skipped);
    } else if (const auto *For = dyn_cast<ForStmt>(S)) {
      walk(For->getInit(), Inner);
      walk(For->getCond(), Inner);
      walk(For->getBody(), Skipped);
      walk(For->getInc(), Skipped);
    } else if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
      walk(Switch->getInit(), Inner);
      walk(Switch->getCond(), Inner);
      walk(Switch->getBody(), Skipped);
    } else if (const auto *Cond = dyn_cast<ConditionalOperator>(S)) {
      walk(Cond->getCond(), Inner);
      walk(Cond->getTrueExpr(), Skipped);
      walk(Cond->getFalseExpr(), Skipped);
    } else if (const auto *BinCond = dyn_cast<BinaryConditionalOperator>(S)) {
      walk(BinCond->getCommon(), Inner);
      walk(BinCond->getFalseExpr(), Skipped);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->isLogicalOp()) {
      walk(BO->getLHS(), Inner);
      walk(BO->getRHS(), Skipped);
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      Place Sub = Inner;
      Sub.AddressOnly = U->getOpcode() == UO_AddrOf;
      Sub.ParentLoads = !At.AddressOnly;
      walk(U->getSubExpr(), Sub);
    } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      // `p->a.b` under `&` is an address; `p->a->b` loads `p->a`.
      Place Base = Inner;
      Base.AddressOnly = !Member->isArrow() && At.AddressOnly;
      Base.ParentLoads = !At.AddressOnly;
      walk(Member->getBase(), Base);
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(S)) {
      Place Base = Inner;
      Base.ParentLoads = !At.AddressOnly;
      walk(Subscript->getBase(), Base);
      walk(Subscript->getIdx(), Inner);
    } else if (isa<DoStmt, CompoundStmt, DeclStmt, ReturnStmt, Expr>(S)) {
      for (const Stmt *Child : S->children())
        walk(Child, Inner);
    } else {
      // Labels, cases, gotos, loops of other kinds: what runs there may be
      // skipped.
      for (const Stmt *Child : S->children())
        walk(Child, Skipped);
    }
  }

  /// (parameter index, the dereference), in the order found.
  std::vector<std::pair<uint32_t, const Expr *>> Dereferenced;
  /// Those of Dereferenced that an assertion stops on NULL.
  std::vector<uint32_t> Asserted;

private:
  const FunctionDecl *FD;
  llvm::DenseMap<const ParmVarDecl *, uint32_t> Pending;

  /// A call that stops the program as a broken assertion does: not
  /// `exit(1)` or `errx()` after a message, a command line's own handling
  /// of a missing argument.
  static bool isAssertionFailure(const FunctionDecl *Stop) {
    if (!Stop || !Stop->getIdentifier())
      return false;
    std::string Name = Stop->getName().lower();
    return Name.find("assert") != std::string::npos || Name == "abort" ||
           Name == "__builtin_trap" || Name == "__builtin_unreachable";
  }

  /// `assert(p)` first (glibc's `if (p) ; else __assert_fail(...)` or `p ?
  /// (void) 0 : __assert_fail(...)`, systemd's `if (!p)
  /// log_assert_failed(...)`): a NULL stops the program there as surely as
  /// a dereference would crash it.
  void assertion(const Stmt *S) {
    const Expr *Cond = nullptr;
    const Stmt *OnTrue = nullptr, *OnFalse = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (If->getInit() || If->getConditionVariable())
        return;
      Cond = If->getCond();
      OnTrue = If->getThen();
      OnFalse = If->getElse();
    } else if (const auto *Choice = dyn_cast<ConditionalOperator>(S)) {
      Cond = Choice->getCond();
      OnTrue = Choice->getTrueExpr();
      OnFalse = Choice->getFalseExpr();
    } else {
      return;
    }
    auto Tested = paramNullTest(Cond, FD->getASTContext());
    if (!Tested || !Pending.count(Tested->first) ||
        !isAssertionFailure(
            noReturnCallAtEnd(Tested->second ? OnTrue : OnFalse)))
      return;
    uint32_t Index = Pending.lookup(Tested->first);
    Pending.erase(Tested->first);
    Dereferenced.push_back({Index, Cond});
    Asserted.push_back(Index);
  }

  void reference(const DeclRefExpr *Ref, const Place &At) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    auto It = Param ? Pending.find(Param) : Pending.end();
    if (It == Pending.end())
      return;
    uint32_t Index = It->second;
    Pending.erase(It);
    if (At.Conditional || !At.ParentLoads || !At.Parent)
      return;
    auto Is = [&](const Expr *E) { return E->IgnoreParenCasts() == Ref; };
    bool Deref = false;
    if (const auto *U = dyn_cast<UnaryOperator>(At.Parent))
      Deref = U->getOpcode() == UO_Deref && Is(U->getSubExpr());
    else if (const auto *Member = dyn_cast<MemberExpr>(At.Parent))
      Deref = Member->isArrow() && Is(Member->getBase());
    else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(At.Parent))
      Deref = Is(Subscript->getBase());
    if (Deref)
      Dereferenced.push_back({Index, cast<Expr>(At.Parent)});
  }
};

} // namespace

std::optional<ParamDerefFact> paramDerefsOf(const FunctionDecl *FD,
                                            FileTable &Files) {
  const Stmt *Body = FD->getBody();
  if (!Body || FD->isVariadic() || FD->isDependentContext())
    return std::nullopt;
  FirstReferences Walk(FD);
  Walk.walk(Body, {});
  if (Walk.Dereferenced.empty())
    return std::nullopt;
  ParamDerefFact Fact;
  Fact.Function = functionIdOf(FD, Files);
  Fact.Where = Files.pos(FD->getLocation());
  for (const auto &[Index, Deref] : Walk.Dereferenced) {
    Fact.Params.push_back(Index);
    Fact.Derefs.push_back(Files.pos(Deref->getExprLoc()));
  }
  Fact.Asserted = std::move(Walk.Asserted);
  return Fact;
}

} // namespace retcheck
