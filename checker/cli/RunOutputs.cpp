//===- RunOutputs.cpp - Where a run's results go ---------------------------===//

#include "RunOutputs.h"
#include "Options.h"

#include "output/ClangOutput.h"
#include "output/FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
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

std::optional<int> RunOutputs::open() {
  std::pair<cl::opt<std::string> *, std::unique_ptr<OutputFile> *> Outputs[] = {
      {&opts::OutputPath, &Report},
      {&opts::WriteBaseline, &Baseline},
      {&opts::ExportFixes, &Yaml}};
  for (auto [Path, File] : Outputs) {
    if (Path->empty() || *File)
      continue;
    std::string Error;
    *File = OutputFile::open(*Path, Error);
    if (!*File) {
      errs() << "retcheck: error: cannot write '" << *Path << "': " << Error
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

void RunOutputs::writeBaseline(const std::vector<Finding> &Findings) {
  if (Baseline)
    Baseline->os() << toBaselineJson(Findings);
}

void RunOutputs::write(const RunResult &Run,
                       const std::string &MainSourceFile) {
  raw_ostream &Out = Report ? Report->os() : outs();
  switch (opts::OutputFormat) {
  case Format::Json:
    Out << toJson(Run);
    break;
  case Format::Sarif:
    writeSarif(Run.Findings, Run.SourceRoot, Out);
    break;
  case Format::CodeQuality:
    Out << toCodeQualityJson(Run.Findings);
    break;
  case Format::Text:
    printFindingsAsText(Run.Findings, Out, !Report && Out.has_colors());
    break;
  }
  Out.flush();
  if (Yaml)
    exportFixesYaml(Run.Findings, MainSourceFile, Yaml->os());
}

bool RunOutputs::applyFixes(const RunResult &Run) {
  if (!opts::PauseBeforeFix.empty())
    pauseUntilRemoved(opts::PauseBeforeFix);
  std::vector<TextEdit> Edits;
  for (const Finding &F : Run.Findings) {
    const std::vector<TextEdit> *Chosen = chooseFixes(F, opts::FixNotes);
    if (Chosen)
      Edits.insert(Edits.end(), Chosen->begin(), Chosen->end());
  }
  FixPlan Plan = planFixes(Edits);
  for (const TextEdit &C : Plan.Conflicts)
    errs() << C.File << ": error: conflicting fix at offset " << C.Offset
           << " not applied\n";
  FixOutcome Outcome = writeFixes(Plan);
  for (const std::string &E : Outcome.Errors)
    errs() << E << "\n";
  if (!opts::Quiet)
    errs() << "retcheck: applied " << Outcome.EditsApplied << " fix(es) in "
           << Outcome.Written.size() << " file(s)\n";
  return Outcome.Errors.empty() && Plan.Conflicts.empty();
}

bool RunOutputs::commit() {
  // A full disk shows only now; the error is ours to report, not LLVM's
  // (whose stream destructor would abort).
  bool OK = true;
  std::pair<cl::opt<std::string> *, std::unique_ptr<OutputFile> *> Outputs[] = {
      {&opts::OutputPath, &Report},
      {&opts::WriteBaseline, &Baseline},
      {&opts::ExportFixes, &Yaml}};
  for (auto [Path, File] : Outputs) {
    std::string Error;
    if (*File && !(*File)->commit(Error)) {
      errs() << "retcheck: error: cannot write '" << *Path << "': " << Error
             << "\n";
      OK = false;
    }
  }
  if (!Report && outs().has_error()) {
    errs() << "retcheck: error: cannot write the report to stdout: "
           << outs().error().message() << "\n";
    outs().clear_error();
    OK = false;
  }
  return OK;
}

} // namespace retcheck
