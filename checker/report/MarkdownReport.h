//===- MarkdownReport.h - A report short enough for a merge request -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Totals per tree, check and rule function, the directories (and MAINTAINERS
// sections) with the most findings and, when compared, the new and changed
// findings up to a limit. No absolute paths, no timings, and links only when
// asked for (--link-template): the same results give the same text. No LLVM
// dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_MARKDOWNREPORT_H
#define RETCHECK_REPORT_MARKDOWNREPORT_H

#include "ReportModel.h"

#include <ostream>

namespace retcheck {

struct MarkdownOptions {
  unsigned MaxFindings = 20;   ///< new (or, uncompared, all) findings listed
  unsigned MaxDirectories = 8; ///< directories listed
  unsigned MaxSections = 15;   ///< MAINTAINERS sections listed
};

void writeMarkdownReport(const Report &R, const MarkdownOptions &Options,
                         std::ostream &OS);

} // namespace retcheck

#endif
