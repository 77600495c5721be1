//===- RetcheckTidyModule.cpp - retcheck's checks inside clang-tidy -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A thin adapter: the checks of a TU gather its facts once, with the CLI's
// collector, judge, rank and verify them once through the pipeline every
// front end shares (pipeline/TUPipeline.h), and each turns the findings of
// its own kind into clang-tidy diagnostics with fix-its. No pattern is
// written here.
//
//   clang-tidy-19 --load=libretcheck-tidy.so -checks='-*,retcheck-*' f.c --
//
// Options (.clang-tidy CheckOptions, per check or as retcheck-*.Option):
//   RulesFiles       ';'-separated rules files (default: the installed
//                    QEMU pack, share/retcheck/rules/qemu.json)
//   AllowCastToVoid  overrides every rule's allow_void_cast
//
//===----------------------------------------------------------------------===//

#include "TidyReparse.h"

#include "contracts/Rules.h"
#include "facts/CallFacts.h"
#include "output/EvidenceNotes.h"
#include "pipeline/RunInputs.h"
#include "pipeline/TUPipeline.h"
#include "rank/Rank.h"
#include "support/Checks.h"
#include "support/GitWorkTree.h"
#include "support/Paths.h"

#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>
#include <map>
#include <memory>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace retcheck {
namespace {

/// Where this shared object lives: installed rules are found beside it.
std::string pluginPath() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&pluginPath), &Info) && Info.dli_fname)
    return Info.dli_fname;
  return "";
}

struct LoadedRules {
  std::shared_ptr<RuleSet> Rules;
  std::string Error;
  bool ErrorReported = false;
};

/// The six checks usually name the same files: load them once per
/// process, and report a bad file once, not six times.
LoadedRules &loadRules(const std::string &Files,
                       std::optional<bool> AllowCastToVoid) {
  static std::map<std::string, LoadedRules> Cache;
  std::string Key =
      Files + (AllowCastToVoid ? (*AllowCastToVoid ? "|void" : "|novoid") : "");
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (!Inserted)
    return It->second;
  auto Rules = std::make_shared<RuleSet>();
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  llvm::StringRef(Files).split(Paths, ';', -1, false);
  for (llvm::StringRef Path : Paths)
    if (std::optional<RulesError> E =
            loadRulesFile(llvm::StringRef(Path).trim().str(), *Rules)) {
      It->second.Error = E->File +
                         (E->Line ? ":" + std::to_string(E->Line) + ":" +
                                        std::to_string(E->Column)
                                  : std::string()) +
                         ": " + E->Message;
      return It->second;
    }
  if (AllowCastToVoid)
    for (Rule &R : Rules->rules())
      R.AllowVoidCast = *AllowCastToVoid;
  It->second.Rules = std::move(Rules);
  return It->second;
}

/// clang-tidy's own boolean spellings. (The templated OptionsView::get<bool>
/// is not used: its mangled name differs between GCC, which builds this
/// module, and Clang, which built clang-tidy.)
std::optional<bool> parseBool(std::optional<llvm::StringRef> Value) {
  if (!Value)
    return std::nullopt;
  if (Value->equals_insensitive("true") || *Value == "1")
    return true;
  if (Value->equals_insensitive("false") || *Value == "0")
    return false;
  return std::nullopt;
}

/// Paths are ranked below the git work tree holding the TU's main file, as
/// with the CLI's default source root; else below the directory clang-tidy
/// runs in.
std::string rankRoot(const SourceManager &SM) {
  llvm::SmallString<256> Here;
  llvm::sys::fs::current_path(Here);
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    if (std::optional<std::string> Top = gitWorkTreeTop(
            llvm::sys::path::parent_path(absolutePath(Main->getName(), Here))
                .str()))
      return *Top;
  return std::string(Here);
}

/// What the checks of a TU that have the same options share: its facts,
/// gathered once, judged and ranked once, and the repairs of every one of
/// their findings verified together (as the CLI verifies a TU's), instead
/// of a walk, a judging and reparses per check. clang-tidy creates the
/// checks for each TU and calls every check's onStartOfTranslationUnit
/// before any match, and every onEndOfTranslationUnit after them all.
class SharedAnalysis {
public:
  SharedAnalysis(std::shared_ptr<RuleSet> Rules, RankOptions Ranking)
      : Rules(std::move(Rules)), Pipeline(*this->Rules),
        Ranking(std::move(Ranking)) {}

  /// The analysis of the checks alive with the options named by \p Key.
  static std::shared_ptr<SharedAnalysis>
  of(const std::string &Key, const std::shared_ptr<RuleSet> &Rules,
     const RankOptions &Ranking) {
    static std::map<std::string, std::weak_ptr<SharedAnalysis>> Alive;
    std::weak_ptr<SharedAnalysis> &Slot = Alive[Key];
    std::shared_ptr<SharedAnalysis> Shared = Slot.lock();
    if (!Shared) {
      Shared = std::make_shared<SharedAnalysis>(Rules, Ranking);
      Slot = Shared;
    }
    return Shared;
  }

  /// A check of kind \p K reports from this analysis.
  void join(CheckKind K) { Kinds |= checkBit(K); }

  void startTranslationUnit(Preprocessor *P) {
    if (InTU)
      return;
    InTU = true;
    Collected = Judged = false;
    Findings.clear();
    SM = nullptr;
    PP = P;
  }

  void collect(ASTContext &Context) {
    if (Collected)
      return;
    Collected = true;
    Collector.collect(Context, Pipeline.scope());
  }

  /// The findings of the TU of the kinds that joined, verified; null when
  /// nothing was collected. Valid until the next TU starts.
  const std::vector<Finding> *findings() {
    InTU = false;
    if (!Judged) {
      Judged = true;
      judge();
    }
    return SM ? &Findings : nullptr;
  }

  const SourceManager &sourceManager() const { return *SM; }

private:
  std::shared_ptr<RuleSet> Rules;
  TUPipeline Pipeline;
  RankOptions Ranking;
  CheckMask Kinds = 0;
  TUFactsCollector Collector{""};
  bool InTU = false, Collected = false, Judged = false;
  Preprocessor *PP = nullptr;
  const SourceManager *SM = nullptr;
  std::vector<Finding> Findings;

  void judge() {
    SM = Collector.sourceManager();
    TUFacts Facts = Collector.take();
    if (!SM)
      return;
    // The rank sees this TU's calls, and what inferred rules record of
    // the others.
    CallerTally Tally;
    Findings = Pipeline.judge(Facts, Tally);
    RankOptions Options = Ranking;
    Options.SourceRoot = rankRoot(*SM);
    Pipeline.rank(Findings, Facts, Tally, Options);
    llvm::erase_if(Findings, [&](const Finding &F) {
      return !(Kinds & checkBit(F.Check));
    });
    verify();
  }

  /// Keeps the proposed repairs that hold once the TU is parsed again with
  /// them, as the CLI does.
  void verify() {
    if (!PP || llvm::none_of(Findings, [](const Finding &F) {
          return F.Proposed.has_value();
        }))
      return;
    OptionalFileEntryRef Main = SM->getFileEntryRefForID(SM->getMainFileID());
    if (!Main)
      return;
    TidyParse Parse = parseOf(*PP, Main->getName().str());
    Pipeline.verifyInPlace(Findings, [&](const Overlay &Files) {
      return reparse(Parse, Pipeline.scope(), Files);
    });
  }
};

class RetcheckCheck : public ClangTidyCheck {
public:
  RetcheckCheck(llvm::StringRef Name, ClangTidyContext *Context, CheckKind Kind)
      : ClangTidyCheck(Name, Context), Kind(Kind),
        RulesFiles(Options.getLocalOrGlobal(
            "RulesFiles", defaultRulesDir(pluginPath()) + "/qemu.json")),
        AllowCastToVoid(
            parseBool(Options.getLocalOrGlobal("AllowCastToVoid"))) {
    LoadedRules &Loaded = loadRules(RulesFiles, AllowCastToVoid);
    if (!Loaded.Error.empty()) {
      if (!Loaded.ErrorReported)
        configurationDiag("retcheck rules: %0", DiagnosticIDs::Error)
            << Loaded.Error;
      Loaded.ErrorReported = true;
      return;
    }
    // As the CLI's --warning-rank and --low-rank-paths; paths relative to
    // the directory clang-tidy runs in (a project's top, as a rule).
    RankOptions Ranking;
    std::optional<llvm::StringRef> At = Options.getLocalOrGlobal("WarningRank");
    if (At) {
      unsigned Value = 0;
      if (At->getAsInteger(10, Value) || Value > 100)
        configurationDiag("retcheck: WarningRank must be 0..100, got '%0'")
            << *At;
      else
        Ranking.WarnAt = Value;
    }
    std::optional<llvm::StringRef> Paths =
        Options.getLocalOrGlobal("LowRankPaths");
    if (Paths) {
      llvm::SmallVector<llvm::StringRef, 8> Parts;
      Paths->split(Parts, ',', -1, false);
      std::vector<std::string> Patterns;
      for (llvm::StringRef Part : Parts)
        Patterns.push_back(Part.trim().str());
      std::string Error;
      if (std::optional<CodeClasses> Classes =
              CodeClasses::parse(Patterns, Error))
        Ranking.LowRankCode = std::move(*Classes);
      else
        configurationDiag("retcheck: LowRankPaths: %0") << Error;
    }
    WarnAt = Ranking.WarnAt;
    // Checks with the same options share one analysis of each TU.
    std::string Key = RulesFiles + '\0' +
                      (AllowCastToVoid ? (*AllowCastToVoid ? "1" : "0") : "") +
                      '\0' + (At ? At->str() : "") + '\0' +
                      (Paths ? Paths->str() : "-");
    Shared = SharedAnalysis::of(Key, Loaded.Rules, Ranking);
    Shared->join(Kind);
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "RulesFiles", RulesFiles);
    Options.store(Opts, "WarningRank", std::to_string(WarnAt));
    if (AllowCastToVoid)
      Options.store(Opts, "AllowCastToVoid",
                    *AllowCastToVoid ? "true" : "false");
  }

  void registerMatchers(MatchFinder *Finder) override {
    // The collector walks the TU itself (CallSites.h says why).
    if (Shared)
      Finder->addMatcher(translationUnitDecl(), this);
  }

  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    this->PP = PP;
  }

  void onStartOfTranslationUnit() override {
    if (Shared)
      Shared->startTranslationUnit(PP);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    Shared->collect(*Result.Context);
  }

  void onEndOfTranslationUnit() override {
    if (!Shared)
      return;
    const std::vector<Finding> *Findings = Shared->findings();
    if (!Findings)
      return;
    const SourceManager *SM = &Shared->sourceManager();
    for (const Finding &F : *Findings) {
      if (F.Check != Kind)
        continue;
      {
        auto Diag = diag(locationOf(*SM, F.File, F.Offset), "%0",
                         F.Level == Severity::Note ? DiagnosticIDs::Remark
                                                   : DiagnosticIDs::Warning)
                    << F.Message;
        addFixes(Diag, *SM, F.Fixes);
      }
      // Why it is a warning or a note, as the CLI prints it.
      if (F.RankDecided)
        diag(locationOf(*SM, F.File, F.Offset), "%0", DiagnosticIDs::Note)
            << rankSummary(F);
      // An inferred contract's evidence, as the CLI prints it.
      for (const FindingNote &N : evidenceNotes(F, {}))
        diag(N.File.empty() ? SourceLocation()
                            : evidenceLocation(*SM, N.File, N.Offset),
             "%0", DiagnosticIDs::Note)
            << N.Message;
      // A verified repair: a note with its fix-its (clang-tidy --fix-notes).
      for (const FindingNote &N : F.Notes) {
        auto Note =
            diag(locationOf(*SM, N.File, N.Offset), "%0", DiagnosticIDs::Note)
            << N.Message;
        addFixes(Note, *SM, N.Fixes);
      }
    }
  }

private:
  CheckKind Kind;
  Preprocessor *PP = nullptr;
  std::string RulesFiles;
  std::optional<bool> AllowCastToVoid;
  unsigned WarnAt = RankOptions().WarnAt;
  std::shared_ptr<SharedAnalysis> Shared;

  static void addFixes(DiagnosticBuilder &Diag, const SourceManager &SM,
                       const std::vector<TextEdit> &Fixes) {
    for (const TextEdit &E : Fixes) {
      SourceLocation Begin = locationOf(SM, E.File, E.Offset);
      if (Begin.isValid())
        Diag << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Begin,
                                          Begin.getLocWithOffset(E.Length)),
            E.Text);
    }
  }

  /// A place of an inferred contract's evidence: usually in a file the TU
  /// did not read (the callee's body), which the source manager then
  /// loads, as clang loads a file a diagnostic points into.
  static SourceLocation evidenceLocation(const SourceManager &SM,
                                         const std::string &File,
                                         unsigned Offset) {
    SourceLocation Loc = locationOf(SM, File, Offset);
    if (Loc.isValid())
      return Loc;
    llvm::Expected<FileEntryRef> Entry = SM.getFileManager().getFileRef(File);
    if (!Entry) {
      llvm::consumeError(Entry.takeError());
      return {};
    }
    FileID ID = const_cast<SourceManager &>(SM).createFileID(
        *Entry, SourceLocation(), SrcMgr::C_User);
    return SM.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }

  /// The TU's location of a byte offset in a file the TU read.
  static SourceLocation locationOf(const SourceManager &SM,
                                   const std::string &File, unsigned Offset) {
    llvm::Expected<FileEntryRef> Entry = SM.getFileManager().getFileRef(File);
    if (!Entry) {
      llvm::consumeError(Entry.takeError());
      return {};
    }
    FileID ID = SM.translateFile(*Entry);
    if (ID.isInvalid())
      return {};
    return SM.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }
};

class RetcheckModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (CheckKind Kind : AllChecks)
      Factories.registerCheckFactory(
          checkName(Kind),
          [Kind](llvm::StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<RetcheckCheck>(Name, Context, Kind);
          });
  }
};

} // namespace
} // namespace retcheck

static clang::tidy::ClangTidyModuleRegistry::Add<retcheck::RetcheckModule>
    X("retcheck-module",
      "Calls whose error return is ignored or checked incompletely.");
