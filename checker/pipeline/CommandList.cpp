//===- CommandList.cpp - A run's compile commands, their strings shared ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CommandList.h"

#include "support/Paths.h"

#include "llvm/ADT/StringMap.h"

using clang::tooling::CompileCommand;

namespace retcheck {

CommandList::CommandList(std::vector<CompileCommand> Commands) {
  llvm::StringMap<uint32_t> Index;
  Strings.push_back(0);
  auto Intern = [&](const std::string &S) {
    auto [It, New] = Index.try_emplace(S, Strings.size() - 1);
    if (New) {
      Pool += S;
      Strings.push_back(Pool.size());
    }
    return It->second;
  };
  Entries.reserve(Commands.size());
  for (CompileCommand &C : Commands) {
    Entry E;
    E.Directory = Intern(C.Directory);
    E.Filename = Intern(C.Filename);
    E.Output = Intern(C.Output);
    E.Heuristic = Intern(C.Heuristic);
    E.FirstArg = Args.size();
    E.Args = C.CommandLine.size();
    for (const std::string &Arg : C.CommandLine)
      Args.push_back(Intern(Arg));
    Entries.push_back(E);
    // Freed as it goes: the strings are not held twice.
    C = CompileCommand();
  }
  Args.shrink_to_fit();
  Pool.shrink_to_fit();
  Strings.shrink_to_fit();
}

CompileCommand CommandList::operator[](std::size_t I) const {
  const Entry &E = Entries[I];
  std::vector<std::string> CommandLine;
  CommandLine.reserve(E.Args);
  for (uint32_t A = E.FirstArg; A < E.FirstArg + E.Args; ++A)
    CommandLine.push_back(string(Args[A]));
  CompileCommand C(string(E.Directory), string(E.Filename),
                   std::move(CommandLine), string(E.Output));
  C.Heuristic = string(E.Heuristic);
  return C;
}

std::string CommandList::file(std::size_t I) const {
  return absolutePath(string(Entries[I].Filename),
                      string(Entries[I].Directory));
}

std::vector<CompileCommand> CommandList::all() const {
  std::vector<CompileCommand> Out;
  Out.reserve(size());
  for (std::size_t I = 0; I < size(); ++I)
    Out.push_back((*this)[I]);
  return Out;
}

std::size_t CommandList::bytes() const {
  return Entries.capacity() * sizeof(Entry) +
         Args.capacity() * sizeof(uint32_t) + Pool.capacity() +
         Strings.capacity() * sizeof(uint32_t);
}

} // namespace retcheck
