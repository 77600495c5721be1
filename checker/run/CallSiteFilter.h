//===- CallSiteFilter.h - Which translation units can call a rule? --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Most translation units of a large C tree never call a rule function, and
// parsing them is most of the cost of a run. This filter proves, without
// parsing, that a C translation unit contains no call:
//
//  1. Clang's dependency scanner (minimised sources, cached across TUs)
//     gives every file the TU includes, under the TU's own flags.
//  2. Each file is lexed raw once per run. A rule name is a possible call
//     unless it is directly preceded by an identifier that is neither a
//     keyword such as `return` nor a macro: `int64_t get_image_size(...)`
//     declares, `x = get_image_size(...)`, `(get_image_size(...))` and
//     `CALL(get_image_size, f)` may call. Position in the file does not
//     matter, so a file included inside a function body is safe.
//  3. A macro whose body names a rule function or such a macro is tainted
//     (over every definition seen in the run: a superset of the TU's);
//     any use of a tainted macro is a possible call. A macro that pastes
//     (`##`) and holds at least two words of a rule name (`load_image_`)
//     is tainted too.
//
// The one shape not proved: a callee name pasted from pieces that are all
// written at the use site (`glue(load_image_, targphys)(...)`). None is in
// QEMU; `--prefilter=false` parses every TU, and scripts/bench.sh checks
// that both give the same findings. C++ translation units are always
// analysed (calls can sit in namespace-scope initialisers); so is a TU
// whose scan fails. RETCHECK_DEBUG_FILTER=1 prints why each TU is kept.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_CALLSITEFILTER_H
#define RETCHECK_CORE_CALLSITEFILTER_H

#include "contracts/Rules.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace retcheck {

class CallSiteFilter {
public:
  explicit CallSiteFilter(const RuleSet &Rules);
  ~CallSiteFilter();

  /// False only when the TU provably contains no call to a rule function;
  /// \p Named then receives the rule functions its files name (declare).
  /// \p Files: the TU's includedFiles() when the caller has them already
  /// (one scan then serves both). Thread-safe.
  bool mayCallRuleFunction(const clang::tooling::CompileCommand &Command,
                           std::vector<std::string> *Named = nullptr,
                           const std::vector<std::string> *Files = nullptr);

  /// Every file the TU reads (main file and headers, absolute), from the
  /// dependency scanner; nullopt when the scan fails. Thread-safe.
  std::optional<std::vector<std::string>>
  includedFiles(const clang::tooling::CompileCommand &Command);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace retcheck

#endif
