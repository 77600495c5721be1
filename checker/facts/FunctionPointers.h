//===- FunctionPointers.h - Calls through function pointers, bindings -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// QEMU fails through class methods and ops tables (`klass->io_set_blocking
// (...)`, `bs->drv->bdrv_co_flush(...)`): a wrapper `return klass->m(...)`
// has the contract of whatever the pointer points to. A pointer that lives
// beyond one call has a name, as a function has: a field of a named struct
// is `Struct::field` (QIOChannelClass::io_set_blocking; no C++ class can
// have a method and a field of one name), a variable with static storage is
// its name (with its file when static), an element of an array of them is
// the array. Calls through such a pointer get call facts like any call;
// what is stored in it (initializers of ops tables, designated or by
// position, `k->method = f;`) are binding facts. A parameter or local has
// no name of its own; when its type is a typedef'd function pointer
// (`op_handler_t op_hndlr`, a hook handed down to a helper), it is named
// by the typedef, and every function handed to a pointer of that type (an
// argument, a local's value) is bound to it. Other parameters and locals:
// their calls are not followed.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FUNCTIONPOINTERS_H
#define RETCHECK_FACTS_FUNCTIONPOINTERS_H

#include "FactContext.h"
#include "Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class BinaryOperator;
class CallExpr;
class Expr;
class VarDecl;
class QualType;
} // namespace clang

namespace retcheck {

/// The name of the function pointer that callee expression \p Callee reads
/// (`klass->io_set_blocking`, `(*hook)`, `table[i]`), if it has one; its
/// File with \p Files (without: the name alone, for matching rules).
std::optional<FunctionId> pointerIdOf(const clang::Expr *Callee,
                                      const clang::ASTContext &Ctx,
                                      FileTable *Files);

/// Collects the bindings of one translation unit.
class BindingCollector {
public:
  BindingCollector(const clang::ASTContext &Ctx, FileTable &Files)
      : Ctx(Ctx), Files(Files) {}

  /// The functions \p Var's initializer stores in named pointers: an ops
  /// table's fields, a hook's value, an array of handlers.
  void initializer(const clang::VarDecl *Var);
  /// `k->method = f;`, `hook = f;`, `k->parent_m = dc->m;`.
  void assignment(const clang::BinaryOperator *Assign);
  /// Functions passed to a parameter of a typedef'd function pointer type.
  void arguments(const clang::CallExpr *Call);

  std::vector<BindingFact> take() { return std::move(Bindings); }

private:
  const clang::ASTContext &Ctx;
  FileTable &Files;
  std::vector<BindingFact> Bindings;

  void walk(const clang::Expr *Init, const clang::ValueDecl *Dest);
  void bind(const clang::ValueDecl *Dest, const clang::Expr *Value);
  void bind(FunctionId Pointer, clang::QualType Type, const clang::Expr *Value);
};

} // namespace retcheck

#endif
