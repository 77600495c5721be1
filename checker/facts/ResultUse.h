//===- ResultUse.h - What the code does with a value ----------------------===//
//
// Given an expression that carries a rule call's result (the call itself,
// or a reference to the local that holds it), classify its use by walking
// up through parentheses, conversions, ternary arms, commas and statement
// expressions: discarded, tested (and how completely), escaping, stored.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_RESULTUSE_H
#define RETCHECK_CORE_RESULTUSE_H

#include "contracts/Rules.h"
#include "contracts/ValueRange.h"

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class VarDecl;
}

namespace retcheck {

class FunctionFlow;

/// A comparison against -1 in some spelling (`x == -1`, `-1 != x`,
/// `x == (target_ulong)-1`): the shape of the bugs retcheck rewrites.
struct MinusOneComparison {
  const clang::BinaryOperator *Compare;
  bool TrackedOnLeft;
};

/// How the error values of the tracked result are split by one test.
struct TestResult {
  const clang::Expr *Condition = nullptr; ///< the whole test, for dedup
  BranchSplit Split;
  llvm::SmallVector<MinusOneComparison, 2> MinusOnes;
  /// Some comparison of the value was done in a signed type.
  bool ComparedInSignedType = false;
};

struct ResultUse {
  enum Kind {
    Discarded,       ///< expression statement, comma LHS, for-inc, ...
    DiscardedByVoid, ///< `(void)f()`
    Test,            ///< a condition or comparison tests it
    Escape,          ///< returned, passed on, stored beyond the function
    StoreLocal,      ///< stored in a local variable (tracked further)
    StoreOther,      ///< stored in a field, global, through a pointer
    Other,           ///< consumed by arithmetic or something unmodelled
  } K = Other;
  std::optional<TestResult> TestInfo;     ///< for Test
  const clang::VarDecl *Var = nullptr;    ///< for StoreLocal
  const clang::Stmt *StoreSite = nullptr; ///< the `=` or the DeclStmt
  const clang::Expr *StoreExpr = nullptr; ///< the `=`, whose value may be used
  clang::QualType Destination;            ///< type stored into, for stores
  std::string DestinationName;            ///< member name, for initializers
  clang::SourceLocation StoreLoc;         ///< the variable or LHS
};

/// The error values of \p Conv for a result of type \p T, or nullopt when
/// the type is not modelled (floating point, structs, __int128).
std::optional<ValueSet> errorValues(const Rule &R, clang::QualType T,
                                    const clang::ASTContext &Ctx);

/// Maps a clang type to IntType (integers, enums, bool, pointers).
std::optional<IntType> intTypeOf(clang::QualType T,
                                 const clang::ASTContext &Ctx);

/// Classifies the use of \p E, whose value is the tracked result; \p
/// IsTracked recognises other expressions carrying the same value (used to
/// judge conditions such as `x == -1 || x < 0` as a whole).
ResultUse classifyUse(const clang::Expr *E, const FunctionFlow &Flow,
                      const ValueSet &Errors, clang::ASTContext &Ctx,
                      llvm::function_ref<bool(const clang::Expr *)> IsTracked);

} // namespace retcheck

#endif
