//===- ClangOutput.cpp - Findings in clang's own formats ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ClangOutput.h"
#include "EvidenceNotes.h"

#include "rank/Rank.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/YAMLTraits.h"

using namespace clang;

namespace retcheck {

void printFindingsAsText(const std::vector<Finding> &Findings,
                         llvm::raw_ostream &OS, bool Colors,
                         const std::vector<std::string> &EvidenceBases) {
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
  unsigned WarningID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
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

  // Clang numbers a snippet from the first line that any fix-it begins on,
  // even one it does not show (TextDiagnostic::emitSnippetAndCaret): a
  // repair that retypes a local 30 lines above its note would print the
  // note's line under the declaration's number. Such fix-its are left out
  // of the text (every other output has them).
  auto AddFixes = [&](DiagnosticBuilder &Builder, SourceLocation Caret,
                      const std::vector<TextEdit> &Fixes) {
    unsigned CaretLine = Sources.getExpansionLineNumber(Caret);
    for (const TextEdit &E : Fixes) {
      SourceLocation Begin = LocationOf(E.File, E.Offset);
      if (Begin.isValid() &&
          Sources.getFileID(Begin) == Sources.getFileID(Caret) &&
          Sources.getExpansionLineNumber(Begin) >= CaretLine)
        Builder << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Begin,
                                          Begin.getLocWithOffset(E.Length)),
            E.Text);
    }
  };
  for (const Finding &F : Findings) {
    std::string Text = F.Message + " [" + checkName(F.Check) +
                       (F.Inferred ? ",inferred" : "") + "]";
    std::vector<FindingNote> Evidence = evidenceNotes(F, EvidenceBases);
    SourceLocation Loc = LocationOf(F.File, F.Offset);
    if (Loc.isInvalid()) {
      // The file is gone or changed: print the position as recorded.
      OS << F.File << ":" << F.Line << ":" << F.Column
         << (F.Level == Severity::Note ? ": remark: " : ": warning: ") << Text
         << "\n";
      if (F.RankDecided)
        OS << F.File << ":" << F.Line << ":" << F.Column
           << ": note: " << rankSummary(F) << "\n";
      for (const FindingNote &N : Evidence)
        OS << (N.File.empty() ? ""
                              : N.File + ":" + std::to_string(N.Line) + ":" +
                                    std::to_string(N.Column) + ": ")
           << "note: " << N.Message << "\n";
      for (const FindingNote &N : F.Notes)
        OS << N.File << ":" << N.Line << ":" << N.Column
           << ": note: " << N.Message << "\n";
      continue;
    }
    {
      DiagnosticBuilder Builder =
          Diags.Report(Loc, F.Level == Severity::Note ? RemarkID : WarningID);
      Builder << Text;
      AddFixes(Builder, Loc, F.Fixes);
    }
    // Why it is a warning or a note, when its rank decided.
    if (F.RankDecided)
      Diags.Report(Loc, NoteID) << rankSummary(F);
    // Why an inferred contract holds, as clang points at a declaration.
    for (const FindingNote &N : Evidence)
      Diags.Report(N.File.empty() ? SourceLocation()
                                  : LocationOf(N.File, N.Offset),
                   NoteID)
          << N.Message;
    // A repair follows its finding as a note, with its fix-its (applied by
    // --fix-notes); clang prints the one-line ones.
    for (const FindingNote &N : F.Notes) {
      SourceLocation NoteLoc = LocationOf(N.File, N.Offset);
      if (NoteLoc.isInvalid())
        continue;
      DiagnosticBuilder Builder = Diags.Report(NoteLoc, NoteID);
      Builder << N.Message;
      AddFixes(Builder, NoteLoc, N.Fixes);
    }
  }
  Printer.EndSourceFile();
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
