//===- CallPlace.cpp - Where a call stands in its function ----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CallPlace.h"
#include "FunctionFacts.h"
#include "ResultUse.h"

#include "support/ErrorLabels.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace retcheck {

namespace {

constexpr std::size_t MaxBranches = 4;

/// What a zero value of \p E says, in the conventions C code uses: a null
/// pointer or a false bool is a failure; a nonzero signed int (`if (ret)`)
/// is one.
enum class ZeroMeans { Failure, Success, Unknown };
ZeroMeans zeroMeans(const Expr *E) {
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (T->isPointerType() || T->isBooleanType())
    return ZeroMeans::Failure;
  if (T->isSignedIntegerType())
    return ZeroMeans::Success;
  return ZeroMeans::Unknown;
}

/// Whether the branch \p Cond sends control to when it is \p Truth reads
/// as the failure branch of a test: `x < 0`, `x == -1`, `!p`, `p == NULL`,
/// `if (ret)`, and their negations on the other branch.
bool failureBranch(const Expr *Cond, bool Truth, ASTContext &Ctx) {
  Cond = withoutExpect(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot)
    return failureBranch(U->getSubExpr(), !Truth, Ctx);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    BinaryOperatorKind Op = BO->getOpcode();
    // `a || b` true, `a && b` false: either side's failure branch.
    if ((Op == BO_LOr && Truth) || (Op == BO_LAnd && !Truth))
      return failureBranch(BO->getLHS(), Truth, Ctx) ||
             failureBranch(BO->getRHS(), Truth, Ctx);
    if ((Op == BO_LAnd && Truth) || (Op == BO_LOr && !Truth))
      return failureBranch(BO->getLHS(), Truth, Ctx) ||
             failureBranch(BO->getRHS(), Truth, Ctx);
    if (!BO->isComparisonOp())
      return false;
    const Expr *Value = BO->getLHS();
    std::optional<int64_t> C = constantValue(BO->getRHS(), Ctx);
    if (!C) {
      Value = BO->getRHS();
      C = constantValue(BO->getLHS(), Ctx);
      Op = BinaryOperator::reverseComparisonOp(Op);
    }
    if (!C)
      return false;
    if (!Truth)
      Op = BinaryOperator::negateComparisonOp(Op);
    switch (Op) {
    case BO_LT:
      return *C <= 0; // x < 0, x < 1 (a size)
    case BO_LE:
      return *C <= 0;
    case BO_EQ:
      return *C == -1 || (*C == 0 && zeroMeans(Value) == ZeroMeans::Failure);
    case BO_NE:
      return *C == 0 && zeroMeans(Value) == ZeroMeans::Success;
    default:
      return false;
    }
  }
  // `if (ret)`, `if (p)`.
  ZeroMeans Zero = zeroMeans(Cond);
  return Truth ? Zero == ZeroMeans::Success : Zero == ZeroMeans::Failure;
}

/// The variables a condition reads: a branch that returns one of them
/// passes on what it tested.
void readVars(const Stmt *S, llvm::SmallPtrSetImpl<const ValueDecl *> &Vars) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Vars.insert(Ref->getDecl());
  for (const Stmt *Child : S->children())
    readVars(Child, Vars);
}

/// The statement \p S without a wrapping expression statement's casts.
const CallExpr *topLevelCall(const Stmt *S) {
  const auto *E = dyn_cast<Expr>(S);
  return E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
}

/// The text of the file \p Call is written in (where its macro is used),
/// and in \p At, if given, the call's offset there; empty where it cannot
/// be read.
llvm::StringRef textOfFile(const CallExpr *Call, ASTContext &Ctx,
                           std::size_t *At = nullptr) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(Call->getBeginLoc());
  bool Invalid = false;
  llvm::StringRef Text = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return {};
  if (At)
    *At = SM.getFileOffset(Loc);
  return Text;
}

/// Calls \p Each with every comment of \p Text, `//` to the line's end and
/// `/* */` (to the text's end where it is not closed).
void forEachComment(llvm::StringRef Text,
                    llvm::function_ref<void(llvm::StringRef)> Each) {
  for (std::size_t I = 0; I + 1 < Text.size(); ++I) {
    bool Line = Text.substr(I, 2) == "//";
    if (!Line && Text.substr(I, 2) != "/*")
      continue;
    std::size_t End = Line ? Text.find('\n', I) : Text.find("*/", I + 2);
    Each(Text.slice(I, End));
    if (End == llvm::StringRef::npos)
      return;
    I = Line ? End : End + 1;
  }
}

/// Whether the comments around the call say its result is not wanted:
/// the comment block just above its statement's first line, and comments
/// on the call's own line. Maintainers write why they ignore a result.
bool commentSaysIgnored(const CallExpr *Call, ASTContext &Ctx) {
  std::size_t At = 0;
  llvm::StringRef Text = textOfFile(Call, Ctx, &At);
  if (Text.empty())
    return false;
  std::size_t LineStart = Text.rfind('\n', At);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  std::size_t LineEnd = Text.find('\n', At);
  // Comments on the call's line: code may call a function named
  // ignore_...(), so only what `//` and `/* */` hold.
  std::string Comments;
  forEachComment(Text.slice(LineStart, LineEnd),
                 [&](llvm::StringRef C) { Comments += C.str() + " "; });
  // The lines just above, while they are comment lines.
  std::size_t Above = LineStart;
  for (unsigned Lines = 0; Above > 1 && Lines < 6; ++Lines) {
    std::size_t Prev = Text.rfind('\n', Above - 2);
    Prev = Prev == llvm::StringRef::npos ? 0 : Prev + 1;
    llvm::StringRef Up = Text.slice(Prev, Above - 1).trim();
    if (!(Up.starts_with("//") || Up.starts_with("/*") ||
          Up.starts_with("*")))
      break;
    Comments += Up.str() + " ";
    Above = Prev;
  }
  std::string Lower = llvm::StringRef(Comments).lower();
  for (const char *Words :
       {"ignor", "best effort", "best-effort", "don't care", "do not care",
        "not fatal", "non-fatal", "nonfatal", "can't fail", "cannot fail",
        "can not fail", "never fail", "won't fail", "will not fail",
        "no need to check", "not required to check", "need not check",
        "don't need to check", "do not need to check", "failure is ok",
        "failure is fine", "fail silently", "errors are ok"})
    if (Lower.find(Words) != std::string::npos)
      return true;
  return false;
}

/// Whether a comment in the first kilobyte of \p Call's file says a tool
/// wrote it: QEMU's "AUTOMATICALLY GENERATED by qapi-gen.py DO NOT MODIFY",
/// systemd's "GENERATED FILE", rpcgen's "Please do not edit this file. It
/// was generated using rpcgen." (after an `#include`). One comment must
/// say both that it was generated and how: "interrupts generated by the
/// device" says neither.
bool inGeneratedFile(const CallExpr *Call, ASTContext &Ctx) {
  bool Generated = false;
  forEachComment(textOfFile(Call, Ctx).take_front(1024), [&](llvm::StringRef
                                                                 Comment) {
    std::string Lower = Comment.lower();
    if (Lower.find("generated") == std::string::npos)
      return;
    for (const char *Words :
         {"do not edit", "do not modify", "don't edit", "don't modify",
          "automatically generated", "autogenerated", "auto-generated",
          "generated file", "@generated"})
      Generated |= Lower.find(Words) != std::string::npos;
  });
  return Generated;
}

bool leaves(const Stmt *S) {
  return isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt>(S);
}

/// `exit(1)`, `exit(EXIT_FAILURE)` somewhere in \p FD: it ends the program on
/// some failure, its way to report one.
bool exitsOnFailure(const FunctionDecl *FD, ASTContext &Ctx) {
  bool Exits = false;
  llvm::SmallVector<const Stmt *, 64> Work{FD->getBody()};
  while (!Work.empty() && !Exits) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getName() == "exit" && Call->getNumArgs() == 1) {
        Expr::EvalResult Status;
        Exits = !Call->getArg(0)->EvaluateAsInt(Status, Ctx) ||
                Status.Val.getInt() != 0;
      }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Exits;
}

} // namespace

CallPlaceFact describePlace(FactContext &FC) {
  CallPlaceFact Place;
  static const std::vector<IntType> Chain = {IntType{}};
  const Stmt *Child = FC.Call;
  bool ExitSeen = false; // a statement after the call that leaves its block
  for (const Stmt *P = FC.Flow.parent(Child); P;
       Child = P, P = FC.Flow.parent(P)) {
    if (const auto *Label = dyn_cast<LabelStmt>(P))
      Place.AfterErrorLabel |= isErrorLabel(Label->getName());
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      bool Then = Child == If->getThen();
      if ((!Then && Child != If->getElse()) || Place.Within.size() >= MaxBranches)
        continue;
      llvm::SmallPtrSet<const ValueDecl *, 4> Tested;
      readVars(If->getCond(), Tested);
      auto Tracked = [&](const Expr *E) -> const std::vector<IntType> * {
        const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
        return Ref && Tested.count(Ref->getDecl()) ? &Chain : nullptr;
      };
      EnclosingBranchFact B;
      B.Branch = branchFacts(Child, Tracked, FC);
      B.FailureTest = failureBranch(If->getCond(), Then, FC.Ctx);
      Place.Within.push_back(std::move(B));
      continue;
    }
    const auto *CS = dyn_cast<CompoundStmt>(P);
    if (!CS)
      continue;
    bool Before = true;
    for (const Stmt *Sibling : CS->body()) {
      if (Sibling == Child) {
        Before = false;
        continue;
      }
      if (Before) {
        if (const auto *Label = dyn_cast<LabelStmt>(Sibling))
          Place.AfterErrorLabel |= isErrorLabel(Label->getName());
        continue;
      }
      // After the call: does its block go on to exit() before it leaves?
      if (ExitSeen)
        break;
      const Stmt *St = Sibling;
      while (const auto *Label = dyn_cast<LabelStmt>(St))
        St = Label->getSubStmt();
      if (leaves(St)) {
        ExitSeen = true;
        break;
      }
      if (const CallExpr *Call = topLevelCall(St))
        if (const FunctionDecl *FD = Call->getDirectCallee();
            FD && FD->isNoReturn()) {
          Place.BeforeNoReturn = true;
          ExitSeen = true;
          break;
        }
    }
    // A loop's body runs again: what follows the loop is not "after" it.
    if (const Stmt *Up = FC.Flow.parent(P);
        Up && isa<WhileStmt, ForStmt, DoStmt>(Up))
      ExitSeen = true;
  }
  Place.CommentSaysIgnored = commentSaysIgnored(FC.Call, FC.Ctx);
  Place.InGeneratedFile = inGeneratedFile(FC.Call, FC.Ctx);
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(FC.Function)) {
    Place.CallerReturnsVoid = FD->getReturnType()->isVoidType();
    if (const ParmVarDecl *P = errorObjectParam(FD))
      Place.CallerErrorParam = P->getNameAsString();
    Place.CallerExits = Place.CallerReturnsVoid && exitsOnFailure(FD, FC.Ctx);
  }
  return Place;
}

} // namespace retcheck
