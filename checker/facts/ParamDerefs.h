//===- ParamDerefs.h - Pointer parameters a function dereferences first ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A NULL handed to a function that dereferences it crashes there as surely
// as a dereference at the call: libvirt's `dnsmasqCapsGetBinaryPath(caps)`
// is `return caps->binaryPath;`. A parameter counts when the first thing the
// body does with it, on the path every call takes, is a dereference: a
// function that tolerates NULL tests the parameter (or hands it on) first,
// and a dereference inside a branch, a loop body or the right of `&&` is on
// a path some calls do not take. An assertion that the parameter is not
// NULL (`assert(p)`, a test whose NULL side ends in a call that does not
// return) counts as its first use too: the program stops there as surely.
// Which arguments are then uses is decided in infer/ (a rule's
// `valid_args`).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_PARAMDEREFS_H
#define RETCHECK_FACTS_PARAMDEREFS_H

#include "FactContext.h"
#include "Facts.h"

#include <optional>
#include <utility>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class ParmVarDecl;
} // namespace clang

namespace retcheck {

/// The pointer parameters that definition \p FD dereferences first, on the
/// path every call takes; nullopt when there are none.
std::optional<ParamDerefFact> paramDerefsOf(const clang::FunctionDecl *FD,
                                            FileTable &Files);

/// The parameter \p Cond tests for NULL (`p`, `!p`, `p == NULL`, `p !=
/// NULL`, under `__builtin_expect`), and whether \p Cond is true when it
/// is NULL.
std::optional<std::pair<const clang::ParmVarDecl *, bool>>
paramNullTest(const clang::Expr *Cond, clang::ASTContext &Ctx);

} // namespace retcheck

#endif
