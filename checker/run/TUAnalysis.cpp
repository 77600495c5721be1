//===- TUAnalysis.cpp - Analysing one translation unit --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TUAnalysis.h"
#include "run/SourceFacts.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdlib>

using namespace clang;

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
  explicit ErrorCollector(DiagnosticConsumer *Next) : Next(Next) {}
  std::vector<std::string> Errors;
  unsigned Count = 0;
  DiagnosticConsumer *Next;

  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    if (Next)
      Next->BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override {
    if (Next)
      Next->EndSourceFile();
  }
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Next)
      Next->HandleDiagnostic(Level, Info);
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

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(const FactScope &Scope, TUResult &Result, std::string Directory)
      : Collector(std::move(Directory)), Scope(Scope), Result(Result) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    class Consumer : public ASTConsumer {
    public:
      Consumer(FactsAction &Action) : Action(Action) {}
      void HandleTranslationUnit(ASTContext &Ctx) override {
        Action.Collector.collect(Ctx, Action.Scope);
        Action.Result.Facts = Action.Collector.take();
        Action.Result.Analysed = true;
        Action.Result.RuleFunctions =
            declaredFunctions(Ctx, Action.Scope.Functions);
        const SourceManager &SM = Ctx.getSourceManager();
        for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
          Action.Result.FilesRead.push_back(It->first.getName().str());
      }

    private:
      FactsAction &Action;
    };
    return std::make_unique<Consumer>(*this);
  }

private:
  TUFactsCollector Collector;
  const FactScope &Scope;
  TUResult &Result;
};

class FactsActionFactory : public tooling::FrontendActionFactory {
public:
  FactsActionFactory(const FactScope &Scope, TUResult &Result,
                     std::string Directory)
      : Scope(Scope), Result(Result), Directory(std::move(Directory)) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(Scope, Result, Directory);
  }

private:
  const FactScope &Scope;
  TUResult &Result;
  std::string Directory;
};

} // namespace

std::unique_ptr<FrontendAction> createFactsAction(const FactScope &Scope,
                                                  TUResult &Result,
                                                  std::string Directory) {
  return std::make_unique<FactsAction>(Scope, Result, std::move(Directory));
}

std::string clangResourceDir() {
  if (const char *Env = std::getenv("RETCHECK_CLANG_RESOURCE_DIR"))
    return Env;
  return RETCHECK_CLANG_RESOURCE_DIR;
}

namespace {
/// Appended to every parse: analysis and verification.
std::vector<std::string> commonArguments() {
  // -fno-caret-diagnostics also stops "N errors generated." on stderr.
  return {"-fno-caret-diagnostics", "-resource-dir=" + clangResourceDir()};
}
} // namespace

std::vector<std::string> addedArguments() {
  std::vector<std::string> Args = {"-w"};
  for (std::string &A : commonArguments())
    Args.push_back(std::move(A));
  return Args;
}

FactScope scopeOf(const RuleSet &Rules) {
  FactScope Scope;
  for (const Rule &R : Rules.rules())
    Scope.Functions.push_back(R.Function);
  return Scope;
}

std::string commandFile(const tooling::CompileCommand &Command) {
  return absolutePath(Command.Filename, Command.Directory);
}

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
overlayFileSystem(const Overlay &Files) {
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : Files)
    Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
  auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  Layered->pushOverlay(Memory);
  return Layered;
}

TUResult analyzeCompileCommand(const tooling::CompileCommand &Command,
                               const FactScope &Scope, const Overlay &Unsaved) {
  ParseSetup Setup;
  Setup.ArgsAfter = {"-w"};
  if (!Unsaved.empty())
    Setup.Files = overlayFileSystem(Unsaved);
  return parseCompileCommand(Command, Scope, Setup);
}

TUResult parseCompileCommand(const tooling::CompileCommand &Command,
                             const FactScope &Scope, const ParseSetup &Setup) {
  TUResult Result;
  Result.File = commandFile(Command);

  OneCommandDatabase Database(Command);
  // A file system of our own: the shared real one follows the process's
  // working directory, which ClangTool would change under other threads.
  tooling::ClangTool Tool(
      Database, {Result.File}, std::make_shared<PCHContainerOperations>(),
      Setup.Files ? Setup.Files : llvm::vfs::createPhysicalFileSystem());
  if (!Setup.ArgsBefore.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Setup.ArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  std::vector<std::string> After = Setup.ArgsAfter;
  for (std::string &A : commonArguments())
    After.push_back(std::move(A));
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      After, tooling::ArgumentInsertPosition::END));
  ErrorCollector Errors(Setup.Diagnostics);
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  FactsActionFactory Factory(Scope, Result, Command.Directory);
  Tool.run(&Factory);

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
