//===- ResultUse.h - What the code does with a value ----------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Given an expression that carries a call's result (the call itself, or a
// reference to a local that holds it), classify its use by walking up
// through parentheses, conversions, ternary arms, commas and statement
// expressions: discarded, tested (recorded as a TestFact that any contract
// can judge), used (dereferenced, in arithmetic, passed on), escaping,
// stored.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_RESULTUSE_H
#define RETCHECK_FACTS_RESULTUSE_H

#include "FactContext.h"
#include "Facts.h"

#include "clang/AST/Expr.h"

#include <optional>

namespace clang {
class VarDecl;
}

namespace retcheck {

struct ResultUse {
  enum Kind {
    Discarded,       ///< expression statement, comma LHS, for-inc, ...
    DiscardedByVoid, ///< `(void)f()`
    Test,            ///< a condition or comparison tests it
    Use,             ///< dereferenced, indexed, arithmetic, passed on
    Escape,          ///< returned, stored beyond the function, &taken
    StoreLocal,      ///< stored in a local variable (followed)
    StoreOther,      ///< stored in a field, global, through a pointer
    Other,           ///< consumed by something unmodelled
  } K = Other;
  std::optional<TestFact> TestInfo; ///< for Test
  std::optional<UseFact> UseInfo;   ///< for Use
  const clang::VarDecl *Var = nullptr;    ///< for StoreLocal
  const clang::Stmt *StoreSite = nullptr; ///< the `=` or the DeclStmt
  const clang::Expr *StoreExpr = nullptr; ///< the `=`, whose value may be used
  clang::QualType Destination;            ///< type stored into, for stores
  std::string DestinationName;            ///< member name, for initializers
  clang::SourceLocation StoreLoc;         ///< the variable or LHS
};

/// Classifies the use of \p E, whose value is the tracked result.
ResultUse classifyUse(const clang::Expr *E, const TrackedValue &Tracked,
                      FactContext &FC);

/// What the statements at the top level of branch \p S visibly do; a
/// return of an expression \p Tracked knows passes the tested value on.
BranchFacts branchFacts(const clang::Stmt *S, const TrackedValue &Tracked,
                        FactContext &FC);
/// The same for statements run in order (a switch label's, up to the next
/// label).
BranchFacts branchFactsOf(llvm::ArrayRef<const clang::Stmt *> Top,
                          const TrackedValue &Tracked, FactContext &FC);

/// Maps a clang type to IntType (integers, enums, bool, pointers).
std::optional<IntType> intTypeOf(clang::QualType T,
                                 const clang::ASTContext &Ctx);

/// The name a call is known by as evidence of error handling: its callee's
/// name, or "stderr" for a print to stderr.
std::string evidenceName(const clang::CallExpr *Call);

/// The comparison a binary operator makes; nullopt for any other.
std::optional<CompareOp> compareOpOf(clang::BinaryOperatorKind K);

/// The value of an integer or pointer constant expression (MAP_FAILED is -1).
std::optional<int64_t> constantValue(const clang::Expr *E,
                                     const clang::ASTContext &Ctx);

/// The same in the constant's own type: constantValue() gives an unsigned
/// 64-bit one by its bits, and `SIZE_MAX` (systemd's memdup_suffix0:
/// `l == SIZE_MAX`) is 2^64 - 1, not -1.
std::optional<Int> constantInItsType(const clang::Expr *E,
                                     const clang::ASTContext &Ctx);

/// The text of \p Range as written in its file, or "" when it does not map
/// to one stretch of a file (it spans a macro's body and its arguments).
std::string sourceText(clang::SourceRange Range, const clang::ASTContext &Ctx);

/// `c ? true : (log(...), false)` (systemd's assert_log): a choice between
/// two constants that passes on the truth of its condition (true) or its
/// negation (false). Nullopt for any other expression.
std::optional<bool> truthOfChoice(const clang::Expr *E,
                                  const clang::ASTContext &Ctx);

/// The arm of a choice whose other arm is a constant (libvirt's
/// `VIR_DRV_SUPPORTS_FEATURE`: `drv->f ? drv->f(conn, feature) : 0`):
/// where that arm is taken, a test of the choice sees the value it holds.
/// Null for any other expression.
const clang::Expr *armBesideConstant(const clang::Expr *E,
                                     const clang::ASTContext &Ctx);

/// Whether \p S always leaves the statements that follow it in its block:
/// a return, a jump, a call that does not return, or a block ending in one.
bool alwaysLeaves(const clang::Stmt *S);

/// \p E without parentheses, implicit casts and `__builtin_expect(x, c)`
/// (likely(), unlikely()) around it.
const clang::Expr *withoutExpect(const clang::Expr *E);

/// The function that does not return whose call \p S ends in (`abort()`,
/// `__assert_fail(...)`, systemd's `log_assert_failed(...)`), if any.
const clang::FunctionDecl *noReturnCallAtEnd(const clang::Stmt *S);

/// The statement a switch label leads to, past the labels stacked on it
/// (`case ERR: default: report();`); \p S itself when it is no label.
const clang::Stmt *labelledStatement(const clang::Stmt *S);

/// The kind of values a type holds.
ValueKind valueKindOf(clang::QualType T, const clang::ASTContext &Ctx);

} // namespace retcheck

#endif
