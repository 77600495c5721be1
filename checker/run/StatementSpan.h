//===- StatementSpan.h - The statement around a place in a source ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// --changed-since counts a finding as changed when the change touches the
// statement of its call or of its test, not only the finding's own line:
// `load_image_targphys(path,\n 0, size)` changed on its second line, or
// `if (size ==\n -1)` on its second. The statement is found in the text
// (clang's raw lexer, comments and strings skipped) as the tokens between
// the `;`, `{` or `}` before the place and the `;` or `{` after it, outside
// parentheses; for `if (...)`, `while (...)`, `for (...)`, `switch (...)`,
// only the head when the place is in it.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_STATEMENTSPAN_H
#define RETCHECK_RUN_STATEMENTSPAN_H

#include "llvm/ADT/StringRef.h"

#include <utility>

namespace retcheck {

/// The first and last line (1-based) of the statement around byte
/// \p Offset of \p Text, which must be null-terminated (a MemoryBuffer's,
/// a std::string's); {0, 0} when \p Offset is past the end.
std::pair<unsigned, unsigned> statementLines(llvm::StringRef Text,
                                             unsigned Offset);

/// The byte offset of 1-based \p Line and \p Column in \p Text (the column
/// counts bytes, as findings do); Text.size() when past the end.
unsigned offsetOf(llvm::StringRef Text, unsigned Line, unsigned Column);

} // namespace retcheck

#endif
