//===- Console.h - What retcheck prints on stderr -------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A progress line is redrawn in place on terminals; any other message must
// not end up glued to it. Every message of a run goes through message(),
// which clears the progress line first (the next step redraws it), and so
// does what the worker processes print (their stderr is a pipe to the
// parent, see WorkerPool).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_CONSOLE_H
#define RETCHECK_SUPPORT_CONSOLE_H

#include "llvm/Support/raw_ostream.h"

namespace retcheck {

/// stderr, with the progress line (if shown) cleared.
llvm::raw_ostream &message();

/// Writes text that a worker printed on its stderr.
void relayWorkerOutput(llvm::StringRef Text);

namespace console {
/// Called by Progress: a progress line is (not) on the screen.
void setProgressShown(bool Shown);
bool progressShown();
} // namespace console

} // namespace retcheck

#endif
