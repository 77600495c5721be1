//===- CheckDocs.h - The documentation page of each check -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// docs/checks/<check>.md, embedded at build time (EmbedCheckDocs.cmake):
// `retcheck --explain CHECK` prints it, SARIF carries it as each rule's help
// and points helpUri at its published copy (--docs-url). No LLVM
// dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_OUTPUT_CHECKDOCS_H
#define RETCHECK_OUTPUT_CHECKDOCS_H

#include "support/Checks.h"

#include <string>

namespace retcheck {

struct CheckDocPage {
  const char *Name; ///< "retcheck-ignored-result"
  const char *Text; ///< the Markdown page
};

/// The page of \p K; "" if the build found none (a test checks each has one).
std::string checkDoc(CheckKind K);

/// The page's first heading without its '#' and check name: the check's
/// title ("A result that is thrown away").
std::string checkTitle(CheckKind K);

/// Where the published page of \p K is read: \p BaseUrl (ending in '/' or
/// not) followed by "<check>.md"; "" without a base (a local file:// URI
/// would name a path on the machine that ran the analysis, which GitHub
/// code scanning cannot open).
std::string checkDocUri(CheckKind K, const std::string &BaseUrl);

/// \p Path as a URI path: every byte outside RFC 3986's unreserved set
/// and '/' percent-encoded ("a b.c" -> "a%20b.c").
std::string percentEncodePath(const std::string &Path);

} // namespace retcheck

#endif
