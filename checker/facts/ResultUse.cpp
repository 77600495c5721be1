//===- ResultUse.cpp - What the code does with a value --------------------===//

#include "ResultUse.h"
#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace retcheck {

std::optional<IntType> intTypeOf(QualType T, const ASTContext &Ctx) {
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isBlockPointerType() || T->isNullPtrType())
    return IntType{static_cast<unsigned>(Ctx.getTypeSize(T)), false};
  if (!T->isIntegralOrEnumerationType())
    return std::nullopt;
  if (const auto *ET = T->getAs<EnumType>()) {
    if (!ET->getDecl()->isComplete())
      return std::nullopt;
    T = ET->getDecl()->getIntegerType();
  }
  unsigned Width = Ctx.getIntWidth(T);
  if (Width == 0 || Width > 64)
    return std::nullopt;
  return IntType{Width, T->isSignedIntegerType()};
}

std::optional<ValueSet> errorValues(const Rule &R, QualType T,
                                    const ASTContext &Ctx) {
  std::optional<IntType> IT = intTypeOf(T, Ctx);
  if (!IT)
    return std::nullopt;
  switch (R.Conv) {
  case Convention::Negative:
    return IT->Signed ? ValueSet::range(IT->min(), -1) : ValueSet();
  case Convention::MinusOne:
    return ValueSet::point(IT->wrap(-1));
  case Convention::Nonzero:
    return ValueSet::point(0).complement(*IT);
  case Convention::Null:
    return ValueSet::point(0);
  case Convention::Value:
    return ValueSet::point(IT->wrap(R.ErrorValue));
  }
  return std::nullopt;
}

namespace {

/// Evaluates tests of the tracked value: the conversions it went through,
/// comparisons and truth tests, combined through `!`, `&&` and `||`.
class TestEvaluator {
public:
  TestEvaluator(const ValueSet &Errors, ASTContext &Ctx,
                llvm::function_ref<bool(const Expr *)> IsTracked)
      : Errors(Errors), Ctx(Ctx), IsTracked(IsTracked) {}

  llvm::SmallVector<MinusOneComparison, 2> MinusOnes;
  bool ComparedInSignedType = false;

  BranchSplit eval(const Expr *E);

  /// If \p E carries the tracked value, fills \p Chain with the types it is
  /// converted through (innermost first). A conversion to bool ends the
  /// chain and sets \p IsTruth: the value is then only tested for != 0.
  bool trackedChain(const Expr *E, llvm::SmallVectorImpl<IntType> &Chain,
                    bool &IsTruth) const;

private:
  const ValueSet &Errors;
  ASTContext &Ctx;
  llvm::function_ref<bool(const Expr *)> IsTracked;

  BranchSplit evalComparison(const BinaryOperator *BO);
};

bool TestEvaluator::trackedChain(const Expr *E,
                                 llvm::SmallVectorImpl<IntType> &Chain,
                                 bool &IsTruth) const {
  llvm::SmallVector<const Expr *, 8> Path;
  const Expr *Cur = E;
  while (!IsTracked(Cur)) {
    Path.push_back(Cur);
    if (const auto *P = dyn_cast<ParenExpr>(Cur))
      Cur = P->getSubExpr();
    else if (const auto *C = dyn_cast<CastExpr>(Cur))
      Cur = C->getSubExpr();
    else if (const auto *BO = dyn_cast<BinaryOperator>(Cur);
             BO &&
             (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_Comma))
      Cur = BO->getRHS();
    else if (const auto *U = dyn_cast<UnaryOperator>(Cur);
             U && U->getOpcode() == UO_Extension)
      Cur = U->getSubExpr();
    else
      return false;
  }
  std::optional<IntType> T = intTypeOf(Cur->getType(), Ctx);
  if (!T)
    return false;
  Chain.push_back(*T);
  IsTruth = false;
  for (auto It = Path.rbegin(); It != Path.rend(); ++It) {
    QualType Ty = (*It)->getType();
    if (Ty->isBooleanType()) {
      // Only a conversion to bool at the very top is a truth test.
      IsTruth = true;
      return It + 1 == Path.rend();
    }
    std::optional<IntType> Next = intTypeOf(Ty, Ctx);
    if (!Next)
      return false;
    if (!(*Next == Chain.back()))
      Chain.push_back(*Next);
  }
  return true;
}

static std::optional<CompareOp> compareOpOf(BinaryOperatorKind K) {
  switch (K) {
  case BO_LT:
    return CompareOp::LT;
  case BO_LE:
    return CompareOp::LE;
  case BO_GT:
    return CompareOp::GT;
  case BO_GE:
    return CompareOp::GE;
  case BO_EQ:
    return CompareOp::EQ;
  case BO_NE:
    return CompareOp::NE;
  default:
    return std::nullopt;
  }
}

/// `-1`, `(-1)`, `-1L`, `(target_ulong)-1`: the constant is -1 before any
/// conversion.
static bool isMinusOneLiteral(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  // -1U, -1UL: unsigned, but spelled as minus one.
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Minus)
    if (const auto *L =
            dyn_cast<IntegerLiteral>(U->getSubExpr()->IgnoreParenCasts()))
      return L->getValue() == 1;
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return false;
  const llvm::APSInt &V = R.Val.getInt();
  return V.isSigned() && V.getSExtValue() == -1;
}

BranchSplit TestEvaluator::evalComparison(const BinaryOperator *BO) {
  std::optional<CompareOp> Op = compareOpOf(BO->getOpcode());
  llvm::SmallVector<IntType, 4> Chain;
  bool IsTruth = false;
  bool OnLeft = trackedChain(BO->getLHS(), Chain, IsTruth);
  if (!OnLeft && !trackedChain(BO->getRHS(), Chain, IsTruth))
    return {};
  if (!Op || IsTruth)
    return {};
  const Expr *Other = OnLeft ? BO->getRHS() : BO->getLHS();
  CompareOp Cmp = OnLeft ? *Op : swapOperands(*Op);
  std::optional<IntType> CompareType = intTypeOf(Other->getType(), Ctx);
  if (!CompareType || !(*CompareType == Chain.back()))
    return {};

  ValueSet OtherValues;
  Expr::EvalResult R;
  if (!Other->isValueDependent() && Other->EvaluateAsInt(R, Ctx))
    OtherValues = ValueSet::point(CompareType->wrap(
        R.Val.getInt().isSigned() ? Int(R.Val.getInt().getSExtValue())
                                  : Int(R.Val.getInt().getZExtValue())));
  else if (Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    OtherValues = ValueSet::point(0);
  else if (std::optional<IntType> Own =
               intTypeOf(Other->IgnoreParenImpCasts()->getType(), Ctx))
    OtherValues = ValueSet::all(*Own).convert(*Own, *CompareType);
  else
    OtherValues = ValueSet::all(*CompareType);

  ComparedInSignedType |= Chain.back().Signed;
  BranchSplit Split = splitByComparison(
      Errors, std::vector<IntType>(Chain.begin(), Chain.end()), Cmp,
      OtherValues);
  if ((Cmp == CompareOp::EQ || Cmp == CompareOp::NE) &&
      isMinusOneLiteral(Other, Ctx)) {
    // The author meant to send -1, the error, down the `==` branch: judge
    // the test by that branch alone. `x == (uint32_t)-1` on an int64_t x
    // sends all errors down the other one, and catches none.
    MinusOnes.push_back({BO, OnLeft});
    if (Cmp == CompareOp::EQ)
      Split.MustFalse = ValueSet();
    else
      Split.MustTrue = ValueSet();
  }
  return Split;
}

BranchSplit TestEvaluator::eval(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot)
      return eval(U->getSubExpr()).negated();
    if (U->getOpcode() == UO_Extension)
      return eval(U->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd)
      return BranchSplit::andOf(eval(BO->getLHS()), eval(BO->getRHS()));
    if (BO->getOpcode() == BO_LOr)
      return BranchSplit::orOf(eval(BO->getLHS()), eval(BO->getRHS()));
    if (BO->isComparisonOp())
      return evalComparison(BO);
  }
  llvm::SmallVector<IntType, 4> Chain;
  bool IsTruth = false;
  if (trackedChain(E, Chain, IsTruth))
    return splitByTruth(Errors,
                        std::vector<IntType>(Chain.begin(), Chain.end()));
  // A conversion of a truth value (0 or 1) keeps it: C++'s conversion of
  // a condition to bool, `__builtin_expect(!!(x == -1), 0)`'s to long.
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E)) {
    const Expr *Sub = C->getSubExpr()->IgnoreParens();
    const auto *SubBO = dyn_cast<BinaryOperator>(Sub);
    const auto *SubU = dyn_cast<UnaryOperator>(Sub);
    if (C->getType()->isBooleanType() ||
        (SubBO && (SubBO->isComparisonOp() || SubBO->isLogicalOp())) ||
        (SubU && SubU->getOpcode() == UO_LNot))
      return eval(C->getSubExpr());
  }
  return {};
}

/// Walks up from a use in a boolean context to the whole condition.
const Expr *conditionTop(const Expr *E, const FunctionFlow &Flow) {
  const Expr *Top = E;
  for (const Stmt *P = Flow.parent(Top); P; P = Flow.parent(Top)) {
    if (isa<ParenExpr>(P)) {
      Top = cast<Expr>(P);
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P);
        U && (U->getOpcode() == UO_LNot || U->getOpcode() == UO_Extension)) {
      Top = U;
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->isLogicalOp()) {
      Top = BO;
      continue;
    }
    if (const auto *C = dyn_cast<ImplicitCastExpr>(P);
        C && (C->getType()->isBooleanType() ||
              C->getCastKind() == CK_IntegralCast)) {
      Top = C;
      continue;
    }
    break;
  }
  return Top;
}

} // namespace

ResultUse classifyUse(const Expr *E, const FunctionFlow &Flow,
                      const ValueSet &Errors, ASTContext &Ctx,
                      llvm::function_ref<bool(const Expr *)> IsTracked) {
  ResultUse Use;
  auto MakeTest = [&](const Expr *InCondition) {
    const Expr *Top = conditionTop(InCondition, Flow);
    TestEvaluator Eval(Errors, Ctx, IsTracked);
    TestResult T;
    T.Condition = Top;
    T.Split = Eval.eval(Top);
    T.MinusOnes = std::move(Eval.MinusOnes);
    T.ComparedInSignedType = Eval.ComparedInSignedType;
    Use.K = ResultUse::Test;
    Use.TestInfo = std::move(T);
    return Use;
  };
  auto Make = [&](ResultUse::Kind K) {
    Use.K = K;
    return Use;
  };

  const Expr *Cur = E;
  while (true) {
    const Stmt *P = Flow.parent(Cur);
    if (!P)
      return Make(ResultUse::Discarded);

    if (isa<ParenExpr>(P)) {
      Cur = cast<Expr>(P);
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return Make(isa<ExplicitCastExpr>(Cast) ? ResultUse::DiscardedByVoid
                                                : ResultUse::Discarded);
      if (Cast->getType()->isBooleanType())
        return MakeTest(Cast);
      Cur = Cast;
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isComparisonOp())
        return MakeTest(BO);
      if (BO->isLogicalOp())
        return MakeTest(Cur);
      if (BO->getOpcode() == BO_Comma) {
        if (BO->getLHS() == Cur)
          return Make(ResultUse::Discarded);
        Cur = BO;
        continue;
      }
      if (BO->getOpcode() == BO_Assign && BO->getRHS() == Cur) {
        const Expr *LHS = BO->getLHS()->IgnoreParens();
        Use.Destination = LHS->getType();
        Use.StoreSite = BO;
        Use.StoreExpr = BO;
        Use.StoreLoc = LHS->getBeginLoc();
        if (const auto *Ref = dyn_cast<DeclRefExpr>(LHS))
          if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
              VD && VD->hasLocalStorage() &&
              !VD->getType().isVolatileQualified()) {
            Use.Var = VD;
            return Make(ResultUse::StoreLocal);
          }
        return Make(ResultUse::StoreOther);
      }
      return Make(ResultUse::Other);
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_LNot)
        return MakeTest(U);
      if (U->getOpcode() == UO_AddrOf)
        return Make(ResultUse::Escape);
      if (U->getOpcode() == UO_Extension) {
        Cur = U;
        continue;
      }
      return Make(ResultUse::Other);
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (CO->getCond() == Cur || isa<BinaryConditionalOperator>(CO))
        return MakeTest(Cur);
      Cur = CO;
      continue;
    }
    if (const auto *Init = dyn_cast<InitListExpr>(P)) {
      // `int r{f()};` is an ordinary initialisation.
      if (Init->getNumInits() == 1 && Init->getType()->isScalarType()) {
        Cur = Init;
        continue;
      }
      // `{ .size = f() }` stores into the member as an assignment would;
      // the conversion to the member's type is already applied to Cur.
      Use.Destination = Cur->getType();
      Use.StoreSite = Init;
      Use.StoreLoc = Cur->getBeginLoc();
      if (const auto *RT = Init->getType()->getAs<RecordType>()) {
        unsigned Index = 0;
        while (Index < Init->getNumInits() && Init->getInit(Index) != Cur)
          ++Index;
        for (const FieldDecl *Field : RT->getDecl()->fields())
          if (Index-- == 0) {
            Use.DestinationName = Field->getNameAsString();
            break;
          }
      }
      if (const InitListExpr *Syntactic = Init->getSyntacticForm())
        for (const Expr *E : Syntactic->inits())
          if (const auto *D = dyn_cast_or_null<DesignatedInitExpr>(E);
              D && D->getInit()->IgnoreImpCasts() == Cur->IgnoreImpCasts())
            Use.StoreLoc = D->getBeginLoc();
      return Make(ResultUse::StoreOther);
    }
    if (isa<CallExpr>(P) || isa<ReturnStmt>(P) || isa<CompoundLiteralExpr>(P) ||
        isa<CXXConstructExpr>(P))
      return Make(ResultUse::Escape);
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur) {
          Use.Destination = VD->getType();
          Use.StoreSite = DS;
          Use.StoreLoc = VD->getLocation();
          if (VD->hasLocalStorage() && !VD->getType().isVolatileQualified() &&
              !VD->getType()->isReferenceType()) {
            Use.Var = VD;
            return Make(ResultUse::StoreLocal);
          }
          return Make(ResultUse::StoreOther);
        }
      return Make(ResultUse::Other);
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
      // The last statement of a GNU statement expression is its value.
      const Stmt *Above = Flow.parent(CS);
      if (Above && isa<StmtExpr>(Above) && CS->body_back() == Cur) {
        Cur = cast<Expr>(Above);
        continue;
      }
      return Make(ResultUse::Discarded);
    }
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getCond() == Cur ? MakeTest(Cur) : Make(ResultUse::Discarded);
    if (const auto *While = dyn_cast<WhileStmt>(P))
      return While->getCond() == Cur ? MakeTest(Cur)
                                     : Make(ResultUse::Discarded);
    if (const auto *Do = dyn_cast<DoStmt>(P))
      return Do->getCond() == Cur ? MakeTest(Cur) : Make(ResultUse::Discarded);
    if (const auto *For = dyn_cast<ForStmt>(P))
      return For->getCond() == Cur ? MakeTest(Cur) : Make(ResultUse::Discarded);
    if (const auto *Switch = dyn_cast<SwitchStmt>(P)) {
      if (Switch->getCond() != Cur)
        return Make(ResultUse::Discarded);
      // The cases are not modelled: tested, but not known to be complete.
      Use.K = ResultUse::Test;
      Use.TestInfo = TestResult{Cur, {}, {}};
      return Use;
    }
    if (isa<Expr>(P))
      return Make(ResultUse::Other);
    // Labels, case bodies, attributed statements: a statement position.
    return Make(ResultUse::Discarded);
  }
}

} // namespace retcheck
