//===- FixApplier.cpp - Applying fix-its to files, safely -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FixApplier.h"
#include "Fingerprint.h"
#include "LineDiff.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace retcheck {

const std::vector<TextEdit> *chooseFixes(const Finding &F, bool FromNotes) {
  if (!F.Fixes.empty())
    return &F.Fixes;
  if (!FromNotes)
    return nullptr;
  const std::vector<TextEdit> *Chosen = nullptr;
  for (const FindingNote &N : F.Notes)
    if (!N.Fixes.empty()) {
      if (Chosen)
        return nullptr; // two repairs: which is meant is not ours to guess
      Chosen = &N.Fixes;
    }
  return Chosen;
}

namespace {
/// Holds back SIGINT, SIGTERM and SIGHUP while it lives: an interrupted
/// --fix stops between two files, and leaves no temporary behind.
class DeferInterrupts {
public:
  DeferInterrupts() {
    sigset_t Interrupts;
    sigemptyset(&Interrupts);
    for (int Sig : {SIGINT, SIGTERM, SIGHUP})
      sigaddset(&Interrupts, Sig);
    pthread_sigmask(SIG_BLOCK, &Interrupts, &Old);
  }
  ~DeferInterrupts() { pthread_sigmask(SIG_SETMASK, &Old, nullptr); }

private:
  sigset_t Old;
};
} // namespace

/// Replaces \p Path (a regular file, not a link) by \p Text through a
/// temporary in the same directory. On failure the file is untouched.
static llvm::Error replaceFile(llvm::StringRef Path, llvm::StringRef Text,
                               llvm::sys::fs::perms Perms) {
  DeferInterrupts Deferred;
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".retcheck-%%%%%%", Perms);
  if (!Temp)
    return Temp.takeError();
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Text;
    OS.flush();
    EC = OS.error();
    OS.clear_error();
  }
  // The umask narrowed the mode given to create().
  if (!EC)
    EC = llvm::sys::fs::setPermissions(Temp->FD, Perms);
  // The rename must not become visible before the data.
  if (!EC && ::fsync(Temp->FD) != 0)
    EC = std::error_code(errno, std::generic_category());
  if (EC) {
    llvm::consumeError(Temp->discard());
    return llvm::errorCodeToError(EC);
  }
  return Temp->keep(Path);
}

namespace {

/// A file of a plan as --fix would write it: its real path, mode and new
/// text. Fails, saying why, where --fix would leave the file alone.
struct FixedFile {
  llvm::SmallString<256> Target; ///< through symbolic links
  llvm::sys::fs::perms Perms = llvm::sys::fs::perms_not_known;
  std::string Old, New;
};

/// Why a file is left alone, as an error.
llvm::Error failure(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::Expected<FixedFile> fixedFile(const std::string &File,
                                    const std::vector<TextEdit> &Edits) {
  FixedFile F;
  // Rewrite the file a link points to, not the link.
  if (std::error_code EC = llvm::sys::fs::real_path(File, F.Target))
    return failure("cannot read: " + EC.message());
  auto Buffer = llvm::MemoryBuffer::getFile(F.Target, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return failure("cannot read: " + Buffer.getError().message());
  F.Old = (*Buffer)->getBuffer().str();
  uint64_t Analysed = Edits.front().FileDigest;
  if ((Analysed && Analysed != contentDigest(F.Old)) ||
      !applyEdits(F.Old, Edits, F.New))
    return failure("not fixed: the file changed since it was analysed");
  llvm::ErrorOr<llvm::sys::fs::perms> Perms =
      llvm::sys::fs::getPermissions(F.Target);
  if (!Perms)
    return failure("cannot read: " + Perms.getError().message());
  // A rename would replace a read-only file as easily as any other. The
  // mode bits count even for root, whom access() lets write anything.
  if ((*Perms & llvm::sys::fs::all_write) == 0 ||
      llvm::sys::fs::access(F.Target, llvm::sys::fs::AccessMode::Write))
    return failure("not fixed: the file is read-only");
  F.Perms = *Perms;
  return F;
}

/// Each file of \p Plan that --fix would write, given to \p Use; the
/// others are reported in the outcome's Errors.
FixOutcome forEachFixedFile(
    const FixPlan &Plan,
    llvm::function_ref<llvm::Error(const std::string &File, const FixedFile &F)>
        Use) {
  FixOutcome Outcome;
  for (const std::string &File : Plan.Inconsistent)
    Outcome.Errors.push_back(File + ": not fixed: the file changed while it "
                                    "was analysed");
  for (const auto &[File, Edits] : Plan.Files) {
    llvm::Expected<FixedFile> F = fixedFile(File, Edits);
    llvm::Error E = F ? Use(File, *F) : F.takeError();
    if (E) {
      Outcome.Errors.push_back(File + ": " + llvm::toString(std::move(E)));
      continue;
    }
    Outcome.Written.push_back(File);
    Outcome.EditsApplied += Edits.size();
  }
  return Outcome;
}

} // namespace

FixOutcome writeFixes(const FixPlan &Plan) {
  return forEachFixedFile(
      Plan, [](const std::string &, const FixedFile &F) -> llvm::Error {
        if (llvm::Error E = replaceFile(F.Target, F.New, F.Perms))
          return failure("cannot write: " + llvm::toString(std::move(E)));
        return llvm::Error::success();
      });
}

FixOutcome diffFixes(const FixPlan &Plan, const std::string &Root,
                     std::string &Diff) {
  return forEachFixedFile(
      Plan, [&](const std::string &File, const FixedFile &F) -> llvm::Error {
        std::string Path = relativePath(File, Root);
        if (Path == File)
          return failure("not in the diff: outside the source root " + Root);
        Diff += unifiedDiff(F.Old, F.New, Path);
        return llvm::Error::success();
      });
}

} // namespace retcheck
