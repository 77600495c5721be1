//===- ParamConditions.cpp - What a path requires of the parameters -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ParamConditions.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <algorithm>
#include <iterator>

using namespace clang;

namespace retcheck {

ParamConditions::ParamConditions(const FunctionDecl *Function,
                                 const FunctionFlow &Flow, ASTContext &Ctx)
    : Function(Function), Flow(Flow), Ctx(Ctx) {}

std::optional<ValueSet::Interval>
ParamConditions::bounds(const Expr *E, const Stmt *At,
                        const ParmVarDecl *&Reads, unsigned Depth) const {
  using Bounds = ValueSet::Interval;
  E = E->IgnoreParens();
  // Not pointers: their arithmetic scales by the element's size.
  if (!E->getType()->isIntegralOrEnumerationType() || Depth > 8)
    return std::nullopt;
  std::optional<IntType> Type = intTypeOf(E->getType(), Ctx);
  if (!Type)
    return std::nullopt;
  // Within the expression's type, or it may have wrapped.
  auto Fits = [&](Bounds B) -> std::optional<Bounds> {
    if (B.Lo < Type->min() || B.Hi > Type->max())
      return std::nullopt;
    return B;
  };
  if (std::optional<Int> V = constantInItsType(E, Ctx))
    return Fits({*V, *V});
  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    if (Cast->getCastKind() != CK_IntegralCast &&
        Cast->getCastKind() != CK_NoOp &&
        Cast->getCastKind() != CK_LValueToRValue)
      return std::nullopt;
    std::optional<Bounds> Inner =
        bounds(Cast->getSubExpr(), At, Reads, Depth + 1);
    return Inner ? Fits(*Inner) : std::nullopt;
  }
  if (const ParmVarDecl *P = Flow.unchangedParam(E)) {
    Reads = P;
    return Bounds{Type->min(), Type->max()};
  }
  if (const Expr *Value = Flow.localValue(E, At)) {
    // Its own locals are read where it is computed.
    std::optional<Bounds> Held =
        bounds(Value, Flow.parent(Value), Reads, Depth + 1);
    return Held ? Fits(*Held) : std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return std::nullopt;
  std::optional<Bounds> L = bounds(BO->getLHS(), At, Reads, Depth + 1);
  std::optional<Bounds> R = bounds(BO->getRHS(), At, Reads, Depth + 1);
  if (!L || !R)
    return std::nullopt;
  switch (BO->getOpcode()) {
  case BO_Add:
    return Fits({L->Lo + R->Lo, L->Hi + R->Hi});
  case BO_Sub:
    return Fits({L->Lo - R->Hi, L->Hi - R->Lo});
  case BO_Mul: {
    // Operands of 64 bits at most, one of them under 2^62: every product
    // fits in Int.
    auto Small = [](Bounds B) {
      return B.Lo > -(Int(1) << 62) && B.Hi < (Int(1) << 62);
    };
    if (!Small(*L) && !Small(*R))
      return std::nullopt;
    Int Products[] = {L->Lo * R->Lo, L->Lo * R->Hi, L->Hi * R->Lo,
                      L->Hi * R->Hi};
    return Fits({*std::min_element(std::begin(Products), std::end(Products)),
                 *std::max_element(std::begin(Products), std::end(Products))});
  }
  case BO_Div:
    // A positive divisor and a dividend that is not negative: C's division
    // truncates towards zero, as Int's does.
    if (R->Lo <= 0 || L->Lo < 0)
      return std::nullopt;
    return Fits({L->Lo / R->Hi, L->Hi / R->Lo});
  default:
    return std::nullopt;
  }
}

void ParamConditions::learn(const Expr *Cond, bool Truth,
                            llvm::DenseMap<unsigned, ValueSet> &Into) const {
  Cond = withoutExpect(Cond);
  auto AddAt = [&](unsigned Param, const ValueSet &Values) {
    auto [It, New] = Into.try_emplace(Param, Values);
    if (!New)
      It->second = It->second.intersect(Values);
  };
  auto Add = [&](const ParmVarDecl *P, const ValueSet &Values) {
    AddAt(P->getFunctionScopeIndex(), Values);
  };
  if (const auto *U = dyn_cast<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot)
    return learn(U->getSubExpr(), !Truth, Into);
  // systemd's assert_return: `if (!(likely(p) ? true : (log(), false)))`.
  if (std::optional<bool> Keeps = truthOfChoice(Cond, Ctx))
    return learn(cast<ConditionalOperator>(Cond)->getCond(),
                 *Keeps ? Truth : !Truth, Into);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    // `a && b` true: both are; `a || b` false: neither is.
    if ((BO->getOpcode() == BO_LAnd && Truth) ||
        (BO->getOpcode() == BO_LOr && !Truth)) {
      learn(BO->getLHS(), Truth, Into);
      learn(BO->getRHS(), Truth, Into);
      return;
    }
    // `i < 0 || i >= N` true (systemd's string tables): one parameter on
    // either side, whose values are those of either side.
    if ((BO->getOpcode() == BO_LOr && Truth) ||
        (BO->getOpcode() == BO_LAnd && !Truth)) {
      llvm::DenseMap<unsigned, ValueSet> Left, Right;
      learn(BO->getLHS(), Truth, Left);
      learn(BO->getRHS(), Truth, Right);
      if (Left.size() != 1 || Right.size() != 1 ||
          Left.begin()->first != Right.begin()->first)
        return;
      AddAt(Left.begin()->first,
            Left.begin()->second.unite(Right.begin()->second));
      return;
    }
    if (!BO->isComparisonOp())
      return;
    const Expr *ParamSide = BO->getLHS(), *Other = BO->getRHS();
    bool Swapped = false;
    if (!Flow.unchangedParam(ParamSide)) {
      std::swap(ParamSide, Other);
      Swapped = true;
    }
    const ParmVarDecl *P = Flow.unchangedParam(ParamSide);
    std::optional<CompareOp> Op = compareOpOf(BO->getOpcode());
    // `if (u > INT_MAX) return -ERANGE;` where u, computed from the
    // parameters, never exceeds 10000 (systemd's
    // UINT32_SCALE_TO_PERMYRIAD): no argument takes this path.
    if (!P) {
      const ParmVarDecl *Reads = nullptr;
      std::optional<ValueSet::Interval> Left = bounds(BO->getLHS(), BO, Reads);
      std::optional<ValueSet::Interval> Right = bounds(BO->getRHS(), BO, Reads);
      if (Op && Left && Right && Reads &&
          allCompare(ValueSet::range(Left->Lo, Left->Hi),
                     Truth ? negate(*Op) : *Op,
                     ValueSet::range(Right->Lo, Right->Hi)))
        Into[Reads->getFunctionScopeIndex()] = ValueSet();
      return;
    }
    std::optional<Int> C = constantInItsType(Other, Ctx);
    std::optional<IntType> T = intTypeOf(P->getType(), Ctx);
    std::optional<IntType> Compared = intTypeOf(BO->getLHS()->getType(), Ctx);
    if (!C || !Op)
      return;
    Int V = *C;
    // The comparison is done after the usual conversions: it says what it
    // seems to of the parameter only where they keep its values, and where
    // the constant is one of them.
    if (!T || !Compared || V < T->min() || V > T->max() ||
        !(*T == *Compared ||
          (Compared->Width > T->Width && (Compared->Signed || !T->Signed))))
      return;
    if (Swapped)
      Op = swapOperands(*Op);
    if (!Truth)
      Op = negate(*Op);
    ValueSet Values;
    switch (*Op) {
    case CompareOp::EQ: Values = ValueSet::point(V); break;
    case CompareOp::NE: Values = ValueSet::point(V).complement(*T); break;
    case CompareOp::LT: Values = ValueSet::range(T->min(), V - 1); break;
    case CompareOp::LE: Values = ValueSet::range(T->min(), V); break;
    case CompareOp::GT: Values = ValueSet::range(V + 1, T->max()); break;
    case CompareOp::GE: Values = ValueSet::range(V, T->max()); break;
    }
    Add(P, Values.intersect(ValueSet::all(*T)));
    return;
  }
  // `if (enable)`, `if (errp)`: a truth test of the parameter.
  if (const ParmVarDecl *P = Flow.unchangedParam(Cond))
    if (std::optional<IntType> T = intTypeOf(P->getType(), Ctx))
      Add(P, Truth ? ValueSet::point(0).complement(*T) : ValueSet::point(0));
}

std::vector<ParamCondition> ParamConditions::on(const Stmt *S) const {
  llvm::DenseMap<unsigned, ValueSet> Known;
  const Stmt *Child = S;
  for (const Stmt *P = Flow.parent(S); P; Child = P, P = Flow.parent(P)) {
    if (isa<LabelStmt, SwitchCase>(Child))
      break; // a jump reaches it from anywhere: nothing above holds
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen() || Child == If->getElse())
        learn(If->getCond(), Child == If->getThen(), Known);
      continue;
    }
    const auto *CS = dyn_cast<CompoundStmt>(P);
    if (!CS)
      continue;
    // `if (!enable) return 0;` before: the path here has enable != 0. A
    // label between them lets a jump in past the test.
    std::vector<const IfStmt *> Exits;
    for (const Stmt *Sibling : CS->body()) {
      if (Sibling == Child)
        break;
      if (isa<LabelStmt, SwitchCase>(Sibling))
        Exits.clear();
      if (const auto *If = dyn_cast<IfStmt>(Sibling);
          If && !If->getElse() && !If->getInit() && alwaysLeaves(If->getThen()))
        Exits.push_back(If);
    }
    for (const IfStmt *If : Exits)
      learn(If->getCond(), false, Known);
  }
  std::vector<ParamCondition> Out;
  for (const auto &[Index, Values] : Known) {
    const ParmVarDecl *P = Function->getParamDecl(Index);
    ParamCondition C;
    C.Param = Index;
    C.Type = *intTypeOf(P->getType(), Ctx);
    C.Values = Values;
    Out.push_back(std::move(C));
  }
  std::sort(Out.begin(), Out.end(),
            [](const ParamCondition &A, const ParamCondition &B) {
              return A.Param < B.Param;
            });
  return Out;
}

std::vector<ParamCondition> bothOf(const std::vector<ParamCondition> &A,
                                   const std::vector<ParamCondition> &B) {
  std::vector<ParamCondition> Out = A;
  for (const ParamCondition &C : B) {
    auto It = std::find_if(Out.begin(), Out.end(), [&](const ParamCondition &O) {
      return O.Param == C.Param;
    });
    if (It == Out.end())
      Out.push_back(C);
    else
      It->Values = It->Values.intersect(C.Values);
  }
  std::sort(Out.begin(), Out.end(),
            [](const ParamCondition &X, const ParamCondition &Y) {
              return X.Param < Y.Param;
            });
  return Out;
}

bool ParamConditions::readsParamsOnly(const Expr *E, unsigned &Params) const {
  E = E->IgnoreParenCasts();
  if (Flow.unchangedParam(E)) {
    ++Params;
    return true;
  }
  if (isa<IntegerLiteral, CharacterLiteral>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isa<EnumConstantDecl>(Ref->getDecl());
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return llvm::is_contained({UO_Minus, UO_Plus, UO_Not, UO_LNot},
                              U->getOpcode()) &&
           readsParamsOnly(U->getSubExpr(), Params);
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return !B->isAssignmentOp() && B->getOpcode() != BO_Comma &&
           readsParamsOnly(B->getLHS(), Params) &&
           readsParamsOnly(B->getRHS(), Params);
  return false;
}

std::string ParamConditions::selector(const Expr *E) const {
  unsigned Params = 0;
  if (!E->getType()->isIntegralOrEnumerationType() ||
      !readsParamsOnly(E, Params) || Params == 0)
    return "";
  return sourceText(E->IgnoreParenImpCasts()->getSourceRange(), Ctx);
}

std::string ParamConditions::comparedSelector(const Expr *Cond,
                                              bool &Equal) const {
  const auto *BO = dyn_cast<BinaryOperator>(withoutExpect(Cond));
  if (!BO || (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE))
    return "";
  Equal = BO->getOpcode() == BO_EQ;
  const Expr *Tested = BO->getLHS(), *Other = BO->getRHS();
  if (constantValue(Tested, Ctx))
    std::swap(Tested, Other);
  return constantValue(Other, Ctx) ? selector(Tested) : "";
}

std::optional<ParamConditions::Choice>
ParamConditions::switchChoice(const SwitchCase *Labels) const {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Flow.parent(Labels));
  const auto *Switch =
      Body ? dyn_cast_or_null<SwitchStmt>(Flow.parent(Body)) : nullptr;
  if (!Switch || Switch->getBody() != Body || Switch->getInit() ||
      Switch->getConditionVariable())
    return std::nullopt;
  Choice C{selector(Switch->getCond())};
  if (C.By.empty())
    return std::nullopt;
  // These labels, and those of the statements that fall into them.
  auto It = llvm::find(Body->body(), Labels);
  for (;; --It) {
    for (const Stmt *S = *It; isa_and_nonnull<SwitchCase>(S);
         S = cast<SwitchCase>(S)->getSubStmt())
      C.Default |= isa<DefaultStmt>(S);
    if (It == Body->body_begin() ||
        alwaysLeaves(labelledStatement(*std::prev(It))))
      return C;
  }
}

std::optional<ParamConditions::Choice>
ParamConditions::ifChoice(const IfStmt *If, bool Taken) const {
  if (!If || If->getInit() || If->getConditionVariable())
    return std::nullopt;
  bool Equal = false;
  Choice C{comparedSelector(If->getCond(), Equal), Equal != Taken};
  if (C.By.empty())
    return std::nullopt;
  return C;
}

std::optional<ParamConditions::Choice>
ParamConditions::afterChoice(const Stmt *Before) const {
  // After a switch: the values for which no case left.
  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Before)) {
    if (Switch->getInit() || Switch->getConditionVariable())
      return std::nullopt;
    Choice C{selector(Switch->getCond()), true};
    if (C.By.empty())
      return std::nullopt;
    return C;
  }
  // After `if (err == NBD_EPERM) return EPERM;`: the other values.
  const auto *If = dyn_cast_or_null<IfStmt>(Before);
  if (!If || If->getElse() || !alwaysLeaves(If->getThen()))
    return std::nullopt;
  return ifChoice(If, /*Taken=*/false);
}

std::optional<ParamConditions::Choice>
ParamConditions::choosing(const Stmt *S) const {
  const Stmt *Child = S, *P = Flow.parent(S);
  // From a value to its statement: `ret = EPERM` for EPERM.
  for (; P && isa<Expr>(P); Child = P, P = Flow.parent(P)) {
    const auto *Assign = dyn_cast<BinaryOperator>(P);
    if (!isa<ParenExpr, ImplicitCastExpr>(P) &&
        !(Assign && Assign->getOpcode() == BO_Assign &&
          Assign->getRHS() == Child))
      return std::nullopt;
  }
  // A braced case or branch: `case EIO: { ret = EIO; break; }`.
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
      Block && !Block->body_empty() && Block->body_front() == Child &&
      isa_and_nonnull<SwitchCase, IfStmt>(Flow.parent(Block))) {
    Child = Block;
    P = Flow.parent(Block);
  }
  if (const auto *Label = dyn_cast_or_null<SwitchCase>(P)) {
    if (Label->getSubStmt() != Child)
      return std::nullopt;
    while (const auto *Outer = dyn_cast_or_null<SwitchCase>(Flow.parent(Label)))
      Label = Outer;
    return switchChoice(Label);
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(P))
    return If->getThen() == Child || If->getElse() == Child
               ? ifChoice(If, If->getThen() == Child)
               : std::nullopt;
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(P)) {
    auto It = llvm::find(Block->body(), Child);
    return It == Block->body_begin() ? std::nullopt
                                     : afterChoice(*std::prev(It));
  }
  return std::nullopt;
}

} // namespace retcheck
