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

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class Stmt;
} // namespace clang

namespace retcheck {

class ParamConditions {
public:
  ParamConditions(const clang::FunctionDecl *Function, const FunctionFlow &Flow,
                  clang::ASTContext &Ctx);

  /// The conditions on parameters that hold wherever \p S runs, one per
  /// parameter (several tests of one parameter intersected).
  std::vector<ParamCondition> on(const clang::Stmt *S) const;

private:
  const clang::FunctionDecl *Function;
  const FunctionFlow &Flow;
  clang::ASTContext &Ctx;

  /// Adds to \p Into what \p Cond being \p Truth says of parameters.
  void learn(const clang::Expr *Cond, bool Truth,
             llvm::DenseMap<unsigned, ValueSet> &Into) const;
};

/// Both sets of conditions at once (a definition's path, then the return's).
std::vector<ParamCondition> bothOf(const std::vector<ParamCondition> &A,
                                   const std::vector<ParamCondition> &B);

} // namespace retcheck

#endif
