//===- JobProcess.h - An analysis in a process of its own -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The server never parses: each document's analysis runs in a process
// forked from the server (which has no other thread), and that process
// analyses the TU in the run's own worker processes (run/WorkerPool.h), so
// a TU that crashes or hangs costs its worker and is reported. The server
// stays free to read messages; a newer edit kills the job that became
// stale. A job sends its answer as text through a pipe, then exits.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_JOBPROCESS_H
#define RETCHECK_LSP_JOBPROCESS_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <string>
#include <sys/types.h>

namespace retcheck::lsp {

class JobProcess {
public:
  /// Forks a process that runs \p Work and sends back what it returns;
  /// null if no process could be started.
  static std::unique_ptr<JobProcess>
  start(llvm::function_ref<std::string()> Work);
  ~JobProcess();
  JobProcess(const JobProcess &) = delete;
  JobProcess &operator=(const JobProcess &) = delete;

  /// The pipe to poll for the answer.
  int fd() const { return Fd; }
  /// Reads what arrived; true once the answer is complete (or the
  /// process gone).
  bool readAvailable();

  struct Outcome {
    bool Answered = false;
    std::string Answer;
    std::string Death; ///< how it ended without an answer
  };
  /// Reaps the process once readAvailable() said it is done.
  Outcome finish();

private:
  JobProcess(pid_t Pid, int Fd) : Pid(Pid), Fd(Fd) {}
  void reap();

  pid_t Pid;
  int Fd;
  int Status = 0;
  std::string Received;
};

} // namespace retcheck::lsp

#endif
