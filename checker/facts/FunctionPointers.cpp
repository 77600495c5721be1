//===- FunctionPointers.cpp - Calls through function pointers, bindings ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionPointers.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace retcheck {

namespace {

/// The function type that values of \p T (or its elements, for an array)
/// point to; null when they are not function pointers.
const FunctionType *pointedFunction(QualType T) {
  while (const ArrayType *A = T->getAsArrayTypeUnsafe())
    T = A->getElementType();
  const auto *P = T->getAs<PointerType>();
  return P ? P->getPointeeType()->getAs<FunctionType>() : nullptr;
}

/// What \p E reads a function pointer from, when it has a name: a field, or
/// a variable with static storage outside functions (through `*` and `[]`).
const ValueDecl *pointerDecl(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
      continue;
    }
    break;
  }
  const ValueDecl *D = nullptr;
  if (const auto *M = dyn_cast<MemberExpr>(E))
    D = dyn_cast<FieldDecl>(M->getMemberDecl());
  else if (const auto *R = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(R->getDecl());
        V && V->hasGlobalStorage() && !V->isStaticLocal())
      D = V;
  return D && pointedFunction(D->getType()) ? D : nullptr;
}

/// `QIOChannelClass`: a struct's own name, its typedef's when it has none,
/// the enclosing struct's for an anonymous member struct or union.
std::optional<std::string> recordName(const RecordDecl *RD) {
  while (RD && RD->isAnonymousStructOrUnion())
    RD = dyn_cast<RecordDecl>(RD->getParent());
  if (!RD)
    return std::nullopt;
  if (RD->getIdentifier())
    return RD->getQualifiedNameAsString();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getQualifiedNameAsString();
  return std::nullopt;
}

/// The typedef that names the function pointer type \p T, as written:
/// `op_handler_t` (`typedef uint16_t (*op_handler_t)(...)`), or `Fn` of
/// `Fn *` (`typedef int Fn(...)`); not one of a system header's (GLib's
/// GSourceFunc is bound by every g_idle_add, called only inside GLib).
const TypedefNameDecl *hookTypedef(QualType T, const SourceManager &SM) {
  const TypedefNameDecl *TD = nullptr;
  if (const auto *Named = T->getAs<TypedefType>(); Named && pointedFunction(T))
    TD = Named->getDecl();
  else if (const auto *P = T->getAs<PointerType>())
    if (const auto *Fn = P->getPointeeType()->getAs<TypedefType>();
        Fn && Fn->isFunctionType())
      TD = Fn->getDecl();
  if (!TD || SM.isInSystemHeader(SM.getExpansionLoc(TD->getLocation())))
    return nullptr;
  return TD;
}

/// A parameter or local of a typedef'd function pointer type has no name
/// of its own (FunctionPointers.h): it is named by its type, whose
/// contract is the join of every function handed to a pointer of it.
std::optional<FunctionId> hookIdOf(const ValueDecl *D, const ASTContext &Ctx,
                                   FileTable *Files) {
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V || (!isa<ParmVarDecl>(V) && !V->hasLocalStorage()))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const TypedefNameDecl *TD = hookTypedef(V->getType(), SM);
  if (!TD)
    return std::nullopt;
  FunctionId Id;
  Id.Name = TD->getQualifiedNameAsString();
  // A source file's typedef is its own, as a struct of it is.
  SourceLocation At = SM.getExpansionLoc(TD->getLocation());
  if (Files && SM.isInMainFile(At))
    Id.File = Files->pathOf(At);
  return Id;
}

/// What a callee or an assignment's left side \p E reads, when it is a
/// parameter or a local (through `*`): the hook its type names.
std::optional<FunctionId> localHookOf(const Expr *E, const ASTContext &Ctx,
                                      FileTable *Files) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Deref)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? hookIdOf(Ref->getDecl(), Ctx, Files) : std::nullopt;
}

std::optional<FunctionId> idOf(const ValueDecl *D, const ASTContext &Ctx,
                               FileTable *Files) {
  FunctionId Id;
  if (const auto *F = dyn_cast<FieldDecl>(D)) {
    std::optional<std::string> Record = recordName(F->getParent());
    if (!Record)
      return std::nullopt;
    Id.Name = *Record + "::" + F->getNameAsString();
    // A struct of a source file is that file's own: another file may
    // declare a struct of the same name.
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation At = SM.getExpansionLoc(F->getParent()->getLocation());
    if (Files && SM.isInMainFile(At))
      Id.File = Files->pathOf(At);
    return Id;
  }
  const auto *V = cast<VarDecl>(D);
  Id.Name = V->getQualifiedNameAsString();
  if (Files && !V->isExternallyVisible())
    Id.File = Files->pathOf(V->getFirstDecl()->getLocation());
  return Id;
}

} // namespace

std::optional<FunctionId> pointerIdOf(const Expr *Callee, const ASTContext &Ctx,
                                      FileTable *Files) {
  if (const ValueDecl *D = pointerDecl(Callee))
    return idOf(D, Ctx, Files);
  return localHookOf(Callee, Ctx, Files);
}

void BindingCollector::initializer(const VarDecl *Var) {
  const Expr *Init = Var->getInit();
  if (!Init)
    return;
  QualType T = Var->getType();
  while (const ArrayType *A = T->getAsArrayTypeUnsafe())
    T = A->getElementType();
  if (T->isRecordType())
    walk(Init, nullptr);
  else if (pointedFunction(Var->getType()) && Var->hasGlobalStorage() &&
           !Var->isStaticLocal())
    walk(Init, Var);
  else if (std::optional<FunctionId> Hook = hookIdOf(Var, Ctx, &Files))
    bind(*Hook, Var->getType(), Init);
}

void BindingCollector::assignment(const BinaryOperator *Assign) {
  if (const ValueDecl *Dest = pointerDecl(Assign->getLHS()))
    bind(Dest, Assign->getRHS());
  else if (std::optional<FunctionId> Hook =
               localHookOf(Assign->getLHS(), Ctx, &Files))
    bind(*Hook, Assign->getLHS()->getType(), Assign->getRHS());
}

void BindingCollector::arguments(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  unsigned Count = std::min(Call->getNumArgs(), Callee->getNumParams());
  for (unsigned I = 0; I < Count; ++I)
    if (std::optional<FunctionId> Hook =
            hookIdOf(Callee->getParamDecl(I), Ctx, &Files))
      bind(*Hook, Callee->getParamDecl(I)->getType(), Call->getArg(I));
}

void BindingCollector::walk(const Expr *Init, const ValueDecl *Dest) {
  const auto *List = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts());
  if (!List) {
    if (Dest)
      bind(Dest, Init);
    return;
  }
  if (!List->isSemanticForm())
    List = List->getSemanticForm();
  if (!List)
    return;
  QualType T = List->getType();
  if (const RecordDecl *RD = T->getAsRecordDecl()) {
    // As clang's constant emitter pairs inits with fields: one init per
    // named field (of a union, the one initialized), bases first.
    unsigned I = 0;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
        CXX && CXX->hasDefinition())
      I = CXX->getNumBases();
    for (const FieldDecl *F : RD->fields()) {
      if (RD->isUnion() &&
          !declaresSameEntity(List->getInitializedFieldInUnion(), F))
        continue;
      if (F->isUnnamedBitField())
        continue;
      if (I >= List->getNumInits())
        break;
      walk(List->getInit(I++), F);
    }
    return;
  }
  if (T->isArrayType())
    for (const Expr *E : List->inits())
      walk(E, Dest);
}

void BindingCollector::bind(const ValueDecl *Dest, const Expr *Value) {
  if (std::optional<FunctionId> Pointer = idOf(Dest, Ctx, &Files))
    bind(*Pointer, Dest->getType(), Value);
}

void BindingCollector::bind(FunctionId Pointer, QualType Type,
                            const Expr *Value) {
  const FunctionType *Fn = pointedFunction(Type);
  if (!Fn)
    return;
  BindingFact B;
  B.Result = valueKindOf(Fn->getReturnType(), Ctx);
  if (B.Result.K == ValueKind::Other)
    return; // void: no contract to join
  const Expr *V = Value->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(V);
      U && U->getOpcode() == UO_AddrOf)
    V = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(V);
      Ref && isa<FunctionDecl>(Ref->getDecl())) {
    B.Target = functionIdOf(Ref->getDecl(), Files);
  } else if (std::optional<FunctionId> Other = pointerIdOf(V, Ctx, &Files)) {
    B.Target = std::move(*Other);
    B.TargetIsPointer = true;
  } else {
    return; // NULL, a parameter, a cast: nothing known
  }
  if (B.TargetIsPointer && B.Target == Pointer)
    return;
  B.Pointer = std::move(Pointer);
  B.Where = Files.pos(Value->getBeginLoc());
  Bindings.push_back(std::move(B));
}

} // namespace retcheck
