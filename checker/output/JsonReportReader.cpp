//===- JsonReportReader.cpp - Reading JSON results back -------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `retcheck report` merges results written by other runs, other machines and
// older versions, so every field is checked before it is used: a wrong file
// is named with what is wrong and where ("findings[3].line: expected an
// unsigned integer, got string"), never half-read.
//
//===----------------------------------------------------------------------===//

#include "Fingerprint.h"
#include "JsonReport.h"
#include "support/JsonSyntax.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>

using nlohmann::json;

namespace retcheck {

namespace {

/// Object[Key] if it is a string, else "" (json::value throws on a type).
std::string stringMember(const json &Object, const char *Key) {
  auto It = Object.find(Key);
  return It != Object.end() && It->is_string() ? It->get<std::string>() : "";
}

/// "findings[3].line"; a top-level field is named alone.
std::string at(const std::string &Where, const char *Key) {
  return Where.empty() ? Key : Where + "." + Key;
}

// The JSON values each field type takes, and their name in errors.
bool fits(const json &J, const std::string &) { return J.is_string(); }
bool fits(const json &J, const unsigned &) {
  return J.is_number_unsigned() && J.get<uint64_t>() <= UINT32_MAX;
}
bool fits(const json &J, const double &) { return J.is_number(); }
bool fits(const json &J, const bool &) { return J.is_boolean(); }
const char *wanted(const std::string &) { return "a string"; }
const char *wanted(const bool &) { return "true or false"; }
const char *wanted(const unsigned &) { return "an unsigned integer"; }
const char *wanted(const double &) { return "a number"; }

/// What a foreign JSON document is, when it is recognisably something else.
std::string foreignKind(const json &Doc) {
  if (Doc.is_object()) {
    if (stringMember(Doc, "$schema").find("sarif") != std::string::npos ||
        (Doc.contains("runs") && stringMember(Doc, "version") == "2.1.0"))
      return "a SARIF log";
    if (stringMember(Doc, "tool") == "retcheck-baseline")
      return "a retcheck baseline";
  }
  if (Doc.is_array() && !Doc.empty() && Doc.front().is_object() &&
      Doc.front().contains("check_name"))
    return "a GitLab Code Quality report";
  return "";
}

class ResultReader {
public:
  std::optional<std::vector<TreeResult>> read(const std::string &Text);
  std::string Error;

private:
  bool fail(const std::string &Where, const std::string &What) {
    Error = Where.empty() ? What : Where + ": " + What;
    return false;
  }
  bool expected(const std::string &Where, const char *Want, const json &Got) {
    return fail(Where,
                std::string("expected ") + Want + ", got " + Got.type_name());
  }

  /// Reads Object[Key] into Out. A missing optional field leaves Out as is
  /// and clears *Present.
  template <typename T>
  bool field(const json &Object, const std::string &Where, const char *Key,
             T &Out, bool *Present = nullptr);
  const json *member(const json &Object, const std::string &Where,
                     const char *Key, bool *Present);
  /// An optional string field, left unset when missing.
  bool optionalField(const json &Object, const std::string &Where,
                     const char *Key, std::optional<std::string> &Out) {
    std::string Value;
    bool Present = false;
    if (!field(Object, Where, Key, Value, &Present))
      return false;
    if (Present)
      Out = Value;
    return true;
  }

  bool readFinding(const json &J, const std::string &Where, Finding &F,
                   bool &Verifiable);
  bool readEdits(const json &J, const std::string &Where,
                 std::vector<TextEdit> &Edits);
  bool readProblem(const json &J, const std::string &Where, TUProblem &P);
  bool readStats(const json &Object, const std::string &Where, RunStats &S);
  bool readRanking(const json &Object, const std::string &Where, RunResult &R);
  bool readRepairStats(const json &Stats, const std::string &Where,
                       RunStats &S);
  bool readTrees(const json &Doc, std::vector<TreeResult> &Trees);
  /// Index of the tree named by J["tree"] (0 in a plain result).
  bool treeOf(const json &J, const std::string &Where,
              const std::map<std::string, std::size_t> &Labels,
              std::size_t &Index);
};

const json *ResultReader::member(const json &Object, const std::string &Where,
                                 const char *Key, bool *Present) {
  auto It = Object.find(Key);
  if (Present)
    *Present = It != Object.end();
  if (It == Object.end()) {
    if (!Present)
      fail(Where, std::string("missing field '") + Key + "'");
    return nullptr;
  }
  return &*It;
}

template <typename T>
bool ResultReader::field(const json &Object, const std::string &Where,
                         const char *Key, T &Out, bool *Present) {
  const json *J = member(Object, Where, Key, Present);
  if (!J)
    return Present != nullptr;
  if (!fits(*J, Out))
    return expected(at(Where, Key), wanted(Out), *J);
  Out = J->get<T>();
  return true;
}

bool ResultReader::readFinding(const json &J, const std::string &Where,
                               Finding &F, bool &Verifiable) {
  if (!J.is_object())
    return expected(Where, "an object", J);
  std::string Check;
  bool HasRelative = false, HasOffset = false, Optional = false;
  if (!field(J, Where, "check", Check))
    return false;
  std::optional<CheckKind> Kind = parseCheckName(Check);
  if (!Kind)
    return fail(Where + ".check", "unknown check '" + Check + "'");
  F.Check = *Kind;
  std::string Level = "warning";
  if (!field(J, Where, "severity", Level, &Optional))
    return false;
  std::optional<Severity> Sev = parseSeverity(Level);
  if (!Sev)
    return fail(Where + ".severity", "unknown severity '" + Level + "'");
  F.Level = *Sev;
  if (!field(J, Where, "file", F.File) ||
      !field(J, Where, "relative_file", F.RelativeFile, &HasRelative) ||
      !field(J, Where, "line", F.Line) ||
      !field(J, Where, "column", F.Column) ||
      !field(J, Where, "offset", F.Offset, &HasOffset) ||
      !field(J, Where, "message", F.Message) ||
      !field(J, Where, "function", F.Function) ||
      !field(J, Where, "enclosing_function", F.EnclosingFunction, &Optional) ||
      !field(J, Where, "fingerprint", F.Fingerprint))
    return false;
  if (F.Fingerprint.empty())
    return fail(Where + ".fingerprint", "empty");
  Verifiable &= HasRelative && HasOffset;
  if (const json *Call = member(J, Where, "call", &Optional)) {
    if (!Call->is_object())
      return expected(Where + ".call", "an object", *Call);
    if (!field(*Call, Where + ".call", "line", F.CallLine) ||
        !field(*Call, Where + ".call", "column", F.CallColumn))
      return false;
  }
  if (!field(J, Where, "rank", F.Rank, &Optional) ||
      !field(J, Where, "rank_decides", F.RankDecided, &Optional))
    return false;
  if (const json *Signals = member(J, Where, "rank_signals", &Optional)) {
    if (!Signals->is_array())
      return expected(Where + ".rank_signals", "an array", *Signals);
    for (std::size_t I = 0; I < Signals->size(); ++I) {
      std::string At = Where + ".rank_signals[" + std::to_string(I) + "]";
      const json &S = (*Signals)[I];
      if (!S.is_object())
        return expected(At, "an object", S);
      RankSignal Signal;
      bool Present = false;
      if (!field(S, At, "weight", Signal.Weight) ||
          !field(S, At, "why", Signal.Why) ||
          !field(S, At, "other_calls", Signal.OtherCalls, &Present))
        return false;
      F.RankSignals.push_back(std::move(Signal));
    }
  }
  if (!field(J, Where, "function_file", F.FunctionFile, &Optional))
    return false;
  std::string Contract = "written";
  if (!field(J, Where, "contract", Contract, &Optional))
    return false;
  if (Contract != "written" && Contract != "inferred")
    return fail(Where + ".contract", "expected \"written\" or \"inferred\"");
  F.Inferred = Contract == "inferred";
  if (!field(J, Where, "confidence", F.Confidence, &Optional))
    return false;
  std::string Basis = "body";
  if (!field(J, Where, "contract_basis", Basis, &Optional))
    return false;
  if (Basis != "body" && Basis != "callers")
    return fail(Where + ".contract_basis", "expected \"body\" or \"callers\"");
  F.FromCallers = Basis == "callers";
  if (const json *Calls = member(J, Where, "contract_calls", &Optional))
    if (!field(*Calls, Where + ".contract_calls", "calls", F.ContractCalls) ||
        !field(*Calls, Where + ".contract_calls", "checking",
               F.ContractCallsChecking))
      return false;
  if (const json *Evidence = member(J, Where, "evidence", &Optional)) {
    if (!Evidence->is_array())
      return expected(Where + ".evidence", "an array", *Evidence);
    for (std::size_t I = 0; I < Evidence->size(); ++I) {
      if (!(*Evidence)[I].is_string())
        return expected(Where + ".evidence[" + std::to_string(I) + "]",
                        "a string", (*Evidence)[I]);
      F.Evidence.push_back((*Evidence)[I].get<std::string>());
    }
  }
  if (!readEdits(J, Where, F.Fixes) ||
      !field(J, Where, "no_repair", F.NoRepair, &Optional))
    return false;
  if (const json *Notes = member(J, Where, "notes", &Optional)) {
    if (!Notes->is_array())
      return expected(Where + ".notes", "an array", *Notes);
    for (std::size_t I = 0; I < Notes->size(); ++I) {
      std::string At = Where + ".notes[" + std::to_string(I) + "]";
      const json &N = (*Notes)[I];
      FindingNote Note;
      if (!N.is_object())
        return expected(At, "an object", N);
      if (!field(N, At, "message", Note.Message) ||
          !field(N, At, "file", Note.File) ||
          !field(N, At, "line", Note.Line) ||
          !field(N, At, "column", Note.Column) ||
          !field(N, At, "offset", Note.Offset) || !readEdits(N, At, Note.Fixes))
        return false;
      F.Notes.push_back(std::move(Note));
    }
  }
  return true;
}

/// The "fixes" of a finding or note, if any.
bool ResultReader::readEdits(const json &J, const std::string &Where,
                             std::vector<TextEdit> &Edits) {
  bool Optional = false;
  const json *Fixes = member(J, Where, "fixes", &Optional);
  if (!Fixes)
    return true;
  if (!Fixes->is_array())
    return expected(Where + ".fixes", "an array", *Fixes);
  for (std::size_t I = 0; I < Fixes->size(); ++I) {
    std::string At = Where + ".fixes[" + std::to_string(I) + "]";
    const json &E = (*Fixes)[I];
    TextEdit Edit;
    if (!E.is_object())
      return expected(At, "an object", E);
    if (!field(E, At, "file", Edit.File) ||
        !field(E, At, "offset", Edit.Offset) ||
        !field(E, At, "length", Edit.Length) ||
        !field(E, At, "replacement", Edit.Text))
      return false;
    Edits.push_back(std::move(Edit));
  }
  return true;
}

bool ResultReader::readProblem(const json &J, const std::string &Where,
                               TUProblem &P) {
  if (!J.is_object())
    return expected(Where, "an object", J);
  return field(J, Where, "file", P.File) && field(J, Where, "kind", P.Kind) &&
         field(J, Where, "message", P.Message);
}

bool ResultReader::readRanking(const json &Object, const std::string &Where,
                               RunResult &R) {
  bool Present = false;
  const json *Ranking = member(Object, Where, "ranking", &Present);
  if (!Ranking)
    return true; // written before ranks existed
  std::string At = at(Where, "ranking");
  if (!Ranking->is_object())
    return expected(At, "an object", *Ranking);
  if (!field(*Ranking, At, "warning_rank", R.WarningRank))
    return false;
  const json *Callers = member(*Ranking, At, "callers", nullptr);
  if (!Callers)
    return false;
  if (!Callers->is_array())
    return expected(At + ".callers", "an array", *Callers);
  for (std::size_t I = 0; I < Callers->size(); ++I) {
    std::string Item = At + ".callers[" + std::to_string(I) + "]";
    const json &C = (*Callers)[I];
    if (!C.is_object())
      return expected(Item, "an object", C);
    std::string Function, File;
    CallerTally::Counts Counts;
    if (!field(C, Item, "function", Function) ||
        !field(C, Item, "file", File, &Present) ||
        !field(C, Item, "calls", Counts.All) ||
        !field(C, Item, "handled", Counts.Handled))
      return false;
    R.Tally.add(Function, File, Counts);
  }
  return true;
}

bool ResultReader::readStats(const json &Object, const std::string &Where,
                             RunStats &S) {
  bool Present = false;
  const json *J = member(Object, Where, "stats", &Present);
  if (!J)
    return true;
  std::string At = at(Where, "stats");
  if (!J->is_object())
    return expected(At, "an object", *J);
  return field(*J, At, "translation_units", S.TranslationUnits, &Present) &&
         field(*J, At, "files", S.Files, &Present) &&
         field(*J, At, "failed", S.Failed, &Present) &&
         field(*J, At, "skipped", S.Skipped, &Present) &&
         field(*J, At, "baselined", S.Baselined, &Present) &&
         field(*J, At, "jobs", S.Jobs, &Present) &&
         field(*J, At, "seconds", S.Seconds, &Present) &&
         readRepairStats(*J, At, S);
}

/// stats.repairs, written since repairs are verified.
bool ResultReader::readRepairStats(const json &Stats, const std::string &Where,
                                   RunStats &S) {
  bool Present = false;
  const json *J = member(Stats, Where, "repairs", &Present);
  if (!J)
    return true;
  std::string At = at(Where, "repairs");
  if (!J->is_object())
    return expected(At, "an object", *J);
  return field(*J, At, "proposed", S.RepairsProposed, &Present) &&
         field(*J, At, "offered", S.RepairsOffered, &Present) &&
         field(*J, At, "parses", S.RepairParses, &Present) &&
         field(*J, At, "seconds", S.RepairSeconds, &Present);
}

bool ResultReader::readTrees(const json &Doc, std::vector<TreeResult> &Trees) {
  const json &List = Doc["trees"];
  if (!List.is_array() || List.empty())
    return List.is_array() ? fail("trees", "empty")
                           : expected("trees", "an array", List);
  for (std::size_t I = 0; I < List.size(); ++I) {
    std::string At = "trees[" + std::to_string(I) + "]";
    const json &J = List[I];
    TreeResult T;
    if (!J.is_object())
      return expected(At, "an object", J);
    if (!field(J, At, "label", T.Label) ||
        !field(J, At, "source_root", T.Run.SourceRoot) ||
        !optionalField(J, At, "source_root_in_repository",
                       T.Run.SourceRootInRepository) ||
        !readStats(J, At, T.Run.Stats) || !readRanking(J, At, T.Run))
      return false;
    if (T.Label.empty())
      return fail(At + ".label", "empty");
    for (const TreeResult &Other : Trees)
      if (Other.Label == T.Label)
        return fail(At + ".label", "'" + T.Label + "' twice");
    bool Present = false;
    if (const json *Inputs = member(J, At, "inputs", &Present)) {
      if (!Inputs->is_array())
        return expected(At + ".inputs", "an array", *Inputs);
      for (const json &In : *Inputs) {
        if (!In.is_string())
          return expected(At + ".inputs[]", "a string", In);
        T.Inputs.push_back(In.get<std::string>());
      }
    }
    Trees.push_back(std::move(T));
  }
  return true;
}

bool ResultReader::treeOf(const json &J, const std::string &Where,
                          const std::map<std::string, std::size_t> &Labels,
                          std::size_t &Index) {
  Index = 0;
  if (Labels.empty())
    return true;
  std::string Label;
  if (!field(J, Where, "tree", Label))
    return false;
  auto It = Labels.find(Label);
  if (It == Labels.end())
    return fail(Where + ".tree", "'" + Label + "' is not in \"trees\"");
  Index = It->second;
  return true;
}

std::optional<std::vector<TreeResult>>
ResultReader::read(const std::string &Text) {
  JsonSyntaxError Syntax;
  std::optional<json> Parsed = parseJson(Text, Syntax);
  if (!Parsed) {
    fail("", "invalid JSON " + Syntax.describe(Text));
    return std::nullopt;
  }
  const json &Doc = *Parsed;
  if (std::string Kind = foreignKind(Doc); !Kind.empty()) {
    fail("", Kind + ", not a retcheck result (write one with retcheck "
                    "--format json)");
    return std::nullopt;
  }
  if (!Doc.is_object() || stringMember(Doc, "tool") != "retcheck") {
    fail("", "not a retcheck result (no \"tool\": \"retcheck\")");
    return std::nullopt;
  }
  unsigned Version = 0;
  if (!field(Doc, "", "version", Version))
    return std::nullopt;
  if (Version != 1) {
    fail("", "retcheck result version " + std::to_string(Version) +
                 "; this retcheck reads version 1");
    return std::nullopt;
  }

  std::vector<TreeResult> Trees;
  std::map<std::string, std::size_t> Labels;
  bool HasRoot = false;
  if (Doc.contains("trees")) {
    if (!readTrees(Doc, Trees))
      return std::nullopt;
    for (std::size_t I = 0; I < Trees.size(); ++I)
      Labels[Trees[I].Label] = I;
  } else {
    Trees.emplace_back();
    if (!field(Doc, "", "source_root", Trees[0].Run.SourceRoot, &HasRoot) ||
        !optionalField(Doc, "", "source_root_in_repository",
                       Trees[0].Run.SourceRootInRepository) ||
        !readStats(Doc, "", Trees[0].Run.Stats) ||
        !readRanking(Doc, "", Trees[0].Run))
      return std::nullopt;
  }
  std::string ToolVersion;
  bool HasToolVersion = false;
  if (!field(Doc, "", "retcheck_version", ToolVersion, &HasToolVersion))
    return std::nullopt;
  for (TreeResult &T : Trees)
    T.Run.ToolVersion = ToolVersion;

  const json *Findings = member(Doc, "", "findings", nullptr);
  if (!Findings)
    return std::nullopt;
  if (!Findings->is_array()) {
    expected("findings", "an array", *Findings);
    return std::nullopt;
  }
  for (std::size_t I = 0; I < Findings->size(); ++I) {
    std::string At = "findings[" + std::to_string(I) + "]";
    Finding F;
    std::size_t Tree = 0;
    bool Verifiable = true;
    if (!readFinding((*Findings)[I], At, F, Verifiable) ||
        !treeOf((*Findings)[I], At, Labels, Tree))
      return std::nullopt;
    Trees[Tree].Verifiable &= Verifiable;
    Trees[Tree].Run.Findings.push_back(std::move(F));
  }

  bool Present = false;
  if (const json *Errors = member(Doc, "", "errors", &Present)) {
    if (!Errors->is_array()) {
      expected("errors", "an array", *Errors);
      return std::nullopt;
    }
    for (std::size_t I = 0; I < Errors->size(); ++I) {
      std::string At = "errors[" + std::to_string(I) + "]";
      TUProblem P;
      std::size_t Tree = 0;
      if (!readProblem((*Errors)[I], At, P) ||
          !treeOf((*Errors)[I], At, Labels, Tree))
        return std::nullopt;
      Trees[Tree].Run.Problems.push_back(std::move(P));
    }
  }

  // Results written before "source_root" and "relative_file" existed: the
  // deepest directory of the findings stands in for the root.
  for (TreeResult &T : Trees) {
    RunResult &Run = T.Run;
    if (!HasRoot && Labels.empty() && !Run.Findings.empty()) {
      std::vector<std::string> Files;
      for (const Finding &F : Run.Findings)
        Files.push_back(F.File);
      Run.SourceRoot = commonDirectory(Files);
    }
    for (Finding &F : Run.Findings)
      if (F.RelativeFile.empty())
        F.RelativeFile = relativePath(F.File, Run.SourceRoot);
  }
  return Trees;
}

} // namespace

std::optional<std::vector<TreeResult>> parseResultJson(const std::string &Text,
                                                       std::string &Error) {
  ResultReader Reader;
  std::optional<std::vector<TreeResult>> Trees = Reader.read(Text);
  if (!Trees)
    Error = Reader.Error;
  return Trees;
}

std::optional<std::vector<TreeResult>> readResultFile(const std::string &Path,
                                                      std::string &Error) {
  struct stat St;
  bool Exists = stat(Path.c_str(), &St) == 0;
  if (!Exists || S_ISDIR(St.st_mode)) {
    Error = Path + (Exists ? ": is a directory" : ": no such file");
    return std::nullopt;
  }
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = Path + ": cannot open (permission denied)";
    return std::nullopt;
  }
  std::stringstream Buffer;
  Buffer << In.rdbuf();
  std::optional<std::vector<TreeResult>> Trees =
      parseResultJson(Buffer.str(), Error);
  if (!Trees)
    Error = Path + ": " + Error;
  return Trees;
}

} // namespace retcheck
