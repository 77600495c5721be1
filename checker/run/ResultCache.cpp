//===- ResultCache.cpp - Results of translation units kept between runs --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// An entry file, little-endian:
//
//   "RCACHE02"  key (16 bytes)
//   compression (0 none, 1 zstd, 2 zlib), the body's size before it
//   the body, compressed:
//     file count, then per file, sorted by path: the length of the prefix
//       shared with the previous path, the length of the rest, the rest,
//       digest (16 bytes)
//     payload length, payload (the caller's bytes)
//   XXH3-64 of everything above (8 bytes)
//
// Counts and lengths are LEB128: most are below 128. The payload of an
// --infer run is a TU's facts, whose strings (macro texts, paths) the codec
// already writes once each; zstd still divides the body by three.
//
//===----------------------------------------------------------------------===//

#include "ResultCache.h"
#include "PackedBytes.h"
#include "TUAnalysis.h"
#include "output/Version.h"

#include "clang/Basic/Version.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace retcheck {

namespace {

using Digest = XXH128_hash_t;

constexpr StringLiteral Magic = "RCACHE02";
using Writer = ByteWriter;
using Reader = ByteReader;
/// Results waiting to be written; each batch stats every file once.
constexpr std::size_t BatchSize = 256;
/// A file changed less than this before the run may have been changed
/// again within its timestamp granularity, invisibly to stat.
constexpr int64_t SettleNanoseconds = 1000000000;
/// A temporary this old was left by a run that was killed.
constexpr auto StaleTemporary = std::chrono::hours(1);

Digest digestOf(StringRef Bytes) {
  return xxh3_128bits(arrayRefFromStringRef(Bytes));
}

std::string hex(Digest D) {
  return utohexstr(D.high64, /*LowerCase=*/true, 16) +
         utohexstr(D.low64, /*LowerCase=*/true, 16);
}

int64_t nanoseconds(const timespec &T) {
  return int64_t(T.tv_sec) * 1000000000 + T.tv_nsec;
}

/// Stat data that changes whenever a file's content does (the change time
/// cannot be set back by users).
struct Stamp {
  uint64_t Device = 0, Inode = 0, Size = 0;
  int64_t Modified = 0, Changed = 0;

  explicit Stamp(const struct stat &St)
      : Device(St.st_dev), Inode(St.st_ino), Size(St.st_size),
        Modified(nanoseconds(St.st_mtim)), Changed(nanoseconds(St.st_ctim)) {}
  Stamp() = default;
  bool operator==(const Stamp &O) const {
    return Device == O.Device && Inode == O.Inode && Size == O.Size &&
           Modified == O.Modified && Changed == O.Changed;
  }
  bool operator!=(const Stamp &O) const { return !(*this == O); }
};

struct Entry {
  std::vector<std::pair<std::string, Digest>> Files;
  std::string Bytes;
};

std::string encodeEntry(Digest Key, const Entry &E) {
  Writer W;
  W.number(E.Files.size());
  StringRef Previous;
  for (const auto &[Path, D] : E.Files) {
    // A TU reads hundreds of headers from a few folders: this divides the
    // size of an entry by three.
    std::size_t Shared = 0;
    while (Shared < Previous.size() && Shared < Path.size() &&
           Previous[Shared] == Path[Shared])
      ++Shared;
    W.number(Shared);
    W.number(Path.size() - Shared);
    W.Out.append(Path, Shared);
    W.digest(D);
    Previous = Path;
  }
  W.text(E.Bytes);

  Writer Packed;
  Packed.Out += Magic;
  Packed.digest(Key);
  writePacked(Packed, W.Out);
  Packed.u64(xxh3_64bits(Packed.Out));
  return std::move(Packed.Out);
}

/// nullopt when \p Data is not exactly one intact entry for \p Key.
std::optional<Entry> decodeEntry(StringRef Data, Digest Key) {
  if (Data.size() < Magic.size() + 8)
    return std::nullopt;
  StringRef Body = Data.drop_back(8);
  if (support::endian::read64le(Data.take_back(8).data()) != xxh3_64bits(Body))
    return std::nullopt;
  Reader Outer(Body);
  if (Outer.take(Magic.size()) != Magic || !(Outer.digest() == Key))
    return std::nullopt;
  std::optional<std::string> Unpacked = readPacked(Outer);
  if (!Unpacked)
    return std::nullopt;
  Reader R(*Unpacked);
  Entry E;
  uint64_t Count = R.number();
  for (uint64_t I = 0; R.Ok && I < Count; ++I) {
    uint64_t Shared = R.number();
    StringRef Rest = R.take(R.number());
    Digest D = R.digest();
    if (Shared > (E.Files.empty() ? 0 : E.Files.back().first.size()))
      return std::nullopt;
    std::string Path =
        E.Files.empty() ? "" : E.Files.back().first.substr(0, Shared);
    E.Files.push_back({Path + Rest.str(), D});
  }
  E.Bytes = R.take(R.number()).str();
  if (!R.atEnd())
    return std::nullopt;
  return E;
}

bool isTemporary(StringRef Name) { return Name.starts_with("tmp-"); }

} // namespace

struct ResultCache::Impl {
  std::string Dir;     ///< absolute; entries live in Dir/v1
  std::string Entries; ///< Dir/v1
  uint64_t MaxBytes;
  std::string Identity;
  bool Writable = true;
  /// When this run started: files changed later than a second before it
  /// are not trusted for storing.
  int64_t RunStart;
  CacheStats Stats;

  /// What this run knows of one file: its digest, computed once.
  struct FileState {
    bool Readable = false;
    Digest Sum;
    Stamp At;               ///< stat data when it was read
    bool Settled = false;   ///< last changed well before the run started
    unsigned CheckedIn = 0; ///< the batch whose stat confirmed At
  };
  StringMap<FileState> Files;

  struct Pending {
    Digest Key;
    std::vector<std::string> Files;
    std::string Bytes;
    bool Counted = true; ///< in stats()
  };
  std::vector<Pending> Queue;
  unsigned Batch = 0;
  StringSet<> MadeFolders;
  bool Written = false; ///< since the last eviction
  /// Entries this run stored or served: evicting one of them means the
  /// bound cannot hold what one run needs.
  StringSet<> Used;

  Digest keyOf(const clang::tooling::CompileCommand &C, StringRef Scope) const;
  std::string entryPath(Digest Key) const;
  FileState &state(StringRef Path);
  void read(StringRef Path, FileState &S);
  void flush();
  void write(Digest Key, StringRef Data, bool Counted);
  void writeFailed(std::error_code EC);
  void evict();
};

Digest ResultCache::Impl::keyOf(const clang::tooling::CompileCommand &C,
                                StringRef Scope) const {
  Writer W;
  W.text(Identity);
  W.text(Scope);
  SmallString<256> Directory(C.Directory);
  sys::fs::make_absolute(Directory);
  sys::path::remove_dots(Directory);
  W.text(Directory);
  W.text(C.Filename);
  W.number(C.CommandLine.size());
  for (const std::string &A : C.CommandLine)
    W.text(A);
  std::vector<std::string> Added = addedArguments();
  W.number(Added.size());
  for (const std::string &A : Added)
    W.text(A);
  // Clang's driver adds include paths from these.
  for (const char *Name : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH",
                           "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH"}) {
    const char *Value = std::getenv(Name);
    W.number(Value != nullptr);
    W.text(Value ? Value : "");
  }
  return digestOf(W.Out);
}

std::string ResultCache::Impl::entryPath(Digest Key) const {
  std::string Name = hex(Key);
  return Entries + "/" + Name.substr(0, 2) + "/" + Name.substr(2);
}

ResultCache::Impl::FileState &ResultCache::Impl::state(StringRef Path) {
  auto [It, New] = Files.try_emplace(Path);
  if (New) {
    read(Path, It->second);
    It->second.CheckedIn = Batch;
  }
  return It->second;
}

void ResultCache::Impl::read(StringRef Path, FileState &S) {
  Expected<sys::fs::file_t> FD = sys::fs::openNativeFileForRead(Path);
  if (!FD) {
    consumeError(FD.takeError());
    return;
  }
  struct stat Before, After;
  if (::fstat(*FD, &Before) == 0 && S_ISREG(Before.st_mode)) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getOpenFile(
        *FD, Path, Before.st_size, /*RequiresNullTerminator=*/false);
    // Changed while being read: the digest may mix two versions.
    if (Buffer && ::fstat(*FD, &After) == 0 && Stamp(Before) == Stamp(After)) {
      S.Readable = true;
      S.Sum = digestOf((*Buffer)->getBuffer());
      S.At = Stamp(After);
      S.Settled = S.At.Modified < RunStart - SettleNanoseconds &&
                  S.At.Changed < RunStart - SettleNanoseconds;
    }
  }
  sys::fs::closeFile(*FD);
}

void ResultCache::Impl::flush() {
  if (Queue.empty())
    return;
  // Every result queued arrived before this batch: a file whose stat is
  // unchanged now, and was changed a second before the run or earlier,
  // held the digested text all through their analyses.
  ++Batch;
  for (Pending &P : Queue) {
    Entry E;
    bool Trusted = true;
    for (std::string &F : P.Files) {
      FileState &S = state(F);
      if (S.Readable && S.Settled && S.CheckedIn != Batch) {
        struct stat St;
        if (::stat(F.c_str(), &St) != 0 || Stamp(St) != S.At)
          S.Readable = false; // changed during the run: digest again
        S.CheckedIn = Batch;
      }
      if (!S.Readable || !S.Settled) {
        Trusted = false;
        if (!S.Readable)
          Files.erase(F);
        break;
      }
      E.Files.push_back({std::move(F), S.Sum});
    }
    if (!Trusted) {
      Stats.Unsettled += P.Counted;
      continue;
    }
    E.Bytes = std::move(P.Bytes);
    if (Writable)
      write(P.Key, encodeEntry(P.Key, E), P.Counted);
  }
  Queue.clear();
}

void ResultCache::Impl::write(Digest Key, StringRef Data, bool Counted) {
  if (Data.size() > MaxBytes)
    return; // could never stay
  std::string Path = entryPath(Key);
  StringRef Folder = sys::path::parent_path(Path);
  if (!MadeFolders.contains(Folder)) {
    if (std::error_code EC =
            sys::fs::create_directories(Folder, true, sys::fs::all_all))
      return writeFailed(EC);
    MadeFolders.insert(Folder);
  }
  Expected<sys::fs::TempFile> Temp =
      sys::fs::TempFile::create(Folder + "/tmp-%%%%%%%%%%%%");
  if (!Temp)
    return writeFailed(errorToErrorCode(Temp.takeError()));
  raw_fd_ostream Out(Temp->FD, /*shouldClose=*/false);
  Out << Data;
  Out.flush();
  if (Out.has_error()) {
    std::error_code EC = Out.error();
    Out.clear_error();
    consumeError(Temp->discard());
    return writeFailed(EC);
  }
  // rename(2): readers see the old entry or this one, whole.
  if (Error E = Temp->keep(Path)) {
    std::error_code EC = errorToErrorCode(std::move(E));
    consumeError(Temp->discard());
    return writeFailed(EC);
  }
  Stats.Stores += Counted;
  Written = true;
  Used.insert(Path);
}

void ResultCache::Impl::writeFailed(std::error_code EC) {
  Writable = false;
  if (EC == std::errc::permission_denied ||
      EC == std::errc::operation_not_permitted ||
      EC == std::errc::read_only_file_system) {
    Stats.ReadOnly = true;
    return;
  }
  errs() << "retcheck: warning: cache " << Dir << ": cannot write ("
         << EC.message() << "); nothing more is stored in this run\n";
}

void ResultCache::Impl::evict() {
  struct Item {
    sys::TimePoint<> Used;
    uint64_t Size;
    std::string Path;
  };
  std::vector<Item> Items;
  uint64_t Total = 0;
  auto Now = std::chrono::system_clock::now();
  std::error_code EC;
  for (sys::fs::directory_iterator Sub(Entries, EC), End; !EC && Sub != End;
       Sub.increment(EC)) {
    std::error_code InnerEC;
    for (sys::fs::directory_iterator It(Sub->path(), InnerEC);
         !InnerEC && It != End; It.increment(InnerEC)) {
      ErrorOr<sys::fs::basic_file_status> St = It->status();
      if (!St || St->type() != sys::fs::file_type::regular_file)
        continue;
      if (isTemporary(sys::path::filename(It->path()))) {
        if (Now - St->getLastModificationTime() > StaleTemporary)
          sys::fs::remove(It->path());
        continue;
      }
      Items.push_back(
          {St->getLastModificationTime(), St->getSize(), It->path()});
      Total += St->getSize();
    }
  }
  if (Total <= MaxBytes)
    return;
  std::sort(Items.begin(), Items.end(),
            [](const Item &A, const Item &B) { return A.Used < B.Used; });
  // Down to 90%, so that the next runs do not evict again at once.
  uint64_t Target = MaxBytes / 10 * 9;
  for (const Item &I : Items) {
    if (Total <= Target)
      break;
    // Another run may have removed it already: its size is gone either way.
    if (!sys::fs::remove(I.Path, /*IgnoreNonExisting=*/false)) {
      ++Stats.Evicted;
      Stats.EvictedUsed += Used.contains(I.Path);
    }
    Total -= I.Size;
  }
}

ResultCache::ResultCache(std::unique_ptr<Impl> P) : P(std::move(P)) {}
ResultCache::~ResultCache() { finish(); }

std::unique_ptr<ResultCache> ResultCache::open(Config C, std::string &Error) {
  auto P = std::make_unique<Impl>();
  SmallString<256> Dir(C.Dir);
  if (Dir.empty()) {
    Error = "no folder given";
    return nullptr;
  }
  sys::fs::make_absolute(Dir);
  sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  if (std::error_code EC =
          sys::fs::create_directories(Dir, true, sys::fs::all_all)) {
    Error = sys::fs::exists(Dir) ? "not a folder"
                                 : "cannot create it: " + EC.message();
    return nullptr;
  }
  if (!sys::fs::is_directory(Dir)) {
    Error = "not a folder";
    return nullptr;
  }
  P->Dir = std::string(Dir);
  P->Entries = P->Dir + "/v1";
  P->MaxBytes = C.MaxBytes;
  P->Identity = std::move(C.Identity);
  P->RunStart = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    C.Started.value_or(std::chrono::system_clock::now())
                        .time_since_epoch())
                    .count();
  // Root may write anywhere: a folder without any write permission bit is
  // meant to be read-only all the same.
  struct stat St;
  P->Writable = ::access(P->Dir.c_str(), W_OK) == 0 &&
                ::stat(P->Dir.c_str(), &St) == 0 && (St.st_mode & 0222) != 0;
  if (P->Writable) {
    std::string Tag = P->Dir + "/CACHEDIR.TAG";
    if (!sys::fs::exists(Tag)) {
      // Backup tools skip folders that hold this (bford.info/cachedir).
      std::error_code EC;
      raw_fd_ostream Out(Tag, EC);
      if (!EC)
        Out << "Signature: 8a477f597d28d172789f06886806bc55\n"
               "# This folder is retcheck's result cache (--cache-dir).\n";
    }
  }
  P->Stats.ReadOnly = !P->Writable;
  return std::unique_ptr<ResultCache>(new ResultCache(std::move(P)));
}

std::optional<ResultCache::Hit>
ResultCache::lookup(const clang::tooling::CompileCommand &Command,
                    StringRef Scope, bool Counted) {
  CacheStats Ignored;
  CacheStats &Stats = Counted ? P->Stats : Ignored;
  Digest Key = P->keyOf(Command, Scope);
  std::string Path = P->entryPath(Key);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Data = MemoryBuffer::getFile(
      Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Data) {
    ++Stats.Misses;
    return std::nullopt;
  }
  std::optional<Entry> E = decodeEntry((*Data)->getBuffer(), Key);
  if (!E) {
    ++Stats.Corrupt; // a miss: the store that follows rewrites it
    ++Stats.Misses;
    return std::nullopt;
  }
  Hit H;
  for (auto &[File, Sum] : E->Files) {
    const Impl::FileState &S = P->state(File);
    if (!S.Readable || !(S.Sum == Sum)) {
      ++Stats.Misses;
      return std::nullopt;
    }
    H.Files.push_back(std::move(File));
  }
  H.Bytes = std::move(E->Bytes);
  // Recently used entries are evicted last.
  if (P->Writable) {
    ::utimensat(AT_FDCWD, Path.c_str(), nullptr, 0);
    P->Used.insert(Path);
  }
  ++Stats.Hits;
  return H;
}

void ResultCache::store(const clang::tooling::CompileCommand &Command,
                        StringRef Scope, std::vector<std::string> Files,
                        std::string Bytes, bool Counted) {
  if (!P->Writable || Files.empty())
    return;
  for (std::string &F : Files) {
    SmallString<256> Path(F);
    sys::fs::make_absolute(Path);
    F = std::string(Path);
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  P->Queue.push_back(
      {P->keyOf(Command, Scope), std::move(Files), std::move(Bytes), Counted});
  if (P->Queue.size() >= BatchSize)
    P->flush();
}

void ResultCache::finish() {
  P->flush();
  if (P->Writable && P->Written)
    P->evict();
  P->Written = false;
}

const CacheStats &ResultCache::stats() const { return P->Stats; }

std::optional<std::string>
ResultCache::executableIdentity(StringRef ExecutablePath) {
  // Read in pieces: mapping the whole binary would add its size to the
  // peak memory of the run.
  Expected<sys::fs::file_t> FD = sys::fs::openNativeFileForRead(ExecutablePath);
  if (!FD) {
    consumeError(FD.takeError());
    return std::nullopt;
  }
  std::vector<char> Piece(1 << 20);
  Writer Digests;
  bool Ok = true, End = false;
  while (Ok && !End) {
    // Whole pieces, so that the digest does not depend on how reads split.
    std::size_t Filled = 0;
    while (Filled < Piece.size()) {
      Expected<std::size_t> N = sys::fs::readNativeFile(
          *FD, MutableArrayRef<char>(Piece).drop_front(Filled));
      if (!N) {
        consumeError(N.takeError());
        Ok = false;
        break;
      }
      if (*N == 0) {
        End = true;
        break;
      }
      Filled += *N;
    }
    Digests.digest(digestOf(StringRef(Piece.data(), Filled)));
  }
  sys::fs::closeFile(*FD);
  if (!Ok)
    return std::nullopt;
  return std::string("retcheck ") + retcheckVersion() + "; " +
         clang::getClangFullVersion() + "; executable " +
         hex(digestOf(Digests.Out));
}

std::string ResultCache::defaultDir() {
  const char *Env = std::getenv("RETCHECK_CACHE_DIR");
  return Env ? Env : "";
}

} // namespace retcheck
