//===- HtmlAssets.h - The report page's inline CSS and JavaScript ---------===//
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
