//===- DocComments.h - What a function's comment says it returns on failure
//-===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A constant returned with nothing else said (`return -1;` after a failed
// check of the function's own) reads like an answer; the comment above the
// function often says otherwise: `/* return size or -1 if error */`,
// "Returns: 0 on success, a negative errno code on failure", "NULL on
// error". Read from the source text, not from clang's comment list, which
// holds plain `/* */` comments only under -fparse-all-comments.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_DOCCOMMENTS_H
#define RETCHECK_FACTS_DOCCOMMENTS_H

#include "Facts.h"

#include <string>

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace retcheck {

/// What a comment says a function returns on failure.
struct DocFailure {
  std::string Phrase; ///< as written, lower case: "-1 if error"
  ValueSet Errors;    ///< in the result's type; empty when nothing is said
};

/// The comment right above any declaration of \p FD (or starting its
/// body's first line), read for a failure value of a result of kind
/// \p Result.
DocFailure docFailureOf(const clang::FunctionDecl *FD,
                        const clang::SourceManager &SM,
                        const ValueKind &Result);

/// The failure value that \p Comment states, for a result of kind \p Result
/// (exposed for tests).
DocFailure failureStatedIn(const std::string &Comment, const ValueKind &Result);

} // namespace retcheck

#endif
