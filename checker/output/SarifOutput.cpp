//===- SarifOutput.cpp - Findings as SARIF 2.1.0 --------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SarifOutput.h"

#include "rank/Rank.h"
#include "CheckDocs.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cctype>
#include <cmath>
#include <map>
#include <memory>

using namespace clang;
namespace json = llvm::json;

namespace retcheck {

std::string sarifRuleName(CheckKind K) {
  llvm::StringRef Id = checkName(K);
  Id.consume_front("retcheck-");
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? char(std::toupper(static_cast<unsigned char>(C))) : C;
    Upper = false;
  }
  return Name;
}

unsigned codePoints(llvm::StringRef Bytes) {
  unsigned Count = 0;
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Bytes.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Bytes.end());
  while (P < End) {
    unsigned Length = llvm::getNumBytesForUTF8(*P);
    if (Length == 0 || Length > unsigned(End - P) ||
        !llvm::isLegalUTF8Sequence(P, P + Length))
      Length = 1;
    P += Length;
    ++Count;
  }
  return Count;
}

namespace {

/// The text of the files findings point into, read once.
class Sources {
public:
  /// The file's bytes; nullopt when it cannot be read.
  std::optional<llvm::StringRef> text(const std::string &File) {
    auto [It, New] = Files.try_emplace(File);
    if (New) {
      auto Buffer = llvm::MemoryBuffer::getFile(File);
      if (Buffer)
        It->second = std::move(*Buffer);
    }
    if (!It->second)
      return std::nullopt;
    return It->second->getBuffer();
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

/// The directories locations are relative to (each "" or ending in '/').
struct BaseDirs {
  std::string SourceRoot; ///< %SRCROOT%
  std::string RepoRoot;   ///< %REPOROOT%, when the root is below it
};

/// \p File (absolute) relative to %SRCROOT% when below it, else to
/// %REPOROOT%, else as an absolute file URI.
json::Object artifactLocation(const std::string &File, const BaseDirs &Bases) {
  for (auto [Dir, Id] : {std::pair(Bases.SourceRoot, "%SRCROOT%"),
                         std::pair(Bases.RepoRoot, "%REPOROOT%")})
    if (!Dir.empty() && File.compare(0, Dir.size(), Dir) == 0)
      return json::Object{{"uri", percentEncodePath(File.substr(Dir.size()))},
                          {"uriBaseId", Id}};
  return json::Object{{"uri", "file://" + percentEncodePath(File)}};
}

json::Object region(const Finding &F, Sources &Files) {
  unsigned Column = F.Column;
  // Columns count code points (the run's columnKind), the finding counts
  // bytes: convert through the line's text.
  if (std::optional<llvm::StringRef> Text = Files.text(F.File))
    if (F.Column >= 1 && F.Offset >= F.Column - 1 && F.Offset <= Text->size())
      Column = codePoints(Text->slice(F.Offset - (F.Column - 1), F.Offset)) + 1;
  return json::Object{{"startLine", F.Line}, {"startColumn", Column}};
}

json::Object deletedRegion(const TextEdit &E, Sources &Files) {
  std::optional<llvm::StringRef> Text = Files.text(E.File);
  if (!Text || E.Offset + E.Length > Text->size())
    return json::Object{{"byteOffset", E.Offset}, {"byteLength", E.Length}};
  return json::Object{
      {"charOffset", codePoints(Text->take_front(E.Offset))},
      {"charLength", codePoints(Text->slice(E.Offset, E.Offset + E.Length))}};
}

json::Object result(const Finding &F, std::size_t RuleIndex,
                    const BaseDirs &Bases, Sources &Files) {
  json::Object Result{
      {"ruleId", checkName(F.Check)},
      {"ruleIndex", RuleIndex},
      {"level", F.Level == Severity::Note ? "note" : "warning"},
      {"message", json::Object{{"text", F.Message}}},
      {"locations",
       json::Array{json::Object{
           {"physicalLocation",
            json::Object{{"artifactLocation", artifactLocation(F.File, Bases)},
                         {"region", region(F, Files)}}}}}},
      {"partialFingerprints",
       json::Object{{"retcheckFingerprint/v1", F.Fingerprint}}},
      // SARIF's rank: 0..100, how much the result matters (3.27.27).
      {"rank", double(F.Rank)}};
  json::Object Properties;
  json::Array Reasons;
  for (const RankSignal &S : F.RankSignals)
    Reasons.push_back(rankReason(S));
  Properties["rankReasons"] = std::move(Reasons);
  if (F.Inferred) {
    json::Array Evidence;
    for (const std::string &E : F.Evidence)
      Evidence.push_back(E);
    Properties["contract"] = "inferred";
    Properties["confidence"] = std::round(F.Confidence * 100) / 100;
    Properties["evidence"] = std::move(Evidence);
  }
  Result["properties"] = std::move(Properties);
  // One fix for the finding's fix-its, one per repair note.
  auto FixOf = [&](const std::vector<TextEdit> &Edits,
                   const std::string &Description) {
    // One artifactChange per edited file (a fix may edit a header).
    std::map<std::string, json::Array> ByFile;
    for (const TextEdit &E : Edits)
      ByFile[E.File].push_back(
          json::Object{{"deletedRegion", deletedRegion(E, Files)},
                       {"insertedContent", json::Object{{"text", E.Text}}}});
    json::Array Changes;
    for (auto &[File, Replacements] : ByFile)
      Changes.push_back(
          json::Object{{"artifactLocation", artifactLocation(File, Bases)},
                       {"replacements", std::move(Replacements)}});
    return json::Object{{"description", json::Object{{"text", Description}}},
                        {"artifactChanges", std::move(Changes)}};
  };
  json::Array Fixes;
  if (!F.Fixes.empty())
    Fixes.push_back(FixOf(F.Fixes, "Test for every error value"));
  for (const FindingNote &N : F.Notes)
    if (!N.Fixes.empty())
      Fixes.push_back(FixOf(N.Fixes, N.Message));
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  return Result;
}

/// Compile errors and TUs that could not be analysed.
json::Object invocation(const RunResult &Run, const BaseDirs &Bases) {
  json::Array Notifications;
  for (const TUProblem &P : Run.Problems) {
    llvm::StringRef First = llvm::StringRef(P.Message).split('\n').first;
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"descriptor", json::Object{{"id", P.Kind}}},
        {"message", json::Object{{"text", P.Message}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation",
                                         artifactLocation(P.File, Bases)}}}}}},
        {"properties", json::Object{{"summary", First}}}});
  }
  json::Object Invocation{{"executionSuccessful", Run.Problems.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  return Invocation;
}

} // namespace

void writeSarif(const RunResult &Run, const SarifOptions &Options,
                llvm::raw_ostream &OS) {
  IntrusiveRefCntPtr<DiagnosticOptions> Opts = new DiagnosticOptions();
  IgnoringDiagConsumer Ignore;
  DiagnosticsEngine Diags(new DiagnosticIDs(), &*Opts, &Ignore, false);
  FileManager FileMgr{FileSystemOptions()};
  SourceManager SM(Diags, FileMgr);

  SarifDocumentWriter Writer(SM);
  Writer.createRun("retcheck", "retcheck", Options.ToolVersion);
  std::map<CheckKind, std::size_t> RuleIndex;
  for (CheckKind K : AllChecks)
    RuleIndex[K] =
        Writer.createRule(SarifRule::create()
                              .setRuleId(checkName(K))
                              .setName(sarifRuleName(K))
                              .setDescription(checkHelp(K))
                              .setHelpURI(checkDocUri(K, Options.DocsUrl)));
  Writer.endRun();
  json::Object Doc = Writer.createDocument();

  std::string Root = Run.SourceRoot.empty() || Run.SourceRoot.back() == '/'
                         ? Run.SourceRoot
                         : Run.SourceRoot + "/";
  json::Object &RunObject = *(*Doc.getArray("runs"))[0].getAsObject();
  json::Object &Driver = *RunObject.getObject("tool")->getObject("driver");
  // Clang's writer names its own manual; without published docs, none.
  if (Options.DocsUrl.empty())
    Driver.erase("informationUri");
  else
    Driver["informationUri"] = Options.DocsUrl;
  Driver["semanticVersion"] =
      llvm::StringRef(Options.ToolVersion).split(' ').first.str();
  for (json::Value &R : *Driver.getArray("rules")) {
    json::Object &Rule = *R.getAsObject();
    std::optional<CheckKind> K =
        parseCheckName(Rule.getString("id").value_or("").str());
    if (!K)
      continue;
    Rule["shortDescription"] = json::Object{{"text", checkTitle(*K)}};
    Rule["help"] =
        json::Object{{"text", checkHelp(*K)}, {"markdown", checkDoc(*K)}};
  }

  BaseDirs Bases{Root, ""};
  json::Object RootBase{{"uri", "file://" + percentEncodePath(Root)}};
  if (Options.Provenance && Options.RootInRepository != "." &&
      Root.size() > Options.RootInRepository.size() + 1) {
    // The source root is a place in the repository: %REPOROOT% is mapped
    // to the repository, %SRCROOT% is relative to it.
    std::string Top =
        Root.substr(0, Root.size() - Options.RootInRepository.size() - 1);
    Bases.RepoRoot = Top;
    RunObject["originalUriBaseIds"] = json::Object{
        {"%REPOROOT%",
         json::Object{{"uri", "file://" + percentEncodePath(Top)}}},
        {"%SRCROOT%", json::Object{{"uri", percentEncodePath(
                                               Options.RootInRepository + "/")},
                                   {"uriBaseId", "%REPOROOT%"}}}};
  } else {
    RunObject["originalUriBaseIds"] =
        json::Object{{"%SRCROOT%", std::move(RootBase)}};
  }
  if (Options.Provenance) {
    json::Object Provenance{
        {"repositoryUri", Options.Provenance->RepositoryUri},
        {"revisionId", Options.Provenance->RevisionId},
        {"mappedTo", json::Object{{"uriBaseId", Options.RootInRepository == "."
                                                    ? "%SRCROOT%"
                                                    : "%REPOROOT%"}}}};
    if (!Options.Provenance->Branch.empty())
      Provenance["branch"] = Options.Provenance->Branch;
    RunObject["versionControlProvenance"] = json::Array{std::move(Provenance)};
  }

  Sources Files;
  json::Array Results;
  for (const Finding &F : Run.Findings)
    Results.push_back(result(F, RuleIndex[F.Check], Bases, Files));
  RunObject["results"] = std::move(Results);
  RunObject["invocations"] = json::Array{invocation(Run, Bases)};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Doc))) << "\n";
}

} // namespace retcheck
