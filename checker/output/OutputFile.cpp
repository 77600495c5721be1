//===- OutputFile.cpp - A report file that appears whole or not at all ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OutputFile.h"

#include "llvm/Support/Error.h"

namespace retcheck {

using namespace llvm;

std::unique_ptr<OutputFile> OutputFile::open(StringRef Path,
                                             std::string &Error) {
  std::unique_ptr<OutputFile> F(new OutputFile());
  F->Path = Path.str();
  sys::fs::file_status Status;
  bool Special = !sys::fs::status(Path, Status) &&
                 Status.type() != sys::fs::file_type::regular_file &&
                 Status.type() != sys::fs::file_type::directory_file;
  if (Special) {
    std::error_code EC;
    F->OS = std::make_unique<raw_fd_ostream>(Path, EC);
    if (EC) {
      Error = EC.message();
      return nullptr;
    }
    return F;
  }
  if (sys::fs::is_directory(Path)) {
    Error = "is a directory";
    return nullptr;
  }
  Expected<sys::fs::TempFile> Temp =
      sys::fs::TempFile::create(Path + ".retcheck-%%%%%%");
  if (!Temp) {
    Error = toString(Temp.takeError());
    return nullptr;
  }
  F->Temp.emplace(std::move(*Temp));
  F->OS = std::make_unique<raw_fd_ostream>(F->Temp->FD, /*shouldClose=*/false);
  return F;
}

OutputFile::~OutputFile() {
  if (OS)
    OS->clear_error(); // reported by commit(), or moot: the file goes away
  if (Temp)
    consumeError(Temp->discard());
}

bool OutputFile::commit(std::string &Error) {
  OS->flush();
  if (OS->has_error()) {
    Error = OS->error().message();
    return false;
  }
  if (!Temp)
    return true;
  Error = toString(Temp->keep(Path));
  Temp.reset();
  return Error.empty();
}

} // namespace retcheck
