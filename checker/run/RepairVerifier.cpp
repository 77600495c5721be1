//===- RepairVerifier.cpp - A repair is offered only once it is verified --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RepairVerifier.h"

#include "output/FixApplier.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <chrono>

using namespace clang;

namespace retcheck {

std::vector<std::string> verificationFlagsBefore() {
  return {"-Wall", "-Wextra"};
}

std::vector<std::string> verificationFlagsAfter() { return {"-Wno-error"}; }

/// \p Text with each `'T' (aka 'U')` written `'U'`: a retyped local renames
/// the types a warning it was in already names (`'uint64_t' (aka 'unsigned
/// long') and 'int'` becomes `'ram_addr_t' (aka 'unsigned long') and
/// 'int'` when it joins a ram_addr_t), and that is no new warning.
static std::string withoutSugar(llvm::StringRef Text) {
  std::string Out;
  while (!Text.empty()) {
    std::size_t Aka = Text.find("' (aka '");
    if (Aka == llvm::StringRef::npos)
      break;
    std::size_t Open = Text.rfind('\'', Aka - 1);
    std::size_t Close = Text.find("')", Aka + 8);
    if (Open == llvm::StringRef::npos || Close == llvm::StringRef::npos) {
      Out += Text.take_front(Aka + 1);
      Text = Text.drop_front(Aka + 1);
      continue;
    }
    Out += Text.take_front(Open);
    Out += Text.slice(Aka + 7, Close + 1);
    Text = Text.drop_front(Close + 2);
  }
  Out += Text;
  return Out;
}

/// The text of \p Loc's line, blanks collapsed: where a warning is, told
/// apart from the same warning elsewhere without a line number (a repair
/// moves the lines after it; a line it edits reads differently).
static std::string lineText(const SourceManager &SM, SourceLocation Loc) {
  bool Invalid = false;
  std::pair<FileID, unsigned> At = SM.getDecomposedLoc(Loc);
  llvm::StringRef Buffer = SM.getBufferData(At.first, &Invalid);
  if (Invalid || At.second > Buffer.size())
    return "";
  std::size_t Begin =
      At.second == 0 ? 0 : Buffer.rfind('\n', At.second - 1) + 1; // npos + 1
  llvm::StringRef Text = Buffer.slice(Begin, Buffer.find('\n', At.second));
  std::string Out;
  for (char C : Text.trim())
    if (!llvm::isSpace(C) || (!Out.empty() && Out.back() != ' '))
      Out += llvm::isSpace(C) ? ' ' : C;
  return Out;
}

std::string diagnosticKey(DiagnosticsEngine::Level Level,
                          const Diagnostic &Info) {
  if (Level != DiagnosticsEngine::Warning && Level < DiagnosticsEngine::Error)
    return "";
  llvm::SmallString<256> Text;
  Info.FormatDiagnostic(Text);
  std::string Key =
      Level == DiagnosticsEngine::Warning ? "warning: " : "error: ";
  std::string Line;
  if (Info.hasSourceManager() && Info.getLocation().isValid()) {
    const SourceManager &SM = Info.getSourceManager();
    PresumedLoc P = SM.getPresumedLoc(Info.getLocation());
    if (P.isValid())
      Key += std::string(P.getFilename()) + ": ";
    Line = lineText(SM, SM.getExpansionLoc(Info.getLocation()));
  }
  Key += withoutSugar(Text);
  llvm::StringRef Flag = DiagnosticIDs::getWarningOptionForDiag(Info.getID());
  if (!Flag.empty())
    Key += " [-W" + Flag.str() + "]";
  if (!Line.empty())
    Key += ", on: " + Line;
  return Key;
}

void DiagnosticRecorder::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                          const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  std::string Key = diagnosticKey(Level, Info);
  if (!Key.empty() && Keys.size() < 10000)
    Keys.push_back(std::move(Key));
}

namespace {

using Counts = std::map<std::string, int>;

/// Findings are told apart by what they say, not where: a repair moves the
/// lines after it.
std::string findingKey(const Finding &F) {
  return F.File + "|" + checkName(F.Check) + "|" + F.Function + "|" +
         F.EnclosingFunction + "|" + F.Message;
}

Counts countFindings(const std::vector<Finding> &Findings) {
  Counts C;
  for (const Finding &F : Findings)
    ++C[findingKey(F)];
  return C;
}

Counts countKeys(const std::vector<std::string> &Keys) {
  Counts C;
  for (const std::string &K : Keys)
    ++C[K];
  return C;
}

/// The files that \p Edits change, with them applied. Fails, saying why,
/// when the edits overlap or a file is no longer as it was analysed.
bool applyToFiles(const std::vector<TextEdit> &Edits, const Overlay &Unsaved,
                  Overlay &Out, std::string &Why) {
  FixPlan Plan = planFixes(Edits);
  if (!Plan.Conflicts.empty() || !Plan.Inconsistent.empty()) {
    Why = "its edits overlap";
    return false;
  }
  for (const auto &[File, FileEdits] : Plan.Files) {
    std::string Text;
    if (auto It = Unsaved.find(File); It != Unsaved.end()) {
      Text = It->second;
    } else {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
          llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
      if (!Buffer) {
        Why = File + " cannot be read";
        return false;
      }
      Text = (*Buffer)->getBuffer().str();
    }
    if (contentDigest(Text) != FileEdits.front().FileDigest) {
      Why = File + " changed since it was analysed";
      return false;
    }
    if (!applyEdits(Text, FileEdits, Out[File])) {
      Why = "its edits lie outside " + File;
      return false;
    }
  }
  return true;
}

} // namespace

ParseOutcome reparseCommand(const tooling::CompileCommand &Command,
                            const FactScope &Scope, const Overlay &Files,
                            const Overlay &Unsaved) {
  Overlay Layered = Unsaved;
  for (const auto &[Path, Text] : Files)
    Layered[Path] = Text;
  DiagnosticRecorder Recorder;
  ParseSetup Setup;
  Setup.ArgsBefore = verificationFlagsBefore();
  Setup.ArgsAfter = verificationFlagsAfter();
  Setup.Files = overlayFileSystem(Layered);
  Setup.Diagnostics = &Recorder;
  TUResult R = parseCompileCommand(Command, Scope, Setup);
  ParseOutcome Out;
  Out.Parsed = R.Analysed;
  Out.Facts = std::move(R.Facts);
  Out.Diagnostics = std::move(Recorder.Keys);
  return Out;
}

std::vector<RepairVerdict>
verifyRepairs(const std::vector<const Finding *> &Findings, const Judge &J,
              Reparse Parse, VerificationCost *Cost, const Overlay &Unsaved) {
  std::vector<RepairVerdict> Verdicts(Findings.size());
  auto Timed = [&](const Overlay &Files) {
    auto Start = std::chrono::steady_clock::now();
    ParseOutcome Out = Parse(Files);
    if (Cost) {
      ++Cost->Parses;
      Cost->Seconds += std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - Start)
                           .count();
    }
    return Out;
  };

  // Each proposal's files, edited.
  std::vector<std::size_t> Candidates;
  std::vector<Overlay> Alone(Findings.size());
  std::vector<TextEdit> All;
  for (std::size_t I = 0; I < Findings.size(); ++I) {
    const std::optional<FindingNote> &P = Findings[I]->Proposed;
    if (!P)
      continue;
    if (!applyToFiles(P->Fixes, Unsaved, Alone[I], Verdicts[I].Reason))
      continue;
    Candidates.push_back(I);
    All.insert(All.end(), P->Fixes.begin(), P->Fixes.end());
  }
  if (Candidates.empty())
    return Verdicts;

  // The same parse without the repairs: the findings and diagnostics that
  // are there anyway.
  ParseOutcome Base = Timed({});
  if (!Base.Parsed) {
    for (std::size_t I : Candidates)
      Verdicts[I].Reason = "the translation unit does not parse again";
    return Verdicts;
  }
  Counts BaseFindings = countFindings(J.judgeAll(Base.Facts));
  Counts BaseDiagnostics = countKeys(Base.Diagnostics);

  // Why a parse with the repairs \p Applied is not what they promise.
  auto Refuse = [&](const ParseOutcome &After,
                    const std::vector<std::size_t> &Applied) -> std::string {
    if (!After.Parsed)
      return "the repaired translation unit does not parse";
    for (const auto &[Key, N] : countKeys(After.Diagnostics))
      if (N > BaseDiagnostics[Key])
        return (Key.compare(0, 7, "error: ") == 0
                    ? "the repaired file does not compile: "
                    : "the repair adds a warning: ") +
               Key.substr(Key.find(' ') + 1);
    Counts Want = BaseFindings;
    for (std::size_t I : Applied)
      --Want[findingKey(*Findings[I])];
    std::vector<Finding> Now = J.judgeAll(After.Facts);
    Counts Got = countFindings(Now);
    for (std::size_t I : Applied)
      if (Got[findingKey(*Findings[I])] > Want[findingKey(*Findings[I])])
        return "the finding remains after the repair";
    for (const Finding &F : Now)
      if (Got[findingKey(F)] > Want[findingKey(F)])
        return "the repair leads to another finding: " + F.Message + " [" +
               checkName(F.Check) + "]";
    return "";
  };

  if (Candidates.size() > 1) {
    Overlay Together;
    std::string Why;
    if (applyToFiles(All, Unsaved, Together, Why) &&
        Refuse(Timed(Together), Candidates).empty()) {
      for (std::size_t I : Candidates)
        Verdicts[I].Offered = true;
      return Verdicts;
    }
  }
  for (std::size_t I : Candidates) {
    Verdicts[I].Reason = Refuse(Timed(Alone[I]), {I});
    Verdicts[I].Offered = Verdicts[I].Reason.empty();
  }
  return Verdicts;
}

void applyVerdicts(const std::vector<Finding *> &Findings,
                   const std::vector<RepairVerdict> &Verdicts) {
  for (std::size_t I = 0; I < Findings.size() && I < Verdicts.size(); ++I) {
    Finding &F = *Findings[I];
    if (!F.Proposed)
      continue;
    if (Verdicts[I].Offered)
      F.Notes.push_back(std::move(*F.Proposed));
    else
      F.NoRepair = "the repair was not offered: " + Verdicts[I].Reason;
    F.Proposed.reset();
  }
}

} // namespace retcheck
