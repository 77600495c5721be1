//===- ClangOutput.cpp - Findings in clang's own formats ------------------===//

#include "ClangOutput.h"

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
  unsigned WarningID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
  unsigned RemarkID = Diags.getCustomDiagID(DiagnosticsEngine::Remark, "%0");

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

  for (const Finding &F : Findings) {
    std::string Text = F.Message + " [" + checkName(F.Check) + "]";
    SourceLocation Loc = LocationOf(F.File, F.Offset);
    if (Loc.isInvalid()) {
      // The file is gone or changed: print the position as recorded.
      OS << F.File << ":" << F.Line << ":" << F.Column
         << (F.Level == Severity::Note ? ": remark: " : ": warning: ") << Text
         << "\n";
      continue;
    }
    DiagnosticBuilder Builder =
        Diags.Report(Loc, F.Level == Severity::Note ? RemarkID : WarningID);
    Builder << Text;
    for (const TextEdit &E : F.Fixes) {
      SourceLocation Begin = LocationOf(E.File, E.Offset);
      if (Begin.isValid())
        Builder << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Begin,
                                          Begin.getLocWithOffset(E.Length)),
            E.Text);
    }
  }
  Printer.EndSourceFile();
}

void exportFixesYaml(const std::vector<Finding> &Findings,
                     const std::string &MainSourceFile, llvm::raw_ostream &OS) {
  tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainSourceFile;
  for (const Finding &F : Findings) {
    tooling::DiagnosticMessage Message;
    Message.Message = F.Message;
    Message.FilePath = F.File;
    Message.FileOffset = F.Offset;
    for (const TextEdit &E : F.Fixes) {
      llvm::Error Err = Message.Fix[E.File].add(
          tooling::Replacement(E.File, E.Offset, E.Length, E.Text));
      if (Err)
        llvm::consumeError(std::move(Err));
    }
    TUD.Diagnostics.emplace_back(
        checkName(F.Check), Message,
        llvm::SmallVector<tooling::DiagnosticMessage, 1>(),
        F.Level == Severity::Note ? tooling::Diagnostic::Remark
                                  : tooling::Diagnostic::Warning,
        "");
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
}

} // namespace retcheck
