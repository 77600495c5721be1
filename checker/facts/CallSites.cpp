//===- CallSites.cpp - The calls and definitions a TU's facts are about ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CallSites.h"
#include "FunctionPointers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclObjC.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchersInternal.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <optional>

using namespace clang;

namespace retcheck {
namespace {

class CallSiteWalker : public RecursiveASTVisitor<CallSiteWalker> {
  using Base = RecursiveASTVisitor<CallSiteWalker>;

public:
  CallSiteWalker(const ASTContext &Ctx,
                 const std::vector<std::string> &Functions, bool AllCalls,
                 const CallSiteVisitors &Visit)
      : Ctx(Ctx), SM(Ctx.getSourceManager()),
        PlainC(!Ctx.getLangOpts().CPlusPlus && !Ctx.getLangOpts().ObjC),
        Visit(Visit) {
    if (!AllCalls) {
      Names.emplace(Functions);
      for (const std::string &F : Functions)
        ExactNames.insert(F);
    }
  }

  // As MatchFinder walks: instantiations and implicit code are code too.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && inSystemHeader(D->getLocation()))
      return true;
    if (!isa<TranslationUnitDecl>(D) && PlainC && holdsNoCallable(D)) {
      // An ops table: its initializer binds functions to pointers.
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Visit.Initializer)
        Visit.Initializer(Var);
      return true;
    }
    if (!isa<FunctionDecl, BlockDecl, ObjCMethodDecl>(D))
      return Base::TraverseDecl(D);
    Callables.push_back(D);
    bool Continue = Base::TraverseDecl(D);
    Callables.pop_back();
    return Continue;
  }

  // A lambda's captures and body belong to its call operator, as
  // forCallable() says.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    Callables.push_back(L->getCallOperator());
    bool Continue = Base::TraverseLambdaExpr(L);
    Callables.pop_back();
    return Continue;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (Visit.Definition && FD->isThisDeclarationADefinition())
      Visit.Definition(FD);
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Visit.Initializer)
      Visit.Initializer(Var);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (Visit.Assignment && BO->getOpcode() == BO_Assign &&
        BO->getType()->isFunctionPointerType())
      Visit.Assignment(BO);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Callables.empty())
      return true;
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (Callee ? !named(*Callee) : !namedPointer(Call))
      return true;
    if (inSystemHeader(Call->getBeginLoc()))
      return true;
    Visit.Call(Call, Callables.back());
    return true;
  }

private:
  const ASTContext &Ctx;
  const SourceManager &SM;
  bool PlainC;
  const CallSiteVisitors &Visit;
  std::optional<ast_matchers::internal::HasNameMatcher> Names;
  llvm::StringSet<> ExactNames;
  llvm::DenseMap<const FunctionDecl *, bool> NamedCache;
  std::vector<const Decl *> Callables;

  /// In C, what a header declares most: prototypes, and at file scope
  /// types and variables, whose initializers are in no callable. Walking
  /// them (and their type locations) is most of the walk.
  static bool holdsNoCallable(const Decl *D) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return !FD->doesThisDeclarationHaveABody();
    return D->getDeclContext()->isFileContext() && isa<VarDecl, TypeDecl>(D);
  }

  bool inSystemHeader(SourceLocation Loc) const {
    return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  bool named(const FunctionDecl &Callee) {
    if (!Names)
      return true;
    auto [It, Inserted] = NamedCache.try_emplace(&Callee, false);
    if (Inserted)
      It->second = Names->matchesNode(Callee);
    return It->second;
  }

  /// A call through a function pointer with a name (FunctionPointers.h)
  /// that is wanted.
  bool namedPointer(const CallExpr *Call) const {
    if (Call->getCalleeDecl() && isa<FunctionDecl>(Call->getCalleeDecl()))
      return false;
    if (!Names)
      return true; // every call; those with no name are dropped later
    std::optional<FunctionId> Id = pointerIdOf(Call->getCallee(), Ctx, nullptr);
    return Id && ExactNames.contains(Id->Name);
  }
};

} // namespace

void forEachCallSite(ASTContext &Ctx, const std::vector<std::string> &Functions,
                     bool AllCalls, const CallSiteVisitors &Visit) {
  CallSiteWalker(Ctx, Functions, AllCalls, Visit).TraverseAST(Ctx);
}

} // namespace retcheck
