//===- FactsArtifact.cpp - A map stage's facts, between CI jobs -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactsArtifact.h"
#include "PackedBytes.h"

#include "output/OutputFile.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <type_traits>

using namespace llvm;

namespace retcheck {

namespace {

constexpr StringLiteral FactsMagic = "RCFACTS1";
constexpr StringLiteral PlanMagic = "RCPLAN01";
enum FrameKind : uint8_t { HeaderFrame = 'H', TUFrame = 'T', EndFrame = 'E' };

/// A length, the bytes, their XXH3-64.
void writeFrame(raw_ostream &OS, StringRef Bytes) {
  ByteWriter W;
  W.number(Bytes.size());
  OS << W.Out << Bytes;
  W.Out.clear();
  W.u64(xxh3_64bits(arrayRefFromStringRef(Bytes)));
  OS << W.Out;
}

/// The next frame's bytes; nullopt when it is cut short or damaged.
std::optional<StringRef> readFrame(ByteReader &R) {
  StringRef Bytes = R.take(R.number());
  uint64_t Sum = R.u64();
  if (!R.Ok || Sum != xxh3_64bits(arrayRefFromStringRef(Bytes)))
    return std::nullopt;
  return Bytes;
}

/// Bits, eight to a byte.
void writeBits(ByteWriter &W, const std::vector<bool> &Bits) {
  W.number(Bits.size());
  std::string Bytes((Bits.size() + 7) / 8, '\0');
  for (std::size_t I = 0; I < Bits.size(); ++I)
    if (Bits[I])
      Bytes[I / 8] |= char(1 << (I % 8));
  W.Out += Bytes;
}

std::vector<bool> readBits(ByteReader &R) {
  uint64_t Count = R.number();
  StringRef Bytes = R.take((Count + 7) / 8);
  std::vector<bool> Bits;
  if (!R.Ok)
    return Bits;
  Bits.reserve(Count);
  for (uint64_t I = 0; I < Count; ++I)
    Bits.push_back(Bytes[I / 8] >> (I % 8) & 1);
  return Bits;
}

} // namespace

uint64_t commandDigest(const clang::tooling::CompileCommand &C) {
  ByteWriter W;
  W.text(C.Directory);
  W.text(C.Filename);
  for (const std::string &Arg : C.CommandLine)
    W.text(Arg);
  return xxh3_64bits(arrayRefFromStringRef(W.Out));
}

struct FactsWriter::Impl {
  std::string Path;
  /// Written here, then renamed to Path. Not a sys::fs::TempFile: that
  /// removes its file on a crash signal in every process forked after it,
  /// and a worker crashing on one TU would delete the run's facts.
  std::string TempPath;
  std::unique_ptr<raw_fd_ostream> OS;
  uint64_t Records = 0;
};

FactsWriter::FactsWriter() : P(std::make_unique<Impl>()) {}

FactsWriter::~FactsWriter() {
  // Closed before its file is discarded: a writer dropped unfinished
  // flushes into a descriptor that is still open, and errors are moot.
  if (P->OS) {
    P->OS->flush();
    P->OS->clear_error();
    P->OS.reset();
  }
  if (!P->TempPath.empty())
    sys::fs::remove(P->TempPath);
}

std::unique_ptr<FactsWriter>
FactsWriter::create(StringRef Dir, const FactsHeader &H, std::string &Error) {
  if (std::error_code EC = sys::fs::create_directories(Dir)) {
    Error = "cannot create '" + Dir.str() + "': " + EC.message();
    return nullptr;
  }
  SmallString<256> Path(Dir);
  sys::path::append(Path, FactsReader::FileName);
  return createFile(Path, H, Error);
}

std::unique_ptr<FactsWriter> FactsWriter::createFile(StringRef Path,
                                                     const FactsHeader &H,
                                                     std::string &Error) {
  std::unique_ptr<FactsWriter> W(new FactsWriter());
  W->P->Path = Path.str();
  int FD = -1;
  SmallString<256> TempPath;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Path + ".retcheck-%%%%%%", FD, TempPath)) {
    Error = "cannot write in '" + sys::path::parent_path(Path).str() +
            "': " + EC.message();
    return nullptr;
  }
  W->P->TempPath = std::string(TempPath);
  W->P->OS = std::make_unique<raw_fd_ostream>(FD, /*shouldClose=*/true);
  *W->P->OS << FactsMagic;
  ByteWriter B;
  B.Out += char(HeaderFrame);
  B.text(H.Identity);
  B.text(H.Scope);
  B.number(H.Shard);
  B.number(H.Shards);
  B.number(H.Commands);
  B.text(H.SourceRoot);
  B.text(H.SourceRootInRepository);
  B.number(H.RuleSets.size());
  for (const std::string &Rules : H.RuleSets)
    B.text(Rules);
  writeFrame(*W->P->OS, B.Out);
  return W;
}

void FactsWriter::add(const FactsRecord &R) {
  ByteWriter B;
  B.Out += char(TUFrame);
  B.number(R.Index);
  B.u64(R.Command);
  B.number(R.RuleSet);
  writePacked(B, R.Bytes);
  writeFrame(*P->OS, B.Out);
  ++P->Records;
}

uint64_t FactsWriter::size() const { return P->OS->tell(); }

bool FactsWriter::commit(std::string &Error) {
  ByteWriter B;
  B.Out += char(EndFrame);
  B.number(P->Records);
  writeFrame(*P->OS, B.Out);
  P->OS->flush();
  if (P->OS->has_error()) {
    Error = "cannot write '" + P->Path + "': " + P->OS->error().message();
    return false;
  }
  P->OS->close();
  if (P->OS->has_error()) {
    Error = "cannot write '" + P->Path + "': " + P->OS->error().message();
    return false;
  }
  if (std::error_code EC = sys::fs::rename(P->TempPath, P->Path)) {
    Error = "cannot write '" + P->Path + "': " + EC.message();
    return false;
  }
  P->TempPath.clear();
  return true;
}

namespace {

/// Reads a file through its descriptor from the start, a piece at a time;
/// after the first short read, Ok is false and every read returns zero or
/// empty.
class FileCursor {
public:
  FileCursor(sys::fs::file_t File, uint64_t Size) : File(File), Size(Size) {}
  bool Ok = true;
  uint64_t Offset = 0;

  std::string take(uint64_t N) {
    std::string Bytes;
    if (!Ok || N > Size - Offset || !readAt(File, Offset, N, Bytes))
      return Ok = false, std::string();
    Offset += N;
    return Bytes;
  }
  uint64_t number() {
    std::string Bytes;
    uint64_t Avail = std::min<uint64_t>(16, Size - Offset);
    if (!Ok || !readAt(File, Offset, Avail, Bytes))
      return Ok = false, 0;
    ByteReader R(Bytes);
    uint64_t V = R.number();
    if (!R.Ok)
      return Ok = false, 0;
    Offset += Avail - R.rest().size();
    return V;
  }
  uint64_t u64() {
    std::string Bytes = take(8); // outlives the reader of its bytes
    ByteReader R(Bytes);
    return Ok ? R.u64() : 0;
  }
  bool atEnd() const { return Ok && Offset == Size; }

  /// \p N bytes of \p File at \p Offset into \p Bytes.
  static bool readAt(sys::fs::file_t File, uint64_t Offset, uint64_t N,
                     std::string &Bytes) {
    Bytes.resize(N);
    for (uint64_t Done = 0; Done < N;) {
      Expected<size_t> Read = sys::fs::readNativeFileSlice(
          File, MutableArrayRef<char>(Bytes.data() + Done, N - Done),
          Offset + Done);
      if (!Read || *Read == 0) {
        if (!Read)
          consumeError(Read.takeError());
        return false;
      }
      Done += *Read;
    }
    return true;
  }

private:
  sys::fs::file_t File;
  uint64_t Size;
};

} // namespace

std::unique_ptr<FactsReader> FactsReader::open(StringRef Dir,
                                               std::string &Error) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, FileName);
  if (!sys::fs::is_directory(Dir)) {
    Error = "'" + Dir.str() + "' is not a facts directory (no such directory)";
    return nullptr;
  }
  return openFile(Path, Error);
}

std::unique_ptr<FactsReader> FactsReader::openFile(StringRef Path,
                                                   std::string &Error) {
  static_assert(std::is_same_v<sys::fs::file_t, int>,
                "FactsReader keeps a POSIX descriptor");
  Expected<sys::fs::file_t> File = sys::fs::openNativeFileForRead(Path);
  if (!File) {
    Error = "cannot read '" + Path.str() + "': " + toString(File.takeError());
    return nullptr;
  }
  std::unique_ptr<FactsReader> F(new FactsReader());
  F->File = *File;
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(F->File, Status)) {
    Error = "cannot read '" + Path.str() + "': " + EC.message();
    return nullptr;
  }
  F->Size = Status.getSize();
  FileCursor C(F->File, F->Size);
  std::string Where = "'" + Path.str() + "'";
  std::string Magic = C.take(FactsMagic.size());
  if (Magic != FactsMagic) {
    C.Ok = true;
    C.Offset = 0;
    Error = Where + (StringRef(C.take(std::min<uint64_t>(7, F->Size)))
                             .starts_with("RCFACTS")
                         ? " was written in another format version of the "
                           "facts; write it again with this retcheck"
                         : " is not a retcheck facts file");
    return nullptr;
  }
  // Every frame is checked as it is read; the file's digest is that of
  // their digests.
  ByteWriter Sums;
  auto NextFrame = [&](Frame &Into) -> std::optional<std::string> {
    uint64_t Length = C.number();
    Into.Offset = C.Offset;
    std::string Bytes = C.take(Length);
    Into.Length = Length;
    Into.Sum = C.u64();
    if (!C.Ok || Into.Sum != xxh3_64bits(arrayRefFromStringRef(Bytes)))
      return std::nullopt;
    Sums.u64(Into.Sum);
    return Bytes;
  };
  Frame HeaderAt;
  std::optional<std::string> First = NextFrame(HeaderAt);
  ByteReader H(First ? StringRef(*First) : StringRef());
  FactsHeader &Header = F->Header;
  bool IsHeader = H.take(1) == StringRef("H", 1);
  Header.Identity = H.text().str();
  Header.Scope = H.text().str();
  Header.Shard = H.number();
  Header.Shards = H.number();
  Header.Commands = H.number();
  Header.SourceRoot = H.text().str();
  Header.SourceRootInRepository = H.text().str();
  uint64_t Sets = H.number();
  for (uint64_t I = 0; H.Ok && I < Sets; ++I)
    Header.RuleSets.push_back(H.text().str());
  if (!First || !IsHeader || !H.atEnd()) {
    Error = Where + " is damaged (its header does not check out)";
    return nullptr;
  }
  while (true) {
    Frame At;
    std::optional<std::string> Bytes = NextFrame(At);
    if (!Bytes || Bytes->empty()) {
      Error = Where +
              " is damaged or cut short (a frame does not check out "
              "after " +
              std::to_string(F->Frames.size()) + " translation units)";
      return nullptr;
    }
    if (Bytes->front() == char(TUFrame)) {
      ByteReader Record(StringRef(*Bytes).drop_front());
      At.Index = Record.number();
      if (!Record.Ok) {
        Error = Where + " is damaged (translation unit " +
                std::to_string(F->Frames.size() + 1) + " has no index)";
        return nullptr;
      }
      F->Frames.push_back(At);
      continue;
    }
    ByteReader End(StringRef(*Bytes).drop_front());
    uint64_t Count = End.number();
    if (Bytes->front() != char(EndFrame) || !End.atEnd() ||
        Count != F->Frames.size() || !C.atEnd()) {
      Error = Where + " is damaged (its end does not check out)";
      return nullptr;
    }
    break;
  }
  Sums.u64(F->Size);
  F->Id = xxh3_64bits(arrayRefFromStringRef(Sums.Out));
  return F;
}

FactsReader::~FactsReader() {
  if (File >= 0)
    sys::fs::closeFile(File);
}

std::optional<std::string> FactsReader::frameBytes(const Frame &F) const {
  std::string Bytes;
  if (!FileCursor::readAt(File, F.Offset, F.Length, Bytes) ||
      xxh3_64bits(arrayRefFromStringRef(Bytes)) != F.Sum)
    return std::nullopt;
  return Bytes;
}

std::optional<FactsRecord> FactsReader::record(std::size_t I) const {
  std::optional<std::string> Frame = frameBytes(Frames[I]);
  if (!Frame)
    return std::nullopt;
  ByteReader R(StringRef(*Frame).drop_front());
  FactsRecord Record;
  Record.Index = R.number();
  Record.Command = R.u64();
  Record.RuleSet = R.number();
  std::optional<std::string> Bytes = readPacked(R);
  if (!Bytes)
    return std::nullopt;
  Record.Bytes = std::move(*Bytes);
  return Record;
}

std::optional<uint64_t> FactsReader::index(std::size_t I) const {
  return Frames[I].Index;
}

bool writeJudgePlan(StringRef Path, const JudgePlan &Plan, std::string &Error) {
  ByteWriter B;
  B.text(Plan.Identity);
  B.u64(Plan.RulesDigest);
  B.number(Plan.Shards.size());
  for (const JudgePlan::ShardPlan &S : Plan.Shards) {
    B.number(S.Shard);
    B.u64(S.FactsId);
    B.number(S.Kept.size());
    for (const FactSelection &K : S.Kept)
      for (const std::vector<bool> *Bits :
           {&K.Calls, &K.RepairFunctions, &K.Functions, &K.ParamDerefs,
            &K.Bindings})
        writeBits(B, *Bits);
  }
  B.number(Plan.Tally.all().size());
  for (const auto &[Key, C] : Plan.Tally.all()) {
    B.text(Key.first);
    B.text(Key.second);
    B.number(C.All);
    B.number(C.Handled);
  }
  ByteWriter Packed;
  writePacked(Packed, B.Out);

  std::unique_ptr<OutputFile> Out = OutputFile::open(Path, Error);
  if (Out) {
    Out->os() << PlanMagic;
    writeFrame(Out->os(), Packed.Out);
  }
  if (!Out || !Out->commit(Error)) {
    Error = "cannot write '" + Path.str() + "': " + Error;
    return false;
  }
  return true;
}

std::optional<JudgePlan> readJudgePlan(StringRef Path, std::string &Error) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Error = "cannot read '" + Path.str() + "': " + Buffer.getError().message();
    return std::nullopt;
  }
  StringRef Data = (*Buffer)->getBuffer();
  std::string Where = "'" + Path.str() + "'";
  if (!Data.starts_with(PlanMagic)) {
    Error = Where + (Data.starts_with("RCPLAN")
                         ? " was written in another format version of the "
                           "judge plan; write it again with this retcheck"
                         : " is not a retcheck judge plan");
    return std::nullopt;
  }
  ByteReader Outer(Data.drop_front(PlanMagic.size()));
  std::optional<StringRef> Frame = readFrame(Outer);
  ByteReader P(Frame ? *Frame : StringRef());
  std::optional<std::string> Body;
  if (Frame && Outer.atEnd())
    Body = readPacked(P);
  JudgePlan Plan;
  ByteReader B(Body ? *Body : StringRef());
  Plan.Identity = B.text().str();
  Plan.RulesDigest = B.u64();
  uint64_t Shards = B.number();
  for (uint64_t I = 0; B.Ok && I < Shards; ++I) {
    JudgePlan::ShardPlan S;
    S.Shard = B.number();
    S.FactsId = B.u64();
    uint64_t Records = B.number();
    for (uint64_t J = 0; B.Ok && J < Records; ++J) {
      FactSelection K;
      for (std::vector<bool> *Bits :
           {&K.Calls, &K.RepairFunctions, &K.Functions, &K.ParamDerefs,
            &K.Bindings})
        *Bits = readBits(B);
      S.Kept.push_back(std::move(K));
    }
    Plan.Shards.push_back(std::move(S));
  }
  uint64_t Functions = B.number();
  for (uint64_t I = 0; B.Ok && I < Functions; ++I) {
    std::string Function = B.text().str(), File = B.text().str();
    CallerTally::Counts C;
    C.All = B.number();
    C.Handled = B.number();
    Plan.Tally.add(Function, File, C);
  }
  if (!Body || !B.atEnd()) {
    Error = Where + " is damaged or cut short (it does not check out)";
    return std::nullopt;
  }
  return Plan;
}

} // namespace retcheck
