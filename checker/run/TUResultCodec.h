//===- TUResultCodec.h - A TUResult as bytes, between processes -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CLI analyses each translation unit in a worker process, so that a
// crash loses one TU and not the run; results come back through a pipe in
// this compact form. Not a file format: both ends are the same binary.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_TURESULTCODEC_H
#define RETCHECK_CORE_TURESULTCODEC_H

#include "TUAnalysis.h"

#include <optional>
#include <string>

namespace retcheck {

std::string encodeTUResult(const TUResult &Result);
/// nullopt when \p Bytes is not exactly one encoded TUResult.
std::optional<TUResult> decodeTUResult(const std::string &Bytes);

} // namespace retcheck

#endif
