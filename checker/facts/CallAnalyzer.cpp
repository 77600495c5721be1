//===- CallAnalyzer.cpp - The one analysis every front end runs -----------===//

#include "CallAnalyzer.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <cctype>

using namespace clang;
using namespace clang::ast_matchers;

namespace retcheck {

namespace {

std::string failureDescription(const Rule &R) {
  switch (R.Conv) {
  case Convention::Negative:
    return "a negative value";
  case Convention::MinusOne:
    return "-1";
  case Convention::Nonzero:
    return "a nonzero value";
  case Convention::Null:
    return "a null pointer";
  case Convention::Value:
    return std::to_string(R.ErrorValue);
  }
  return "an error value";
}

/// `&error_fatal` in the error-out position: the callee cannot return.
bool cannotFail(const CallExpr *Call, const Rule &R) {
  if (!R.ErrorOut || Call->getNumArgs() <= R.ErrorOut->Index)
    return false;
  const Expr *Arg = Call->getArg(R.ErrorOut->Index)->IgnoreParenImpCasts();
  const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts());
  if (!Ref)
    return false;
  std::string Name = Ref->getDecl()->getNameAsString();
  for (const std::string &V : R.ErrorOut->NoErrorValues)
    if (Name == V)
      return true;
  return false;
}

bool refersTo(const Expr *E, const VarDecl *Var) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == Var;
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

/// Rewrites `x == -1` to the complete test for the rule's convention, when
/// the edited tokens are spelled in a file and the result is signed.
std::optional<FixItHint> minusOneFix(const MinusOneComparison &M, const Rule &R,
                                     const ASTContext &Ctx) {
  const BinaryOperator *BO = M.Compare;
  bool IsEq = BO->getOpcode() == BO_EQ;
  const Expr *Tracked = M.TrackedOnLeft ? BO->getLHS() : BO->getRHS();
  QualType TrackedType = Tracked->IgnoreParenImpCasts()->getType();
  const char *Replacement;
  if (R.Conv == Convention::Negative) {
    // `x < 0` on an unsigned value is always false: never offer it.
    if (!TrackedType->isSignedIntegerType())
      return std::nullopt;
    Replacement = IsEq ? "< 0" : ">= 0";
  } else if (R.Conv == Convention::Nonzero) {
    if (!TrackedType->isIntegerType())
      return std::nullopt;
    Replacement = IsEq ? "!= 0" : "== 0";
  } else {
    return std::nullopt;
  }

  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Edited =
      M.TrackedOnLeft
          ? SourceRange(BO->getOperatorLoc(), BO->getRHS()->getEndLoc())
          : SourceRange(BO->getLHS()->getBeginLoc(), BO->getRHS()->getEndLoc());
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Edited), SM, Ctx.getLangOpts());
  if (Range.isInvalid())
    return std::nullopt;
  std::string Text = Replacement;
  // `size==-1` becomes `size < 0`, not `size< 0`.
  if (M.TrackedOnLeft) {
    bool Invalid = false;
    const char *Before = SM.getCharacterData(Range.getBegin(), &Invalid) - 1;
    if (!Invalid && !isspace(static_cast<unsigned char>(*Before)) &&
        *Before != '(')
      Text = " " + Text;
  }
  if (!M.TrackedOnLeft) {
    std::string TrackedText = sourceText(Tracked->getSourceRange(), Ctx);
    if (TrackedText.empty())
      return std::nullopt;
    Text = TrackedText + " " + Text;
  }
  return FixItHint::CreateReplacement(Range, Text);
}

enum class Loss { Sign, Width };

/// Why storing into \p Dest loses the error, or nullopt if it does not.
std::optional<Loss> lossReason(const Rule &R, QualType Result, QualType Dest,
                               const ASTContext &Ctx) {
  if (Dest.isNull() || Dest->isBooleanType() || Dest->isPointerType())
    return std::nullopt;
  std::optional<IntType> From = intTypeOf(Result, Ctx);
  std::optional<IntType> To = intTypeOf(Dest, Ctx);
  if (!From || !To || Result->isPointerType())
    return std::nullopt;
  if (R.Conv == Convention::Negative && From->Signed && !To->Signed)
    return Loss::Sign;
  if (R.ReportNarrowing && To->Width < From->Width)
    return Loss::Width;
  return std::nullopt;
}

std::string destinationName(const ResultUse &U, const ASTContext &Ctx) {
  if (!U.DestinationName.empty())
    return U.DestinationName;
  if (U.Var)
    return U.Var->getNameAsString();
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(U.StoreSite))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        return VD->getNameAsString();
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U.StoreSite)) {
    std::string Text = sourceText(BO->getLHS()->getSourceRange(), Ctx);
    if (!Text.empty() && Text.size() <= 40)
      return Text;
  }
  return "the destination";
}

/// A call outside the statements of its function: a C++ constructor's
/// member initializer or a default member initializer. It stores into the
/// member (lossy when unsigned); anything else is not ours to judge.
ResultUse classifyOutsideBody(const CallExpr *Call, ASTContext &Ctx) {
  ResultUse Use;
  Use.K = ResultUse::Other;
  DynTypedNode Node = DynTypedNode::create(*Call);
  QualType Converted = Call->getType();
  const Expr *Top = Call;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (const auto *E = Node.get<Expr>()) {
      if (!isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups, InitListExpr>(E))
        break;
      Converted = E->getType();
      Top = E;
      continue;
    }
    const FieldDecl *Field = nullptr;
    SourceLocation Loc;
    // The parent map skips CXXCtorInitializer: the initializer's
    // expression has the constructor as its parent.
    if (const auto *Ctor = Node.get<CXXConstructorDecl>()) {
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit() == Top && Init->getMember()) {
          Field = Init->getMember();
          Loc = Init->getMemberLocation();
        }
    } else if ((Field = Node.get<FieldDecl>())) {
      Loc = Field->getLocation();
    }
    if (Field) {
      Use.K = ResultUse::StoreOther;
      Use.Destination = Converted;
      Use.DestinationName = Field->getNameAsString();
      Use.StoreLoc = Loc;
    }
    break;
  }
  return Use;
}

/// What the tests that a result reaches add up to.
struct Verdict {
  bool Complete = false;
  bool CompleteInSignedType = false; ///< a complete test recovered the sign
  bool Tested = false;
  bool Escaped = false;
  llvm::SmallVector<MinusOneComparison, 4> MinusOnes;
  llvm::SmallPtrSet<const Expr *, 8> Seen;

  void add(const ResultUse &U, const ValueSet &Errors) {
    switch (U.K) {
    case ResultUse::Test:
      Tested = true;
      if (!Seen.insert(U.TestInfo->Condition).second)
        return;
      if (U.TestInfo->Split.isComplete(Errors)) {
        Complete = true;
        CompleteInSignedType |= U.TestInfo->ComparedInSignedType;
      }
      for (const MinusOneComparison &M : U.TestInfo->MinusOnes)
        MinusOnes.push_back(M);
      return;
    case ResultUse::Escape:
    case ResultUse::StoreLocal:
    case ResultUse::StoreOther:
      Escaped = true;
      return;
    default:
      return;
    }
  }
};

/// The same object, written the same way: `x`, `*p`, `s->f`, `a[2]`.
bool sameLValue(const Expr *A, const Expr *B) {
  A = A->IgnoreParens();
  B = B->IgnoreParens();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  if (const auto *RA = dyn_cast<DeclRefExpr>(A))
    return RA->getDecl() == cast<DeclRefExpr>(B)->getDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = cast<MemberExpr>(B);
    return MA->getMemberDecl() == MB->getMemberDecl() &&
           MA->isArrow() == MB->isArrow() &&
           sameLValue(MA->getBase()->IgnoreParenImpCasts(),
                      MB->getBase()->IgnoreParenImpCasts());
  }
  if (const auto *UA = dyn_cast<UnaryOperator>(A)) {
    const auto *UB = cast<UnaryOperator>(B);
    return UA->getOpcode() == UO_Deref && UB->getOpcode() == UO_Deref &&
           sameLValue(UA->getSubExpr()->IgnoreParenImpCasts(),
                      UB->getSubExpr()->IgnoreParenImpCasts());
  }
  return false;
}

/// Follows a stored result along the CFG, from the call to every use of
/// the destination it reaches, until the destination is written again.
Verdict followStore(const CallExpr *Call, const ResultUse &Use,
                    const Expr *Target, const FunctionFlow &Flow,
                    const ValueSet &Errors, ASTContext &Ctx) {
  const VarDecl *Var = Use.Var;
  auto IsDestination = [&](const Expr *E) {
    return Var ? refersTo(E, Var) : !isa<ParenExpr>(E) && sameLValue(E, Target);
  };
  auto IsTracked = [&](const Expr *E) { return E == Call || IsDestination(E); };
  Verdict V;
  if (Use.StoreExpr) // `(ret = f()) == -1` tests the value directly, too
    V.add(classifyUse(Use.StoreExpr, Flow, Errors, Ctx, IsTracked), Errors);

  auto VisitUse = [&](const Expr *Ref) {
    const Stmt *P = Flow.parent(Ref);
    while (P && isa<ParenExpr>(P))
      P = Flow.parent(P);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
        BO && BO->getLHS()->IgnoreParens() == Ref) {
      if (BO->getOpcode() == BO_Assign)
        return BO == Use.StoreSite ? FunctionFlow::Visit::Continue
                                   : FunctionFlow::Visit::StopPath;
      if (BO->isCompoundAssignmentOp())
        return FunctionFlow::Visit::StopPath;
    }
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(P);
        U && U->isIncrementDecrementOp())
      return FunctionFlow::Visit::StopPath;
    V.add(classifyUse(Ref, Flow, Errors, Ctx, IsTracked), Errors);
    return FunctionFlow::Visit::Continue;
  };
  auto IsUse = [&](const Stmt *S) {
    const auto *E = dyn_cast<Expr>(S);
    return E && IsDestination(E);
  };

  bool InCfg = Flow.forEachReachable(Call, [&](const Stmt *S) {
    if (S == Call)
      return FunctionFlow::Visit::StopPath; // a new result replaces ours
    if (IsUse(S))
      return VisitUse(cast<Expr>(S));
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (Var && D == Var && !isa<DeclStmt>(Use.StoreSite))
          return FunctionFlow::Visit::StopPath; // a fresh, uninitialised one
    return FunctionFlow::Visit::Continue;
  });
  if (!InCfg) {
    // No CFG: take every use of the destination as reached.
    llvm::SmallVector<const Stmt *, 32> Work{Flow.Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (IsUse(S))
        VisitUse(cast<Expr>(S));
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }
  return V;
}

} // namespace

StatementMatcher CallAnalyzer::matcher(const RuleSet &Rules) {
  std::vector<llvm::StringRef> Names;
  for (const Rule &R : Rules.rules())
    Names.push_back(R.Function);
  // Templates are analysed once, as written, not per instantiation.
  return callExpr(callee(functionDecl(hasAnyName(Names))),
                  unless(isInTemplateInstantiation()),
                  forCallable(decl().bind("function")))
      .bind("call");
}

SourceLocation CallAnalyzer::calleeLoc(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return Ref->getLocation();
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    return Member->getMemberLoc();
  return Call->getBeginLoc();
}

std::optional<CallFinding> CallAnalyzer::analyze(const CallExpr *Call,
                                                 const Decl *Function,
                                                 ASTContext &Ctx) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Function || !Function->getBody())
    return std::nullopt;
  // A call in an initializer list is visited in its syntactic and semantic
  // forms: one finding per call.
  if (!Analyzed.insert(Call).second)
    return std::nullopt;
  const Rule *R = Rules.find(Callee->getQualifiedNameAsString());
  if (!R || cannotFail(Call, *R))
    return std::nullopt;

  std::string Name = R->Function;
  std::string Failure = failureDescription(*R);
  QualType ResultType = Call->getCallReturnType(Ctx);
  ValueSet Errors = errorValues(*R, ResultType, Ctx).value_or(ValueSet());
  const FunctionFlow &Flow = Flows.get(Function, Ctx);

  auto Report = [&](CheckKind K, SourceLocation Loc, std::string Message,
                    std::vector<FixItHint> Fixes = {}) {
    return CallFinding{K, Loc, std::move(Message), std::move(Fixes), Call, R};
  };
  auto Judge = [&](const Verdict &V) -> std::optional<CallFinding> {
    if (V.Complete || V.MinusOnes.empty())
      return std::nullopt;
    const SourceManager &SM = Ctx.getSourceManager();
    const MinusOneComparison *First = &V.MinusOnes.front();
    std::vector<FixItHint> Fixes;
    llvm::SmallPtrSet<const BinaryOperator *, 4> Fixed;
    for (const MinusOneComparison &M : V.MinusOnes) {
      if (SM.isBeforeInTranslationUnit(M.Compare->getOperatorLoc(),
                                       First->Compare->getOperatorLoc()))
        First = &M;
      if (Fixed.insert(M.Compare).second)
        if (std::optional<FixItHint> Fix = minusOneFix(M, *R, Ctx))
          Fixes.push_back(std::move(*Fix));
    }
    return Report(CheckKind::MinusOneCheck, First->Compare->getOperatorLoc(),
                  "error check of '" + Name + "' only catches -1; it returns " +
                      Failure + " on failure",
                  std::move(Fixes));
  };

  auto ReportLoss = [&](const ResultUse &Use,
                        Loss Kind) -> std::optional<CallFinding> {
    std::string Dest = destinationName(Use, Ctx);
    std::string DestType = Use.Destination.getAsString(Ctx.getPrintingPolicy());
    if (Kind == Loss::Sign)
      return Report(CheckKind::LossyStore, Use.StoreLoc,
                    "result of '" + Name + "' is stored in '" + Dest +
                        "' of unsigned type '" + DestType +
                        "'; its negative error values can no longer be "
                        "tested");
    return Report(CheckKind::LossyStore, Use.StoreLoc,
                  "result of '" + Name + "' (type '" +
                      ResultType.getAsString(Ctx.getPrintingPolicy()) +
                      "') is narrowed into '" + Dest + "' of type '" +
                      DestType + "'; error values may be lost");
  };

  ResultUse Use = Flow.parent(Call)
                      ? classifyUse(Call, Flow, Errors, Ctx,
                                    [&](const Expr *E) { return E == Call; })
                      : classifyOutsideBody(Call, Ctx);
  switch (Use.K) {
  case ResultUse::Discarded:
  case ResultUse::DiscardedByVoid:
    if (Use.K == ResultUse::DiscardedByVoid && R->AllowVoidCast)
      return std::nullopt;
    return Report(CheckKind::IgnoredResult, calleeLoc(Call),
                  "result of '" + Name + "' is ignored; it returns " + Failure +
                      " on failure");
  case ResultUse::Test: {
    Verdict V;
    V.add(Use, Errors);
    return Judge(V);
  }
  case ResultUse::StoreLocal:
  case ResultUse::StoreOther:
    break;
  case ResultUse::Escape:
  case ResultUse::Other:
    return std::nullopt;
  }

  std::optional<Loss> Lost = lossReason(*R, ResultType, Use.Destination, Ctx);
  const Expr *Target = nullptr; // the lvalue an assignment stores into
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Use.StoreExpr))
    Target = BO->getLHS();
  if (Use.K != ResultUse::StoreLocal && !(Lost && Target))
    return Lost ? ReportLoss(Use, *Lost) : std::nullopt;

  // Gather every use the stored value reaches. The destination holds the
  // result converted to its own type, and so do the errors (read()'s -1
  // stored in a size_t is SIZE_MAX).
  if (std::optional<IntType> From = intTypeOf(ResultType, Ctx))
    if (std::optional<IntType> To = intTypeOf(Use.Destination, Ctx))
      Errors = Errors.convert(*From, *To);
  Verdict V = followStore(Call, Use, Target, Flow, Errors, Ctx);
  if (Lost) {
    // `*size = f(); if ((int)*size < 0)` converts back and tests the sign.
    if (V.CompleteInSignedType)
      return std::nullopt;
    return ReportLoss(Use, *Lost);
  }
  const VarDecl *Var = Use.Var;
  if (std::optional<CallFinding> F = Judge(V))
    return F;
  if (V.Tested || V.Escaped)
    return std::nullopt;
  return Report(
      CheckKind::UncheckedStore, Use.StoreLoc,
      "result of '" + Name + "' is stored in '" + Var->getNameAsString() +
          "' but never checked; it returns " + Failure + " on failure");
}

} // namespace retcheck
