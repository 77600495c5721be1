//===- Paths.h - Absolute, normalised paths -------------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every path in facts and findings is absolute and without `.` or `..`, so
// that the same file seen from several compile commands is one file.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_PATHS_H
#define RETCHECK_SUPPORT_PATHS_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <string>

namespace retcheck {

/// \p Name made absolute against \p Directory, with . and .. removed.
inline std::string absolutePath(llvm::StringRef Name,
                                llvm::StringRef Directory) {
  llvm::SmallString<256> Path(Name);
  if (!llvm::sys::path::is_absolute(Path)) {
    llvm::SmallString<256> Full(Directory);
    llvm::sys::path::append(Full, Path);
    Path = Full;
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// \p File relative to \p Root, or \p File itself when it is not below it.
inline std::string relativePath(const std::string &File,
                                const std::string &Root) {
  std::string Dir = Root;
  if (!Dir.empty() && Dir.back() != '/')
    Dir += '/';
  return !Dir.empty() && File.compare(0, Dir.size(), Dir) == 0
             ? File.substr(Dir.size())
             : File;
}

} // namespace retcheck

#endif
