//===- CompileDatabase.h - Loading -p's compile database ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// clang's loaders print YAML diagnostics on stderr and explain a failure in
// several lines; retcheck wants one line that names the file and what is
// wrong with it, and nothing else on stderr.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_COMPILEDATABASE_H
#define RETCHECK_CLI_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>

namespace retcheck {

/// \p Path is a build directory (compile_commands.json, or anything clang
/// detects there) or a compile_commands.json file. On failure, nullptr and
/// a one-line \p Error.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDatabase(llvm::StringRef Path, std::string &Error);

} // namespace retcheck

#endif
