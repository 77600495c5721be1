//===- TidyReparse.cpp - Parsing a TU again from inside clang-tidy --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TidyReparse.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;

namespace retcheck {

TidyParse parseOf(const Preprocessor &PP, const std::string &MainFile) {
  auto CI = std::make_shared<CompilerInvocation>();
  CI->getLangOpts() = PP.getLangOpts();
  CI->getTargetOpts() = PP.getTargetInfo().getTargetOpts();
  CI->getHeaderSearchOpts() = PP.getHeaderSearchInfo().getHeaderSearchOpts();
  CI->getPreprocessorOpts() = PP.getPreprocessorOpts();
  CI->getFileSystemOpts() = PP.getFileManager().getFileSystemOpts();
  // Warnings on, before the TU's own -W flags so that they win; never
  // errors.
  std::vector<std::string> &Warnings = CI->getDiagnosticOpts().Warnings;
  for (const std::string &Flag : verificationFlagsBefore())
    Warnings.push_back(Flag.substr(2));
  for (const std::string &W :
       PP.getDiagnostics().getDiagnosticOptions().Warnings)
    Warnings.push_back(W);
  for (const std::string &Flag : verificationFlagsAfter())
    Warnings.push_back(Flag.substr(2));
  // Without carets, clang does not print "N warnings generated."
  CI->getDiagnosticOpts().ShowCarets = false;
  FrontendOptions &Frontend = CI->getFrontendOpts();
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.Inputs = {FrontendInputFile(
      MainFile,
      InputKind(PP.getLangOpts().CPlusPlus ? Language::CXX : Language::C))};
  return {CI, PP.getFileManager().getVirtualFileSystemPtr()};
}

ParseOutcome reparse(const TidyParse &Parse, const FactScope &Scope,
                     const Overlay &Files) {
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : Files)
    Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
  auto Layered =
      llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Parse.Files);
  Layered->pushOverlay(Memory);

  CompilerInstance Compiler;
  Compiler.setInvocation(
      std::make_shared<CompilerInvocation>(*Parse.Invocation));
  DiagnosticRecorder Recorder;
  Compiler.createDiagnostics(&Recorder, /*ShouldOwnClient=*/false);
  Compiler.createFileManager(Layered);
  TUResult Result;
  // Paths as the module's own collector makes them, so that findings of
  // both parses compare.
  std::unique_ptr<FrontendAction> Action = createFactsAction(Scope, Result, "");
  Compiler.ExecuteAction(*Action);
  ParseOutcome Out;
  Out.Parsed = Result.Analysed;
  Out.Facts = std::move(Result.Facts);
  Out.Diagnostics = std::move(Recorder.Keys);
  return Out;
}

} // namespace retcheck
