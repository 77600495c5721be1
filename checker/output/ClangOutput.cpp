//===- ClangOutput.cpp - Findings in clang's own formats ------------------===//

#include "ClangOutput.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include "llvm/Support/YAMLTraits.h"
#include <cmath>
#include <map>

using namespace clang;

namespace retcheck {

void printFindingsAsText(const std::vector<Finding> &Findings,
                         llvm::raw_ostream &OS, bool Colors) {
  IntrusiveRefCntPtr<DiagnosticOptions> Opts = new DiagnosticOptions();
  Opts->ShowColors = Colors;
  TextDiagnosticPrinter Printer(OS, &*Opts);
  DiagnosticsEngine Diags(new DiagnosticIDs(), &*Opts, &Printer,
                          /*ShouldOwnClient=*/false);
  FileManager Files{FileSystemOptions()};
  SourceManager Sources(Diags, Files);
  Diags.setSourceManager(&Sources);
  LangOptions Lang;
  Printer.BeginSourceFile(Lang, nullptr);
  // A finding of severity note is a clang remark: clang's `note:` would
  // continue the warning before it. clang-tidy prints them the same way.
  unsigned WarningID =
      Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
  unsigned RemarkID = Diags.getCustomDiagID(DiagnosticsEngine::Remark, "%0");
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");

  auto LocationOf = [&](const std::string &File,
                        unsigned Offset) -> SourceLocation {
    llvm::Expected<FileEntryRef> Entry = Files.getFileRef(File);
    if (!Entry) {
      llvm::consumeError(Entry.takeError());
      return {};
    }
    FileID ID = Sources.getOrCreateFileID(*Entry, SrcMgr::C_User);
    std::optional<llvm::MemoryBufferRef> Buffer = Sources.getBufferOrNone(ID);
    if (!Buffer || Offset > Buffer->getBufferSize())
      return {};
    return Sources.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  };

  auto AddFixes = [&](DiagnosticBuilder &Builder,
                      const std::vector<TextEdit> &Fixes) {
    for (const TextEdit &E : Fixes) {
      SourceLocation Begin = LocationOf(E.File, E.Offset);
      if (Begin.isValid())
        Builder << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Begin,
                                          Begin.getLocWithOffset(E.Length)),
            E.Text);
    }
  };
  for (const Finding &F : Findings) {
    std::string Text = F.Message + " [" + checkName(F.Check) + "]";
    SourceLocation Loc = LocationOf(F.File, F.Offset);
    if (Loc.isInvalid()) {
      // The file is gone or changed: print the position as recorded.
      OS << F.File << ":" << F.Line << ":" << F.Column
         << (F.Level == Severity::Note ? ": remark: " : ": warning: ") << Text
         << "\n";
      for (const FindingNote &N : F.Notes)
        OS << N.File << ":" << N.Line << ":" << N.Column
           << ": note: " << N.Message << "\n";
      continue;
    }
    {
      DiagnosticBuilder Builder =
          Diags.Report(Loc, F.Level == Severity::Note ? RemarkID : WarningID);
      Builder << Text;
      AddFixes(Builder, F.Fixes);
    }
    // A repair follows its finding as a note, with its fix-its (applied by
    // --fix-notes); clang prints the one-line ones.
    for (const FindingNote &N : F.Notes) {
      SourceLocation NoteLoc = LocationOf(N.File, N.Offset);
      if (NoteLoc.isInvalid())
        continue;
      DiagnosticBuilder Builder = Diags.Report(NoteLoc, NoteID);
      Builder << N.Message;
      AddFixes(Builder, N.Fixes);
    }
  }
  Printer.EndSourceFile();
}

void writeSarif(const std::vector<Finding> &Findings,
                const std::string &SourceRoot, llvm::raw_ostream &OS) {
  IntrusiveRefCntPtr<DiagnosticOptions> Opts = new DiagnosticOptions();
  IgnoringDiagConsumer Ignore;
  DiagnosticsEngine Diags(new DiagnosticIDs(), &*Opts, &Ignore, false);
  FileManager Files{FileSystemOptions()};
  SourceManager Sources(Diags, Files);

  SarifDocumentWriter Writer(Sources);
  Writer.createRun("retcheck", "retcheck", "0.1.0");
  std::map<CheckKind, size_t> RuleIndex;
  for (CheckKind K : AllChecks)
    RuleIndex[K] = Writer.createRule(SarifRule::create()
                                         .setRuleId(checkName(K))
                                         .setName(checkName(K))
                                         .setDescription(checkHelp(K)));
  std::vector<const Finding *> Written;
  for (const Finding &F : Findings) {
    llvm::Expected<FileEntryRef> Entry = Files.getFileRef(F.File);
    if (!Entry) {
      llvm::consumeError(Entry.takeError());
      continue;
    }
    FileID ID = Sources.getOrCreateFileID(*Entry, SrcMgr::C_User);
    SourceLocation Loc =
        Sources.getLocForStartOfFile(ID).getLocWithOffset(F.Offset);
    Writer.appendResult(
        SarifResult::create(RuleIndex[F.Check])
            .setRuleId(checkName(F.Check))
            .setDiagnosticMessage(F.Message)
            .setDiagnosticLevel(F.Level == Severity::Note
                                    ? SarifResultLevel::Note
                                    : SarifResultLevel::Warning)
            .setLocations({CharSourceRange::getCharRange(Loc, Loc)}));
    Written.push_back(&F);
  }
  Writer.endRun();
  llvm::json::Object Doc = Writer.createDocument();

  // What clang's writer leaves out.
  std::string Root = SourceRoot.back() == '/' ? SourceRoot : SourceRoot + "/";
  llvm::json::Object &Run = *(*Doc.getArray("runs"))[0].getAsObject();
  Run["originalUriBaseIds"] = llvm::json::Object{
      {"%SRCROOT%", llvm::json::Object{{"uri", "file://" + Root}}}};
  if (llvm::json::Array *Rules =
          Run.getObject("tool")->getObject("driver")->getArray("rules"))
    for (llvm::json::Value &R : *Rules) {
      llvm::json::Object &Rule = *R.getAsObject();
      std::optional<CheckKind> K =
          parseCheckName(Rule.getString("id").value_or("").str());
      if (K)
        Rule["help"] = llvm::json::Object{{"text", checkHelp(*K)}};
    }
  auto RelativeLocation = [&](const Finding &F, unsigned Line,
                              unsigned Column) {
    return llvm::json::Object{
        {"physicalLocation",
         llvm::json::Object{
             {"artifactLocation",
              llvm::json::Object{{"uri", F.RelativeFile},
                                 {"uriBaseId", "%SRCROOT%"}}},
             {"region", llvm::json::Object{{"startLine", Line},
                                           {"startColumn", Column}}}}}};
  };
  llvm::json::Array &Results = *Run.getArray("results");
  for (std::size_t I = 0; I < Results.size() && I < Written.size(); ++I) {
    const Finding &F = *Written[I];
    llvm::json::Object &Result = *Results[I].getAsObject();
    Result["locations"] =
        llvm::json::Array{RelativeLocation(F, F.Line, F.Column)};
    Result["partialFingerprints"] =
        llvm::json::Object{{"retcheckFingerprint/v1", F.Fingerprint}};
    if (F.Inferred) {
      llvm::json::Array Evidence;
      for (const std::string &E : F.Evidence)
        Evidence.push_back(E);
      Result["properties"] = llvm::json::Object{
          {"contract", "inferred"},
          {"confidence", std::round(F.Confidence * 100) / 100},
          {"evidence", std::move(Evidence)}};
    }
    // One fix for the finding's fix-its, one per repair note.
    auto FixOf = [&](const std::vector<TextEdit> &Edits,
                     const std::string &Description) {
      // One artifactChange per edited file (a fix may edit a header).
      std::map<std::string, llvm::json::Array> ByFile;
      for (const TextEdit &E : Edits)
        ByFile[E.File.compare(0, Root.size(), Root) == 0
                   ? E.File.substr(Root.size())
                   : E.File]
            .push_back(llvm::json::Object{
                {"deletedRegion", llvm::json::Object{{"charOffset", E.Offset},
                                                     {"charLength", E.Length}}},
                {"insertedContent", llvm::json::Object{{"text", E.Text}}}});
      llvm::json::Array Changes;
      for (auto &[File, Replacements] : ByFile)
        Changes.push_back(llvm::json::Object{
            {"artifactLocation",
             llvm::json::Object{{"uri", File}, {"uriBaseId", "%SRCROOT%"}}},
            {"replacements", std::move(Replacements)}});
      return llvm::json::Object{
          {"description", llvm::json::Object{{"text", Description}}},
          {"artifactChanges", std::move(Changes)}};
    };
    llvm::json::Array Fixes;
    if (!F.Fixes.empty())
      Fixes.push_back(FixOf(F.Fixes, "Test for every error value"));
    for (const FindingNote &N : F.Notes)
      if (!N.Fixes.empty())
        Fixes.push_back(FixOf(N.Fixes, N.Message));
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
}

void exportFixesYaml(const std::vector<Finding> &Findings,
                     const std::string &MainSourceFile, llvm::raw_ostream &OS) {
  tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainSourceFile;
  auto MessageOf = [](const std::string &Text, const std::string &File,
                      unsigned Offset, const std::vector<TextEdit> &Fixes) {
    tooling::DiagnosticMessage Message;
    Message.Message = Text;
    Message.FilePath = File;
    Message.FileOffset = Offset;
    for (const TextEdit &E : Fixes) {
      llvm::Error Err = Message.Fix[E.File].add(
          tooling::Replacement(E.File, E.Offset, E.Length, E.Text));
      if (Err)
        llvm::consumeError(std::move(Err));
    }
    return Message;
  };
  for (const Finding &F : Findings) {
    tooling::DiagnosticMessage Message =
        MessageOf(F.Message, F.File, F.Offset, F.Fixes);
    // Repairs are notes with fixes, as clang-tidy exports them:
    // clang-apply-replacements applies one where the warning has none.
    llvm::SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const FindingNote &N : F.Notes)
      Notes.push_back(MessageOf(N.Message, N.File, N.Offset, N.Fixes));
    TUD.Diagnostics.emplace_back(checkName(F.Check), Message, Notes,
                                 F.Level == Severity::Note
                                     ? tooling::Diagnostic::Remark
                                     : tooling::Diagnostic::Warning,
                                 "");
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
}

} // namespace retcheck
