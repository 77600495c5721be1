//===- Console.cpp - What retcheck prints on stderr -----------------------===//

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
