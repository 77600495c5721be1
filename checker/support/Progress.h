//===- Progress.h - A progress line on stderr, when it is a terminal ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Whole-tree runs take minutes; a terminal shows "[done/total]" updated in
// place, at most ten times a second. Pipes and CI logs get nothing. Other
// long batches (reading many results) name what they count instead of the
// TUs proved free of rule calls. Other messages clear the line first
// (Console.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_PROGRESS_H
#define RETCHECK_SUPPORT_PROGRESS_H

#include "Console.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace retcheck {

class Progress {
public:
  explicit Progress(std::size_t Total, std::string What = "")
      : Total(Total), What(std::move(What)),
        Enabled(llvm::sys::Process::StandardErrIsDisplayed()) {}

  ~Progress() {
    if (Enabled && Printed && console::progressShown())
      llvm::errs() << "\r\033[K";
    console::setProgressShown(false);
  }

  /// One translation unit is done (\p Skipped: proved free of rule calls).
  void step(bool Skipped = false) {
    std::size_t D = ++Done;
    std::size_t S = SkippedCount += Skipped;
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Now = std::chrono::steady_clock::now();
    if (D != Total && Now - Last < std::chrono::milliseconds(100))
      return;
    Last = Now;
    Printed = true;
    console::setProgressShown(true);
    llvm::errs() << "\r\033[K[" << D << "/" << Total << "] ";
    if (What.empty())
      llvm::errs() << S << " proved free of rule calls";
    else
      llvm::errs() << What;
    llvm::errs().flush();
  }

private:
  std::size_t Total;
  std::string What;
  bool Enabled;
  bool Printed = false;
  std::atomic<std::size_t> Done{0}, SkippedCount{0};
  std::mutex Mutex;
  std::chrono::steady_clock::time_point Last;
};

} // namespace retcheck

#endif
