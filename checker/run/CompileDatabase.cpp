//===- CompileDatabase.cpp - Loading -p's compile database ----------------===//

#include "CompileDatabase.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "support/JsonSyntax.h"

namespace retcheck {

using namespace clang::tooling;

/// Why \p Text is not a JSON array of objects, or "" if it is one.
static std::string shapeError(const std::string &Text) {
  JsonSyntaxError Syntax;
  std::optional<nlohmann::json> Doc = parseJson(Text, Syntax);
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
