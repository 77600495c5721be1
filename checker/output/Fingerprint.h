//===- Fingerprint.h - Identities of findings that survive edits ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Baselines, SARIF's partialFingerprints, GitLab Code Quality and report
// comparisons need to recognise a finding after unrelated edits move it.
// The fingerprint hashes the path relative to the source root, the check,
// the called function and the text of the finding's line (whitespace
// collapsed), plus an index among findings with the same key; never the
// line number nor the enclosing function (code moves between functions).
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_FINGERPRINT_H
#define RETCHECK_CORE_FINGERPRINT_H

#include "judge/Finding.h"
#include "support/Paths.h"

#include <string>
#include <vector>

namespace retcheck {

/// The deepest directory holding every file of \p Files (absolute paths).
std::string commonDirectory(const std::vector<std::string> &Files);

/// \p Line with runs of blanks collapsed, leading and trailing ones dropped:
/// the form of a line's text that fingerprints hash.
std::string collapseBlanks(const std::string &Line);

/// Whether \p LineText (the finding's line, as read now) still gives \p F
/// its recorded fingerprint, i.e. the line reads as it did when analysed.
bool fingerprintMatchesLine(const Finding &F, const std::string &LineText);

/// Fills Finding::Fingerprint and Finding::RelativeFile. Findings must be
/// sorted (as the CLI sorts them) so that the occurrence index is stable.
void assignFingerprints(std::vector<Finding> &Findings,
                        const std::string &SourceRoot);

} // namespace retcheck

#endif
