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
  const ValueDecl *D = pointerDecl(Callee);
  return D ? idOf(D, Ctx, Files) : std::nullopt;
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
}

void BindingCollector::assignment(const BinaryOperator *Assign) {
  if (const ValueDecl *Dest = pointerDecl(Assign->getLHS()))
    bind(Dest, Assign->getRHS());
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
  const FunctionType *Fn = pointedFunction(Dest->getType());
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
  std::optional<FunctionId> Pointer = idOf(Dest, Ctx, &Files);
  if (!Pointer || (B.TargetIsPointer && B.Target == *Pointer))
    return;
  B.Pointer = std::move(*Pointer);
  B.Where = Files.pos(Value->getBeginLoc());
  Bindings.push_back(std::move(B));
}

} // namespace retcheck
