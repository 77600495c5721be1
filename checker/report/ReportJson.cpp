//===- ReportJson.cpp - The report's merged.json --------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ReportJson.h"

#include <nlohmann/json.hpp>

namespace retcheck {

std::string toReportJson(const Report &R) {
  using json = nlohmann::ordered_json;
  json Doc = mergedDocument(R.Trees);
  json &Findings = Doc["findings"], &Trees = Doc["trees"];
  std::vector<json> Fixed(R.Trees.size(), json::array());
  std::size_t Next = 0; // R's current findings are merged.json's, in order
  for (const ReportFinding &RF : R.Findings) {
    if (RF.Status == FindingStatus::Fixed) {
      Fixed[RF.Tree].push_back(findingDocument(RF.F));
      continue;
    }
    json &F = Findings.at(Next++);
    if (RF.Status != FindingStatus::Current)
      F["status"] = statusName(RF.Status);
    if (RF.Previous)
      F["previous"] = findingDocument(*RF.Previous);
    if (R.grouped())
      F["maintainers_section"] = RF.Section;
    if (!RF.Link.empty())
      F["link"] = RF.Link;
  }
  for (std::size_t I = 0; I < R.Trees.size(); ++I) {
    json &T = Trees.at(I);
    if (!R.ComparedWith[I].empty()) {
      json Counts = {{"compared_with", R.ComparedWith[I]}};
      for (FindingStatus S : {FindingStatus::New, FindingStatus::Changed,
                              FindingStatus::Unchanged, FindingStatus::Fixed})
        Counts[statusName(S)] = R.count(I, S);
      Counts["fixed_findings"] = Fixed[I];
      T["comparison"] = Counts;
    }
    if (R.grouped())
      T["maintainers"] = R.MaintainersFiles[I];
    if (!R.ExcludedPaths.empty())
      T["excluded"] = R.Excluded[I];
  }
  if (!R.ExcludedPaths.empty())
    Doc["excluded_paths"] = R.ExcludedPaths;
  return dumpDocument(Doc);
}

} // namespace retcheck
