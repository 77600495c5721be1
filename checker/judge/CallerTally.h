//===- CallerTally.h - How the calls of each function are handled ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// For every function with a contract: how many of its calls can fail, and
// how many of those the judge found handled. One unchecked call among many
// checked ones is likely a bug (Z-ranking, Kremenek and Engler, SAS 2003;
// Coverity's CHECKED_RETURN); a function that few callers check is not
// thereby safe, so the tally ranks findings and never drops them.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_JUDGE_CALLERTALLY_H
#define RETCHECK_JUDGE_CALLERTALLY_H

#include "contracts/Rules.h"

#include <map>
#include <string>
#include <utility>

namespace retcheck {

class CallerTally {
public:
  struct Counts {
    unsigned All = 0;     ///< calls that can fail
    unsigned Handled = 0; ///< ... without a finding
  };

  void count(const Rule &R, bool Handled) {
    Counts &C = ByFunction[{R.Function, R.File}];
    ++C.All;
    C.Handled += Handled;
  }
  /// The calls of \p R's function. Where the tally saw fewer than an
  /// inferred rule records (the clang-tidy module sees one TU), the rule's
  /// own counts.
  Counts of(const Rule &R) const {
    if (!R.Inferred)
      return of(R.Function, R.File);
    return of(R.Function, R.File,
              {R.Inferred->Callers, R.Inferred->CallersChecking});
  }
  /// The calls counted of function \p Function (of \p File, if static),
  /// or \p Recorded where they are more (an inferred contract's counts).
  Counts of(const std::string &Function, const std::string &File,
            Counts Recorded) const {
    Counts C = of(Function, File);
    return Recorded.All > C.All ? Recorded : C;
  }
  /// The calls counted of function \p Function (of \p File, if static).
  Counts of(const std::string &Function, const std::string &File) const {
    auto It = ByFunction.find({Function, File});
    return It == ByFunction.end() ? Counts() : It->second;
  }
  void add(const std::string &Function, const std::string &File, Counts C) {
    Counts &Mine = ByFunction[{Function, File}];
    Mine.All += C.All;
    Mine.Handled += C.Handled;
  }
  /// (function, file) -> counts, in order.
  const std::map<std::pair<std::string, std::string>, Counts> &all() const {
    return ByFunction;
  }
  void merge(const CallerTally &O) {
    for (const auto &[Key, C] : O.ByFunction)
      add(Key.first, Key.second, C);
  }

private:
  std::map<std::pair<std::string, std::string>, Counts> ByFunction;
};

} // namespace retcheck

#endif
