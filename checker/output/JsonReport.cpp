//===- JsonReport.cpp - The JSON result format (version 1) ----------------===//

#include "JsonReport.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace retcheck {

/// Paths and source text need not be UTF-8 (a Latin-1 file name); JSON
/// must be, so invalid bytes become U+FFFD instead of an exception.
template <typename Json> static std::string dump(const Json &Doc) {
  return Doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

// Ordered: "version" first, fields in the documented order.
using json = nlohmann::ordered_json;

json editsJson(const std::vector<TextEdit> &Edits) {
  json Fixes = json::array();
  for (const TextEdit &E : Edits)
    Fixes.push_back({{"file", E.File},
                     {"offset", E.Offset},
                     {"length", E.Length},
                     {"replacement", E.Text}});
  return Fixes;
}

json findingJson(const Finding &F) {
  json J = {{"check", checkName(F.Check)},
            {"severity", severityName(F.Level)},
            {"file", F.File},
            {"relative_file", F.RelativeFile},
            {"line", F.Line},
            {"column", F.Column},
            {"offset", F.Offset},
            {"message", F.Message},
            {"function", F.Function},
            {"enclosing_function", F.EnclosingFunction},
            {"call", {{"line", F.CallLine}, {"column", F.CallColumn}}},
            {"fingerprint", F.Fingerprint},
            {"fixes", editsJson(F.Fixes)}};
  J["contract"] = F.Inferred ? "inferred" : "written";
  if (F.Inferred) {
    J["confidence"] = std::round(F.Confidence * 100) / 100;
    J["evidence"] = F.Evidence;
  }
  json Notes = json::array();
  for (const FindingNote &N : F.Notes)
    Notes.push_back({{"message", N.Message},
                     {"file", N.File},
                     {"line", N.Line},
                     {"column", N.Column},
                     {"offset", N.Offset},
                     {"fixes", editsJson(N.Fixes)}});
  J["notes"] = Notes;
  if (!F.NoRepair.empty())
    J["no_repair"] = F.NoRepair;
  return J;
}

json problemJson(const TUProblem &P) {
  return {{"file", P.File}, {"kind", P.Kind}, {"message", P.Message}};
}

json statsJson(const RunStats &S, std::size_t Findings) {
  return {{"translation_units", S.TranslationUnits},
          {"files", S.Files},
          {"failed", S.Failed},
          {"skipped", S.Skipped},
          {"baselined", S.Baselined},
          {"findings", Findings},
          {"jobs", S.Jobs},
          {"seconds", S.Seconds},
          {"repairs",
           {{"proposed", S.RepairsProposed},
            {"offered", S.RepairsOffered},
            {"parses", S.RepairParses},
            {"seconds", S.RepairSeconds}}}};
}

} // namespace

std::string toJson(const RunResult &Result) {
  json Findings = json::array();
  for (const Finding &F : Result.Findings)
    Findings.push_back(findingJson(F));
  json Errors = json::array();
  for (const TUProblem &P : Result.Problems)
    Errors.push_back(problemJson(P));
  json Doc = {{"version", 1},
              {"tool", "retcheck"},
              {"source_root", Result.SourceRoot},
              {"findings", Findings},
              {"errors", Errors},
              {"stats", statsJson(Result.Stats, Result.Findings.size())}};
  return dump(Doc);
}

std::string toMergedJson(const std::vector<TreeResult> &Trees) {
  return dump(mergedDocument(Trees));
}

json findingDocument(const Finding &F) { return findingJson(F); }

std::string dumpDocument(const json &Doc) { return dump(Doc); }

json mergedDocument(const std::vector<TreeResult> &Trees) {
  json TreeList = json::array(), Findings = json::array(),
       Errors = json::array();
  RunStats Total;
  std::size_t FindingCount = 0;
  for (const TreeResult &T : Trees) {
    const RunStats &S = T.Run.Stats;
    TreeList.push_back({{"label", T.Label},
                        {"source_root", T.Run.SourceRoot},
                        {"inputs", T.Inputs},
                        {"stats", statsJson(S, T.Run.Findings.size())}});
    for (const Finding &F : T.Run.Findings) {
      Findings.push_back(findingJson(F));
      Findings.back()["tree"] = T.Label;
    }
    for (const TUProblem &P : T.Run.Problems) {
      Errors.push_back(problemJson(P));
      Errors.back()["tree"] = T.Label;
    }
    Total += S;
    FindingCount += T.Run.Findings.size();
  }
  json Doc = {{"version", 1}, {"tool", "retcheck"}};
  // One tree keeps the plain result's top-level root.
  if (Trees.size() == 1)
    Doc["source_root"] = Trees.front().Run.SourceRoot;
  Doc["trees"] = TreeList;
  Doc["findings"] = Findings;
  Doc["errors"] = Errors;
  Doc["stats"] = statsJson(Total, FindingCount);
  return Doc;
}

} // namespace retcheck

namespace retcheck {

std::string toCodeQualityJson(const std::vector<Finding> &Findings) {
  // GitLab's Code Quality report: an array of issues, paths relative to the
  // repository, a fingerprint per issue for the merge request widget.
  nlohmann::ordered_json Issues = nlohmann::ordered_json::array();
  for (const Finding &F : Findings)
    Issues.push_back(
        {{"description", F.Message},
         {"check_name", checkName(F.Check)},
         {"fingerprint", F.Fingerprint},
         {"severity", F.Level == Severity::Note ? "info" : "major"},
         {"location",
          {{"path", F.RelativeFile}, {"lines", {{"begin", F.Line}}}}}});
  return dump(Issues);
}

std::string toBaselineJson(const std::vector<Finding> &Findings) {
  nlohmann::ordered_json Entries = nlohmann::ordered_json::array();
  for (const Finding &F : Findings)
    Entries.push_back({{"fingerprint", F.Fingerprint},
                       {"check", checkName(F.Check)},
                       {"file", F.RelativeFile},
                       {"message", F.Message}});
  nlohmann::ordered_json Doc = {
      {"version", 1}, {"tool", "retcheck-baseline"}, {"findings", Entries}};
  return dump(Doc);
}

std::optional<std::set<std::string>> parseBaselineJson(const std::string &Text,
                                                       std::string &Error) {
  nlohmann::json Doc = nlohmann::json::parse(Text, nullptr, false);
  if (Doc.is_discarded() || !Doc.is_object() ||
      Doc.value("tool", "") != "retcheck-baseline" ||
      Doc.value("version", 0) != 1 || !Doc.contains("findings") ||
      !Doc["findings"].is_array()) {
    Error = "not a retcheck baseline (version 1): write one with "
            "--write-baseline";
    return std::nullopt;
  }
  std::set<std::string> Fingerprints;
  for (const auto &E : Doc["findings"]) {
    if (!E.is_object() || !E.contains("fingerprint") ||
        !E["fingerprint"].is_string()) {
      Error = "a baseline entry has no fingerprint";
      return std::nullopt;
    }
    Fingerprints.insert(E["fingerprint"].get<std::string>());
  }
  return Fingerprints;
}

} // namespace retcheck
