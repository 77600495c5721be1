//===- FunctionFacts.h - What a function returns, and on which paths ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Inference reads error contracts from function bodies: a constant
// returned after an error report, an errno code, a NULL returned where a
// callee failed, a callee's result passed on. This records, for each return
// statement of a function, the value and the evidence on its path, in
// terms of the TU's call facts (which call's result, under which branch of
// which of its tests). What makes it an error is decided in infer/.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FUNCTIONFACTS_H
#define RETCHECK_FACTS_FUNCTIONFACTS_H

#include "FactContext.h"
#include "Facts.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class ParmVarDecl;
} // namespace clang

namespace retcheck {

/// Where the tests of the TU's call facts are: (file, offset) of a test's
/// condition -> (call, test).
using TestIndex =
    std::map<std::pair<uint32_t, uint32_t>, std::pair<int32_t, int32_t>>;

/// The facts of definition \p FD; nullopt when it returns no integer,
/// pointer or bool. \p Calls maps the TU's calls with facts to their index.
std::optional<FunctionFact>
extractFunctionFact(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                    FunctionFlowCache &Flows, FileTable &Files,
                    const llvm::DenseMap<const clang::CallExpr *, int32_t> &Calls,
                    const TestIndex &Tests);

/// The function's `Error **errp`-style parameter (QEMU's Error), if any.
const clang::ParmVarDecl *errorObjectParam(const clang::FunctionDecl *FD);

/// `errno` itself (glibc's `(*__errno_location())`), as an assignment's
/// target or a comparison's operand.
bool isErrnoObject(const clang::Expr *E);

/// `({ ...; e < 0 ? e : -ESTRPIPE; })`: systemd's `log_error_errno(r, ...)`
/// and its kin, whose value is always a negative errno code; also a macro
/// named `*_errno` whose value is a printf-like reporter's
/// (`log_device_debug_errno(dev, r, ...)`, ending in log_object_internal()),
/// and a magnitude negated (`-ERRNO_VALUE(error)`).
bool alwaysNegativeErrno(const clang::Expr *E, const clang::ASTContext &Ctx);

/// \p FD takes a printf-like format (a reporter, or a logger).
bool hasPrintfFormat(const clang::FunctionDecl *FD);

/// The macro as written whose expansion \p Loc is in (`log_debug_errno`,
/// not the `log_full_errno_zerook` it expands to); empty outside macros.
std::string macroAsWritten(clang::SourceLocation Loc,
                           const clang::ASTContext &Ctx);

/// `errno == ENOENT ? -ESRCH : -errno`, `errno == ENOENT ? 0 : -errno`: a
/// choice of negative errno codes (or of one and 0, a failure that is
/// forgiven), returned where the function fails.
bool negativeErrnoChoice(const clang::Expr *E, const clang::ASTContext &Ctx);

} // namespace retcheck

#endif
