//===- PackedBytes.h - Compact binary records, compressed -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the files retcheck keeps between runs and jobs are made of: LEB128
// numbers, length-prefixed text, fixed 64-bit words and digests, and
// bodies compressed with the best codec this LLVM was built with. The
// result cache's entries and the facts of a map stage share them.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_PACKEDBYTES_H
#define RETCHECK_RUN_PACKEDBYTES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/xxhash.h"

#include <cstdint>
#include <optional>
#include <string>

namespace retcheck {

class ByteWriter {
public:
  std::string Out;
  void number(uint64_t V) {
    uint8_t B[16];
    Out.append(reinterpret_cast<char *>(B), llvm::encodeULEB128(V, B));
  }
  void u64(uint64_t V) {
    char B[8];
    llvm::support::endian::write64le(B, V);
    Out.append(B, 8);
  }
  void digest(llvm::XXH128_hash_t D) {
    u64(D.low64);
    u64(D.high64);
  }
  void text(llvm::StringRef S) {
    number(S.size());
    Out += S;
  }
};

/// Reads what ByteWriter wrote; after the first short or malformed read,
/// Ok is false and every read returns zero or empty.
class ByteReader {
public:
  explicit ByteReader(llvm::StringRef In) : In(In) {}
  bool Ok = true;

  uint64_t u64() {
    llvm::StringRef B = take(8);
    return Ok ? llvm::support::endian::read64le(B.data()) : 0;
  }
  uint64_t number() {
    unsigned N = 0;
    const char *Error = nullptr;
    uint64_t V =
        llvm::decodeULEB128(In.bytes_begin(), &N, In.bytes_end(), &Error);
    if (!Ok || Error)
      return Ok = false, 0;
    In = In.drop_front(N);
    return V;
  }
  llvm::XXH128_hash_t digest() {
    llvm::XXH128_hash_t D;
    D.low64 = u64();
    D.high64 = u64();
    return D;
  }
  llvm::StringRef take(uint64_t N) {
    if (!Ok || N > In.size())
      return Ok = false, llvm::StringRef();
    llvm::StringRef B = In.take_front(N);
    In = In.drop_front(N);
    return B;
  }
  llvm::StringRef text() { return take(number()); }
  llvm::StringRef rest() { return take(In.size()); }
  bool atEnd() const { return Ok && In.empty(); }

private:
  llvm::StringRef In;
};

/// How a body is compressed: the best that this LLVM was built with.
enum class Packing : uint8_t { None = 0, Zstd = 1, Zlib = 2 };
Packing bestPacking();

/// A body larger than this is damage, not a TU's facts.
constexpr uint64_t MaxBodyBytes = uint64_t(1) << 32;

std::string pack(Packing How, llvm::StringRef Body);
/// nullopt when \p Packed does not unpack to exactly \p Size bytes.
std::optional<std::string> unpack(uint64_t How, llvm::StringRef Packed,
                                  uint64_t Size);

/// \p Body packed the best way, with how and its size, to the end of \p W.
void writePacked(ByteWriter &W, llvm::StringRef Body);
/// What writePacked() wrote: the rest of \p R, unpacked; nullopt when it
/// does not unpack.
std::optional<std::string> readPacked(ByteReader &R);

} // namespace retcheck

#endif
