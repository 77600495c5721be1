//===- SourceFacts.cpp - What a parsed TU tells besides its facts ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SourceFacts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace retcheck {

namespace {

/// The declaration context named by \p Scope inside \p DC ("ns", "Class",
/// a C struct or its typedef, for a function pointer field).
const DeclContext *lookupScope(const DeclContext *DC, llvm::StringRef Scope,
                               ASTContext &Ctx) {
  for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Scope))) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      return NS;
    const RecordDecl *Record = dyn_cast<RecordDecl>(D);
    if (const auto *Typedef = dyn_cast<TypedefNameDecl>(D))
      Record = Typedef->getUnderlyingType()->getAsRecordDecl();
    if (Record)
      return Record->getDefinition() ? Record->getDefinition() : Record;
  }
  return nullptr;
}

bool declares(ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  llvm::StringRef Rest = Qualified;
  for (;;) {
    auto [Scope, Tail] = Rest.split("::");
    if (Tail.empty()) {
      for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Scope)))
        if (isa<FunctionDecl, FunctionTemplateDecl, UsingShadowDecl, FieldDecl,
                VarDecl>(D))
          return true;
      return false;
    }
    if (!(DC = lookupScope(DC, Scope, Ctx)))
      return false;
    Rest = Tail;
  }
}

} // namespace

std::vector<std::string>
declaredFunctions(ASTContext &Ctx, const std::vector<std::string> &Names) {
  std::vector<std::string> Declared;
  for (const std::string &Name : Names)
    if (declares(Ctx, Name))
      Declared.push_back(Name);
  return Declared;
}

} // namespace retcheck
