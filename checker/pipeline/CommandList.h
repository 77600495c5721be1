//===- CommandList.h - A run's compile commands, their strings shared -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A run holds its compile commands from the parse stage to the last
// repair verified (cache lookups, workers for crashed TUs, reparses), and
// across inference, when every kept fact is in memory. As CompileCommands,
// a whole tree's take a string per argument: QEMU 10.0's 5771 commands
// and their 535 k arguments take about 25 MB, though the arguments are
// mostly the same include paths and flags. A CommandList keeps each
// distinct string once and a command as indices into them; a command is
// rebuilt when it is asked for.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_PIPELINE_COMMANDLIST_H
#define RETCHECK_PIPELINE_COMMANDLIST_H

#include "clang/Tooling/CompilationDatabase.h"

#include <cstdint>
#include <string>
#include <vector>

namespace retcheck {

class CommandList {
public:
  CommandList() = default;
  explicit CommandList(std::vector<clang::tooling::CompileCommand> Commands);

  std::size_t size() const { return Entries.size(); }
  bool empty() const { return Entries.empty(); }
  /// Command \p I, as it was given.
  clang::tooling::CompileCommand operator[](std::size_t I) const;
  clang::tooling::CompileCommand front() const { return (*this)[0]; }
  /// Command \p I's directory, and its file made absolute there (as
  /// commandFile() does), without rebuilding its arguments.
  std::string directory(std::size_t I) const {
    return string(Entries[I].Directory);
  }
  std::string file(std::size_t I) const;
  /// Each command, as it was given.
  std::vector<clang::tooling::CompileCommand> all() const;
  /// The bytes held (for tests and measurements).
  std::size_t bytes() const;

private:
  struct Entry {
    uint32_t Directory, Filename, Output, Heuristic;
    uint32_t FirstArg, Args;
  };
  std::vector<Entry> Entries;
  std::vector<uint32_t> Args;    ///< indices into Strings
  std::string Pool;              ///< every distinct string, end to end
  std::vector<uint32_t> Strings; ///< string I is Pool[Strings[I],
                                 ///< Strings[I + 1])

  std::string string(uint32_t I) const {
    return Pool.substr(Strings[I], Strings[I + 1] - Strings[I]);
  }
};

} // namespace retcheck

#endif
