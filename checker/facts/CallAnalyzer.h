//===- CallAnalyzer.h - The one analysis every front end runs -------------===//
//
// For each call to a rule function: follow its result inside the enclosing
// function and decide whether, and how, it is mishandled. The CLI and the
// clang-tidy module both register matcher() and call analyze() on each
// match; nothing about a pattern lives anywhere else.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_CALLANALYZER_H
#define RETCHECK_CORE_CALLANALYZER_H

#include "judge/Checks.h"
#include "FunctionFlow.h"
#include "contracts/Rules.h"

#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// A finding in terms of the AST, ready for a clang diagnostic.
struct CallFinding {
  CheckKind Check;
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<clang::FixItHint> Fixes;
  const clang::CallExpr *Call;
  const Rule *AppliedRule;
};

class CallAnalyzer {
public:
  explicit CallAnalyzer(const RuleSet &Rules) : Rules(Rules) {}

  /// Matches calls to the rule functions inside a function, lambda or
  /// block; binds the call to "call" and the callable to "function".
  static clang::ast_matchers::StatementMatcher matcher(const RuleSet &Rules);

  /// Analyses one matched call; at most one finding per call.
  std::optional<CallFinding> analyze(const clang::CallExpr *Call,
                                     const clang::Decl *Function,
                                     clang::ASTContext &Ctx);

  /// Drops per-translation-unit caches (call between TUs).
  void reset() {
    Flows.clear();
    Analyzed.clear();
  }

  /// The location users know the call by: the callee's name.
  static clang::SourceLocation calleeLoc(const clang::CallExpr *Call);

private:
  const RuleSet &Rules;
  FunctionFlowCache Flows;
  llvm::DenseSet<const clang::CallExpr *> Analyzed;
};

} // namespace retcheck

#endif
