//===- WorkerPool.h - Translation units analysed in worker processes ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A translation unit that makes Clang (or retcheck) crash, overflow its
// stack or hang must not take the run with it. Each TU is analysed in one
// of a few forked worker processes; a worker that dies or overruns the time
// limit loses only the TU it was working on, which is reported as a
// problem, and a fresh worker takes over the rest.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_WORKERPOOL_H
#define RETCHECK_CLI_WORKERPOOL_H

#include "TUAnalysis.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <functional>
#include <string>
#include <vector>

namespace retcheck {

struct WorkerPoolOptions {
  unsigned Workers = 1;
  /// Seconds one TU may take before its worker is killed; 0: no limit.
  unsigned TimeoutSeconds = 0;
  /// When set, what workers write to their stderr (a crash's stack dump)
  /// comes through a pipe and is handed to this, in this process, so that
  /// it can be printed cleanly; otherwise workers share this stderr.
  std::function<void(const std::string &)> Output;
};

/// Runs \p Analyze(I) for every I in [0, Count) in worker processes forked
/// from this one, which must have no other thread. \p FileOf(I) names the
/// TU in the problem reported when its worker dies; \p Done(I, Result) is
/// called in this process as each result arrives, and may change it.
std::vector<TUResult>
analyzeInWorkers(std::size_t Count, const WorkerPoolOptions &Options,
                 llvm::function_ref<TUResult(std::size_t)> Analyze,
                 llvm::function_ref<std::string(std::size_t)> FileOf,
                 llvm::function_ref<void(std::size_t, TUResult &)> Done);

} // namespace retcheck

#endif
