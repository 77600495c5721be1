//===- ReportCommand.cpp - `retcheck report`: one report over many results ===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ReportCommand.h"

#include "output/Fingerprint.h"
#include "output/JsonReport.h"
#include "output/OutputFile.h"
#include "report/HtmlReport.h"
#include "report/Maintainers.h"
#include "report/MarkdownReport.h"
#include "report/ReportJson.h"
#include "report/ReportModel.h"
#include "report/SourceExcerpt.h"
#include "support/PathFilter.h"
#include "support/Progress.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
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
                     "changed, fixed or unchanged; repeatable, "
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
    cl::desc("Findings listed in summary.md (when compared: new ones, and "
             "changed ones)"),
    cl::init(20), cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<unsigned> ContextLines("context",
                               cl::desc("Source lines shown around a finding"),
                               cl::init(3), cl::sub(ReportCommand),
                               cl::cat(ReportCategory));

cl::opt<bool> ReportQuiet("quiet", cl::desc("No summary line on stderr"),
                          cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<std::string> LinkTemplate(
    "link-template",
    cl::desc("Link each location to this address, with {path} (relative to "
             "the source root), {line} and {rev} replaced (README.md has "
             "GitLab's and GitHub's); without it the report holds no "
             "address"),
    cl::value_desc("url"), cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::list<std::string> LinkRev(
    "link-rev",
    cl::desc("The revision {rev} stands for: of every tree, or of tree LABEL; "
             "repeatable"),
    cl::value_desc("[label=]rev"), cl::sub(ReportCommand),
    cl::cat(ReportCategory));

cl::opt<bool> ByMaintainers(
    "by-maintainers",
    cl::desc("Group findings by the sections of the MAINTAINERS file found in "
             "each tree's source root or above it (QEMU/Linux format)"),
    cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::opt<std::string> MaintainersFile(
    "maintainers",
    cl::desc("Group findings by the sections of this MAINTAINERS file (every "
             "tree; implies --by-maintainers)"),
    cl::value_desc("file"), cl::sub(ReportCommand), cl::cat(ReportCategory));

cl::list<std::string> ExcludePath(
    "exclude-path",
    cl::desc("Leave out the findings and errors whose path relative to the "
             "source root matches this glob, as --exclude and .gitignore "
             "read it ('tests/', 'hw/**/*-test.c', {a,b} alternatives); "
             "repeatable"),
    cl::value_desc("glob"), cl::sub(ReportCommand), cl::cat(ReportCategory));

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

/// --exclude-path's globs, or nullopt after naming a bad one.
std::optional<PathFilter> excludeGlobs() {
  PathFilter Globs;
  for (const std::string &Pattern : ExcludePath) {
    std::string Error;
    if (!Globs.add(Pattern, Error)) {
      errs() << "retcheck report: error: --exclude-path " << Error << "\n";
      return std::nullopt;
    }
  }
  return Globs;
}

/// The MAINTAINERS file in \p Root or the nearest directory above it.
std::string findMaintainers(std::string Root) {
  while (!Root.empty()) {
    SmallString<256> Candidate(Root);
    sys::path::append(Candidate, "MAINTAINERS");
    if (sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    StringRef Parent = sys::path::parent_path(Root);
    if (Parent == Root)
      break;
    Root = std::string(Parent);
  }
  return "";
}

/// Sets each finding's Section from its tree's MAINTAINERS file; false after
/// naming a tree without one or an unreadable file.
bool groupByMaintainers(Report &R) {
  // Each tree's file, and the directories its patterns are relative to:
  // the file's own and, for a file given from elsewhere, the trees' roots.
  std::map<std::string, std::vector<std::string>> Bases;
  for (const TreeResult &T : R.Trees) {
    std::string Path = MaintainersFile.empty()
                           ? findMaintainers(T.Run.SourceRoot)
                           : MaintainersFile.getValue();
    if (Path.empty()) {
      errs() << "retcheck report: error: --by-maintainers: no MAINTAINERS "
                "file in tree '"
             << T.Label << "' (" << T.Run.SourceRoot
             << " or above); give one with --maintainers FILE\n";
      return false;
    }
    SmallString<256> Absolute(Path);
    sys::fs::make_absolute(Absolute);
    sys::path::remove_dots(Absolute, true);
    Path = std::string(Absolute);
    R.MaintainersFiles.push_back(Path);
    std::vector<std::string> &Dirs = Bases[Path];
    if (Dirs.empty())
      Dirs.push_back(std::string(sys::path::parent_path(Path)));
    Dirs.push_back(T.Run.SourceRoot);
  }
  std::map<std::string, Maintainers> Parsed;
  for (const auto &[Path, Dirs] : Bases) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Path);
    if (!Text) {
      errs() << "retcheck report: error: cannot read MAINTAINERS file '" << Path
             << "': " << Text.getError().message() << "\n";
      return false;
    }
    auto IsDirectory = [&Dirs = Dirs](const std::string &Pattern) {
      return std::any_of(Dirs.begin(), Dirs.end(), [&](const std::string &D) {
        return sys::fs::is_directory(D + "/" + Pattern);
      });
    };
    Parsed.emplace(Path,
                   Maintainers::parse((*Text)->getBuffer().str(), IsDirectory));
  }
  for (ReportFinding &F : R.Findings) {
    const std::string &Path = R.MaintainersFiles[F.Tree];
    // Patterns are relative to the file's directory; a finding recorded
    // under another checkout is taken relative to its source root.
    std::string Rel = relativePath(F.F.File, Bases[Path].front());
    F.Section =
        Parsed.at(Path).sectionOf(Rel != F.F.File ? Rel : F.F.RelativeFile);
  }
  return true;
}

/// Sets each finding's Link (--link-template, --link-rev); false after
/// naming what is wrong. A fixed finding, only in an older run, is linked
/// only when --link-rev gives that run's tree a revision of its own.
bool addLinks(Report &R) {
  if (LinkTemplate.empty()) {
    if (!LinkRev.empty()) {
      errs() << "retcheck report: error: --link-rev needs --link-template\n";
      return false;
    }
    return true;
  }
  std::map<std::string, std::string> Revs; // label -> revision; "" any tree
  std::set<std::string> Current, Known;
  for (const TreeResult &T : R.Trees)
    Current.insert(T.Label);
  Known = Current;
  Known.insert(R.ComparedWith.begin(), R.ComparedWith.end());
  for (const std::string &Arg : LinkRev) {
    std::size_t Eq = Arg.find('=');
    std::string Label = Eq == std::string::npos ? "" : Arg.substr(0, Eq);
    if (!Label.empty() && !Known.count(Label)) {
      errs() << "retcheck report: error: --link-rev " << Arg
             << ": no tree is labelled '" << Label << "'\n";
      return false;
    }
    Revs[Label] = Eq == std::string::npos ? Arg : Arg.substr(Eq + 1);
  }
  bool UsesRev = LinkTemplate.find("{rev}") != std::string::npos;
  auto RevOf = [&](const std::string &Label) -> std::optional<std::string> {
    for (const std::string &Key : {Label, std::string()})
      if (Revs.count(Key))
        return Revs[Key];
    return UsesRev ? std::nullopt : std::optional<std::string>("");
  };
  for (const TreeResult &T : R.Trees)
    if (!RevOf(T.Label)) {
      errs() << "retcheck report: error: --link-template uses {rev}, but "
                "tree '"
             << T.Label << "' has none: give --link-rev REV or --link-rev '"
             << T.Label << "=REV'\n";
      return false;
    }
  for (ReportFinding &F : R.Findings) {
    std::optional<std::string> Rev = RevOf(R.Trees[F.Tree].Label);
    if (F.Status == FindingStatus::Fixed) {
      const std::string &Older = R.ComparedWith[F.Tree];
      Rev.reset();
      if (!Current.count(Older) && Revs.count(Older))
        Rev = Revs[Older];
    }
    if (Rev)
      F.Link = expandLink(LinkTemplate, F.F.RelativeFile, F.F.Line, *Rev);
  }
  return true;
}

} // namespace

int runReportCommand() {
  // Options first: a bad one writes nothing.
  if (std::string Why = linkTemplateError(LinkTemplate);
      !LinkTemplate.empty() && !Why.empty()) {
    errs() << "retcheck report: error: --link-template '" << LinkTemplate
           << "': " << Why << "\n";
    return ExitUsage;
  }
  std::optional<PathFilter> Excluded = excludeGlobs();
  if (!Excluded)
    return ExitUsage;

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
  std::vector<unsigned> ExcludedCounts;
  auto IsExcluded = [&](const std::string &Path) {
    return Excluded->matches(Path);
  };
  if (Trees && !Excluded->empty()) {
    ExcludedCounts = excludePaths(*Trees, IsExcluded);
    if (Old)
      excludePaths(*Old, IsExcluded);
  }
  // Sources are read once, to tell calls apart and for the excerpts.
  SourceFiles Files;
  std::optional<Report> R;
  if (Trees && (!OldInputs || Old))
    R = buildReport(std::move(*Trees), Old ? &*Old : nullptr, Error,
                    [&](const Finding &F, bool Verifiable) {
                      return callLineText(F, Verifiable, Files);
                    });
  if (!R) {
    errs() << "retcheck report: error: " << Error << "\n";
    return ExitUsage;
  }
  R->Title = Title;
  R->Dropped = Dropped;
  R->ExcludedPaths = ExcludePath;
  R->Excluded = ExcludedCounts;
  if (((ByMaintainers || !MaintainersFile.empty()) &&
       !groupByMaintainers(*R)) ||
      !addLinks(*R))
    return ExitUsage;

  std::vector<SourceExcerpt> Excerpts;
  {
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
  Merged->os() << toReportJson(*R);
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
             << R->count(std::nullopt, FindingStatus::Changed) << " changed, "
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
