//===- CallSiteFilter.cpp - Which translation units can call a rule? ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CallSiteFilter.h"
#include "TUAnalysis.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <mutex>
#include <vector>

using namespace clang;
using namespace clang::tooling::dependencies;

namespace retcheck {

namespace {

/// Identifiers after which a name can still be the callee of a call.
bool keepsCallPossible(llvm::StringRef Word) {
  return llvm::is_contained(
      std::initializer_list<llvm::StringRef>{
          "return", "case", "else", "do", "sizeof", "typeof", "__typeof__",
          "__typeof", "__extension__", "_Alignof", "__alignof__", "goto"},
      Word);
}

/// What the raw text of one file can contribute, whatever includes it.
struct LexedFile {
  /// A rule name outside a #define, and the identifier right before it
  /// ("" when a punctuator or nothing precedes it).
  std::vector<std::pair<std::string, std::string>> RuleMentions;
  /// Every identifier outside #define lines (to find tainted macro uses).
  llvm::StringSet<> Identifiers;
  /// Macros defined here, with the identifiers of their bodies.
  std::vector<std::pair<std::string, std::vector<std::string>>> Macros;
  bool Unreadable = false;
};

} // namespace

struct CallSiteFilter::Impl {
  explicit Impl(const RuleSet &Rules)
      : Service(ScanningMode::DependencyDirectivesScan,
                ScanningOutputFormat::Make) {
    for (const Rule &R : Rules.rules()) {
      // A call through a field is written with the field's name alone
      // (`klass->io_close(...)`).
      if (R.Pointer) {
        std::size_t Sep = R.Function.rfind("::");
        RuleNames.insert(Sep == std::string::npos ? R.Function
                                                  : R.Function.substr(Sep + 2));
        continue;
      }
      RuleNames.insert(R.Function);
      CxxOnly |= R.Function.find("::") != std::string::npos;
    }
  }

  DependencyScanningService Service;
  llvm::StringSet<> RuleNames;
  bool CxxOnly = false;

  std::mutex Mutex; // guards everything below
  llvm::StringMap<std::shared_ptr<const LexedFile>> Files;
  llvm::StringMap<std::vector<std::string>> MacroBodies;
  llvm::StringSet<> Tainted;
  bool TaintDirty = false;

  bool isRuleName(llvm::StringRef Word) const {
    return RuleNames.contains(Word);
  }
  /// A proper prefix of a rule name long enough to be meant as one: the
  /// left piece of a `##` paste that could build the name.
  bool isRulePrefix(llvm::StringRef Word) const {
    // At least two words of the name (`get_image`, `load_image_`): `get_`
    // alone is pasted into names all over QEMU.
    if (!Word.drop_back(Word.ends_with("_") ? 1 : 0).contains('_'))
      return false;
    for (const auto &R : RuleNames)
      if (R.getKey().size() > Word.size() && R.getKey().starts_with(Word) &&
          (Word.ends_with("_") || R.getKey()[Word.size()] == '_'))
        return true;
    return false;
  }

  std::shared_ptr<const LexedFile> factsOf(const std::string &Path);
  LexedFile lex(llvm::StringRef Text) const;
  void updateTaint();
  std::vector<std::string>
  dependencies(const clang::tooling::CompileCommand &Command, bool &Ok);
};

LexedFile CallSiteFilter::Impl::lex(llvm::StringRef Text) const {
  LexedFile Facts;
  LangOptions Lang;
  Lang.C11 = true;
  Lang.GNUMode = true;
  Lexer L(SourceLocation(), Lang, Text.begin(), Text.begin(), Text.end());
  Token Tok;
  std::string Previous; // identifier right before, or ""
  bool InDefine = false, AfterHash = false, ExpectMacroName = false;
  std::pair<std::string, std::vector<std::string>> *Macro = nullptr;
  bool MacroPastes = false, MacroHasPrefix = false;
  auto CloseMacro = [&] {
    // A macro that pastes and holds a prefix of a rule name may build the
    // name: give it a rule name, so that it is tainted.
    if (Macro && MacroPastes && MacroHasPrefix && !RuleNames.empty())
      Macro->second.push_back(RuleNames.begin()->getKey().str());
    Macro = nullptr;
    MacroPastes = MacroHasPrefix = false;
  };
  while (!L.LexFromRawLexer(Tok)) {
    if (Tok.isAtStartOfLine()) {
      if (InDefine)
        CloseMacro();
      InDefine = false;
      AfterHash = Tok.is(tok::hash);
      Previous.clear();
      if (AfterHash)
        continue;
    }
    if (AfterHash) {
      AfterHash = false;
      if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == "define") {
        InDefine = true;
        ExpectMacroName = true;
        continue;
      }
    }
    if (Tok.is(tok::raw_identifier)) {
      llvm::StringRef Word = Tok.getRawIdentifier();
      if (InDefine) {
        if (ExpectMacroName) {
          ExpectMacroName = false;
          Facts.Macros.push_back({Word.str(), {}});
          Macro = &Facts.Macros.back();
        } else if (Macro) {
          Macro->second.push_back(Word.str());
          MacroHasPrefix |= isRulePrefix(Word);
        }
        continue;
      }
      if (isRuleName(Word))
        Facts.RuleMentions.push_back({Word.str(), Previous});
      Facts.Identifiers.insert(Word);
      Previous = Word.str();
      continue;
    }
    if (InDefine && Tok.is(tok::hashhash))
      MacroPastes = true;
    if (InDefine)
      ExpectMacroName = false;
    Previous.clear();
  }
  if (InDefine)
    CloseMacro();
  return Facts;
}

std::shared_ptr<const LexedFile>
CallSiteFilter::Impl::factsOf(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Files.find(Path);
    if (It != Files.end())
      return It->second;
  }
  auto Facts = std::make_shared<LexedFile>();
  // The raw lexer needs the terminating null.
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (Buffer)
    *Facts = lex((*Buffer)->getBuffer());
  else
    Facts->Unreadable = true;
  std::lock_guard<std::mutex> Lock(Mutex);
  auto [It, Inserted] = Files.try_emplace(Path, Facts);
  if (Inserted)
    for (const auto &[Name, Body] : Facts->Macros) {
      std::vector<std::string> &All = MacroBodies[Name];
      All.insert(All.end(), Body.begin(), Body.end());
      TaintDirty = true;
    }
  return It->second;
}

void CallSiteFilter::Impl::updateTaint() {
  // Caller holds Mutex. Fixpoint: a macro naming a rule function or a
  // tainted macro is tainted.
  if (!TaintDirty)
    return;
  TaintDirty = false;
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const auto &Entry : MacroBodies) {
      if (Tainted.contains(Entry.getKey()))
        continue;
      for (const std::string &Word : Entry.getValue())
        if (isRuleName(Word) || Tainted.contains(Word)) {
          Tainted.insert(Entry.getKey());
          Changed = true;
          break;
        }
    }
  }
}

std::vector<std::string> CallSiteFilter::Impl::dependencies(
    const clang::tooling::CompileCommand &Command, bool &Ok) {
  std::vector<std::string> Args = Command.CommandLine;
  Args.push_back("-w");
  Args.push_back("-resource-dir=" + clangResourceDir());
  DependencyScanningTool Tool(Service);
  llvm::Expected<std::string> Make =
      Tool.getDependencyFile(Args, Command.Directory);
  Ok = static_cast<bool>(Make);
  if (!Make) {
    llvm::consumeError(Make.takeError());
    return {};
  }
  // "target: dep dep \<newline> dep"; spaces in names are escaped.
  std::vector<std::string> Deps;
  llvm::StringRef Text = *Make;
  std::size_t Colon = Text.find(": ");
  Text = Colon == llvm::StringRef::npos ? "" : Text.drop_front(Colon + 2);
  std::string Current;
  for (std::size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\\' && I + 1 < Text.size() &&
        (Text[I + 1] == ' ' || Text[I + 1] == '\n')) {
      if (Text[I + 1] == ' ')
        Current += ' ';
      ++I;
      continue;
    }
    if (C == ' ' || C == '\n' || C == '\t') {
      if (!Current.empty())
        Deps.push_back(std::move(Current));
      Current.clear();
      continue;
    }
    Current += C;
  }
  if (!Current.empty())
    Deps.push_back(std::move(Current));
  for (std::string &D : Deps)
    D = absolutePath(D, Command.Directory);
  return Deps;
}

CallSiteFilter::CallSiteFilter(const RuleSet &Rules)
    : P(std::make_unique<Impl>(Rules)) {}
CallSiteFilter::~CallSiteFilter() = default;

std::optional<std::vector<std::string>>
CallSiteFilter::includedFiles(const clang::tooling::CompileCommand &Command) {
  bool Ok = false;
  std::vector<std::string> Deps = P->dependencies(Command, Ok);
  if (!Ok || Deps.empty())
    return std::nullopt;
  return Deps;
}

bool CallSiteFilter::mayCallRuleFunction(
    const clang::tooling::CompileCommand &Command,
    std::vector<std::string> *Named, const std::vector<std::string> *Files) {
  if (P->CxxOnly)
    return true;
  llvm::StringRef Ext = llvm::sys::path::extension(Command.Filename);
  if (Ext != ".c" && Ext != ".h" && Ext != ".i")
    return true; // C++, Objective-C, ...: always analysed
  for (const std::string &Arg : Command.CommandLine)
    if (llvm::StringRef(Arg).starts_with("-x") ||
        llvm::StringRef(Arg).starts_with("--driver-mode"))
      return true; // a language override: do not guess

  std::vector<std::string> Scanned;
  bool Ok = true;
  if (!Files) {
    Scanned = P->dependencies(Command, Ok);
    Files = &Scanned;
  }
  if (!Ok || Files->empty())
    return true;

  std::vector<std::shared_ptr<const LexedFile>> Facts;
  for (const std::string &D : *Files) {
    Facts.push_back(P->factsOf(D));
    if (Facts.back()->Unreadable)
      return true;
  }
  // A name preceded by a macro of this TU may follow anything once the
  // macro expands: `#define RET return` then `RET get_image_size(f)`.
  llvm::StringSet<> ClosureMacros;
  for (const auto &F : Facts)
    for (const auto &Macro : F->Macros)
      ClosureMacros.insert(Macro.first);
  std::lock_guard<std::mutex> Lock(P->Mutex);
  P->updateTaint();
  for (const auto &F : Facts) {
    for (const auto &[Name, Before] : F->RuleMentions)
      if (Before.empty() || keepsCallPossible(Before) ||
          ClosureMacros.contains(Before)) {
        if (getenv("RETCHECK_DEBUG_FILTER"))
          llvm::errs() << Command.Filename << ": " << Name << " after '"
                       << Before << "'\n";
        return true;
      }
    for (const auto &T : P->Tainted)
      if (F->Identifiers.contains(T.getKey())) {
        if (getenv("RETCHECK_DEBUG_FILTER"))
          llvm::errs() << Command.Filename << ": tainted " << T.getKey()
                       << "\n";
        return true;
      }
  }
  if (Named) {
    llvm::StringSet<> Names;
    for (const auto &F : Facts)
      for (const auto &Mention : F->RuleMentions)
        Names.insert(Mention.first);
    for (const auto &N : Names)
      Named->push_back(N.getKey().str());
  }
  return false;
}

} // namespace retcheck
