//===- RunInputs.cpp - What the analysis of a run works on ----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RunInputs.h"

#include "support/Paths.h"

using namespace llvm;

namespace retcheck {

bool HeaderFilter::keepsFindingIn(StringRef File, StringRef MainFile) const {
  if (File == MainFile)
    return true;
  return Include && Include->match(File) && !(Exclude && Exclude->match(File));
}

bool LineFilter::allows(StringRef File, unsigned Line) const {
  if (Files.empty())
    return true;
  for (const FileLines &F : Files)
    if (File.ends_with(F.Name)) {
      if (F.Lines.empty())
        return true;
      for (const auto &[First, Last] : F.Lines)
        if (First <= Line && Line <= Last)
          return true;
      return false;
    }
  return false;
}

bool excludedFile(const AnalysisInputs &In, const std::string &Path) {
  return In.Excluded.matches(relativePath(Path, In.SourceRoot.Path));
}

} // namespace retcheck
