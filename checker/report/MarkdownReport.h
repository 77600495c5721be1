//===- MarkdownReport.h - A report short enough for a merge request -------===//
//
// Totals per tree, check and rule function, the directories with the most
// findings and, when compared, the new findings up to a limit. No links, no
// absolute paths, no timings: the same results give the same text. No LLVM
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
};

void writeMarkdownReport(const Report &R, const MarkdownOptions &Options,
                         std::ostream &OS);

} // namespace retcheck

#endif
