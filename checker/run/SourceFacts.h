//===- SourceFacts.h - What a parsed TU tells besides its findings --------===//
//
// Small facts the analysis of one translation unit records for the run:
// the lines of the statements a finding is about (--changed-since counts a
// change anywhere in them), and which rule functions the TU declares (a
// rule that no analysed TU declares is named in a warning).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_SOURCEFACTS_H
#define RETCHECK_RUN_SOURCEFACTS_H

#include "contracts/Rules.h"
#include "judge/Finding.h"

#include "clang/AST/ASTContext.h"

#include <string>
#include <vector>

namespace retcheck {

/// The lines, in the file \p Loc is spelled in, of the statement of
/// \p Function's body that holds \p Loc: the whole statement for a
/// declaration, an expression or a return; only the head (`if (...)`,
/// `while (...)`, `for (...;...;...)`) when \p Loc is in the condition of a
/// compound statement. {Line, Line} of \p Loc when there is no body.
LineSpan statementLines(const clang::Decl *Function, clang::SourceLocation Loc,
                        const clang::SourceManager &SM);

/// The functions of \p Rules that \p Ctx's translation unit declares
/// (qualified names, as the rules spell them).
std::vector<std::string> declaredRuleFunctions(clang::ASTContext &Ctx,
                                               const RuleSet &Rules);

} // namespace retcheck

#endif
