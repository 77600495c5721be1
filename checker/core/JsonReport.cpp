//===- JsonReport.cpp - The JSON result format (version 1) ----------------===//

#include "JsonReport.h"

#include <nlohmann/json.hpp>

namespace retcheck {

std::string toJson(const RunResult &Result) {
  // Ordered: "version" first, fields in the documented order.
  using json = nlohmann::ordered_json;
  json Findings = json::array();
  for (const Finding &F : Result.Findings) {
    json Fixes = json::array();
    for (const TextEdit &E : F.Fixes)
      Fixes.push_back({{"file", E.File},
                       {"offset", E.Offset},
                       {"length", E.Length},
                       {"replacement", E.Text}});
    Findings.push_back(
        {{"check", checkName(F.Check)},
         {"file", F.File},
         {"line", F.Line},
         {"column", F.Column},
         {"message", F.Message},
         {"function", F.Function},
         {"enclosing_function", F.EnclosingFunction},
         {"call", {{"line", F.CallLine}, {"column", F.CallColumn}}},
         {"fixes", Fixes}});
  }
  json Errors = json::array();
  for (const TUProblem &P : Result.Problems)
    Errors.push_back(
        {{"file", P.File}, {"kind", P.Kind}, {"message", P.Message}});
  json Doc = {{"version", 1},
              {"tool", "retcheck"},
              {"findings", Findings},
              {"errors", Errors},
              {"stats",
               {{"translation_units", Result.Stats.TranslationUnits},
                {"files", Result.Stats.Files},
                {"failed", Result.Stats.Failed},
                {"skipped", Result.Stats.Skipped},
                {"findings", Result.Findings.size()},
                {"jobs", Result.Stats.Jobs},
                {"seconds", Result.Stats.Seconds}}}};
  return Doc.dump(2) + "\n";
}

} // namespace retcheck
