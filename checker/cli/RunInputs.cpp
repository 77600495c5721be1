//===- RunInputs.cpp - What a run works on, read before any work ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RunInputs.h"
#include "CompilerFlags.h"
#include "Options.h"

#include "output/Fingerprint.h"
#include "run/CompileDatabase.h"
#include "run/TUAnalysis.h"
#include "support/Console.h"
#include "support/GitWorkTree.h"
#include "support/PathFilter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <numeric>

using namespace llvm;
using clang::tooling::CompileCommand;

namespace retcheck {

namespace {

/// Identical commands (same file, directory and arguments) are analysed once.
std::vector<CompileCommand>
uniqueCommands(std::vector<CompileCommand> Commands) {
  std::set<std::string> Seen;
  std::vector<CompileCommand> Out;
  for (auto &C : Commands) {
    std::string Key = C.Directory + '\0' + C.Filename + '\0' +
                      llvm::join(C.CommandLine, std::string(1, '\0'));
    if (Seen.insert(Key).second)
      Out.push_back(std::move(C));
  }
  return Out;
}

/// The folder a -p argument's database lives in.
std::string databaseFolder(StringRef BuildPath) {
  std::string Path = absolute(BuildPath);
  return sys::fs::is_directory(Path) ? Path
                                     : sys::path::parent_path(Path).str();
}

/// The commands for the file and directory arguments; a file the database
/// does not know is skipped with a warning.
std::optional<int> selectCommands(const clang::tooling::CompilationDatabase &DB,
                                  bool HaveDB,
                                  const std::vector<std::string> &Sources,
                                  std::vector<CompileCommand> &Commands) {
  std::vector<CompileCommand> All;
  bool AllRead = false;
  for (const std::string &Arg : Sources) {
    std::string Path = absolute(Arg);
    if (sys::fs::is_directory(Path)) {
      if (!HaveDB) {
        message() << "retcheck: error: " << Arg
                  << ": is a directory; directory arguments select entries "
                     "of a compile database (-p)\n";
        return ExitUsage;
      }
      if (!AllRead)
        All = DB.getAllCompileCommands(), AllRead = true;
      std::size_t Before = Commands.size();
      for (const CompileCommand &C : All)
        if (StringRef(commandFile(C)).starts_with(Path + "/"))
          Commands.push_back(C);
      if (Commands.size() == Before)
        message() << "retcheck: warning: " << Arg
                  << ": no compile database entry is under this directory\n";
      continue;
    }
    if (!sys::fs::is_regular_file(Path)) {
      message() << "retcheck: error: " << Arg << ": no such file\n";
      return ExitUsage;
    }
    std::vector<CompileCommand> ForFile = DB.getCompileCommands(Path);
    if (ForFile.empty()) {
      message() << "retcheck: warning: " << Arg
                << ": not in the compile database (a header, or not built "
                   "in this configuration); skipped\n";
      continue;
    }
    Commands.insert(Commands.end(), ForFile.begin(), ForFile.end());
  }
  return std::nullopt;
}

std::optional<int>
readDatabase(const InputOptions &Inputs,
             std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             std::vector<CompileCommand> &Commands) {
  const std::string &BuildPath = Inputs.BuildPath;
  const std::vector<std::string> &Sources = Inputs.Sources;
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string DBError;
  bool HaveDB = true;
  if (!BuildPath.empty()) {
    if (Fixed) {
      message() << "retcheck: error: -p and `-- ARGS` cannot be combined: "
                   "the database has each file's flags; add flags with "
                   "--extra-arg\n";
      return ExitUsage;
    }
    DB = loadCompileDatabase(BuildPath, DBError);
    if (!DB) {
      message() << "retcheck: error: cannot load a compile database from '"
                << BuildPath << "': " << DBError << "\n";
      return ExitBadDatabase;
    }
  } else if (Fixed) {
    DB = std::move(Fixed);
    HaveDB = false;
  } else if (!Sources.empty()) {
    DB = clang::tooling::CompilationDatabase::autoDetectFromSource(
        absolute(Sources.front()), DBError);
    if (!DB) {
      message() << "retcheck: warning: no compile database found for "
                << Sources.front() << "; analysing without flags\n";
      DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>());
      HaveDB = false;
    }
  } else {
    message() << "retcheck: error: nothing to analyse: give files, or -p "
                 "<build dir> with a compile_commands.json\n";
    return ExitUsage;
  }

  if (Sources.empty()) {
    Commands = DB->getAllCompileCommands();
    if (Commands.empty()) {
      message() << "retcheck: error: the compile database in '" << BuildPath
                << "' has no entries\n";
      return ExitBadDatabase;
    }
  } else if (std::optional<int> Exit =
                 selectCommands(*DB, HaveDB, Sources, Commands)) {
    return Exit;
  }
  // A relative "directory" is relative to the database's folder.
  if (!BuildPath.empty()) {
    std::string Folder = databaseFolder(BuildPath);
    for (CompileCommand &C : Commands)
      if (!sys::path::is_absolute(C.Directory))
        C.Directory = absolutePath(C.Directory, Folder);
  }
  Commands = uniqueCommands(std::move(Commands));
  return std::nullopt;
}

/// Files decide the shard, so that every entry of one file (and so each
/// finding) lands in exactly one shard, whatever the order of the database.
std::optional<int> selectShard(StringRef Shard,
                               std::vector<CompileCommand> &Commands,
                               std::vector<TUSettings> &Settings,
                               std::vector<std::size_t> &Indices) {
  unsigned K = 0, N = 0;
  StringRef KText, NText;
  std::tie(KText, NText) = Shard.split('/');
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 ||
      K == 0 || K > N) {
    message() << "retcheck: error: --shard wants K/N with 1 <= K <= N, got '"
              << Shard << "'\n";
    return ExitUsage;
  }
  std::vector<CompileCommand> Mine;
  std::vector<TUSettings> MySettings;
  std::vector<std::size_t> MyIndices;
  for (std::size_t I = 0; I < Commands.size(); ++I) {
    // FNV-1a of the file's path relative to the database entry's
    // directory: stable across runs and machines.
    uint64_t H = 1469598103934665603ULL;
    for (unsigned char Ch : Commands[I].Filename)
      H = (H ^ Ch) * 1099511628211ULL;
    if (H % N == K - 1) {
      Mine.push_back(std::move(Commands[I]));
      MySettings.push_back(Settings[I]);
      MyIndices.push_back(Indices[I]);
    }
  }
  Commands = std::move(Mine);
  Settings = std::move(MySettings);
  Indices = std::move(MyIndices);
  return std::nullopt;
}

/// The configuration of each TU; its extra arguments applied, flags clang
/// does not know dropped (one warning per flag).
void configureCommands(RunInputs &In, std::vector<CompileCommand> &Commands) {
  std::set<std::string> Dropped;
  In.Settings.clear();
  for (CompileCommand &C : Commands) {
    const TUConfig &Config = In.Config->forFile(commandFile(C));
    TUSettings S;
    S.Enabled = Config.Enabled;
    S.Headers = Config.Headers;
    addExtraArgs(C, Config.ExtraArgsBefore, Config.ExtraArgs);
    dropUnknownFlags(C, Dropped);
    In.Settings.push_back(S);
  }
  for (const std::string &Flag : Dropped)
    message() << "retcheck: warning: '" << Flag
              << "' dropped from the compile commands: clang does not know "
                 "it (from a gcc build?)\n";
}

std::optional<int> loadRuleFiles(const std::vector<std::string> &Paths,
                                 std::optional<bool> AllowCastToVoid,
                                 LoadedRules &Into) {
  for (const std::string &Path : Paths)
    if (std::optional<RulesError> E = loadRulesFile(Path, Into.Rules)) {
      message() << E->str() << "\n";
      return ExitBadRules;
    }
  Into.Files = Paths;
  if (AllowCastToVoid)
    for (Rule &R : Into.Rules.rules())
      R.AllowVoidCast = *AllowCastToVoid;
  return std::nullopt;
}

/// The rules of each TU: --rules for all, else its configuration's
/// RulesFiles (relative to its directory, as the clang-tidy module reads
/// them), else the bundled QEMU pack. Each distinct set is loaded once.
/// Inference adds to them (Main.cpp): they are its seeds.
std::optional<int> loadTURules(StringRef Executable, RunInputs &In) {
  if (!In.RuleSets.empty())
    return std::nullopt; // --rules
  std::string Default = defaultRulesFile(Executable);
  std::map<std::pair<std::vector<std::string>, int>, unsigned> Index;
  std::set<std::string> Conflicts;
  for (std::size_t I = 0; I < In.Commands.size(); ++I) {
    const TUConfig &Config = In.Config->forFile(In.Commands.file(I));
    std::vector<std::string> Paths;
    SmallVector<StringRef, 4> Parts;
    StringRef(Config.RulesFiles).split(Parts, ';', -1, false);
    for (StringRef P : Parts)
      if (!P.trim().empty())
        Paths.push_back(absolutePath(P.trim(), In.Commands.directory(I)));
    if (Paths.empty())
      Paths.push_back(Default);
    for (const std::string &Check : Config.Conflicts)
      Conflicts.insert(Check);
    int Void = Config.AllowCastToVoid ? *Config.AllowCastToVoid : -1;
    auto [It, New] = Index.try_emplace({Paths, Void}, In.RuleSets.size());
    if (New) {
      In.RuleSets.emplace_back();
      if (std::optional<int> Exit =
              loadRuleFiles(Paths, Config.AllowCastToVoid, In.RuleSets.back()))
        return Exit;
    }
    In.Settings[I].Rules = It->second;
  }
  for (const std::string &Check : Conflicts)
    message() << "retcheck: warning: " << Check
              << " has its own RulesFiles or AllowCastToVoid in the "
                 "configuration; the command line runs every check with "
                 "the first enabled check's\n";
  return std::nullopt;
}

/// --source-root must be a directory holding some of the analysed files
/// (generated files in a build directory beside it may lie outside).
std::optional<int> checkSourceRoot(StringRef Given, const std::string &Root,
                                   const std::vector<std::string> &Files) {
  if (Given.empty())
    return std::nullopt;
  if (!sys::fs::is_directory(Root)) {
    message() << "retcheck: error: --source-root " << Given
              << ": no such directory\n";
    return ExitUsage;
  }
  std::string Dir = Root.back() == '/' ? Root : Root + "/";
  if (!Files.empty() &&
      std::none_of(Files.begin(), Files.end(), [&](const std::string &F) {
        return StringRef(F).starts_with(Dir);
      })) {
    message() << "retcheck: error: --source-root " << Given
              << " holds none of the analysed files (such as " << Files.front()
              << ")\n";
    return ExitUsage;
  }
  return std::nullopt;
}

/// --exclude's globs, then the lines of the source root's .retcheckignore.
std::optional<int> loadExclusions(const std::vector<std::string> &Globs,
                                  RunInputs &In) {
  std::string Error;
  for (const std::string &Pattern : Globs) {
    std::string Regex = regexLookalike(Pattern);
    if (!Regex.empty()) {
      message() << "retcheck: error: --exclude '" << Pattern
                << "': takes globs relative to the source root (such as "
                   "'hw/mips/'), not regular expressions; "
                << Regex << " is regular expression syntax\n";
      return ExitUsage;
    }
    if (!In.Excluded.add(Pattern, Error)) {
      message() << "retcheck: error: --exclude " << Error << "\n";
      return ExitUsage;
    }
  }
  SmallString<256> Ignore(In.SourceRoot.Path);
  sys::path::append(Ignore, ".retcheckignore");
  if (!sys::fs::exists(Ignore))
    return std::nullopt;
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Ignore);
  if (!Text) {
    message() << "retcheck: error: " << Ignore << ": "
              << Text.getError().message() << "\n";
    return ExitUsage;
  }
  if (!In.Excluded.addLines((*Text)->getBuffer(), Ignore, Error)) {
    message() << "retcheck: error: " << Error << "\n";
    return ExitUsage;
  }
  return std::nullopt;
}

/// "N", "NK", "NM" or "NG" (binary units) in bytes.
std::optional<uint64_t> parseSize(StringRef Text) {
  StringRef Digits = Text.take_while(isDigit);
  StringRef Unit = Text.drop_front(Digits.size());
  uint64_t N = 0;
  if (Digits.empty() || Digits.getAsInteger(10, N) || Unit.size() > 1)
    return std::nullopt;
  unsigned Shift = 0;
  if (!Unit.empty()) {
    std::size_t Pos = StringRef("KMG").find(toUpper(Unit[0]));
    if (Pos == StringRef::npos)
      return std::nullopt;
    Shift = 10 * (Pos + 1);
  }
  if (N > (UINT64_MAX >> Shift))
    return std::nullopt;
  return N << Shift;
}

} // namespace

std::string defaultRulesFile(StringRef Executable) {
  return defaultRulesDir(Executable.str()) + "/qemu.json";
}

std::string absolute(StringRef Path) {
  SmallString<256> P(Path);
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, true);
  return std::string(P);
}

SourceRootInfo chooseSourceRoot(const std::vector<std::string> &Files,
                                StringRef Given,
                                std::vector<std::string> &Tops) {
  std::map<std::string, std::optional<std::string>> TopOf;
  std::set<std::string> TopSet;
  for (const std::string &F : Files) {
    std::string Dir = sys::path::parent_path(F).str();
    auto [It, New] = TopOf.try_emplace(Dir);
    if (New)
      It->second = gitWorkTreeTop(Dir);
    if (It->second)
      TopSet.insert(*It->second);
  }
  Tops.assign(TopSet.begin(), TopSet.end());

  SourceRootInfo Root;
  if (!Given.empty()) {
    Root.Path = absolute(Given);
  } else if (!Tops.empty()) {
    // Submodules sit inside their superproject: the outermost top.
    std::vector<std::string> Marks;
    for (const std::string &T : Tops)
      Marks.push_back(T + "/.git");
    Root.Path = commonDirectory(Marks);
  } else {
    Root.Path = commonDirectory(Files);
  }
  std::string Dir = Root.Path;
  while (Dir.size() > 1 && Dir.back() == '/')
    Dir.pop_back();
  if (std::optional<std::string> Top = gitWorkTreeTop(Dir)) {
    std::string Rel = relativePath(Dir, *Top);
    Root.InRepository = Dir == *Top ? "." : Rel;
    if (Tops.empty())
      Tops.push_back(*Top);
  }
  return Root;
}

std::optional<int> loadConfig(RunInputs &In, const RunOptions &O) {
  std::string Error;
  In.Config = ClangTidyConfig::fromOptions(O.Config, Error);
  if (!In.Config) {
    message() << "retcheck: error: " << Error << "\n";
    return ExitUsage;
  }
  In.Lines = In.Config->lineFilter();
  if (std::optional<unsigned> WarnAt = O.Report.WarningRank) {
    if (*WarnAt > 100) {
      message() << "retcheck: error: --warning-rank wants 0..100, got "
                << *WarnAt << "\n";
      return ExitUsage;
    }
    In.Ranking.WarnAt = *WarnAt;
  }
  if (O.Report.LowRankPaths) {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(*O.Report.LowRankPaths).split(Parts, ',', -1, false);
    std::vector<std::string> Globs;
    for (llvm::StringRef Part : Parts)
      Globs.push_back(Part.trim().str());
    std::optional<CodeClasses> Classes = CodeClasses::parse(Globs, Error);
    if (!Classes) {
      message() << "retcheck: error: --low-rank-paths: " << Error << "\n";
      return ExitUsage;
    }
    In.Ranking.LowRankCode = std::move(*Classes);
  }
  return std::nullopt;
}

std::optional<int> loadRulesOption(RunInputs &In, const RunOptions &O) {
  if (O.Inputs.RulesFiles.empty())
    return std::nullopt;
  In.RuleSets.emplace_back();
  return loadRuleFiles(O.Inputs.RulesFiles, std::nullopt, In.RuleSets.back());
}

std::optional<std::string> runIdentity(const RunOptions &O) {
  const std::string &Debug = O.Analysis.CacheIdentity;
  return Debug.empty() ? ResultCache::executableIdentity(O.Executable)
                       : "debug " + Debug;
}

std::optional<int> openCache(RunInputs &In, const RunOptions &O) {
  const AnalysisOptions &Options = O.Analysis;
  std::optional<uint64_t> MaxBytes = parseSize(Options.CacheMaxSize);
  if (!MaxBytes) {
    message()
        << "retcheck: error: --cache-max-size wants N, NK, NM or NG, got '"
        << Options.CacheMaxSize << "'\n";
    return ExitUsage;
  }
  const std::string &Dir = Options.CacheDir;
  if (Dir.empty())
    return std::nullopt;
  std::optional<std::string> Identity = runIdentity(O);
  std::string Error = "cannot read retcheck's executable to identify it";
  if (Identity)
    In.Cache = ResultCache::open({Dir, *MaxBytes, *Identity}, Error);
  if (!In.Cache)
    message() << "retcheck: warning: cache " << Dir << ": " << Error
              << "; the run goes on without it\n";
  return std::nullopt;
}

std::optional<int>
loadCommands(const RunOptions &O,
             std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             RunInputs &In) {
  const InputOptions &Inputs = O.Inputs;
  std::vector<CompileCommand> Commands;
  if (std::optional<int> Exit =
          readDatabase(Inputs, std::move(Fixed), Commands))
    return Exit;

  // Before --exclude (whose paths are relative to it) and before sharding,
  // so that every shard has the unsharded run's root and fingerprints.
  std::vector<std::string> Files;
  for (const auto &C : Commands)
    Files.push_back(commandFile(C));
  In.SourceRoot = chooseSourceRoot(Files, Inputs.SourceRoot, In.GitTops);
  if (std::optional<int> Exit =
          checkSourceRoot(Inputs.SourceRoot, In.SourceRoot.Path, Files))
    return Exit;
  if (std::optional<int> Exit = loadExclusions(Inputs.Exclude, In))
    return Exit;
  Commands.erase(std::remove_if(Commands.begin(), Commands.end(),
                                [&](const CompileCommand &C) {
                                  return excludedFile(In, commandFile(C));
                                }),
                 Commands.end());
  configureCommands(In, Commands);
  In.UnshardedCount = Commands.size();
  In.UnshardedIndex.resize(Commands.size());
  std::iota(In.UnshardedIndex.begin(), In.UnshardedIndex.end(), 0);

  if (!Inputs.Shard.empty()) {
    In.Partial = true;
    if (std::optional<int> Exit =
            selectShard(Inputs.Shard, Commands, In.Settings, In.UnshardedIndex))
      return Exit;
  }
  In.Commands = CommandList(std::move(Commands));

  if (!Inputs.ChangedSince.empty()) {
    In.Partial = true;
    std::string Error;
    In.Changes = ChangedLines::fromGit(Inputs.ChangedSince, In.GitTops, Error);
    if (!In.Changes) {
      message() << "retcheck: error: --changed-since " << Inputs.ChangedSince
                << ": " << Error << "\n";
      return ExitUsage;
    }
  }

  if (std::optional<int> Exit = loadTURules(O.Executable, In))
    return Exit;
  return loadBaseline(In, O);
}

SelectionProblems checkSelection(RunInputs &In, const RunOptions &O) {
  const ReportOptions &Report = O.Report;
  SelectionProblems P;
  std::vector<std::string> Files;
  std::set<std::string> Dirs;
  for (std::size_t I = 0; I < In.Commands.size(); ++I) {
    std::string F = In.Commands.file(I);
    if (Dirs.insert(sys::path::parent_path(F).str()).second)
      Files.push_back(F);
  }
  CheckMask Enabled = 0;
  for (const TUSettings &S : In.Settings)
    Enabled |= S.Enabled;
  std::string Checks;
  if (Files.empty()) {
    SmallString<256> Here;
    sys::fs::current_path(Here);
    sys::path::append(Here, "-");
    Files.push_back(std::string(Here));
    Enabled = In.Config->forFile(Files.front()).Enabled;
  }
  Checks = In.Config->forFile(Files.front()).Checks;
  std::set<std::string> Seen;
  auto Warn = [&](const GlobWarning &W) {
    std::string Line = W.Source + ": warning: " + W.Message;
    if (Seen.insert(Line).second)
      P.Warnings.push_back(Line);
  };
  for (const std::string &F : Files)
    for (const GlobWarning &W : In.Config->unmatchedGlobsFor(F))
      Warn(W);
  const char *FailSource = "command-line option '-fail-checks'";
  if (Report.FailChecksGiven)
    for (const GlobWarning &W : unmatchedGlobs(Report.FailChecks, FailSource,
                                               /*OnlyOurs=*/false))
      Warn(W);
  if (!Enabled)
    P.Error = "no checks enabled: the check list '" + Checks +
              "' enables none of retcheck's (retcheck --list-checks "
              "--checks='*' lists them)";
  else if (!enabledChecks(Report.FailChecks))
    P.Error = "no checks enabled by --fail-checks '" + Report.FailChecks +
              "': no finding could fail the run (--fail-on=none says that)";
  return P;
}

std::optional<int> loadBaseline(RunInputs &In, const RunOptions &O) {
  const std::string &Path = O.Inputs.Baseline;
  if (Path.empty())
    return std::nullopt;
  auto Text = MemoryBuffer::getFile(Path);
  std::string Error;
  if (Text)
    In.Accepted = parseBaselineJson((*Text)->getBuffer().str(), Error);
  else
    Error = Text.getError().message();
  if (!In.Accepted) {
    message() << "retcheck: error: --baseline " << Path << ": " << Error
              << "\n";
    return ExitUsage;
  }
  return std::nullopt;
}

} // namespace retcheck
