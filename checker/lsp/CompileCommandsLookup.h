//===- CompileCommandsLookup.h - A file's compile database, as clangd -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The language server runs beside clangd on the same files, so it finds
// their flags where clangd does: --compile-commands-dir when given, else
// the nearest of the file's directories (and their `build/`) holding
// compile_commands.json or compile_flags.txt.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_COMPILECOMMANDSLOOKUP_H
#define RETCHECK_LSP_COMPILECOMMANDSLOOKUP_H

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace retcheck::lsp {

/// The folder of \p File's compile database; \p Override (if not empty)
/// wins. nullopt when there is none: the file is analysed without flags.
std::optional<std::string> findCompileCommandsDir(const std::string &File,
                                                  const std::string &Override);

/// The databases the server has read, kept so that each analysis (a
/// process forked from the server) finds its file's database parsed: a
/// large one (QEMU's, 11 MB) costs a second to read. Forgotten when a
/// database changes.
class CompileDatabases {
public:
  /// The database in \p Folder; null if it cannot be read (the analysis
  /// reads it again, and says why).
  const clang::tooling::CompilationDatabase *get(const std::string &Folder);
  void forget() { Loaded.clear(); }

private:
  std::map<std::string, std::unique_ptr<clang::tooling::CompilationDatabase>>
      Loaded;
};

/// \p Database as a database of its own (what the command line's input
/// stage takes), its relative directories made absolute against
/// \p Folder as -p does.
std::unique_ptr<clang::tooling::CompilationDatabase>
borrowDatabase(const clang::tooling::CompilationDatabase &Database,
               std::string Folder);

} // namespace retcheck::lsp

#endif
