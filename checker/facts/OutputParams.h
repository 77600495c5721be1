//===- OutputParams.h - Outputs a function sets before it can fail --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A caller that drops a result and reads the output it handed over
// (`uint8_t v; read_byte(dev, &v); return v;`) reads garbage where the
// call failed, unless the function set the output before it could fail:
// libvirt's `if (memsize) *memsize = 0;` and `memset(buf, 0, buflen);` at
// the top of virNumaGetNodeMemory and virPCIDeviceRead give the caller a
// default. Which outputs are so set is decided from the statements the
// body runs first, before any that holds a `return`, a `goto` or a `throw`
// (a guard that leaves only for a NULL parameter, `if (!p) return -EINVAL;`,
// does not count: a caller handing `&v` over never takes it); the rank
// (rank/Rank.cpp) reads it through a rule's `outputs_set_first`.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_OUTPUTPARAMS_H
#define RETCHECK_FACTS_OUTPUTPARAMS_H

#include <cstdint>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace retcheck {

class FunctionFlow;

/// The 0-based indices of the pointer parameters of \p FD, never
/// reassigned in it, that its body writes through (`*p = v;`, `p[0] = v;`,
/// `memset(p, ...)`, `bzero`, `explicit_bzero`, each alone or under `if
/// (p)`) in the statements it runs first, before any that holds a
/// `return`, a `goto` or a `throw` other than a NULL parameter's guard: set
/// on every path, failing ones too.
std::vector<uint32_t> outputsSetFirst(const clang::FunctionDecl *FD,
                                      const FunctionFlow &Flow);

} // namespace retcheck

#endif
