//===- RunInputs.cpp - What a run works on, read before any work ----------===//

#include "RunInputs.h"
#include "Options.h"

#include "output/Fingerprint.h"
#include "output/JsonReport.h"
#include "run/CompileDatabase.h"
#include "run/TUAnalysis.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using clang::tooling::CompileCommand;

namespace retcheck {

namespace {

/// Identical commands (same file, directory and arguments) are analysed once.
std::vector<CompileCommand> uniqueCommands(std::vector<CompileCommand> Commands) {
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

std::optional<int>
readDatabase(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             std::vector<CompileCommand> &Commands) {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string DBError;
  if (!opts::BuildPath.empty()) {
    DB = loadCompileDatabase(opts::BuildPath, DBError);
    if (!DB) {
      errs() << "retcheck: error: cannot load a compile database from '"
             << opts::BuildPath << "': " << DBError << "\n";
      return ExitBadDatabase;
    }
  } else if (Fixed) {
    DB = std::move(Fixed);
  } else if (!opts::SourcePaths.empty()) {
    DB = clang::tooling::CompilationDatabase::autoDetectFromSource(
        absolute(opts::SourcePaths.front()), DBError);
    if (!DB) {
      errs() << "retcheck: warning: no compile database found for "
             << opts::SourcePaths.front() << "; analysing without flags\n";
      DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>());
    }
  } else {
    errs() << "retcheck: error: nothing to analyse: give files, or -p <build "
              "dir> with a compile_commands.json\n";
    return ExitUsage;
  }

  if (opts::SourcePaths.empty()) {
    Commands = DB->getAllCompileCommands();
    if (Commands.empty()) {
      errs() << "retcheck: error: the compile database in '" << opts::BuildPath
             << "' has no entries\n";
      return ExitBadDatabase;
    }
  } else {
    for (const std::string &File : opts::SourcePaths) {
      std::string Path = absolute(File);
      if (!sys::fs::is_regular_file(Path)) {
        errs() << "retcheck: error: " << File
               << (sys::fs::is_directory(Path) ? ": is a directory\n"
                                               : ": no such file\n");
        return ExitUsage;
      }
      std::vector<CompileCommand> ForFile = DB->getCompileCommands(Path);
      if (ForFile.empty()) {
        errs() << "retcheck: error: " << File
               << ": not in the compile database\n";
        return ExitUsage;
      }
      Commands.insert(Commands.end(), ForFile.begin(), ForFile.end());
    }
  }
  Commands = uniqueCommands(std::move(Commands));
  return std::nullopt;
}

/// Files decide the shard, so that every entry of one file (and so each
/// finding) lands in exactly one shard, whatever the order of the database.
std::optional<int> selectShard(std::vector<CompileCommand> &Commands) {
  unsigned K = 0, N = 0;
  StringRef KText, NText;
  std::tie(KText, NText) = StringRef(opts::Shard).split('/');
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 ||
      K == 0 || K > N) {
    errs() << "retcheck: error: --shard wants K/N with 1 <= K <= N, got '"
           << opts::Shard << "'\n";
    return ExitUsage;
  }
  std::vector<CompileCommand> Mine;
  for (auto &C : Commands) {
    // FNV-1a of the file's path relative to the database entry's
    // directory: stable across runs and machines.
    uint64_t H = 1469598103934665603ULL;
    for (unsigned char Ch : C.Filename)
      H = (H ^ Ch) * 1099511628211ULL;
    if (H % N == K - 1)
      Mine.push_back(std::move(C));
  }
  Commands = std::move(Mine);
  return std::nullopt;
}

} // namespace

std::string absolute(StringRef Path) {
  SmallString<256> P(Path);
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, true);
  return std::string(P);
}

std::optional<int> loadRules(const char *Argv0, RuleSet &Rules) {
  std::vector<std::string> Paths(opts::RulesFiles.begin(),
                                 opts::RulesFiles.end());
  // Inference reads the contracts from the code: only the packs asked for
  // are seeds. Otherwise the QEMU pack is the default.
  if (Paths.empty() && !opts::Infer && !opts::InferOnly)
    Paths.push_back(
        defaultRulesDir(sys::fs::getMainExecutable(Argv0, (void *)&absolute)) +
        "/qemu.json");
  for (const std::string &Path : Paths)
    if (std::optional<RulesError> E = loadRulesFile(Path, Rules)) {
      errs() << E->str() << "\n";
      return ExitBadRules;
    }
  return std::nullopt;
}

std::optional<int>
loadCommands(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             RunInputs &In) {
  if (std::optional<int> Exit = readDatabase(std::move(Fixed), In.Commands))
    return Exit;

  // Before sharding, so that every shard has the unsharded run's root and
  // fingerprints.
  if (opts::SourceRoot.empty()) {
    std::vector<std::string> All;
    for (const auto &C : In.Commands)
      All.push_back(commandFile(C));
    In.SourceRoot = commonDirectory(All);
  } else {
    In.SourceRoot = absolute(opts::SourceRoot);
  }

  if (!opts::Shard.empty())
    if (std::optional<int> Exit = selectShard(In.Commands))
      return Exit;

  if (!opts::ChangedSince.empty()) {
    std::string Error;
    In.Changes = ChangedLines::fromGit(opts::ChangedSince, In.SourceRoot, Error);
    if (!In.Changes) {
      errs() << "retcheck: error: --changed-since " << opts::ChangedSince
             << ": " << Error << "\n";
      return ExitUsage;
    }
  }

  if (!opts::Baseline.empty()) {
    auto Text = MemoryBuffer::getFile(opts::Baseline);
    std::string Error;
    if (Text)
      In.Accepted = parseBaselineJson((*Text)->getBuffer().str(), Error);
    else
      Error = Text.getError().message();
    if (!In.Accepted) {
      errs() << "retcheck: error: --baseline " << opts::Baseline << ": "
             << Error << "\n";
      return ExitUsage;
    }
  }
  return std::nullopt;
}

} // namespace retcheck
