//===- JobProcess.cpp - An analysis in a process of its own ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "JobProcess.h"

#include "support/FdIO.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retcheck::lsp {

namespace {
/// The answer's framing: "OK\n" then the text, so that a process that
/// died half-way through writing is told from one that answered.
constexpr char Marker[] = "OK\n";

} // namespace

std::unique_ptr<JobProcess>
JobProcess::start(llvm::function_ref<std::string()> Work) {
  int Pipe[2];
  if (::pipe2(Pipe, O_CLOEXEC) != 0)
    return nullptr;
  pid_t Pid = ::fork();
  if (Pid < 0) {
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return nullptr;
  }
  if (Pid == 0) {
    ::close(Pipe[0]);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // stdin and stdout carry the protocol: the job touches neither.
    int Null = ::open("/dev/null", O_RDONLY);
    if (Null >= 0)
      ::dup2(Null, STDIN_FILENO);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    std::string Answer = Marker + Work();
    ::_exit(writeAll(Pipe[1], Answer.data(), Answer.size()) ? 0 : 1);
  }
  ::close(Pipe[1]);
  ::fcntl(Pipe[0], F_SETFL, ::fcntl(Pipe[0], F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<JobProcess>(new JobProcess(Pid, Pipe[0]));
}

JobProcess::~JobProcess() {
  if (Pid > 0) {
    ::kill(Pid, SIGKILL); // stale: its workers follow (PR_SET_PDEATHSIG)
    reap();
  }
  if (Fd >= 0)
    ::close(Fd);
}

bool JobProcess::readAvailable() {
  char Buffer[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Buffer, sizeof Buffer);
    if (N > 0) {
      Received.append(Buffer, N);
      continue;
    }
    if (N < 0 && errno == EINTR)
      continue;
    return N == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
  }
}

void JobProcess::reap() {
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR)
    ;
  Pid = -1;
}

JobProcess::Outcome JobProcess::finish() {
  reap();
  Outcome O;
  if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0 &&
      Received.compare(0, sizeof Marker - 1, Marker) == 0) {
    O.Answered = true;
    O.Answer = Received.substr(sizeof Marker - 1);
  } else if (WIFSIGNALED(Status)) {
    O.Death = std::string("the analysis process was killed by signal ") +
              std::to_string(WTERMSIG(Status)) + " (" +
              strsignal(WTERMSIG(Status)) + ")";
  } else {
    O.Death = "the analysis process exited with status " +
              std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : Status) +
              " without an answer";
  }
  return O;
}

} // namespace retcheck::lsp
