//===- HtmlAssets.h - The report page's inline CSS and JavaScript ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// report.css and report.js, embedded by CMake (EmbedAssets.cmake) so that the
// page needs no file beside it. They are edited as the files they are.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_HTMLASSETS_H
#define RETCHECK_REPORT_HTMLASSETS_H

namespace retcheck {

extern const char ReportCss[];
extern const char ReportJs[];

} // namespace retcheck

#endif
