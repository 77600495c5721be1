//===- CompileCommandsLookup.cpp - A file's compile database, as clangd ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompileCommandsLookup.h"

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

} // namespace retcheck::lsp
