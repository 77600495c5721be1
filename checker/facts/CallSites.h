//===- CallSites.h - The calls and definitions a TU's facts are about -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One walk over a translation unit finds every call of a named function
// (or every call, for inference) with the function, block or lambda
// it is in, and every function definition. A walk that keeps its own stack
// of enclosing callables: an AST matcher that asks for them (forCallable)
// makes Clang map the parents of every node in the TU, headers included,
// which cost about a fifth of the CPU of a QEMU run. Code in system headers is
// skipped: its calls and definitions are never judged.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_CALLSITES_H
#define RETCHECK_FACTS_CALLSITES_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class BinaryOperator;
class CallExpr;
class Decl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace retcheck {

/// What a walk reports.
struct CallSiteVisitors {
  /// A call and the callable (function, block, lambda's operator()) whose
  /// code holds it. Calls outside any callable (a global's initializer)
  /// are not reported.
  llvm::function_ref<void(const clang::CallExpr *, const clang::Decl *)> Call;
  /// A function definition outside system headers; null: not wanted.
  llvm::function_ref<void(const clang::FunctionDecl *)> Definition;
  /// Where function pointers are stored (FunctionPointers.h): a variable
  /// with an initializer, an assignment of a function pointer; null: not
  /// wanted.
  llvm::function_ref<void(const clang::VarDecl *)> Initializer;
  llvm::function_ref<void(const clang::BinaryOperator *)> Assignment;
};

/// Walks \p Ctx's translation unit. With \p AllCalls every call of a
/// function, or through a named function pointer, is reported, else those
/// whose callee \p Functions names, as hasAnyName() does (qualified or
/// not), or whose pointer it names exactly (`QIOChannelClass::io_close`).
void forEachCallSite(clang::ASTContext &Ctx,
                     const std::vector<std::string> &Functions, bool AllCalls,
                     const CallSiteVisitors &Visit);

} // namespace retcheck

#endif
