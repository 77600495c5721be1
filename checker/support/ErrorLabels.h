//===- ErrorLabels.h - Labels that name an error path ---------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `goto fail;`, `err_free:`: C code names its error exits. Facts, repairs
// and ranks tell them by the same words. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_ERRORLABELS_H
#define RETCHECK_SUPPORT_ERRORLABELS_H

#include <cctype>
#include <string>

namespace retcheck {

/// A label named for errors: `err`, `fail`, `bail`, `abort`, `bad` in it.
inline bool isErrorLabel(const std::string &Name) {
  std::string Lower;
  for (char C : Name)
    Lower += char(std::tolower(static_cast<unsigned char>(C)));
  for (const char *Word : {"err", "fail", "bail", "abort", "bad"})
    if (Lower.find(Word) != std::string::npos)
      return true;
  return false;
}

} // namespace retcheck

#endif
