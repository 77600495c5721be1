//===- CompileDatabase.cpp - Loading -p's compile database ----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompileDatabase.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "support/JsonSyntax.h"

namespace retcheck {

using namespace clang::tooling;

/// \p Text with each byte that is not part of valid UTF-8 replaced by '?':
/// paths need not be UTF-8 (clang-tidy's loader takes them as bytes), JSON
/// parsers want it.
static std::string validUtf8(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (P < End) {
    unsigned Length = llvm::getNumBytesForUTF8(*P);
    if (Length == 0 || Length > unsigned(End - P) ||
        !llvm::isLegalUTF8Sequence(P, P + Length)) {
      Out += '?';
      ++P;
      continue;
    }
    Out.append(reinterpret_cast<const char *>(P), Length);
    P += Length;
  }
  return Out;
}

/// Why \p Text is not a JSON array of objects, or "" if it is one.
static std::string shapeError(const std::string &Text) {
  JsonSyntaxError Syntax;
  std::optional<nlohmann::json> Doc = parseJson(validUtf8(Text), Syntax);
  if (!Doc)
    return "invalid JSON " + Syntax.describe(Text);
  if (!Doc->is_array())
    return "expected a JSON array of compile commands";
  for (const nlohmann::json &Entry : *Doc)
    if (!Entry.is_object())
      return "expected each compile command to be a JSON object";
  return "";
}

std::unique_ptr<CompilationDatabase> loadCompileDatabase(llvm::StringRef Path,
                                                         std::string &Error) {
  llvm::SmallString<256> File(Path);
  if (llvm::sys::fs::is_directory(Path)) {
    llvm::sys::path::append(File, "compile_commands.json");
    // No JSON database: whatever else clang can find (compile_flags.txt).
    if (!llvm::sys::fs::exists(File)) {
      std::string Detail;
      if (auto DB = CompilationDatabase::autoDetectFromDirectory(Path, Detail))
        return DB;
      Error = "no compile_commands.json there or in a parent directory";
      return nullptr;
    }
  }
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer) {
    Error = File.str().str() + ": " + Buffer.getError().message();
    return nullptr;
  }
  std::string Why = shapeError((*Buffer)->getBuffer().str());
  if (!Why.empty()) {
    Error = File.str().str() + ": " + Why;
    return nullptr;
  }
  std::unique_ptr<CompilationDatabase> DB =
      JSONCompilationDatabase::loadFromBuffer(
          (*Buffer)->getBuffer(), Error, JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    Error = File.str().str() + ": " + Error;
  return DB;
}

} // namespace retcheck
