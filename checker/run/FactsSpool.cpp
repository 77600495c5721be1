//===- FactsSpool.cpp - A whole-tree run's facts, on disk until judged ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactsSpool.h"
#include "TUResultCodec.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace retcheck {

std::unique_ptr<FactsSpool> FactsSpool::create(std::size_t TUs,
                                               std::string &Error) {
  // A name of its own, even beside other runs' in a shared /tmp.
  SmallString<256> Path;
  sys::fs::createUniquePath("retcheck-facts-%%%%%%%%%%%%.bin", Path,
                            /*MakeAbsolute=*/true);
  std::unique_ptr<FactsSpool> S(new FactsSpool());
  S->Path = std::string(Path);
  FactsHeader H;
  H.Identity = "spool";
  H.Commands = TUs;
  S->Writer = FactsWriter::createFile(Path, H, Error);
  if (!S->Writer)
    return nullptr;
  S->Records.resize(TUs);
  return S;
}

FactsSpool::~FactsSpool() = default;

void FactsSpool::add(std::size_t Index, const TUResult &R) {
  Writer->add({Index, 0, 0, encodeTUResult(R)});
}

bool FactsSpool::finish(std::string &Error) {
  // Kept only as long as the reader's descriptor: removed at once.
  bool Written = Writer->commit(Error);
  Writer.reset();
  if (Written)
    Reader = FactsReader::openFile(Path, Error);
  sys::fs::remove(Path);
  if (!Reader)
    return false;
  for (std::size_t R = 0; R < Reader->records(); ++R)
    if (std::optional<uint64_t> Index = Reader->index(R);
        Index && *Index < Records.size())
      Records[*Index] = R;
  return true;
}

std::optional<TUResult> FactsSpool::read(std::size_t Index) const {
  if (!Reader || Index >= Records.size() || !Records[Index])
    return std::nullopt;
  std::optional<FactsRecord> Record = Reader->record(*Records[Index]);
  if (!Record)
    return std::nullopt;
  return decodeTUResult(Record->Bytes);
}

} // namespace retcheck
