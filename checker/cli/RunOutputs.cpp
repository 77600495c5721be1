//===- RunOutputs.cpp - Where a run's results go
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//---------------------------===//

#include "RunOutputs.h"
#include "Options.h"

#include "output/CheckDocs.h"
#include "output/ClangOutput.h"
#include "output/FixApplier.h"
#include "output/SarifOutput.h"
#include "output/Version.h"
#include "support/Console.h"
#include "support/GitWorkTree.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <set>
#include <thread>

using namespace llvm;

namespace retcheck {

namespace {

/// Creates \p Flag and waits until someone removes it.
void pauseUntilRemoved(StringRef Flag) {
  std::error_code EC;
  raw_fd_ostream(Flag, EC) << "retcheck " << sys::Process::getProcessId()
                           << " waits before --fix\n";
  while (!EC && sys::fs::exists(Flag))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

} // namespace

std::array<RunOutputs::PathAndFile, 3> RunOutputs::files() {
  const OutputOptions &O = Options.Output;
  return {{{&O.Path, &Report},
           {&O.WriteBaseline, &Baseline},
           {&O.ExportFixes, &Yaml}}};
}

std::optional<int> RunOutputs::open() {
  for (auto [Path, File] : files()) {
    if (Path->empty() || *File)
      continue;
    std::string Error;
    *File = OutputFile::open(*Path, Error);
    if (!*File) {
      message() << "retcheck: error: cannot write '" << *Path << "': " << Error
                << "\n";
      return ExitOutputFailed;
    }
  }
  return std::nullopt;
}

std::optional<int> RunOutputs::probe() {
  if (std::optional<int> Exit = open())
    return Exit;
  for (std::unique_ptr<OutputFile> *File : {&Report, &Baseline, &Yaml})
    if (*File && (*File)->isTemporary())
      File->reset();
  return std::nullopt;
}

void RunOutputs::writeBaseline(const RunResult &Run) {
  if (Baseline)
    Baseline->os() << toBaselineJson(Run.Findings, Run.root());
}

/// Whether text output gets colors (--color; NO_COLOR made Auto Never).
static bool useColors(ColorMode Mode, raw_ostream &Out, bool ToFile) {
  switch (Mode) {
  case ColorMode::Always:
    return true;
  case ColorMode::Never:
    return false;
  case ColorMode::Auto:
    break;
  }
  return !ToFile && Out.has_colors();
}

bool RunOutputs::streams() const {
  return Options.Output.ReportFormat == Format::Text && !Report &&
         !Options.Output.Diff && !Options.Infer.Enabled &&
         Options.Inputs.Baseline.empty() && Options.Inputs.Results.empty();
}

void RunOutputs::stream(ArrayRef<const Finding *> Findings,
                        const std::string &SourceRoot) {
  std::vector<Finding> Fresh;
  for (const Finding *F : Findings)
    if (Streamed.insert(F->keyText()).second)
      Fresh.push_back(*F);
  if (Fresh.empty())
    return;
  message().flush(); // clears the progress line
  bool Colors = useColors(Options.Output.Color, outs(), false);
  outs().enable_colors(Colors);
  printFindingsAsText(Fresh, outs(), Colors, {SourceRoot});
  outs().flush();
}

void RunOutputs::write(const RunResult &Run,
                       const std::string &MainSourceFile) {
  if (Yaml)
    exportFixesYaml(Run.Findings, MainSourceFile, Yaml->os());
  // With --diff, stdout is the diff's.
  if (Options.Output.Diff && !Report)
    return;
  raw_ostream &Out = Report ? Report->os() : outs();
  switch (Options.Output.ReportFormat) {
  case Format::Json:
    Out << toJson(Run);
    break;
  case Format::Sarif: {
    SarifOptions Sarif;
    Sarif.ToolVersion = retcheckVersion();
    Sarif.DocsUrl = Options.Output.DocsUrl;
    std::string RootDir = Run.SourceRoot;
    while (RootDir.size() > 1 && RootDir.back() == '/')
      RootDir.pop_back();
    if (std::optional<std::string> Top = gitWorkTreeTop(RootDir))
      if (std::optional<GitProvenance> P = gitProvenance(*Top)) {
        Sarif.Provenance = *P;
        if (!P->RepositoryUri.empty() && P->RepositoryUri[0] == '/')
          Sarif.Provenance->RepositoryUri =
              "file://" + percentEncodePath(P->RepositoryUri);
        Sarif.RootInRepository = Run.SourceRootInRepository.value_or(".");
      }
    writeSarif(Run, Sarif, Out);
    break;
  }
  case Format::CodeQuality:
    Out << toCodeQualityJson(Run.Findings);
    break;
  case Format::Text: {
    bool Colors = useColors(Options.Output.Color, Out, Report != nullptr);
    Out.enable_colors(Colors);
    std::vector<Finding> Left;
    for (const Finding &F : Run.Findings)
      if (!Streamed.count(F.keyText()))
        Left.push_back(F);
    printFindingsAsText(Left, Out, Colors, {Run.SourceRoot});
    break;
  }
  }
  Out.flush();
}

bool RunOutputs::applyFixes(const RunResult &Run, std::vector<bool> &Fixed) {
  const OutputOptions &O = Options.Output;
  if (!O.PauseBeforeFix.empty())
    pauseUntilRemoved(O.PauseBeforeFix);
  std::vector<TextEdit> Edits;
  for (const Finding &F : Run.Findings) {
    const std::vector<TextEdit> *Chosen = chooseFixes(F, O.FixNotes);
    if (Chosen)
      Edits.insert(Edits.end(), Chosen->begin(), Chosen->end());
  }
  FixPlan Plan = planFixes(Edits);
  for (const TextEdit &C : Plan.Conflicts)
    message() << C.File << ": error: conflicting fix at offset " << C.Offset
              << " not applied\n";
  std::string Diff;
  FixOutcome Outcome =
      O.Diff ? diffFixes(Plan, Run.SourceRoot, Diff) : writeFixes(Plan);
  for (const std::string &E : Outcome.Errors)
    message() << E << "\n";
  if (O.Diff) {
    outs() << Diff;
    outs().flush();
  }
  if (!O.Quiet)
    message() << "retcheck: " << (O.Diff ? "" : "applied ")
              << Outcome.EditsApplied << " fix(es) in "
              << Outcome.Written.size() << " file(s)"
              << (O.Diff ? " in the diff; no file changed" : "") << "\n";
  // A finding is fixed when each of its edits went into a written file.
  std::set<std::string> Written(Outcome.Written.begin(), Outcome.Written.end());
  for (std::size_t I = 0; I < Run.Findings.size(); ++I) {
    const std::vector<TextEdit> *Own = chooseFixes(Run.Findings[I], O.FixNotes);
    Fixed[I] =
        Own && !Own->empty() && llvm::all_of(*Own, [&](const TextEdit &E) {
          auto It = Plan.Files.find(E.File);
          return Written.count(E.File) && It != Plan.Files.end() &&
                 llvm::is_contained(It->second, E);
        });
  }
  return Outcome.Errors.empty() && Plan.Conflicts.empty();
}

bool RunOutputs::commit() {
  // A full disk shows only now; the error is ours to report, not LLVM's
  // (whose stream destructor would abort).
  bool OK = true;
  for (auto [Path, File] : files()) {
    std::string Error;
    if (*File && !(*File)->commit(Error)) {
      message() << "retcheck: error: cannot write '" << *Path << "': " << Error
                << "\n";
      OK = false;
    }
  }
  if (!Report && outs().has_error()) {
    // A reader that stopped reading (`| head`) needs no message.
    if (outs().error() != std::errc::broken_pipe)
      message() << "retcheck: error: cannot write the report to stdout: "
                << outs().error().message() << "\n";
    outs().clear_error();
    OK = false;
  }
  return OK;
}

} // namespace retcheck
