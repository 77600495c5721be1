//===- JsonReport.cpp - The JSON result format (version 1) ----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "JsonReport.h"
#include "Version.h"

#include <map>

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
  J["rank"] = F.Rank;
  J["rank_decides"] = F.RankDecided;
  json Signals = json::array();
  for (const RankSignal &S : F.RankSignals) {
    json Signal = {{"weight", std::round(S.Weight * 100) / 100}, {"why", S.Why}};
    if (S.OtherCalls)
      Signal["other_calls"] = true;
    Signals.push_back(std::move(Signal));
  }
  J["rank_signals"] = std::move(Signals);
  if (!F.FunctionFile.empty())
    J["function_file"] = F.FunctionFile;
  J["contract"] = F.Inferred ? "inferred" : "written";
  if (F.Inferred) {
    J["confidence"] = std::round(F.Confidence * 100) / 100;
    J["contract_basis"] = F.FromCallers ? "callers" : "body";
    J["evidence"] = F.Evidence;
    J["contract_calls"] = {{"calls", F.ContractCalls},
                           {"checking", F.ContractCallsChecking}};
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

/// What ranks depend on beyond each finding (rank/Rank.h, rerank).
json rankingJson(const RunResult &R) {
  json Callers = json::array();
  for (const auto &[Key, C] : R.Tally.all()) {
    json Entry = {{"function", Key.first}};
    if (!Key.second.empty())
      Entry["file"] = Key.second;
    Entry["calls"] = C.All;
    Entry["handled"] = C.Handled;
    Callers.push_back(std::move(Entry));
  }
  return {{"warning_rank", R.WarningRank}, {"callers", std::move(Callers)}};
}

json problemJson(const TUProblem &P) {
  return {{"file", P.File}, {"kind", P.Kind}, {"message", P.Message}};
}

json statsJson(const RunStats &S, std::size_t Findings) {
  json J = {{"translation_units", S.TranslationUnits},
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
  if (const std::optional<CacheStats> &C = S.Cache)
    J["cache"] = {{"hits", C->Hits},
                  {"misses", C->Misses},
                  {"stores", C->Stores},
                  {"corrupt", C->Corrupt},
                  {"unsettled", C->Unsettled},
                  {"evicted", C->Evicted},
                  {"evicted_used", C->EvictedUsed},
                  {"read_only", C->ReadOnly}};
  return J;
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
              {"retcheck_version", retcheckVersion()},
              {"source_root", Result.SourceRoot}};
  if (Result.SourceRootInRepository)
    Doc["source_root_in_repository"] = *Result.SourceRootInRepository;
  Doc.update(json{{"findings", Findings},
                  {"errors", Errors},
                  {"stats", statsJson(Result.Stats, Result.Findings.size())},
                  {"ranking", rankingJson(Result)}});
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
                        {"stats", statsJson(S, T.Run.Findings.size())},
                        {"ranking", rankingJson(T.Run)}});
    if (T.Run.SourceRootInRepository)
      TreeList.back()["source_root_in_repository"] =
          *T.Run.SourceRootInRepository;
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
  json Doc = {{"version", 1},
              {"tool", "retcheck"},
              {"retcheck_version", retcheckVersion()}};
  // One tree keeps the plain result's top-level root.
  if (Trees.size() == 1) {
    Doc["source_root"] = Trees.front().Run.SourceRoot;
    if (Trees.front().Run.SourceRootInRepository)
      Doc["source_root_in_repository"] =
          *Trees.front().Run.SourceRootInRepository;
  }
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

std::string toBaselineJson(const std::vector<Finding> &Findings,
                           const SourceRootInfo &Root) {
  nlohmann::ordered_json Entries = nlohmann::ordered_json::array();
  for (const Finding &F : Findings)
    Entries.push_back({{"fingerprint", F.Fingerprint},
                       {"check", checkName(F.Check)},
                       {"file", F.RelativeFile},
                       {"message", F.Message}});
  nlohmann::ordered_json Doc = {{"version", 1},
                                {"tool", "retcheck-baseline"},
                                {"retcheck_version", retcheckVersion()},
                                {"source_root", Root.Path}};
  if (Root.InRepository)
    Doc["source_root_in_repository"] = *Root.InRepository;
  Doc["findings"] = Entries;
  return dump(Doc);
}

std::optional<Baseline> parseBaselineJson(const std::string &Text,
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
  Baseline B;
  if (Doc.contains("source_root") && Doc["source_root"].is_string())
    B.Root.Path = Doc["source_root"].get<std::string>();
  if (Doc.contains("source_root_in_repository") &&
      Doc["source_root_in_repository"].is_string())
    B.Root.InRepository = Doc["source_root_in_repository"].get<std::string>();
  for (const auto &E : Doc["findings"]) {
    if (!E.is_object() || !E.contains("fingerprint") ||
        !E["fingerprint"].is_string()) {
      Error = "a baseline entry has no fingerprint";
      return std::nullopt;
    }
    B.Fingerprints.insert(E["fingerprint"].get<std::string>());
    if (E.contains("file") && E["file"].is_string())
      B.Files.push_back(E["file"].get<std::string>());
  }
  return B;
}

/// The prefix that, put before most of \p Short's paths, gives paths of
/// \p Long ("src/"), when that explains more of them than equal paths do.
static std::string commonShift(const std::vector<std::string> &Long,
                               const std::vector<std::string> &Short) {
  std::set<std::string> ShortSet(Short.begin(), Short.end());
  std::set<std::string> LongSet(Long.begin(), Long.end());
  std::size_t Equal = 0;
  for (const std::string &P : LongSet)
    Equal += ShortSet.count(P);
  std::map<std::string, std::size_t> Prefixes;
  for (const std::string &L : LongSet)
    for (std::size_t Slash = L.find('/'); Slash != std::string::npos;
         Slash = L.find('/', Slash + 1))
      if (ShortSet.count(L.substr(Slash + 1)))
        ++Prefixes[L.substr(0, Slash + 1)];
  std::string Best;
  std::size_t BestCount = 0;
  for (const auto &[Prefix, Count] : Prefixes)
    if (Count > BestCount)
      Best = Prefix, BestCount = Count;
  return BestCount > Equal ? Best : "";
}

std::string sourceRootMismatch(const SourceRootInfo &Then,
                               const std::vector<std::string> &ThenFiles,
                               const SourceRootInfo &Now,
                               const std::vector<std::string> &NowFiles) {
  auto Describe = [](const SourceRootInfo &R) {
    std::string Text = R.Path.empty() ? "an unrecorded root" : R.Path;
    if (R.InRepository)
      Text += *R.InRepository == "."
                  ? " (the top of its git work tree)"
                  : " (" + *R.InRepository + "/ in its git work tree)";
    return Text;
  };
  if (Then.InRepository && Now.InRepository &&
      *Then.InRepository != *Now.InRepository)
    return "made with source root " + Describe(Then) + "; this run's is " +
           Describe(Now);
  std::string Roots = " (" + Describe(Then) + "; here " + Describe(Now) + ")";
  if (std::string Shift = commonShift(ThenFiles, NowFiles); !Shift.empty())
    return "made with another source root: its paths start with '" + Shift +
           "' where this run's do not" + Roots;
  if (std::string Shift = commonShift(NowFiles, ThenFiles); !Shift.empty())
    return "made with another source root: this run's paths start with '" +
           Shift + "' where its do not" + Roots;
  return "";
}

} // namespace retcheck
