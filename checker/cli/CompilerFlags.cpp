//===- CompilerFlags.cpp - Compile commands adjusted for clang ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompilerFlags.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/Option/ArgList.h"

using namespace llvm;
using clang::tooling::CompileCommand;

namespace retcheck {

void addExtraArgs(CompileCommand &Command,
                  const std::vector<std::string> &Before,
                  const std::vector<std::string> &After) {
  using namespace clang::tooling;
  if (!Before.empty())
    Command.CommandLine =
        getInsertArgumentAdjuster(Before, ArgumentInsertPosition::BEGIN)(
            Command.CommandLine, Command.Filename);
  if (!After.empty())
    Command.CommandLine =
        getInsertArgumentAdjuster(After, ArgumentInsertPosition::END)(
            Command.CommandLine, Command.Filename);
}

void dropUnknownFlags(CompileCommand &Command, std::set<std::string> &Dropped) {
  std::vector<std::string> &Line = Command.CommandLine;
  if (Line.size() < 2)
    return;
  for (const std::string &Arg : Line)
    if (StringRef(Arg).starts_with("--driver-mode="))
      return;
  if (clang::driver::IsClangCL(clang::driver::getDriverMode(Line[0], {})))
    return;
  std::vector<const char *> Argv;
  for (std::size_t I = 1; I < Line.size(); ++I)
    Argv.push_back(Line[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Args = clang::driver::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      opt::Visibility(clang::driver::options::ClangOption));
  std::vector<bool> Unknown(Line.size(), false);
  bool Any = false;
  for (const opt::Arg *A : Args.filtered(clang::driver::options::OPT_UNKNOWN)) {
    // Arguments after `--` are inputs, never unknown options.
    Unknown[A->getIndex() + 1] = Any = true;
    Dropped.insert(A->getAsString(Args));
  }
  if (!Any)
    return;
  std::vector<std::string> Kept;
  for (std::size_t I = 0; I < Line.size(); ++I)
    if (!Unknown[I])
      Kept.push_back(std::move(Line[I]));
  Line = std::move(Kept);
}

} // namespace retcheck
