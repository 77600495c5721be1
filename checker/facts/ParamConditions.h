//===- ParamConditions.h - What a path requires of the parameters ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Some functions fail only for some argument values: an undo call
// `ram_block_discard_disable(false)` or `qcow2_handle_l2meta(bs, &m,
// false)` cannot fail, because every failing return sits under a test of
// that parameter. This reads, for a statement, the tests of parameters that
// every path to it passes: the `if` it is in, and the early exits before it
// (`if (!enable) return 0;`). Only parameters the function never assigns,
// increments or takes the address of count.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_PARAMCONDITIONS_H
#define RETCHECK_FACTS_PARAMCONDITIONS_H

#include "Facts.h"
#include "FunctionFlow.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class IfStmt;
class ParmVarDecl;
class Stmt;
class SwitchCase;
} // namespace clang

namespace retcheck {

class ParamConditions {
public:
  ParamConditions(const clang::FunctionDecl *Function, const FunctionFlow &Flow,
                  clang::ASTContext &Ctx);

  /// The conditions on parameters that hold wherever \p S runs, one per
  /// parameter (several tests of one parameter intersected).
  std::vector<ParamCondition> on(const clang::Stmt *S) const;

  /// A value that the parameters alone choose: the case that leads
  /// straight to it.
  struct Choice {
    std::string By;       ///< the expression that decides, as written
    bool Default = false; ///< a default leads there too
  };
  /// The case that leads straight to \p S (a return, or the value a local
  /// is assigned) by the value of an expression of the parameters alone:
  /// \p S is the statement of a switch's labels (`case NBD_EPERM: ret =
  /// EPERM;`, and the labels that fall into it), or of a branch of `if (err
  /// == NBD_EPERM)`, or follows such an `if` that leaves.
  std::optional<Choice> choosing(const clang::Stmt *S) const;

private:
  const clang::FunctionDecl *Function;
  const FunctionFlow &Flow;
  clang::ASTContext &Ctx;

  /// Adds to \p Into what \p Cond being \p Truth says of parameters.
  void learn(const clang::Expr *Cond, bool Truth,
             llvm::DenseMap<unsigned, ValueSet> &Into) const;

  /// The least and greatest values of \p E, read at \p At, whatever the
  /// arguments: an arithmetic (+ - * /, integral casts) of constants,
  /// unchanged integer parameters (any value of their type) and locals
  /// whose one value there is such (FunctionFlow::localValue); \p Reads
  /// gets a parameter it reads. Nullopt where unknown or where a step could
  /// wrap.
  std::optional<ValueSet::Interval> bounds(const clang::Expr *E,
                                           const clang::Stmt *At,
                                           const clang::ParmVarDecl *&Reads,
                                           unsigned Depth = 0) const;

  /// \p E as written, where it reads nothing but parameters the function
  /// never changes (at least one) and constants; empty otherwise.
  std::string selector(const clang::Expr *E) const;
  /// Whether \p E does: counts the parameters in \p Params.
  bool readsParamsOnly(const clang::Expr *E, unsigned &Params) const;
  /// e in `e == C` or `e != C` (\p Equal says which), when e is a selector.
  std::string comparedSelector(const clang::Expr *Cond, bool &Equal) const;
  /// The case of the switch whose body holds \p Labels, the topmost of the
  /// labels stacked on a statement.
  std::optional<Choice> switchChoice(const clang::SwitchCase *Labels) const;
  /// The branch of \p If that is \p Taken (then) or not (else).
  std::optional<Choice> ifChoice(const clang::IfStmt *If, bool Taken) const;
  /// The statement right after \p Before: the default of a switch, or the
  /// other values of an `if` that leaves.
  std::optional<Choice> afterChoice(const clang::Stmt *Before) const;
};

/// Both sets of conditions at once (a definition's path, then the return's).
std::vector<ParamCondition> bothOf(const std::vector<ParamCondition> &A,
                                   const std::vector<ParamCondition> &B);

} // namespace retcheck

#endif
