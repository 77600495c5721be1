//===- CompileCommandsLookup.cpp - A file's compile database, as clangd ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompileCommandsLookup.h"

#include "run/CompileDatabase.h"
#include "support/Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace retcheck::lsp {

namespace {
bool holdsDatabase(llvm::StringRef Dir) {
  for (const char *Name : {"compile_commands.json", "compile_flags.txt"}) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    if (llvm::sys::fs::is_regular_file(Path))
      return true;
  }
  return false;
}
} // namespace

std::optional<std::string> findCompileCommandsDir(const std::string &File,
                                                  const std::string &Override) {
  if (!Override.empty())
    return Override;
  // clangd's DirectoryBasedGlobalCompilationDatabase: each ancestor, then
  // its build/ subdirectory.
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    if (holdsDatabase(Dir))
      return Dir.str();
    llvm::SmallString<256> Build(Dir);
    llvm::sys::path::append(Build, "build");
    if (holdsDatabase(Build))
      return std::string(Build);
  }
  return std::nullopt;
}

const clang::tooling::CompilationDatabase *
CompileDatabases::get(const std::string &Folder) {
  auto [It, New] = Loaded.try_emplace(Folder);
  if (New) {
    std::string Error;
    It->second = loadCompileDatabase(Folder, Error);
  }
  return It->second.get();
}

namespace {
class BorrowedDatabase : public clang::tooling::CompilationDatabase {
public:
  BorrowedDatabase(const CompilationDatabase &Database, std::string Folder)
      : Database(Database), Folder(std::move(Folder)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return absolute(Database.getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override {
    return Database.getAllFiles();
  }
  std::vector<clang::tooling::CompileCommand>
  getAllCompileCommands() const override {
    return absolute(Database.getAllCompileCommands());
  }

private:
  std::vector<clang::tooling::CompileCommand>
  absolute(std::vector<clang::tooling::CompileCommand> Commands) const {
    for (clang::tooling::CompileCommand &C : Commands)
      if (!llvm::sys::path::is_absolute(C.Directory))
        C.Directory = absolutePath(C.Directory, Folder);
    return Commands;
  }

  const CompilationDatabase &Database;
  std::string Folder;
};
} // namespace

std::unique_ptr<clang::tooling::CompilationDatabase>
borrowDatabase(const clang::tooling::CompilationDatabase &Database,
               std::string Folder) {
  return std::make_unique<BorrowedDatabase>(Database, std::move(Folder));
}

} // namespace retcheck::lsp
