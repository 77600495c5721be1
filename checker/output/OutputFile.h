//===- OutputFile.h - A report file that appears whole or not at all ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A run that is interrupted, or fails to write, must not leave a truncated
// report that CI would read as complete. Reports are written to a
// temporary next to their path and renamed into place by commit(); one
// that is never committed is removed (also on SIGINT/SIGTERM). Devices and
// pipes (/dev/stdout, a FIFO) are written directly.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_OUTPUTFILE_H
#define RETCHECK_CLI_OUTPUTFILE_H

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace retcheck {

class OutputFile {
public:
  /// Opens \p Path for writing; on failure, nullptr and a one-line \p Error.
  static std::unique_ptr<OutputFile> open(llvm::StringRef Path,
                                          std::string &Error);
  ~OutputFile();

  llvm::raw_fd_ostream &os() { return *OS; }
  /// Written to a temporary (a regular file), not directly (a device).
  bool isTemporary() const { return Temp.has_value(); }
  /// Flushes and moves the file into place; false and \p Error on failure.
  bool commit(std::string &Error);

private:
  OutputFile() = default;
  std::string Path;
  std::optional<llvm::sys::fs::TempFile> Temp;
  std::unique_ptr<llvm::raw_fd_ostream> OS;
};

} // namespace retcheck

#endif
