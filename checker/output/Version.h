//===- Version.h - retcheck's version, as results and --version show it ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_OUTPUT_VERSION_H
#define RETCHECK_OUTPUT_VERSION_H

namespace retcheck {

/// "0.1.0", followed by " (git <commit>)" when built from a git work tree
/// (", modified" when it had uncommitted changes). Generated at build time
/// (cli/Version.cmake).
const char *retcheckVersion();

} // namespace retcheck

#endif
