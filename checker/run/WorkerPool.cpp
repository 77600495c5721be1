//===- WorkerPool.cpp - Translation units analysed in worker processes ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Protocol, over one socket pair per worker: the parent sends a TU index
// (8 bytes); the worker answers with the index, the length of the encoded
// TUResult and the encoding. Closing the parent's writing side tells the
// worker to exit. Sockets rather than pipes, so that writing to a worker
// that died is an EPIPE error (MSG_NOSIGNAL) and not a SIGPIPE.
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"
#include "TUResultCodec.h"
#include "support/FdIO.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retcheck {

namespace {

using Clock = std::chrono::steady_clock;

bool sendAll(int Fd, const void *Data, std::size_t Size) {
  return transferAll(
      const_cast<char *>(static_cast<const char *>(Data)), Size,
      [&](char *P, std::size_t N) { return ::send(Fd, P, N, MSG_NOSIGNAL); });
}

bool receiveAll(int Fd, void *Data, std::size_t Size) {
  return transferAll(
      static_cast<char *>(Data), Size,
      [&](char *P, std::size_t N) { return ::recv(Fd, P, N, 0); });
}

/// How a worker ended, for the problem report.
std::string describeExit(int Status, bool TimedOut, unsigned Timeout) {
  if (TimedOut)
    return "retcheck gave up on this translation unit after " +
           std::to_string(Timeout) + " s (its worker was killed)";
  if (WIFSIGNALED(Status))
    return std::string("retcheck crashed on this translation unit (signal ") +
           std::to_string(WTERMSIG(Status)) + ", " +
           strsignal(WTERMSIG(Status)) + "); the run went on without it";
  return "the worker analysing this translation unit exited with status " +
         std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : Status);
}

class Pool {
public:
  Pool(std::size_t Count, const WorkerPoolOptions &Options,
       llvm::function_ref<TUResult(std::size_t)> Analyze,
       llvm::function_ref<std::string(std::size_t)> FileOf,
       llvm::function_ref<void(std::size_t, TUResult &)> Done)
      : Count(Count), Options(Options), Analyze(Analyze), FileOf(FileOf),
        Done(Done), Results(Count) {}

  std::vector<TUResult> run() {
    Workers.resize(std::min<std::size_t>(std::max(1u, Options.Workers), Count));
    for (Worker &W : Workers)
      if (start(W))
        dispatch(W);
    while (Finished < Count) {
      if (!anyAlive()) {
        // fork() failed: no isolation is better than no result.
        while (Next < Count)
          finish(Next, Analyze(Next)), ++Next;
        break;
      }
      waitForWorkers();
    }
    for (Worker &W : Workers)
      stop(W);
    return std::move(Results);
  }

private:
  struct Worker {
    pid_t Pid = -1;
    int Fd = -1;    ///< the parent's end of the socket pair; -1: not running
    int ErrFd = -1; ///< the reading end of its stderr, with Options.Output
    std::optional<std::size_t> Current;
    Clock::time_point Started;
    bool TimedOut = false;
    std::string Received;
  };

  std::size_t Count;
  const WorkerPoolOptions &Options;
  llvm::function_ref<TUResult(std::size_t)> Analyze;
  llvm::function_ref<std::string(std::size_t)> FileOf;
  llvm::function_ref<void(std::size_t, TUResult &)> Done;
  std::vector<TUResult> Results;
  std::vector<Worker> Workers;
  std::size_t Next = 0, Finished = 0;

  bool anyAlive() const {
    for (const Worker &W : Workers)
      if (W.Fd >= 0)
        return true;
    return false;
  }

  bool start(Worker &W) {
    int Pair[2], Err[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair) != 0)
      return false;
    if (Options.Output && ::pipe2(Err, O_CLOEXEC) != 0)
      Err[0] = Err[1] = -1;
    pid_t Pid = ::fork();
    if (Pid < 0) {
      for (int Fd : {Pair[0], Pair[1], Err[0], Err[1]})
        if (Fd >= 0)
          ::close(Fd);
      return false;
    }
    if (Pid == 0) {
      // Only its own socket stays open, so that the parent sees EOF when
      // any worker dies.
      for (Worker &Other : Workers) {
        if (Other.Fd >= 0)
          ::close(Other.Fd);
        if (Other.ErrFd >= 0)
          ::close(Other.ErrFd);
      }
      ::close(Pair[0]);
      if (Err[1] >= 0) {
        ::dup2(Err[1], STDERR_FILENO);
        ::close(Err[0]);
        ::close(Err[1]);
      }
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      serve(Pair[1]);
    }
    ::close(Pair[1]);
    if (Err[1] >= 0)
      ::close(Err[1]);
    W = Worker();
    W.Pid = Pid;
    W.Fd = Pair[0];
    W.ErrFd = Err[0];
    return true;
  }

  /// Hands what a worker printed to Options.Output; false at its end.
  bool relay(Worker &W) {
    char Buffer[4096];
    ssize_t N = ::read(W.ErrFd, Buffer, sizeof Buffer);
    if (N < 0 && errno == EINTR)
      return true;
    if (N <= 0) {
      ::close(W.ErrFd);
      W.ErrFd = -1;
      return false;
    }
    Options.Output(std::string(Buffer, N));
    return true;
  }

  /// The worker's loop. Never returns: _exit skips the parent's atexit
  /// handlers and buffered output, which are not the worker's to flush.
  [[noreturn]] void serve(int Fd) {
    uint64_t Index;
    while (receiveAll(Fd, &Index, sizeof Index)) {
      std::string Bytes = encodeTUResult(Analyze(Index));
      uint64_t Header[2] = {Index, Bytes.size()};
      if (!sendAll(Fd, Header, sizeof Header) ||
          !sendAll(Fd, Bytes.data(), Bytes.size()))
        ::_exit(1);
    }
    ::_exit(0);
  }

  void dispatch(Worker &W) {
    if (Next == Count) {
      ::shutdown(W.Fd, SHUT_WR); // no more work: the worker exits
      return;
    }
    W.Current = Next++;
    W.Started = Clock::now();
    uint64_t Index = *W.Current;
    sendAll(W.Fd, &Index, sizeof Index); // a dead worker shows up as EOF
  }

  void finish(std::size_t Index, TUResult Result) {
    Results[Index] = std::move(Result);
    Done(Index, Results[Index]);
    ++Finished;
  }

  void waitForWorkers() {
    std::vector<pollfd> Polled;
    std::vector<std::pair<Worker *, bool>> Owners; // true: its stderr
    for (Worker &W : Workers) {
      if (W.ErrFd >= 0) {
        Polled.push_back({W.ErrFd, POLLIN, 0});
        Owners.push_back({&W, true});
      }
      if (W.Fd >= 0) {
        Polled.push_back({W.Fd, POLLIN, 0});
        Owners.push_back({&W, false});
      }
    }
    int Ready = ::poll(Polled.data(), Polled.size(), /*ms=*/250);
    // Output first: a crash's stack dump comes before the crash is reported.
    for (std::size_t I = 0; Ready > 0 && I < Polled.size(); ++I)
      if (Polled[I].revents && Owners[I].second && Owners[I].first->ErrFd >= 0)
        relay(*Owners[I].first);
    for (std::size_t I = 0; Ready > 0 && I < Polled.size(); ++I)
      if (Polled[I].revents && !Owners[I].second && Owners[I].first->Fd >= 0)
        receive(*Owners[I].first);
    enforceTimeout();
  }

  void receive(Worker &W) {
    char Buffer[65536];
    ssize_t N = ::recv(W.Fd, Buffer, sizeof Buffer, 0);
    if (N < 0 && errno == EINTR)
      return;
    if (N <= 0)
      return lost(W);
    W.Received.append(Buffer, N);
    uint64_t Header[2];
    while (W.Received.size() >= sizeof Header) {
      std::memcpy(Header, W.Received.data(), sizeof Header);
      if (W.Received.size() - sizeof Header < Header[1])
        return;
      std::optional<TUResult> Result =
          decodeTUResult(W.Received.substr(sizeof Header, Header[1]));
      W.Received.erase(0, sizeof Header + Header[1]);
      if (!W.Current || Header[0] != *W.Current || !Result) {
        ::kill(W.Pid, SIGKILL); // out of step: treat it as a crash
        return lost(W);
      }
      W.Current.reset();
      finish(Header[0], std::move(*Result));
      dispatch(W);
    }
  }

  /// The worker is gone: report its TU, and start another if work remains.
  void lost(Worker &W) {
    int Status = stop(W);
    if (W.Current)
      finish(*W.Current,
             problem(*W.Current, W.TimedOut ? "timeout" : "crash",
                     describeExit(Status, W.TimedOut, Options.TimeoutSeconds)));
    W.Current.reset();
    if (Next < Count && start(W))
      dispatch(W);
  }

  TUResult problem(std::size_t Index, std::string Kind, std::string Message) {
    TUResult R;
    R.File = FileOf(Index);
    R.Problems.push_back({R.File, std::move(Kind), std::move(Message)});
    return R;
  }

  /// Closes the socket and reaps the worker; its wait status. What it
  /// printed last is relayed first.
  int stop(Worker &W) {
    int Status = 0;
    if (W.Fd < 0)
      return Status;
    ::close(W.Fd);
    W.Fd = -1;
    // The worker exits on the closed socket (or is killed): its stderr
    // ends then.
    while (W.ErrFd >= 0 && relay(W))
      ;
    while (::waitpid(W.Pid, &Status, 0) < 0 && errno == EINTR)
      ;
    return Status;
  }

  void enforceTimeout() {
    if (!Options.TimeoutSeconds)
      return;
    auto Limit = std::chrono::seconds(Options.TimeoutSeconds);
    for (Worker &W : Workers)
      if (W.Fd >= 0 && W.Current && !W.TimedOut &&
          Clock::now() - W.Started > Limit) {
        W.TimedOut = true;
        ::kill(W.Pid, SIGKILL); // its EOF arrives at the next poll
      }
  }
};

} // namespace

std::vector<TUResult>
analyzeInWorkers(std::size_t Count, const WorkerPoolOptions &Options,
                 llvm::function_ref<TUResult(std::size_t)> Analyze,
                 llvm::function_ref<std::string(std::size_t)> FileOf,
                 llvm::function_ref<void(std::size_t, TUResult &)> Done) {
  if (Count == 0)
    return {};
  return Pool(Count, Options, Analyze, FileOf, Done).run();
}

} // namespace retcheck
