//===- FdIO.h - Whole transfers over file descriptors ---------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Pipes and sockets between retcheck's processes (workers, the language
// server's jobs, its client) take partial reads and writes and EINTR.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_FDIO_H
#define RETCHECK_SUPPORT_FDIO_H

#include <cerrno>
#include <cstddef>
#include <sys/types.h>
#include <unistd.h>

namespace retcheck {

/// Calls \p IO(P, N) until \p Size bytes are through; false on EOF or error.
template <typename Fn> bool transferAll(char *P, std::size_t Size, Fn IO) {
  while (Size > 0) {
    ssize_t N = IO(P, Size);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    P += N;
    Size -= N;
  }
  return true;
}

/// Writes all of \p Data to \p Fd; false if it cannot.
inline bool writeAll(int Fd, const char *Data, std::size_t Size) {
  return transferAll(const_cast<char *>(Data), Size,
                     [&](char *P, std::size_t N) { return ::write(Fd, P, N); });
}

} // namespace retcheck

#endif
