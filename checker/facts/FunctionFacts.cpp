//===- FunctionFacts.cpp - What a function returns, and on which paths ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionFacts.h"
#include "DocComments.h"
#include "OutputParams.h"
#include "ParamConditions.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

#include <functional>

using namespace clang;

namespace retcheck {

bool isErrnoObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Var = dyn_cast<DeclRefExpr>(E))
    return Var->getDecl()->getIdentifier() &&
           Var->getDecl()->getName() == "errno";
  // glibc's errno is `(*__errno_location())`, BSD's `(*__error())`.
  const auto *Deref = dyn_cast<UnaryOperator>(E);
  if (!Deref || Deref->getOpcode() != UO_Deref)
    return false;
  const auto *Location =
      dyn_cast<CallExpr>(Deref->getSubExpr()->IgnoreParenImpCasts());
  const FunctionDecl *FD = Location ? Location->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         llvm::is_contained({"__errno_location", "__error", "_errno"},
                            FD->getName());
}

namespace {

/// The value of a statement expression: its last statement's.
const Expr *valueOf(const StmtExpr *S) {
  const CompoundStmt *Body = S->getSubStmt();
  return Body->body_empty() ? nullptr : dyn_cast<Expr>(Body->body_back());
}

/// `errno = ERANGE;`: the reason for a failure, set for the caller.
bool assignsErrno(const Stmt *S) {
  const auto *Assign = dyn_cast<BinaryOperator>(S);
  return Assign && Assign->getOpcode() == BO_Assign &&
         isErrnoObject(Assign->getLHS());
}

bool isErrnoMacroName(llvm::StringRef Name) {
  if (Name.size() < 3 || Name[0] != 'E')
    return false;
  for (char C : Name.drop_front())
    if (!llvm::isUpper(C) && !llvm::isDigit(C))
      return false;
  return true;
}

/// `EINVAL`, `-EINVAL`, `-errno`: an errno code, spelled as one.
bool isErrnoCode(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Minus)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  SourceLocation Loc = E->getBeginLoc();
  // The macro is the whole expression: not `errno == ENOENT ? 0 : -errno`.
  if (Loc.isMacroID() &&
      SM.getExpansionLoc(Loc) == SM.getExpansionLoc(E->getEndLoc())) {
    llvm::StringRef Name =
        Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
    if (isErrnoMacroName(Name) || Name == "errno")
      return true;
  }
  // glibc's errno: (*__errno_location ())
  return isa<UnaryOperator>(E) && isErrnoObject(E);
}

/// A variable, through parentheses and casts.
const VarDecl *variableOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

std::string spelling(const Expr *E, const ASTContext &Ctx) {
  std::string Text = sourceText(E->getSourceRange(), Ctx);
  // `return (r);` in a macro's body, r an argument: the argument's text.
  if (Text.empty())
    Text = sourceText(E->IgnoreParens()->getSourceRange(), Ctx);
  if (Text.size() > 40)
    Text = Text.substr(0, 37) + "...";
  return Text;
}

class ReturnCollector {
public:
  ReturnCollector(const FunctionDecl *FD, ASTContext &Ctx,
                  const FunctionFlow &Flow, FileTable &Files,
                  const llvm::DenseMap<const CallExpr *, int32_t> &Calls,
                  const TestIndex &Tests, FunctionFact &Fact)
      : FD(FD), Ctx(Ctx), Flow(Flow), Files(Files), Calls(Calls), Tests(Tests),
        Fact(Fact), Params(FD, Flow, Ctx) {}

  void collect(const Stmt *S) {
    if (!S)
      return;
    // Returns of nested lambdas and blocks are theirs, not ours.
    if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      return;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      onReturn(R);
      return;
    }
    for (const Stmt *Child : S->children())
      collect(Child);
  }

private:
  const FunctionDecl *FD;
  ASTContext &Ctx;
  const FunctionFlow &Flow;
  FileTable &Files;
  const llvm::DenseMap<const CallExpr *, int32_t> &Calls;
  const TestIndex &Tests;
  FunctionFact &Fact;
  ParamConditions Params;
  llvm::DenseMap<const Stmt *, bool> Searching;

  /// A loop that can stop early, at what it looks for: `return x;` or a
  /// `break;` of its own in its body.
  bool searches(const Stmt *S) {
    while (const auto *Label = dyn_cast<LabelStmt>(S))
      S = Label->getSubStmt();
    const Stmt *Body = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(S))
      Body = For->getBody();
    else if (const auto *While = dyn_cast<WhileStmt>(S))
      Body = While->getBody();
    else if (const auto *Do = dyn_cast<DoStmt>(S)) {
      // `do { if (bad) return NULL; } while (0)` wraps a macro's
      // statements (QEMU's CHECK_OPCODE): no loop, though a search may
      // stand inside it.
      if (!runsOnce(Do))
        Body = Do->getBody();
      else if (const auto *Block = dyn_cast<CompoundStmt>(Do->getBody()))
        return llvm::any_of(Block->body(),
                            [&](const Stmt *Inner) { return searches(Inner); });
    }
    if (!Body)
      return false;
    auto [It, Inserted] = Searching.try_emplace(S, false);
    if (Inserted)
      It->second = exitsEarly(Body, /*Nested=*/false);
    return It->second;
  }

  /// A `do` whose condition is a constant false (`while (0)`, `while
  /// (false)`): its body runs once.
  bool runsOnce(const DoStmt *Do) const {
    return constantValue(Do->getCond(), Ctx) == std::optional<int64_t>(0);
  }

  static bool exitsEarly(const Stmt *S, bool Nested) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return false;
    if (const auto *R = dyn_cast<ReturnStmt>(S))
      return R->getRetValue() != nullptr;
    if (isa<BreakStmt>(S))
      return !Nested;
    bool Inner = Nested || isa<ForStmt, WhileStmt, DoStmt, SwitchStmt>(S);
    for (const Stmt *Child : S->children())
      if (exitsEarly(Child, Inner))
        return true;
    return false;
  }

  /// `a == b`, `!p`, `x && y`: an answer, 0 or 1, in C's int.
  static bool isTruthValue(const Expr *E) {
    if (const auto *B = dyn_cast<BinaryOperator>(E))
      return B->isComparisonOp() || B->isLogicalOp();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      return U->getOpcode() == UO_LNot;
    return false;
  }

  /// Fills the value part of \p R from expression \p E.
  void classify(const Expr *E, ReturnFact &R) {
    R.Spelling = spelling(E, Ctx);
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CallExpr>(E)) {
      auto It = Calls.find(C);
      if (It != Calls.end()) {
        R.K = ReturnFact::CallResult;
        R.Call = It->second;
      }
      return;
    }
    std::optional<int64_t> V = constantValue(E, Ctx);
    if (!V && isTruthValue(E)) {
      R.K = ReturnFact::Truth;
      return;
    }
    if (isErrnoCode(E, Ctx)) {
      R.K = ReturnFact::ErrnoCode;
      R.HasValue = V.has_value();
      R.Value = V.value_or(0);
      if (!R.HasValue)
        R.Origin = codeOrigin(E); // `-errno`
      return;
    }
    if (alwaysNegativeErrno(E, Ctx) || negativeErrnoChoice(E, Ctx)) {
      R.K = ReturnFact::ErrnoCode;
      R.Value = -1; // no value; its sign
      R.Origin = mayBeZero(E) ? ReturnFact::CodeOrZero : codeOrigin(E);
      return;
    }
    if (FD->getReturnType()->isPointerType() &&
        E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      R.K = ReturnFact::Null;
      R.HasValue = true;
      return;
    }
    if (V) {
      R.K = ReturnFact::Constant;
      R.HasValue = true;
      R.Value = *V;
    }
  }

  /// A choice with an arm that is 0, or a choice that may be.
  bool mayBeZero(const Expr *E) const {
    const auto *Choice =
        dyn_cast<ConditionalOperator>(E->IgnoreParenImpCasts());
    if (!Choice)
      return false;
    auto ZeroArm = [&](const Expr *Arm) {
      return constantValue(Arm, Ctx) == std::optional<int64_t>(0) ||
             mayBeZero(Arm);
    };
    return ZeroArm(Choice->getTrueExpr()) || ZeroArm(Choice->getFalseExpr());
  }

  /// Where the code \p Code returns comes from: an integer parameter,
  /// else errno, through the locals of the statement expressions it is
  /// made of (`int _e = (error); ... _e = log_internal(_level, _e, ...);`),
  /// the arms of a choice, and the arguments of a call, a printf-like
  /// one's before its format only (not `"... fd %i", fd`).
  ReturnFact::CodeOrigin codeOrigin(const Expr *Code) const {
    bool FromErrno = false;
    llvm::SmallPtrSet<const VarDecl *, 8> Seen, Locals;
    std::function<void(const Stmt *)> FindLocals = [&](const Stmt *Node) {
      if (!Node)
        return;
      if (const auto *DS = dyn_cast<DeclStmt>(Node))
        for (const Decl *D : DS->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D))
            Locals.insert(Var);
      for (const Stmt *Child : Node->children())
        FindLocals(Child);
    };
    FindLocals(Code);
    std::function<bool(const Stmt *)> Reaches = [&](const Stmt *S) {
      if (!S)
        return false;
      if (const auto *E = dyn_cast<Expr>(S)) {
        if (isErrnoObject(E)) {
          FromErrno = true;
          return false;
        }
        S = E->IgnoreParenImpCasts();
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        if (!Var || !Seen.insert(Var).second)
          return false;
        if (const auto *Param = dyn_cast<ParmVarDecl>(Var))
          return Param->getDeclContext() == FD &&
                 Param->getType()->isIntegerType();
        // A macro's own local: its initializer, and what is assigned to it
        // within the expression. Not the function's locals (`r` holds a
        // call's result, not a code handed in).
        if (!Locals.count(Var))
          return false;
        if (Reaches(Var->getInit()))
          return true;
        bool Assigned = false;
        std::function<void(const Stmt *)> FindAssignments =
            [&](const Stmt *Node) {
              if (!Node || Assigned)
                return;
              if (const auto *BO = dyn_cast<BinaryOperator>(Node);
                  BO && BO->getOpcode() == BO_Assign) {
                const auto *Target =
                    dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
                if (Target && Target->getDecl() == Var && Reaches(BO->getRHS()))
                  Assigned = true;
              }
              for (const Stmt *Child : Node->children())
                FindAssignments(Child);
            };
        FindAssignments(Code);
        return Assigned;
      }
      if (const auto *Choice = dyn_cast<ConditionalOperator>(S))
        return Reaches(Choice->getTrueExpr()) ||
               Reaches(Choice->getFalseExpr());
      if (const auto *Value = dyn_cast<StmtExpr>(S))
        return Reaches(valueOf(Value));
      if (const auto *Call = dyn_cast<CallExpr>(S)) {
        unsigned Before = Call->getNumArgs();
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          for (const FormatAttr *Format : Callee->specific_attrs<FormatAttr>())
            Before = std::min<unsigned>(Before, Format->getFormatIdx() - 1);
        for (unsigned I = 0; I < Before; ++I)
          if (Reaches(Call->getArg(I)))
            return true;
        return false;
      }
      for (const Stmt *Child : S->children())
        if (Reaches(Child))
          return true;
      return false;
    };
    if (Reaches(Code))
      return ReturnFact::CodeHandedIn;
    return FromErrno ? ReturnFact::CodeFromErrno : ReturnFact::CodeNamed;
  }

  /// The definitions of local \p Var that reach \p From.
  std::vector<const Expr *>
  reachingDefinitions(const Stmt *From, const VarDecl *Var, bool &Unknown) {
    std::vector<const Expr *> Defs;
    auto RefersTo = [&](const Expr *E) {
      const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
      return Ref && Ref->getDecl() == Var;
    };
    bool InCfg = Flow.forEachReaching(From, [&](const Stmt *S) {
      if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->getOpcode() == BO_Assign && RefersTo(BO->getLHS())) {
          Defs.push_back(BO->getRHS());
          return FunctionFlow::Visit::StopPath;
        }
        if (BO->isCompoundAssignmentOp() && RefersTo(BO->getLHS())) {
          Unknown = true;
          return FunctionFlow::Visit::StopPath;
        }
      }
      if (const auto *U = dyn_cast<UnaryOperator>(S);
          U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
          RefersTo(U->getSubExpr())) {
        Unknown = true;
        return FunctionFlow::Visit::StopPath;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (D == Var) {
            if (const Expr *Init = Var->getInit())
              Defs.push_back(Init);
            else
              Unknown = true;
            return FunctionFlow::Visit::StopPath;
          }
      return FunctionFlow::Visit::Continue;
    });
    if (!InCfg)
      Unknown = true;
    if (Defs.size() > MaxDefinitions)
      Defs.resize(MaxDefinitions);
    return Defs;
  }

  /// The test of a call's result that \p S is a branch of, innermost first,
  /// and the functions called before \p S in its enclosing blocks.
  /// Sets \p Dead when a call that does not return comes first.
  void describePath(const Stmt *S, ReturnFact &R, bool &Dead) {
    // A label after the call, or around the return, is reached by a goto
    // (or a case) all the same.
    auto Labelled = [](const Stmt *St) {
      return isa<LabelStmt, clang::SwitchCase>(St);
    };
    bool LabelOnPath = Labelled(S);
    auto NoteLabel = [&](const Stmt *St) {
      if (const auto *L = dyn_cast<LabelStmt>(St); L && R.Labels.size() < 8)
        R.Labels.push_back(L->getName());
    };
    const Stmt *Child = S;
    for (const Stmt *P = Flow.parent(S); P; Child = P, P = Flow.parent(P)) {
      LabelOnPath |= Labelled(Child);
      NoteLabel(Child);
      if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
        bool AfterNoReturn = false;
        for (const Stmt *Sibling : CS->body()) {
          if (Sibling == Child)
            break;
          if (Labelled(Sibling))
            AfterNoReturn = false;
          NoteLabel(Sibling);
          const Stmt *E = Sibling;
          if (const auto *X = dyn_cast<Expr>(E))
            E = X->IgnoreParenImpCasts();
          if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
            E = EWC->getSubExpr()->IgnoreParenImpCasts();
          const auto *Call = dyn_cast<CallExpr>(E);
          // `exit(1); return 0;`: the return is never reached.
          if (const FunctionDecl *Callee =
                  Call ? Call->getDirectCallee() : nullptr;
              Callee && Callee->isNoReturn())
            AfterNoReturn = true;
          R.AfterSearchLoop |= searches(Sibling);
          std::string Name = Call              ? evidenceName(Call)
                             : assignsErrno(E) ? "errno"
                                               : "";
          if (!Name.empty() && R.CallsBefore.size() < 8)
            R.CallsBefore.push_back(std::move(Name));
        }
        Dead |= AfterNoReturn && !LabelOnPath;
        continue;
      }
      if (R.GuardCall >= 0)
        continue;
      const Expr *Cond = nullptr;
      int Branch = -1;
      if (const auto *If = dyn_cast<IfStmt>(P)) {
        Cond = If->getCond();
        Branch = Child == If->getThen() ? 1 : Child == If->getElse() ? 0 : -1;
      } else if (const auto *Case = dyn_cast<clang::SwitchCase>(P)) {
        // The case's index among its switch's cases, as TestFact lists them.
        const Stmt *Up = P;
        while (Up && !isa<SwitchStmt>(Up))
          Up = Flow.parent(Up);
        if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Up)) {
          Cond = Switch->getCond();
          std::vector<const clang::SwitchCase *> Cases;
          for (const clang::SwitchCase *SC = Switch->getSwitchCaseList(); SC;
               SC = SC->getNextSwitchCase())
            if (!isa<DefaultStmt>(SC))
              Cases.push_back(SC);
          std::reverse(Cases.begin(), Cases.end());
          Branch = isa<DefaultStmt>(Case) ? int(Cases.size()) : -1;
          for (std::size_t I = 0; I < Cases.size(); ++I)
            if (Cases[I] == Case)
              Branch = I;
        }
      }
      if (!Cond || Branch < 0)
        continue;
      FactPos At = Files.pos(Cond->getBeginLoc());
      auto It = Tests.find({At.File, At.Offset});
      if (It == Tests.end())
        continue;
      R.GuardCall = It->second.first;
      R.GuardTest = It->second.second;
      R.GuardBranch = Branch;
    }
  }

  /// The case of the parameters that chooses \p S, if any.
  void noteChoice(const Stmt *S, ReturnFact &R) const {
    std::optional<ParamConditions::Choice> C = Params.choosing(S);
    R.ChosenBy = C ? C->By : "";
    R.ByDefault = C && C->Default;
  }

  void onReturn(const ReturnStmt *Ret) {
    const Expr *V = Ret->getRetValue();
    if (!V)
      return;
    ReturnFact R;
    R.Where = Files.pos(Ret->getReturnLoc());
    R.Requires = Params.on(Ret);
    noteChoice(Ret, R);
    bool Dead = false;
    describePath(Ret, R, Dead);
    if (Dead)
      return;
    const Expr *Bare = V->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(Bare);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var)) {
      classify(V, R);
      Fact.Returns.push_back(std::move(R));
      return;
    }
    // `return ret;`: what ret holds there, one fact per definition.
    bool Unknown = false;
    std::vector<const Expr *> Defs = reachingDefinitions(Ret, Var, Unknown);
    if (Unknown || Defs.empty()) {
      R.Spelling = spelling(V, Ctx);
      Fact.Returns.push_back(R);
    }
    for (const Expr *Def : Defs) {
      ReturnFact D = R;
      D.Requires = bothOf(R.Requires, Params.on(Def));
      noteChoice(Def, D);
      // What comes before the definition counts as well: `error_setg(errp,
      // ...); retval = -1;` above a shared `return retval;` (QEMU's
      // object_property_get_int).
      ReturnFact AtDef;
      bool DefDead = false;
      describePath(Def, AtDef, DefDead);
      for (std::string &Call : AtDef.CallsBefore)
        if (D.CallsBefore.size() < 8 &&
            std::find(D.CallsBefore.begin(), D.CallsBefore.end(), Call) ==
                D.CallsBefore.end())
          D.CallsBefore.push_back(std::move(Call));
      classify(Def, D);
      Fact.Returns.push_back(std::move(D));
    }
  }
};

} // namespace

bool hasPrintfFormat(const FunctionDecl *FD) {
  return FD && llvm::any_of(FD->specific_attrs<FormatAttr>(),
                            [](const FormatAttr *A) {
                              StringRef Kind = A->getType()->getName();
                              return Kind == "printf" || Kind == "gnu_printf" ||
                                     Kind == "__printf__";
                            });
}

namespace {

/// systemd's `-ERRNO_VALUE(error)`, `-(abs(error) & ~(1 << 30))`, and
/// `-abs(fallback)` of a parameter: a magnitude negated, a negative code
/// (or 0 for a 0 handed in: systemd's log_struct() passes one, and its
/// value is then no failure; not told apart).
bool negatedMagnitude(const Expr *E) {
  const auto *Minus = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!Minus || Minus->getOpcode() != UO_Minus)
    return false;
  const Expr *Magnitude = Minus->getSubExpr()->IgnoreParenImpCasts();
  const auto *Mask = dyn_cast<BinaryOperator>(Magnitude);
  if (Mask && Mask->getOpcode() == BO_And)
    Magnitude = Mask->getLHS()->IgnoreParenImpCasts();
  else
    Mask = nullptr;
  const auto *Call = dyn_cast<CallExpr>(Magnitude);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() != 1 ||
      !llvm::is_contained({Builtin::BIabs, Builtin::BIlabs, Builtin::BIllabs},
                          Callee->getBuiltinID()))
    return false;
  // Unmasked, only a parameter's: `-abs(delta)` may be arithmetic.
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  return Mask || (Ref && isa<ParmVarDecl>(Ref->getDecl()));
}

/// The tail of a reporting macro: a printf-like function's int value
/// (`log_object_internal(level, _e, ..., fmt, ...)`), through nested
/// statement expressions and choices between such calls and a negated code
/// (`... ? -ERRNO_VALUE(error) : log_object_internal(...)`).
bool reporterValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *S = dyn_cast<StmtExpr>(E)) {
    const Expr *Last = valueOf(S);
    return Last && reporterValue(Last);
  }
  if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
    return reporterValue(Choice->getTrueExpr()) &&
           reporterValue(Choice->getFalseExpr());
  if (negatedMagnitude(E))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getReturnType()->isSignedIntegerType() &&
         hasPrintfFormat(Callee);
}

} // namespace

std::string macroAsWritten(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Macro;
  for (; Loc.isMacroID(); Loc = SM.getImmediateMacroCallerLoc(Loc))
    Macro = Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()).str();
  return Macro;
}

bool alwaysNegativeErrno(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (const auto *S = dyn_cast<StmtExpr>(E)) {
    // systemd's reporters return -|error|: log_device_debug_errno(dev, r,
    // ...) ends in log_object_internal()'s value, not in a test of it.
    if (llvm::StringRef(macroAsWritten(S->getBeginLoc(), Ctx))
            .ends_with("_errno") &&
        reporterValue(S))
      return true;
    const Expr *Last = valueOf(S);
    return Last && alwaysNegativeErrno(Last, Ctx);
  }
  if (negatedMagnitude(E))
    return true;
  const auto *Choice = dyn_cast<ConditionalOperator>(E);
  const auto *Test =
      Choice
          ? dyn_cast<BinaryOperator>(Choice->getCond()->IgnoreParenImpCasts())
          : nullptr;
  if (!Test || (Test->getOpcode() != BO_LT && Test->getOpcode() != BO_GE) ||
      constantValue(Test->getRHS(), Ctx) != std::optional<int64_t>(0))
    return false;
  const VarDecl *Value = variableOf(Test->getLHS());
  bool Negative = Test->getOpcode() == BO_LT;
  const Expr *Kept = Negative ? Choice->getTrueExpr() : Choice->getFalseExpr();
  const Expr *Code = Negative ? Choice->getFalseExpr() : Choice->getTrueExpr();
  const auto *Minus = dyn_cast<UnaryOperator>(Code->IgnoreParenImpCasts());
  return Value && variableOf(Kept) == Value && Minus &&
         Minus->getOpcode() == UO_Minus && isErrnoCode(Code, Ctx);
}

bool negativeErrnoChoice(const Expr *E, const ASTContext &Ctx) {
  const auto *Choice = dyn_cast<ConditionalOperator>(E->IgnoreParenImpCasts());
  if (!Choice)
    return false;
  auto NegativeCode = [&](const Expr *Arm) {
    const auto *Minus = dyn_cast<UnaryOperator>(Arm->IgnoreParenImpCasts());
    return (Minus && Minus->getOpcode() == UO_Minus && isErrnoCode(Arm, Ctx)) ||
           alwaysNegativeErrno(Arm, Ctx) || negativeErrnoChoice(Arm, Ctx);
  };
  auto CodeOrZero = [&](const Expr *Arm) {
    return NegativeCode(Arm) ||
           constantValue(Arm, Ctx) == std::optional<int64_t>(0);
  };
  const Expr *Yes = Choice->getTrueExpr(), *No = Choice->getFalseExpr();
  return (NegativeCode(Yes) && CodeOrZero(No)) ||
         (NegativeCode(No) && CodeOrZero(Yes));
}

std::optional<FunctionFact>
extractFunctionFact(const FunctionDecl *FD, ASTContext &Ctx,
                    FunctionFlowCache &Flows, FileTable &Files,
                    const llvm::DenseMap<const CallExpr *, int32_t> &Calls,
                    const TestIndex &Tests) {
  if (!FD->hasBody() || FD->isDependentContext() ||
      FD->isTemplateInstantiation())
    return std::nullopt;
  FunctionFact Fact;
  Fact.Result = valueKindOf(FD->getReturnType(), Ctx);
  if (Fact.Result.K == ValueKind::Other)
    return std::nullopt;
  Fact.Id = functionIdOf(FD, Files);
  Fact.Where = Files.pos(FD->getLocation());
  Fact.ResultType = FD->getReturnType().getAsString(Ctx.getPrintingPolicy());
  if (const ParmVarDecl *P = errorObjectParam(FD)) {
    Fact.ErrorParam = P->getFunctionScopeIndex();
    Fact.ErrorParamName = P->getNameAsString();
  }
  DocFailure Doc = docFailureOf(FD, Ctx.getSourceManager(), Fact.Result);
  Fact.DocFailure = std::move(Doc.Phrase);
  Fact.DocErrors = std::move(Doc.Errors);
  const FunctionFlow &Flow = Flows.get(FD, Ctx);
  Fact.OutputsSetFirst = outputsSetFirst(FD, Flow);
  ReturnCollector(FD, Ctx, Flow, Files, Calls, Tests, Fact)
      .collect(FD->getBody());
  return Fact;
}

namespace {

bool isErrorObjectParam(const ParmVarDecl *P) {
  // QEMU's `Error **errp`.
  QualType T = P->getType();
  if (!T->isPointerType())
    return false;
  QualType Inner = T->getPointeeType();
  if (!Inner->isPointerType())
    return false;
  const auto *Record = Inner->getPointeeType()->getAsRecordDecl();
  return Record && Record->getName() == "Error";
}

} // namespace

const ParmVarDecl *errorObjectParam(const FunctionDecl *FD) {
  // QEMU's errp comes last; an `Error **` before it is an input
  // (migrate_add_blocker(Error **reasonp, Error **errp)).
  const ParmVarDecl *Last = nullptr;
  for (const ParmVarDecl *P : FD->parameters())
    if (isErrorObjectParam(P)) {
      if (P->getName() == "errp")
        return P;
      Last = P;
    }
  return Last;
}

} // namespace retcheck
