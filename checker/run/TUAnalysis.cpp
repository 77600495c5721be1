//===- TUAnalysis.cpp - Analysing one translation unit --------------------===//

#include "TUAnalysis.h"
#include "facts/CallAnalyzer.h"
#include "output/FixApplier.h"
#include "facts/NoLint.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdlib>

using namespace clang;
using namespace clang::ast_matchers;

namespace retcheck {

namespace {

class OneCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit OneCommandDatabase(tooling::CompileCommand Command)
      : Command(std::move(Command)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Command.Filename};
  }

private:
  tooling::CompileCommand Command;
};

/// Keeps the compiler's errors (warnings are silenced with -w).
class ErrorCollector : public DiagnosticConsumer {
public:
  std::vector<std::string> Errors;
  unsigned Count = 0;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    ++Count;
    if (Errors.size() >= 5)
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" +
                std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    Errors.push_back(Where + Text.str().str());
  }
};

std::string callableName(const Decl *D) {
  if (const auto *ND = dyn_cast_or_null<NamedDecl>(D)) {
    std::string Name = ND->getQualifiedNameAsString();
    if (!Name.empty())
      return Name;
  }
  return "(anonymous)";
}

class AnalysisCallback : public MatchFinder::MatchCallback {
public:
  AnalysisCallback(const RuleSet &Rules, TUResult &Result,
                   std::string Directory)
      : Analyzer(Rules), Result(Result), Directory(std::move(Directory)) {}

  void run(const MatchFinder::MatchResult &M) override {
    const auto *Call = M.Nodes.getNodeAs<CallExpr>("call");
    const auto *Function = M.Nodes.getNodeAs<Decl>("function");
    std::optional<CallFinding> F = Analyzer.analyze(Call, Function, *M.Context);
    if (!F)
      return;
    const SourceManager &SM = *M.SourceManager;
    Finding Out = toFinding(*F, Function, SM);
    // The same comments silence the CLI and clang-tidy.
    FileID File = SM.getFileID(SM.getFileLoc(F->Loc));
    if (isSilencedByNoLint(SM.getBufferData(File), Out.Line,
                           checkName(Out.Check)))
      return;
    Result.Findings.push_back(std::move(Out));
  }

private:
  CallAnalyzer Analyzer;
  TUResult &Result;
  std::string Directory;

  std::string fileOf(SourceLocation Loc, const SourceManager &SM) {
    return absolutePath(SM.getFilename(Loc), Directory);
  }

  Finding toFinding(const CallFinding &CF, const Decl *Function,
                    const SourceManager &SM) {
    Finding F;
    F.Check = CF.Check;
    SourceLocation Loc = SM.getFileLoc(CF.Loc);
    F.File = fileOf(Loc, SM);
    F.Line = SM.getSpellingLineNumber(Loc);
    F.Column = SM.getSpellingColumnNumber(Loc);
    F.Offset = SM.getFileOffset(Loc);
    F.Message = CF.Message;
    F.Function = CF.AppliedRule->Function;
    F.EnclosingFunction = callableName(Function);
    SourceLocation CallLoc = SM.getFileLoc(CallAnalyzer::calleeLoc(CF.Call));
    F.CallLine = SM.getSpellingLineNumber(CallLoc);
    F.CallColumn = SM.getSpellingColumnNumber(CallLoc);
    for (const FixItHint &Hint : CF.Fixes) {
      SourceLocation B = Hint.RemoveRange.getBegin();
      SourceLocation E = Hint.RemoveRange.getEnd();
      unsigned Begin = SM.getFileOffset(B), End = SM.getFileOffset(E);
      F.Fixes.push_back({fileOf(B, SM), Begin, End - Begin, Hint.CodeToInsert,
                         contentDigest(SM.getBufferData(SM.getFileID(B)))});
    }
    return F;
  }
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const RuleSet &Rules, TUResult &Result, std::string Directory)
      : Callback(Rules, Result, std::move(Directory)), Result(Result) {
    Finder.addMatcher(CallAnalyzer::matcher(Rules), &Callback);
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    class Consumer : public ASTConsumer {
    public:
      Consumer(MatchFinder &Finder, TUResult &Result)
          : Inner(Finder.newASTConsumer()), Result(Result) {}
      void HandleTranslationUnit(ASTContext &Ctx) override {
        Inner->HandleTranslationUnit(Ctx);
        Result.Analysed = true;
      }

    private:
      std::unique_ptr<ASTConsumer> Inner;
      TUResult &Result;
    };
    return std::make_unique<Consumer>(Finder, Result);
  }

private:
  MatchFinder Finder;
  AnalysisCallback Callback;
  TUResult &Result;
};

class AnalysisActionFactory : public tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const RuleSet &Rules, TUResult &Result,
                        std::string Directory)
      : Rules(Rules), Result(Result), Directory(std::move(Directory)) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Rules, Result, Directory);
  }

private:
  const RuleSet &Rules;
  TUResult &Result;
  std::string Directory;
};

/// Two calls whose results reach one -1 test can propose different
/// rewrites of it (`!= 0` for one convention, `< 0` for another). No one
/// rewrite is right for both: the findings stay, without fix-its.
void dropConflictingFixes(std::vector<Finding> &Findings) {
  std::vector<TextEdit> Edits;
  for (const Finding &F : Findings)
    Edits.insert(Edits.end(), F.Fixes.begin(), F.Fixes.end());
  std::vector<TextEdit> Conflicts = planFixes(Edits).Conflicts;
  for (Finding &F : Findings)
    if (llvm::any_of(F.Fixes, [&](const TextEdit &E) {
          return llvm::is_contained(Conflicts, E);
        }))
      F.Fixes.clear();
}

} // namespace

std::string clangResourceDir() {
  if (const char *Env = std::getenv("RETCHECK_CLANG_RESOURCE_DIR"))
    return Env;
  return RETCHECK_CLANG_RESOURCE_DIR;
}

std::vector<std::string> addedArguments() {
  // -fno-caret-diagnostics also stops "N errors generated." on stderr.
  return {"-w", "-fno-caret-diagnostics",
          "-resource-dir=" + clangResourceDir()};
}

std::string absolutePath(llvm::StringRef Name, llvm::StringRef Directory) {
  llvm::SmallString<256> Path(Name);
  if (!llvm::sys::path::is_absolute(Path)) {
    llvm::SmallString<256> Full(Directory);
    llvm::sys::path::append(Full, Path);
    Path = Full;
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string commandFile(const tooling::CompileCommand &Command) {
  return absolutePath(Command.Filename, Command.Directory);
}

TUResult analyzeCompileCommand(const tooling::CompileCommand &Command,
                               const RuleSet &Rules) {
  TUResult Result;
  Result.File = commandFile(Command);

  OneCommandDatabase Database(Command);
  // A file system of our own: the shared real one follows the process's
  // working directory, which ClangTool would change under other threads.
  tooling::ClangTool Tool(Database, {Result.File},
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      addedArguments(), tooling::ArgumentInsertPosition::END));
  ErrorCollector Errors;
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  AnalysisActionFactory Factory(Rules, Result, Command.Directory);
  Tool.run(&Factory);
  dropConflictingFixes(Result.Findings);

  if (!Result.Analysed)
    Result.Problems.push_back(
        {Result.File, "not-analysed",
         Errors.Errors.empty() ? "clang could not build this translation unit"
                               : Errors.Errors.front()});
  else if (Errors.Count > 0) {
    std::string Message = std::to_string(Errors.Count) +
                          " compile error(s); findings may be incomplete";
    for (const std::string &E : Errors.Errors)
      Message += "\n  " + E;
    Result.Problems.push_back({Result.File, "compile-error", Message});
  }
  return Result;
}

} // namespace retcheck
