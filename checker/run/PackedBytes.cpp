//===- PackedBytes.cpp - Compact binary records, compressed ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PackedBytes.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Error.h"

using namespace llvm;

namespace retcheck {

Packing bestPacking() {
  if (compression::zstd::isAvailable())
    return Packing::Zstd;
  if (compression::zlib::isAvailable())
    return Packing::Zlib;
  return Packing::None;
}

std::string pack(Packing How, StringRef Body) {
  SmallVector<uint8_t, 0> Packed;
  if (How == Packing::Zstd)
    compression::zstd::compress(arrayRefFromStringRef(Body), Packed);
  else if (How == Packing::Zlib)
    compression::zlib::compress(arrayRefFromStringRef(Body), Packed);
  else
    return Body.str();
  return toStringRef(ArrayRef(Packed)).str();
}

std::optional<std::string> unpack(uint64_t How, StringRef Packed,
                                  uint64_t Size) {
  SmallVector<uint8_t, 0> Body;
  if (How == uint64_t(Packing::None)) {
    Body.assign(Packed.bytes_begin(), Packed.bytes_end());
  } else if (How == uint64_t(Packing::Zstd) || How == uint64_t(Packing::Zlib)) {
    Error Failed = How == uint64_t(Packing::Zstd)
                       ? compression::zstd::decompress(
                             arrayRefFromStringRef(Packed), Body, Size)
                       : compression::zlib::decompress(
                             arrayRefFromStringRef(Packed), Body, Size);
    if (Failed) {
      consumeError(std::move(Failed));
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (Body.size() != Size)
    return std::nullopt;
  return toStringRef(ArrayRef(Body)).str();
}

void writePacked(ByteWriter &W, StringRef Body) {
  Packing How = bestPacking();
  W.number(uint64_t(How));
  W.number(Body.size());
  W.Out += pack(How, Body);
}

std::optional<std::string> readPacked(ByteReader &R) {
  uint64_t How = R.number();
  uint64_t Size = R.number();
  if (!R.Ok || Size > MaxBodyBytes)
    return std::nullopt;
  return unpack(How, R.rest(), Size);
}

} // namespace retcheck
