//===- HtmlReport.h - One self-contained HTML page of a report ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The page opens from disk with no network: CSS and JavaScript are inline
// (report.css and report.js, embedded at build time), the chart is inline
// SVG, and a Content-Security-Policy forbids loading anything. Every text
// from a result (messages, paths, source lines) is escaped. No LLVM
// dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_HTMLREPORT_H
#define RETCHECK_REPORT_HTMLREPORT_H

#include "ReportModel.h"
#include "SourceExcerpt.h"

#include <ostream>
#include <string>
#include <vector>

namespace retcheck {

/// \p Excerpts holds one excerpt per finding of \p R, in the same order.
void writeHtmlReport(const Report &R,
                     const std::vector<SourceExcerpt> &Excerpts,
                     std::ostream &OS);

/// Text as HTML character data or a quoted attribute value.
std::string htmlEscape(const std::string &Text);

} // namespace retcheck

#endif
