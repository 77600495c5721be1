//===- ReportJson.h - The report's merged.json ----------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// merged.json is a version-1 merged result (any reader of `retcheck --format
// json` reads its findings, and it can be a report's input again) with what
// the report worked out added to it: in a comparison, each finding's
// "status" ("new", "changed", "unchanged"), for a changed one the older
// finding at the same call as "previous", and per tree a "comparison" with
// the counts and the "fixed" findings; with MAINTAINERS, each finding's
// "maintainers_section"; with --link-template, its "link"; with
// --exclude-path, the patterns and per tree the findings they left out.
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_REPORTJSON_H
#define RETCHECK_REPORT_REPORTJSON_H

#include "ReportModel.h"

#include <string>

namespace retcheck {

std::string toReportJson(const Report &R);

} // namespace retcheck

#endif
