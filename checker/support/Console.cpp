//===- Console.cpp - What retcheck prints on stderr -----------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Console.h"

#include <atomic>

namespace retcheck {

static std::atomic<bool> ProgressOnScreen{false};

void console::setProgressShown(bool Shown) { ProgressOnScreen = Shown; }
bool console::progressShown() { return ProgressOnScreen; }

llvm::raw_ostream &message() {
  if (ProgressOnScreen.exchange(false))
    llvm::errs() << "\r\033[K";
  return llvm::errs();
}

void relayWorkerOutput(llvm::StringRef Text) {
  message() << Text;
  llvm::errs().flush();
}

} // namespace retcheck
