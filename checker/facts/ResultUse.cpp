//===- ResultUse.cpp - What the code does with a value --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ResultUse.h"
#include "FunctionFacts.h"
#include "FunctionFlow.h"

#include "support/ErrorLabels.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace retcheck {

std::optional<IntType> intTypeOf(QualType T, const ASTContext &Ctx) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
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

ValueKind valueKindOf(QualType T, const ASTContext &Ctx) {
  ValueKind K;
  std::optional<IntType> I = intTypeOf(T, Ctx);
  if (!I)
    return K;
  K.Int = *I;
  QualType C = T.getCanonicalType();
  K.K = C->isBooleanType()                                 ? ValueKind::Bool
        : C->isPointerType() || C->isBlockPointerType() ||
                  C->isNullPtrType()                       ? ValueKind::Pointer
                                                           : ValueKind::Integer;
  return K;
}

std::optional<CompareOp> compareOpOf(BinaryOperatorKind K) {
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

namespace {

/// `-1`, `(-1)`, `-1L`, `(target_ulong)-1`: the constant is -1 before any
/// conversion. Not `-EPERM`, which is -1 too but names one error: a test
/// for it is about that error (`assert_se(f() == -EPERM)`).
bool isMinusOneLiteral(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  // -1U, -1UL: unsigned, but spelled as minus one. Not `-EPERM`, whose 1
  // is spelled in a macro of its own, also inside a macro argument
  // (`assert_se(r == -EPERM)`): the 1 must follow the minus where both are
  // spelled.
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Minus)
    if (const auto *L =
            dyn_cast<IntegerLiteral>(U->getSubExpr()->IgnoreParenCasts())) {
      const SourceManager &SM = Ctx.getSourceManager();
      auto [MinusFile, Minus] =
          SM.getDecomposedLoc(SM.getSpellingLoc(U->getOperatorLoc()));
      auto [OneFile, One] =
          SM.getDecomposedLoc(SM.getSpellingLoc(L->getLocation()));
      return L->getValue() == 1 && MinusFile == OneFile && One > Minus &&
             One - Minus <= 4;
    }
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return false;
  const llvm::APSInt &V = R.Val.getInt();
  return V.isSigned() && V.getSExtValue() == -1;
}

std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  // `((void *) -1)`, MAP_FAILED: an address with no object behind it.
  if (E->getType()->isPointerType()) {
    if (!E->EvaluateAsRValue(R, Ctx) || !R.Val.isLValue() ||
        R.Val.getLValueBase())
      return std::nullopt;
    return R.Val.getLValueOffset().getQuantity();
  }
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.getSignificantBits() > 64)
    return std::nullopt;
  return V.isSigned() ? V.getSExtValue() : int64_t(V.getZExtValue());
}

bool isBuiltinExpect(const CallExpr *C) {
  unsigned ID = C->getBuiltinCallee();
  return ID == Builtin::BI__builtin_expect ||
         ID == Builtin::BI__builtin_expect_with_probability;
}

/// The same object, written the same way: `x`, `s->f`, `a.b`.
bool sameValue(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const auto *RA = dyn_cast<DeclRefExpr>(A)) {
    const auto *RB = dyn_cast<DeclRefExpr>(B);
    return RB && RA->getDecl() == RB->getDecl();
  }
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = dyn_cast<MemberExpr>(B);
    return MB && MA->getMemberDecl() == MB->getMemberDecl() &&
           MA->isArrow() == MB->isArrow() &&
           sameValue(MA->getBase(), MB->getBase(), Ctx);
  }
  return false;
}

/// Builds the TestNode tree of a condition: comparisons and truth tests of
/// the tracked value, combined through `!`, `&&` and `||`.
class TestBuilder {
public:
  TestBuilder(TestFact &T, const TrackedValue &Tracked, FactContext &FC)
      : T(T), Tracked(Tracked), FC(FC) {}

  uint32_t build(const Expr *E);

  /// If \p E carries the tracked value, fills \p Chain with the types it
  /// is converted through (the call's result type first) and \p Inner with
  /// the tracked expression itself. A conversion to bool ends the chain and
  /// sets \p IsTruth: the value is then only tested for != 0.
  bool trackedChain(const Expr *E, std::vector<IntType> &Chain, bool &IsTruth,
                    const Expr **Inner = nullptr) const;

private:
  TestFact &T;
  const TrackedValue &Tracked;
  FactContext &FC;

  uint32_t add(TestNode N) {
    T.Nodes.push_back(std::move(N));
    return T.Nodes.size() - 1;
  }
  uint32_t buildComparison(const BinaryOperator *BO);
  void markBesideErrno(uint32_t Node, const Expr *Other);
  int32_t argumentMatching(const Expr *Other) const;
  MinusOneFact minusOneFact(const BinaryOperator *BO, bool OnLeft,
                            const Expr *TrackedExpr) const;
};

bool TestBuilder::trackedChain(const Expr *E, std::vector<IntType> &Chain,
                               bool &IsTruth, const Expr **Inner) const {
  llvm::SmallVector<const Expr *, 8> Path;
  const Expr *Cur = E;
  const std::vector<IntType> *Prefix = nullptr;
  while (!(Prefix = Tracked(Cur))) {
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
    else if (const auto *Call = dyn_cast<CallExpr>(Cur);
             Call && isBuiltinExpect(Call) && Call->getNumArgs() > 0)
      Cur = Call->getArg(0);
    else if (const Expr *Arm = armBesideConstant(Cur, FC.Ctx))
      Cur = Arm;
    else
      return false;
  }
  if (Inner)
    *Inner = Cur;
  Chain = *Prefix;
  if (Chain.empty())
    return false;
  IsTruth = false;
  for (auto It = Path.rbegin(); It != Path.rend(); ++It) {
    QualType Ty = (*It)->getType();
    if (Ty->isBooleanType()) {
      // Only a conversion to bool at the very top is a truth test.
      IsTruth = true;
      return It + 1 == Path.rend();
    }
    std::optional<IntType> Next = intTypeOf(Ty, FC.Ctx);
    if (!Next)
      return false;
    if (!(*Next == Chain.back()))
      Chain.push_back(*Next);
  }
  return true;
}

int32_t TestBuilder::argumentMatching(const Expr *Other) const {
  const CallExpr *Call = FC.Call;
  std::optional<int64_t> OtherConstant = constantOf(Other, FC.Ctx);
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (OtherConstant) {
      if (constantOf(Arg, FC.Ctx) == OtherConstant)
        return I;
      continue;
    }
    if (sameValue(Arg, Other, FC.Ctx))
      return I;
  }
  return -1;
}

MinusOneFact TestBuilder::minusOneFact(const BinaryOperator *BO, bool OnLeft,
                                       const Expr *TrackedExpr) const {
  const SourceManager &SM = FC.Ctx.getSourceManager();
  MinusOneFact M;
  M.Operator = FC.Files.pos(BO->getOperatorLoc());
  M.IsEq = BO->getOpcode() == BO_EQ;
  const Expr *Operand = OnLeft ? BO->getLHS() : BO->getRHS();
  QualType OperandType = Operand->IgnoreParenImpCasts()->getType();
  M.TrackedSigned = OperandType->isSignedIntegerType();
  M.TrackedInteger = OperandType->isIntegerType();
  SourceRange Edited =
      OnLeft ? SourceRange(BO->getOperatorLoc(), BO->getRHS()->getEndLoc())
             : SourceRange(BO->getLHS()->getBeginLoc(),
                           BO->getRHS()->getEndLoc());
  std::optional<FactRange> R = FC.Files.range(
      CharSourceRange::getTokenRange(Edited), FC.Ctx.getLangOpts());
  if (!R)
    return M;
  if (OnLeft) {
    // `size==-1` becomes `size < 0`, not `size< 0`.
    CharSourceRange CR = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(Edited), SM, FC.Ctx.getLangOpts());
    bool Invalid = false;
    const char *Before = SM.getCharacterData(CR.getBegin(), &Invalid) - 1;
    if (!Invalid && !llvm::isSpace(*Before) && *Before != '(')
      M.Prefix = " ";
  } else {
    std::string Text = sourceText(Operand->getSourceRange(), FC.Ctx);
    if (Text.empty())
      return M;
    M.Prefix = Text + " ";
  }
  (void)TrackedExpr;
  M.Editable = true;
  M.Range = *R;
  return M;
}

uint32_t TestBuilder::buildComparison(const BinaryOperator *BO) {
  std::optional<CompareOp> Op = compareOpOf(BO->getOpcode());
  std::vector<IntType> Chain;
  bool IsTruth = false;
  const Expr *Inner = nullptr;
  bool OnLeft = trackedChain(BO->getLHS(), Chain, IsTruth, &Inner);
  if (!OnLeft && !trackedChain(BO->getRHS(), Chain, IsTruth, &Inner))
    return add({});
  if (!Op || IsTruth)
    return add({});
  const Expr *Other = OnLeft ? BO->getRHS() : BO->getLHS();
  std::optional<IntType> CompareType = intTypeOf(Other->getType(), FC.Ctx);
  if (!CompareType || !(*CompareType == Chain.back()))
    return add({});

  TestNode N;
  N.K = TestNode::Compare;
  N.Op = OnLeft ? *Op : swapOperands(*Op);
  std::optional<IntType> Own =
      intTypeOf(Other->IgnoreParenImpCasts()->getType(), FC.Ctx);
  if (std::optional<Int> C = constantInItsType(Other, FC.Ctx))
    N.Other = ValueSet::point(CompareType->wrap(*C));
  else if (Other->isNullPointerConstant(FC.Ctx,
                                        Expr::NPC_ValueDependentIsNotNull))
    N.Other = ValueSet::point(0);
  else if (Own)
    N.Other = ValueSet::all(*Own).convert(*Own, *CompareType);
  else
    N.Other = ValueSet::all(*CompareType);
  N.OtherArg = argumentMatching(Other);
  // Where a repair that retypes the local can cast either operand.
  const Expr *Operand = (OnLeft ? BO->getLHS() : BO->getRHS());
  auto Spelled = [&](const Expr *E) {
    return FC.Files
        .range(CharSourceRange::getTokenRange(E->getSourceRange()),
               FC.Ctx.getLangOpts())
        .value_or(FactRange{});
  };
  NodeOperandsFact Operands;
  if (isa<DeclRefExpr>(Operand->IgnoreParenImpCasts()) &&
      Operand->IgnoreParenImpCasts() == Inner->IgnoreParenImpCasts())
    Operands.TrackedOperand = Spelled(Operand->IgnoreParenImpCasts());
  if (isa<IntegerLiteral, UnaryExprOrTypeTraitExpr, ParenExpr>(
          Other->IgnoreImpCasts()))
    Operands.OtherOperand = Spelled(Other->IgnoreImpCasts());
  Operands.OtherInteger = Own.has_value();
  Operands.OtherType = Own.value_or(IntType{});
  if (!Operands.empty())
    N.Operands.edit() = Operands;
  if ((N.Op == CompareOp::EQ || N.Op == CompareOp::NE) &&
      isMinusOneLiteral(Other, FC.Ctx)) {
    std::vector<MinusOneFact> &MinusOnes = T.Rewrite.edit().MinusOnes;
    N.MinusOne = MinusOnes.size();
    MinusOnes.push_back(minusOneFact(BO, OnLeft, Inner));
  }
  N.Chain = std::move(Chain);
  return add(std::move(N));
}

/// `rc == -1 && errno == EAGAIN`, `retry < max && rc == -1 && errno ==
/// EAGAIN`: the -1 comparisons among the `&&` operands of \p Node, where
/// \p Other, on the other side of an `&&`, compares errno.
void TestBuilder::markBesideErrno(uint32_t Node, const Expr *Other) {
  const auto *Compare = dyn_cast<BinaryOperator>(Other->IgnoreParens());
  if (!Compare || !Compare->isComparisonOp() ||
      !(isErrnoObject(Compare->getLHS()) || isErrnoObject(Compare->getRHS())))
    return;
  std::vector<uint32_t> Pending = {Node};
  while (!Pending.empty()) {
    const TestNode &N = T.Nodes[Pending.back()];
    Pending.pop_back();
    if (N.K == TestNode::And) {
      Pending.push_back(N.Lhs);
      Pending.push_back(N.Rhs);
    } else if (N.K == TestNode::Compare && N.MinusOne >= 0) {
      T.Rewrite.edit().MinusOnes[N.MinusOne].BesideErrno = true;
    }
  }
}

uint32_t TestBuilder::build(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot) {
      uint32_t Sub = build(U->getSubExpr());
      TestNode N;
      N.K = TestNode::Not;
      N.Lhs = Sub;
      return add(N);
    }
    if (U->getOpcode() == UO_Extension)
      return build(U->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      uint32_t L = build(BO->getLHS());
      uint32_t R = build(BO->getRHS());
      if (BO->getOpcode() == BO_LAnd) {
        markBesideErrno(L, BO->getRHS());
        markBesideErrno(R, BO->getLHS());
      }
      TestNode N;
      N.K = BO->getOpcode() == BO_LAnd ? TestNode::And : TestNode::Or;
      N.Lhs = L;
      N.Rhs = R;
      return add(N);
    }
    if (BO->isComparisonOp())
      return buildComparison(BO);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isBuiltinExpect(Call) && Call->getNumArgs() > 0)
    return build(Call->getArg(0));
  std::vector<IntType> Chain;
  bool IsTruth = false;
  if (trackedChain(E, Chain, IsTruth)) {
    TestNode N;
    N.K = TestNode::Truth;
    N.Chain = std::move(Chain);
    return add(std::move(N));
  }
  // A conversion of a truth value (0 or 1) keeps it: C++'s conversion of
  // a condition to bool, `__builtin_expect(!!(x == -1), 0)`'s to long.
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E)) {
    const Expr *Sub = C->getSubExpr()->IgnoreParens();
    const auto *SubBO = dyn_cast<BinaryOperator>(Sub);
    const auto *SubU = dyn_cast<UnaryOperator>(Sub);
    const auto *SubCall = dyn_cast<CallExpr>(Sub);
    if (C->getType()->isBooleanType() ||
        (SubBO && (SubBO->isComparisonOp() || SubBO->isLogicalOp())) ||
        (SubU && SubU->getOpcode() == UO_LNot) ||
        (SubCall && isBuiltinExpect(SubCall)))
      return build(C->getSubExpr());
  }
  return add({});
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
    if (const auto *Call = dyn_cast<CallExpr>(P);
        Call && isBuiltinExpect(Call) && Call->getNumArgs() > 0 &&
        Call->getArg(0) == Top) {
      Top = Call;
      continue;
    }
    break;
  }
  return Top;
}

} // namespace

std::string evidenceName(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return "";
  std::string Name = FD->getNameAsString();
  if ((Name == "fprintf" || Name == "vfprintf" || Name == "fputs") &&
      Call->getNumArgs() > 0) {
    unsigned StreamArg = Name == "fputs" ? 1 : 0;
    if (StreamArg < Call->getNumArgs())
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Call->getArg(StreamArg)->IgnoreParenImpCasts());
          Ref && Ref->getDecl()->getName() == "stderr")
        Name = "stderr";
  }
  return Name;
}

std::optional<int64_t> constantValue(const Expr *E, const ASTContext &Ctx) {
  return constantOf(E, Ctx);
}

std::optional<Int> constantInItsType(const Expr *E, const ASTContext &Ctx) {
  std::optional<int64_t> C = constantOf(E, Ctx);
  if (!C)
    return std::nullopt;
  if (*C < 0 && E->getType()->isUnsignedIntegerOrEnumerationType())
    return Int(uint64_t(*C));
  return Int(*C);
}

std::string sourceText(SourceRange Range, const ASTContext &Ctx) {
  CharSourceRange R =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Range),
                               Ctx.getSourceManager(), Ctx.getLangOpts());
  if (R.isInvalid())
    return "";
  return Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

const Stmt *labelledStatement(const Stmt *S) {
  while (const auto *Label = dyn_cast_or_null<SwitchCase>(S))
    S = Label->getSubStmt();
  return S;
}

bool alwaysLeaves(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt>(S))
    return true;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && alwaysLeaves(CS->body_back());
  return noReturnCallAtEnd(S) != nullptr;
}

const Expr *withoutExpect(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (!isBuiltinExpect(Call) || Call->getNumArgs() < 1)
      break;
    E = Call->getArg(0)->IgnoreParenImpCasts();
  }
  return E;
}

const FunctionDecl *noReturnCallAtEnd(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return CS->body_empty() ? nullptr : noReturnCallAtEnd(CS->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        return FD->isNoReturn() ? FD : nullptr;
  return nullptr;
}

std::optional<bool> truthOfChoice(const Expr *E, const ASTContext &Ctx) {
  const auto *Choice = dyn_cast<ConditionalOperator>(E->IgnoreParenImpCasts());
  if (!Choice)
    return std::nullopt;
  // An arm's value: `(log(...), false)` is false.
  auto ArmTruth = [&](const Expr *Arm) -> std::optional<bool> {
    Arm = Arm->IgnoreParenImpCasts();
    while (const auto *Comma = dyn_cast<BinaryOperator>(Arm)) {
      if (Comma->getOpcode() != BO_Comma)
        break;
      Arm = Comma->getRHS()->IgnoreParenImpCasts();
    }
    std::optional<int64_t> V = constantOf(Arm, Ctx);
    if (!V)
      return std::nullopt;
    return *V != 0;
  };
  std::optional<bool> OnTrue = ArmTruth(Choice->getTrueExpr());
  std::optional<bool> OnFalse = ArmTruth(Choice->getFalseExpr());
  if (!OnTrue || !OnFalse || *OnTrue == *OnFalse)
    return std::nullopt;
  return *OnTrue;
}

const Expr *armBesideConstant(const Expr *E, const ASTContext &Ctx) {
  const auto *Choice = dyn_cast<ConditionalOperator>(E);
  if (!Choice)
    return nullptr;
  bool TrueConstant = constantOf(Choice->getTrueExpr(), Ctx).has_value();
  bool FalseConstant = constantOf(Choice->getFalseExpr(), Ctx).has_value();
  if (TrueConstant == FalseConstant)
    return nullptr;
  return TrueConstant ? Choice->getFalseExpr() : Choice->getTrueExpr();
}

namespace {

QualType returnTypeOf(const Decl *Function) {
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Function))
    return FD->getReturnType();
  if (const auto *MD = dyn_cast_or_null<ObjCMethodDecl>(Function))
    return MD->getReturnType();
  return QualType();
}

} // namespace

namespace {

/// Whether \p S assigns the tracked variable anywhere (`rc = 0;`).
bool assignsTracked(const Stmt *S, const TrackedValue &Tracked) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp() &&
      Tracked(BO->getLHS()->IgnoreParenImpCasts()))
    return true;
  for (const Stmt *Child : S->children())
    if (assignsTracked(Child, Tracked))
      return true;
  return false;
}

} // namespace

namespace {

/// The calls with a named callee in \p S (a statement expression's body),
/// in order, at most \p Max: systemd's `log_warning_errno(r, ...)` is `({
/// int _e = (r); _e = ... ? log_internal(...) : ...; _e; })`, a reporter
/// that no call at the branch's top level shows.
void callsInside(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out,
                 unsigned Max) {
  if (!S || Out.size() >= Max || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && Call->getDirectCallee())
    Out.push_back(Call);
  for (const Stmt *Child : S->children())
    callsInside(Child, Out, Max);
}

} // namespace

BranchFacts branchFacts(const Stmt *S, const TrackedValue &Tracked,
                        FactContext &FC) {
  if (!S)
    return BranchFacts();
  llvm::SmallVector<const Stmt *, 8> Top;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    Top.append(CS->body_begin(), CS->body_end());
  else if (!isa<NullStmt>(S))
    Top.push_back(S);
  return branchFactsOf(Top, Tracked, FC);
}

BranchFacts branchFactsOf(llvm::ArrayRef<const Stmt *> Top,
                          const TrackedValue &Tracked, FactContext &FC) {
  BranchFacts B;
  B.Known = true;
  B.Leaves = !Top.empty() && alwaysLeaves(Top.back());
  B.Replaces = llvm::any_of(
      Top, [&](const Stmt *S) { return assignsTracked(S, Tracked); });
  const Stmt *Last = Top.empty() ? nullptr : Top.back();
  while (const auto *CS = dyn_cast_or_null<CompoundStmt>(Last))
    Last = CS->body_empty() ? nullptr : CS->body_back();
  if (const auto *Goto = dyn_cast_or_null<GotoStmt>(Last))
    B.GotoLabel = Goto->getLabel()->getName().str();
  B.Breaks = isa_and_nonnull<BreakStmt>(Last);
  B.Empty = Top.empty();
  QualType Returns = returnTypeOf(FC.Function);
  for (const Stmt *St : Top) {
    if (const auto *E = dyn_cast<Expr>(St))
      St = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(St))
      St = EWC->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Void = dyn_cast<CStyleCastExpr>(St);
        Void && Void->getType()->isVoidType())
      St = Void->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *SE = dyn_cast<StmtExpr>(St)) {
      // The macro as written (`log_debug_errno`), a reporter by name where
      // the function it calls also logs successes (`log_internal`).
      std::string Macro = macroAsWritten(SE->getBeginLoc(), FC.Ctx);
      if (!Macro.empty() && B.Calls.size() < 8)
        B.Calls.push_back(Macro);
      llvm::SmallVector<const CallExpr *, 8> Inside;
      callsInside(SE->getSubStmt(), Inside, 8);
      for (const CallExpr *Call : Inside) {
        std::string Name = evidenceName(Call);
        if (B.Calls.size() < 8 && !Name.empty())
          B.Calls.push_back(std::move(Name));
      }
      continue;
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(St)) {
      const Expr *V = Ret->getRetValue();
      if (!V)
        continue;
      V = V->IgnoreParenImpCasts();
      if (Tracked(V)) {
        B.ReturnsTracked = true;
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(V);
          (U && U->getOpcode() == UO_Minus) || alwaysNegativeErrno(V, FC.Ctx)) {
        B.ReturnsError = true; // -errno, -EINVAL, -ret, log_error_errno()
        continue;
      }
      std::optional<int64_t> C = constantOf(V, FC.Ctx);
      if (!Returns.isNull() && C &&
          ((Returns->isSignedIntegerType() && *C < 0) ||
           ((Returns->isPointerType() || Returns->isBooleanType()) &&
            *C == 0)))
        B.ReturnsError = true;
      if (!Returns.isNull() && Returns->isPointerType() &&
          V->isNullPointerConstant(FC.Ctx, Expr::NPC_ValueDependentIsNotNull))
        B.ReturnsError = true;
      continue;
    }
    if (const auto *Goto = dyn_cast<GotoStmt>(St)) {
      if (isErrorLabel(Goto->getLabel()->getName().str()))
        B.GotoErrorLabel = true;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD)
        continue;
      // `_exit(0)` ends a forked child or a done program: not a failure.
      bool ExitsWithSuccess =
          FD->getIdentifier() &&
          llvm::is_contained({"exit", "_exit", "_Exit"}, FD->getName()) &&
          Call->getNumArgs() == 1 &&
          constantOf(Call->getArg(0), FC.Ctx) == std::optional<int64_t>(0);
      if (ExitsWithSuccess)
        continue;
      if (FD->isNoReturn())
        B.NoReturn = true;
      std::string Name = evidenceName(Call);
      if (B.Calls.size() < 8 && !Name.empty())
        B.Calls.push_back(std::move(Name));
    }
  }
  return B;
}

namespace {

/// Whether a return of \p E passes the tracked value on as the function's
/// own result of the same kind: the call's signed result, kept in a signed
/// integer, into one no narrower; a pointer, kept in a pointer, into a
/// pointer (not into a bool, nor an unsigned count's result).
bool returnedAsIs(const Expr *E, FactContext &FC) {
  QualType Returns = returnTypeOf(FC.Function);
  QualType Value = E->IgnoreParenImpCasts()->getType();
  if (Returns.isNull() || Value.isNull() || !FC.Call)
    return false;
  QualType Result = FC.Call->getType();
  if (Returns->isPointerType() && Value->isPointerType() &&
      Result->isPointerType())
    return true;
  // An unsigned count's failure 0 would leave as a success.
  return Returns->isSignedIntegerType() && Value->isSignedIntegerType() &&
         Result->isSignedIntegerType() &&
         FC.Ctx.getTypeSize(Value) <= FC.Ctx.getTypeSize(Returns);
}

/// What happens to the tracked value after \p Branching (an if or a loop)
/// takes branch \p TrueBranch, before it is tested again or replaced.
struct UseAfter {
  /// It can be used, or the function return: a failure sent there
  /// otherwise is not mishandled (`if (pid == 0) ...; while (pid > 0 &&
  /// ...)`; `continue` to read again). True when unknown.
  bool Used = true;
  /// Every use met is a return of the value as is (returnedAsIs).
  bool ReturnedAsIs = false;
};

UseAfter useAfter(const Stmt *Branching, bool TrueBranch,
                  const TrackedValue &Tracked, FactContext &FC) {
  // The walk classifies what it meets, tests among them, whose own
  // branches are not needed: only "is it a test".
  static thread_local bool Walking = false;
  if (Walking)
    return UseAfter();
  Walking = true;
  auto Done = llvm::make_scope_exit([] { Walking = false; });
  bool Returned = false, OtherUse = false;
  bool InCfg = FC.Flow.forEachReachableFromBranch(
      Branching, TrueBranch, [&](const Stmt *S) {
        if (OtherUse || S == FC.Call)
          return FunctionFlow::Visit::StopPath; // decided, or a new result
        // The function returns without having looked again: the failure is
        // carried on as a success, or passed on as one (`if (!p) return
        // NULL; return p;` after mmap).
        if (isa<ReturnStmt>(S)) {
          OtherUse = true;
          return FunctionFlow::Visit::StopPath;
        }
        const auto *E = dyn_cast<Expr>(S);
        if (!E || !Tracked(E) || isa<ParenExpr>(E))
          return FunctionFlow::Visit::Continue;
        const Stmt *Up = FC.Flow.parent(E);
        while (Up && isa<ParenExpr, ImplicitCastExpr>(Up))
          Up = FC.Flow.parent(Up);
        // `ret = g();`: another value from here on.
        if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
            BO && BO->getOpcode() == BO_Assign &&
            BO->getLHS()->IgnoreParens() == E)
          return FunctionFlow::Visit::StopPath;
        if (isa_and_nonnull<ReturnStmt>(Up) && returnedAsIs(E, FC)) {
          Returned = true;
          return FunctionFlow::Visit::StopPath;
        }
        ResultUse U = classifyUse(E, Tracked, FC);
        switch (U.K) {
        case ResultUse::Discarded:
        case ResultUse::DiscardedByVoid:
          return FunctionFlow::Visit::Continue;
        case ResultUse::Test:
          if (U.TestInfo->CheckLike)
            return FunctionFlow::Visit::StopPath;
          return FunctionFlow::Visit::Continue;
        default:
          OtherUse = true;
          return FunctionFlow::Visit::StopPath;
        }
      });
  if (!InCfg)
    return UseAfter();
  UseAfter After;
  After.Used = Returned || OtherUse;
  After.ReturnedAsIs = Returned && !OtherUse;
  return After;
}

/// The statement that branches on condition \p Top, and its branches.
void describeBranches(const Expr *Top, TestFact &T, const TrackedValue &Tracked,
                      FactContext &FC) {
  const Expr *Cond = Top;
  const Stmt *P = FC.Flow.parent(Cond);
  // The statement's condition is Top, or false where Top is true.
  bool Negated = false;
  while (P) {
    // `if (__builtin_expect(x, 0))`, `if ((x))`: conversions and parentheses.
    if (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) ||
        (isa<CallExpr>(P) && isBuiltinExpect(cast<CallExpr>(P)))) {
    } else if (const auto *Choice = dyn_cast<ConditionalOperator>(P);
               Choice && Choice->getCond() == Cond) {
      // systemd's `if (!assert_log(x, "x")) return -EINVAL;`: the choice
      // passes the truth of x on, and the `!` above it negates it.
      std::optional<bool> Keeps = truthOfChoice(Choice, FC.Ctx);
      if (!Keeps)
        return;
      Negated ^= !*Keeps;
    } else if (const auto *Not = dyn_cast<UnaryOperator>(P);
               Not && Not->getOpcode() == UO_LNot) {
      Negated = !Negated;
    } else {
      break;
    }
    Cond = cast<Expr>(P);
    P = FC.Flow.parent(Cond);
  }
  if (!P)
    return;
  BranchFacts Then, Else;
  if (const auto *If = dyn_cast<IfStmt>(P); If && If->getCond() == Cond) {
    Then = branchFacts(If->getThen(), Tracked, FC);
    Else = branchFacts(If->getElse(), Tracked, FC);
  } else if (const auto *W = dyn_cast<WhileStmt>(P); W && W->getCond() == Cond) {
    Then = branchFacts(W->getBody(), Tracked, FC);
  } else if (const auto *F = dyn_cast<ForStmt>(P); F && F->getCond() == Cond) {
    Then = branchFacts(F->getBody(), Tracked, FC);
  } else {
    return;
  }
  for (bool TrueBranch : {true, false}) {
    UseAfter After = useAfter(P, TrueBranch, Tracked, FC);
    BranchFacts &B = TrueBranch ? Then : Else;
    B.ValueUsed = After.Used;
    B.ReturnedAsIs = After.ReturnedAsIs;
  }
  T.OnTrue = Negated ? Else : Then;
  T.OnFalse = Negated ? Then : Else;
}

/// A test of the tracked value alone, which a fix can rewrite whole.
void describeRewrite(const Expr *Top, TestFact &T, TestBuilder &Builder,
                     FactContext &FC) {
  const Expr *E = Top->IgnoreParenImpCasts();
  const Expr *Operand = E;
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot)
    Operand = U->getSubExpr();
  else if (const auto *BO = dyn_cast<BinaryOperator>(E);
           BO && BO->isComparisonOp())
    Operand = BO;
  std::vector<IntType> Chain;
  bool IsTruth = false;
  const Expr *Inner = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(Operand)) {
    if (!Builder.trackedChain(BO->getLHS(), Chain, IsTruth, &Inner))
      return; // only `x OP c`, the form a rewrite keeps
    // Only a comparison with -1, 0 or 1 is meant as an error check beyond
    // doubt; `size > 0x1000000` means something else too.
    std::optional<int64_t> C = constantOf(BO->getRHS(), FC.Ctx);
    if (!C || *C < -1 || *C > 1)
      return;
  } else if (!Builder.trackedChain(Operand, Chain, IsTruth, &Inner)) {
    return;
  }
  // The tracked operand as written, without the conversions around it,
  // but with what the test's operand does on the way to it: `if (!(fd =
  // open(..)))` becomes `(fd = open(..)) < 0`, not `open(..) < 0`, which
  // would drop the assignment. Through a choice (`drv->f ? drv->f(conn,
  // feature) : 0`) the test sees the value on one arm only: the call alone
  // would drop the choice, so there is no rewrite.
  const Expr *Written = Inner->IgnoreParenImpCasts();
  for (const Stmt *S = Inner; S; S = FC.Flow.parent(S)) {
    if (S != E && isa<ConditionalOperator>(S))
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_Comma))
      Written = BO;
    if (S == E)
      break;
  }
  std::string Text = sourceText(Written->getSourceRange(), FC.Ctx);
  std::optional<FactRange> R = FC.Files.range(
      CharSourceRange::getTokenRange(E->getSourceRange()), FC.Ctx.getLangOpts());
  if (Text.empty() || !R)
    return;
  if (isa<BinaryOperator>(Written) || isa<ConditionalOperator>(Written))
    Text = "(" + Text + ")";
  TestRewriteFact &Rewrite = T.Rewrite.edit();
  Rewrite.Rewritable = true;
  Rewrite.Range = *R;
  Rewrite.Tracked = std::move(Text);
  Rewrite.TrackedSigned = Written->getType()->isSignedIntegerType();
}

TestFact makeTest(const Expr *InCondition, const TrackedValue &Tracked,
                  FactContext &FC) {
  const Expr *Top = conditionTop(InCondition, FC.Flow);
  TestFact T;
  T.Where = FC.Files.pos(Top->getBeginLoc());
  TestBuilder Builder(T, Tracked, FC);
  Builder.build(Top); // the root is built last
  for (const TestNode &N : T.Nodes)
    T.CheckLike |= N.K == TestNode::Truth ||
                   (N.K == TestNode::Compare &&
                    (N.Other.isPoint() || N.OtherArg >= 0));
  describeBranches(Top, T, Tracked, FC);
  describeRewrite(Top, T, Builder, FC);
  return T;
}

/// What switch label \p Label runs before the next label or `break`: its
/// own statement (past labels stacked on it: `case ERR: default: ...`) and
/// those after it in the switch's block (`case ERR: report(); return
/// false;`). A lone `break;` is kept: the case does nothing.
static llvm::SmallVector<const Stmt *, 8> caseBody(const SwitchCase *Label,
                                                   const SwitchStmt *Switch) {
  llvm::SmallVector<const Stmt *, 8> Body;
  const Stmt *First = labelledStatement(Label);
  if (First && !isa<NullStmt>(First))
    Body.push_back(First);
  if (isa_and_nonnull<BreakStmt>(First))
    return Body;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Switch->getBody());
  if (!Block)
    return Body;
  auto Holds = [&](const Stmt *S) {
    for (; const auto *SC = dyn_cast_or_null<SwitchCase>(S);
         S = SC->getSubStmt())
      if (SC == Label)
        return true;
    return false;
  };
  const auto *It = llvm::find_if(Block->body(), Holds);
  if (It == Block->body_end())
    return Body; // a label inside a nested block (Duff's device)
  for (++It; It != Block->body_end() && !isa<SwitchCase, BreakStmt>(*It); ++It)
    Body.push_back(*It);
  return Body;
}

TestFact makeSwitchTest(const SwitchStmt *Switch, const Expr *Cond,
                        const TrackedValue &Tracked, FactContext &FC) {
  TestFact T;
  T.IsSwitch = true;
  T.CheckLike = true;
  T.Where = FC.Files.pos(Cond->getBeginLoc());
  TestBuilder Builder(T, Tracked, FC);
  bool IsTruth = false;
  if (!Builder.trackedChain(Switch->getCond(), T.SwitchChain, IsTruth) ||
      IsTruth)
    T.SwitchChain.clear();
  std::optional<IntType> CondType =
      T.SwitchChain.empty() ? std::nullopt
                            : std::optional<IntType>(T.SwitchChain.back());
  for (const clang::SwitchCase *SC = Switch->getSwitchCaseList(); SC;
       SC = SC->getNextSwitchCase()) {
    if (const auto *D = dyn_cast<DefaultStmt>(SC)) {
      T.HasDefault = true;
      T.Default = branchFactsOf(caseBody(D, Switch), Tracked, FC);
      continue;
    }
    const auto *C = cast<CaseStmt>(SC);
    CaseFact Case;
    std::optional<int64_t> Lo = constantOf(C->getLHS(), FC.Ctx);
    std::optional<int64_t> Hi =
        C->getRHS() ? constantOf(C->getRHS(), FC.Ctx) : Lo;
    if (!Lo || !Hi || !CondType) {
      T.SwitchChain.clear();
      continue;
    }
    Case.Labels = ValueSet::range(CondType->wrap(*Lo), CondType->wrap(*Hi));
    Case.MinusOneLabel = !C->getRHS() && isMinusOneLiteral(C->getLHS(), FC.Ctx);
    Case.Branch = branchFactsOf(caseBody(C, Switch), Tracked, FC);
    T.Cases.push_back(std::move(Case));
  }
  // Case statements are listed last first.
  std::reverse(T.Cases.begin(), T.Cases.end());
  return T;
}

/// `p` passed as argument \p Index of \p Call.
UseFact argumentUse(const CallExpr *Call, unsigned Index, FactContext &FC) {
  UseFact U;
  U.K = UseFact::Argument;
  U.Where = FC.Files.pos(Call->getArg(Index)->getBeginLoc());
  U.ArgIndex = Index;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return U;
  U.Callee = functionIdOf(FD, FC.Files);
  unsigned Params = FD->getNumParams();
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD)) {
    // The object is argument 0 of an operator call, not a parameter.
    if (Index == 0)
      return U;
    --Index;
  }
  // The list a NULL ends: the variadic arguments, and with sentinel(N, 1)
  // the last named parameter too; the NULL is the last argument but
  // getSentinel(). A function that also takes a format (systemd's
  // log_struct_internal: formats, their arguments, NULL) reads a format's
  // arguments as the format says, so a NULL among them is no end.
  if (const auto *Sentinel = FD->getAttr<SentinelAttr>();
      Sentinel && !FD->hasAttr<FormatAttr>() &&
      Index + Sentinel->getNullPos() >= Params)
    U.BeforeSentinel =
        U.ArgIndex + 1 + Sentinel->getSentinel() < Call->getNumArgs();
  if (Index >= Params) {
    U.Variadic = true;
    return U;
  }
  const ParmVarDecl *Param = FD->getParamDecl(Index);
  if (Param->hasAttr<NonNullAttr>())
    U.NonNullParam = true;
  for (const auto *A : FD->specific_attrs<NonNullAttr>())
    if (A->args_size() == 0 || A->isNonNull(Index))
      U.NonNullParam = true;
  if (std::optional<NullabilityKind> N = Param->getType()->getNullability();
      N && *N == NullabilityKind::NonNull)
    U.NonNullParam = true;
  // `size_t n`, through any typedefs of it.
  for (QualType T = Param->getType(); !T.isNull();) {
    const auto *TT = T->getAs<TypedefType>();
    if (!TT)
      break;
    if (TT->getDecl()->getName() == "size_t") {
      U.SizeParam = true;
      break;
    }
    T = TT->getDecl()->getUnderlyingType();
  }
  return U;
}

} // namespace

ResultUse classifyUse(const Expr *E, const TrackedValue &Tracked,
                      FactContext &FC) {
  ResultUse Use;
  auto MakeTest = [&](const Expr *InCondition) {
    Use.K = ResultUse::Test;
    Use.TestInfo = makeTest(InCondition, Tracked, FC);
    return Use;
  };
  auto MakeUse = [&](UseFact::Kind K, SourceLocation Loc) {
    Use.K = ResultUse::Use;
    UseFact U;
    U.K = K;
    U.Where = FC.Files.pos(Loc);
    Use.UseInfo = U;
    return Use;
  };
  auto Make = [&](ResultUse::Kind K) {
    Use.K = K;
    return Use;
  };

  const Expr *Cur = E;
  const FunctionFlow &Flow = FC.Flow;
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
      // A conversion to bool tests the value; reading a bool does not
      // (`bool ok = f(errp); return ok;` passes it on).
      if (Cast->getType()->isBooleanType() &&
          !Cast->getSubExpr()->getType()->isBooleanType())
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
              !VD->getType().isVolatileQualified() &&
              !VD->getType()->isReferenceType()) {
            Use.Var = VD;
            return Make(ResultUse::StoreLocal);
          }
        return Make(ResultUse::StoreOther);
      }
      // `err |= f()` collects errors to test them together.
      if (BO->getOpcode() == BO_OrAssign && BO->getRHS() == Cur)
        return Make(ResultUse::Other);
      if (BO->isAdditiveOp() || BO->isMultiplicativeOp() ||
          BO->isShiftOp() || BO->isBitwiseOp() ||
          BO->isCompoundAssignmentOp())
        return MakeUse(UseFact::Arith, BO->getOperatorLoc());
      return Make(ResultUse::Other);
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      switch (U->getOpcode()) {
      case UO_LNot:
        return MakeTest(U);
      case UO_AddrOf:
        return Make(ResultUse::Escape);
      case UO_Extension:
        Cur = U;
        continue;
      case UO_Deref:
        return MakeUse(UseFact::Deref, U->getOperatorLoc());
      case UO_Minus:
      case UO_Not:
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        return MakeUse(UseFact::Arith, U->getOperatorLoc());
      default:
        return Make(ResultUse::Other);
      }
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
      if (AS->getIdx() == Cur)
        return MakeUse(UseFact::Index, Cur->getBeginLoc());
      return MakeUse(UseFact::Deref, AS->getRBracketLoc());
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->isArrow())
        return MakeUse(UseFact::Deref, ME->getOperatorLoc());
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
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (isBuiltinExpect(Call) && Call->getNumArgs() > 0 &&
          Call->getArg(0) == Cur) {
        Cur = Call;
        continue;
      }
      if (Call->getCallee() == Cur)
        return MakeUse(UseFact::Deref, Cur->getBeginLoc());
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
          MC && MC->getImplicitObjectArgument() &&
          MC->getImplicitObjectArgument()->IgnoreParenImpCasts() ==
              Cur->IgnoreParenImpCasts())
        return MakeUse(UseFact::Deref, Cur->getBeginLoc());
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Cur) {
          Use.K = ResultUse::Use;
          Use.UseInfo = argumentUse(Call, I, FC);
          return Use;
        }
      return Make(ResultUse::Escape);
    }
    if (isa<ReturnStmt>(P) || isa<CompoundLiteralExpr>(P) ||
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
      Use.K = ResultUse::Test;
      Use.TestInfo = makeSwitchTest(Switch, Cur, Tracked, FC);
      return Use;
    }
    if (isa<Expr>(P))
      return Make(ResultUse::Other);
    // Labels, case bodies, attributed statements: a statement position.
    return Make(ResultUse::Discarded);
  }
}

} // namespace retcheck
