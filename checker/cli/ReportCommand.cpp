//===- ReportCommand.cpp - `retcheck report`: one report over many results ===//

#include "ReportCommand.h"

#include "Progress.h"
#include "output/JsonReport.h"
#include "output/OutputFile.h"
#include "report/HtmlReport.h"
#include "report/MarkdownReport.h"
#include "report/ReportModel.h"
#include "report/SourceExcerpt.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <sstream>

using namespace llvm;

namespace retcheck {

cl::SubCommand
    ReportCommand("report",
                  "Merge JSON results (shards, several trees) into one HTML "
                  "page, a Markdown summary and a merged JSON result");
cl::OptionCategory ReportCategory("retcheck report options");

namespace {

// As the main tool's (README.md, "Exit codes"): 2 bad command line (here
// also an input that cannot be read), 3 done without some input, 6 an output
// that cannot be written.
enum ExitCode {
  ExitWritten = 0,
  ExitUsage = 2,
  ExitDropped = 3,
  ExitOutputFailed = 6
};

cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                             cl::desc("[LABEL=]RESULT.json..."),
                             cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<std::string>
    OutputDir("o", cl::Required,
              cl::desc("Directory that receives report.html, summary.md and "
                       "merged.json (created if missing)"),
              cl::value_desc("dir"), cl::sub(ReportCommand),
              cl::cat(ReportCategory));

cl::list<std::string>
    Compare("compare",
            cl::desc("Older result(s) of the same tree(s): findings are new, "
                     "fixed or unchanged by fingerprint; repeatable, "
                     "[LABEL=]FILE"),
            cl::value_desc("[label=]file"), cl::sub(ReportCommand),
            cl::cat(ReportCategory));

cl::opt<bool> KeepGoing(
    "keep-going",
    cl::desc("Merge the readable inputs when some cannot be read (exit 3 "
             "and a warning naming each dropped file)"),
    cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<std::string> Title("title", cl::desc("Heading of the report"),
                           cl::init("retcheck report"), cl::sub(ReportCommand),
                           cl::cat(ReportCategory));

cl::opt<unsigned> MaxFindings(
    "max-findings",
    cl::desc("Findings listed in summary.md (the new ones when compared)"),
    cl::init(20), cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<unsigned> ContextLines("context",
                               cl::desc("Source lines shown around a finding"),
                               cl::init(3), cl::sub(ReportCommand),
                               cl::cat(ReportCategory));

cl::opt<bool> ReportQuiet("quiet", cl::desc("No summary line on stderr"),
                          cl::sub(ReportCommand), cl::cat(ReportCategory));

/// "LABEL=FILE" or "FILE"; a file whose name holds '=' is taken whole.
ReportInput splitLabel(const std::string &Arg) {
  ReportInput In;
  In.Path = Arg;
  std::size_t Eq = Arg.find('=');
  if (Eq != std::string::npos && Eq > 0 && !sys::fs::exists(Arg)) {
    In.Label = Arg.substr(0, Eq);
    In.Path = Arg.substr(Eq + 1);
  }
  // Absolute, so that a result merged again is recognised (mergeResults).
  SmallString<256> Absolute(In.Path);
  sys::fs::make_absolute(Absolute);
  sys::path::remove_dots(Absolute, true);
  In.Path = std::string(Absolute);
  return In;
}

/// Reads every argument; unreadable ones end the command unless \p Dropped
/// may take them (\p Hint then says how).
std::optional<std::vector<ReportInput>>
readInputs(const std::vector<std::string> &Args,
           std::vector<std::string> *Dropped, const char *Hint) {
  std::vector<ReportInput> Read;
  Progress Bar(Args.size(), "results read");
  for (const std::string &Arg : Args) {
    ReportInput In = splitLabel(Arg);
    std::string Error;
    std::optional<std::vector<TreeResult>> Trees =
        readResultFile(In.Path, Error);
    Bar.step();
    if (Trees) {
      In.Trees = std::move(*Trees);
      Read.push_back(std::move(In));
    } else if (Dropped) {
      message() << "retcheck report: warning: dropped " << Error << "\n";
      Dropped->push_back(Error);
    } else {
      message() << "retcheck report: error: " << Error << "\n" << Hint;
      return std::nullopt;
    }
  }
  return Read;
}

/// Says when an older result was made with another source root than the
/// trees it is compared with: its findings would all show as fixed and
/// the new ones as new.
void warnAboutRoots(const std::vector<ReportInput> &New,
                    const std::vector<ReportInput> &Old) {
  auto FilesOf = [](const TreeResult &T) {
    std::vector<std::string> Files;
    for (const Finding &F : T.Run.Findings)
      Files.push_back(F.RelativeFile);
    return Files;
  };
  std::size_t NewTrees = 0, OldTrees = 0;
  for (const ReportInput &In : New)
    NewTrees += In.Trees.size();
  for (const ReportInput &In : Old)
    OldTrees += In.Trees.size();
  for (const ReportInput &O : Old)
    for (const TreeResult &OT : O.Trees)
      for (const ReportInput &N : New)
        for (const TreeResult &NT : N.Trees) {
          // Compared: one tree on each side, or trees of one label.
          std::string OldLabel = O.Label.empty() ? OT.Label : O.Label;
          std::string NewLabel = N.Label.empty() ? NT.Label : N.Label;
          if (!(NewTrees == 1 && OldTrees == 1) && OldLabel != NewLabel)
            continue;
          std::string Why = sourceRootMismatch(OT.Run.root(), FilesOf(OT),
                                               NT.Run.root(), FilesOf(NT));
          if (!Why.empty())
            errs() << "retcheck report: warning: --compare " << O.Path
                   << " was " << Why
                   << ": its findings cannot match by fingerprint\n";
        }
}

} // namespace

int runReportCommand() {
  // Every output opened before the work, so a bad path fails fast; each
  // appears whole or not at all (OutputFile).
  if (std::error_code EC = sys::fs::create_directories(OutputDir)) {
    errs() << "retcheck report: error: cannot create '" << OutputDir
           << "': " << EC.message() << "\n";
    return ExitOutputFailed;
  }
  std::unique_ptr<OutputFile> Html, Markdown, Merged;
  const std::pair<std::unique_ptr<OutputFile> *, const char *> Outputs[] = {
      {&Html, "report.html"},
      {&Markdown, "summary.md"},
      {&Merged, "merged.json"}};
  for (auto [File, Name] : Outputs) {
    std::string Path = OutputDir + "/" + Name, Error;
    if (!(*File = OutputFile::open(Path, Error))) {
      errs() << "retcheck report: error: cannot write '" << Path
             << "': " << Error << "\n";
      return ExitOutputFailed;
    }
  }

  std::vector<std::string> Dropped;
  std::optional<std::vector<ReportInput>> New =
      readInputs(Inputs, KeepGoing ? &Dropped : nullptr,
                 "retcheck report: note: --keep-going merges the others\n");
  if (!New)
    return ExitUsage;
  if (New->empty()) {
    errs() << "retcheck report: error: no input could be read\n";
    return ExitUsage;
  }
  std::optional<std::vector<ReportInput>> OldInputs;
  if (!Compare.empty() && !(OldInputs = readInputs(Compare, nullptr, "")))
    return ExitUsage;
  if (OldInputs)
    warnAboutRoots(*New, *OldInputs);

  std::string Error;
  std::optional<std::vector<TreeResult>> Trees = mergeResults(*New, Error), Old;
  if (Trees && OldInputs)
    Old = mergeResults(*OldInputs, Error);
  std::optional<Report> R;
  if (Trees && (!OldInputs || Old))
    R = buildReport(std::move(*Trees), Old ? &*Old : nullptr, Error);
  if (!R) {
    errs() << "retcheck report: error: " << Error << "\n";
    return ExitUsage;
  }
  R->Title = Title;
  R->Dropped = Dropped;

  std::vector<SourceExcerpt> Excerpts;
  {
    SourceFiles Files;
    Progress Bar(R->Findings.size(), "findings with their source");
    for (const ReportFinding &F : R->Findings) {
      Excerpts.push_back(excerptFor(F.F, F.Verifiable, Files, ContextLines));
      Bar.step();
    }
  }

  // The writers are LLVM-free and write std::ostreams.
  std::ostringstream Page, Summary;
  writeHtmlReport(*R, Excerpts, Page);
  writeMarkdownReport(*R, {MaxFindings}, Summary);
  Html->os() << Page.str();
  Markdown->os() << Summary.str();
  Merged->os() << toMergedJson(R->Trees);
  for (auto [File, Name] : Outputs) {
    std::string Error;
    if (!(*File)->commit(Error)) {
      errs() << "retcheck report: error: cannot write '" << OutputDir << "/"
             << Name << "': " << Error << "\n";
      return ExitOutputFailed;
    }
  }

  if (!ReportQuiet) {
    std::vector<unsigned> Current = R->currentPerTree();
    errs() << "retcheck report: ";
    for (std::size_t I = 0; I < R->Trees.size(); ++I)
      errs() << (I ? ", " : "") << R->Trees[I].Label << ": " << Current[I]
             << " finding(s)";
    if (R->compared())
      errs() << "; " << R->count(std::nullopt, FindingStatus::New) << " new, "
             << R->count(std::nullopt, FindingStatus::Fixed) << " fixed, "
             << R->count(std::nullopt, FindingStatus::Unchanged)
             << " unchanged";
    if (!Dropped.empty())
      errs() << "; " << Dropped.size() << " input(s) dropped";
    errs() << "; wrote " << OutputDir << "/{report.html,summary.md,"
           << "merged.json}\n";
  }
  return Dropped.empty() ? ExitWritten : ExitDropped;
}

} // namespace retcheck
