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

#include <optional>
#include <string>

namespace retcheck::lsp {

/// The folder of \p File's compile database; \p Override (if not empty)
/// wins. nullopt when there is none: the file is analysed without flags.
std::optional<std::string> findCompileCommandsDir(const std::string &File,
                                                  const std::string &Override);

} // namespace retcheck::lsp

#endif
