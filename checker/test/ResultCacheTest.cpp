// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The result cache serves bytes only while every part of the key matches,
// never a torn or damaged entry, and keeps to its size bound.

#include "run/ResultCache.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace retcheck;
using clang::tooling::CompileCommand;
using Clock = std::chrono::system_clock;

namespace {

/// A scratch folder with two sources and a cache folder, removed at the end.
struct Scratch {
  std::string Root;
  Scratch() {
    llvm::SmallString<128> Dir;
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("retcheck-cache-test", Dir));
    Root = std::string(Dir);
    write("a.c", "#include \"a.h\"\nint f(void) { return g(); }\n");
    write("a.h", "int g(void);\n");
  }
  ~Scratch() { llvm::sys::fs::remove_directories(Root); }

  std::string path(const std::string &Name) const { return Root + "/" + Name; }
  void write(const std::string &Name, const std::string &Text) const {
    std::ofstream(path(Name), std::ios::binary | std::ios::trunc) << Text;
  }
  std::string cacheDir() const { return path("cache"); }

  CompileCommand command(std::vector<std::string> Extra = {}) const {
    std::vector<std::string> Args = {"clang", "-c", "a.c"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return CompileCommand(Root, "a.c", Args, "a.o");
  }
  std::vector<std::string> files() const { return {path("a.c"), path("a.h")}; }

  /// Every entry file (not the tag, not temporaries).
  std::vector<std::string> entries() const {
    std::vector<std::string> Out;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(cacheDir() + "/v1", EC),
         End;
         !EC && It != End; It.increment(EC))
      if (It->type() == llvm::sys::fs::file_type::regular_file)
        Out.push_back(It->path());
    return Out;
  }
};

/// \p Size bytes that do not compress: entries are compressed, and the
/// size bound is about what they take on disk.
std::string noise(std::size_t Size, unsigned Seed = 1) {
  std::mt19937 Random(Seed);
  std::string Bytes(Size, '\0');
  for (char &C : Bytes)
    C = char(Random());
  return Bytes;
}

/// A cache whose run "started" two seconds from now, so that the files the
/// test has just written count as settled.
std::unique_ptr<ResultCache>
openCache(const Scratch &S, std::string Identity = "id-1",
          uint64_t MaxBytes = 1 << 20,
          Clock::duration StartOffset = std::chrono::seconds(2)) {
  std::string Error;
  ResultCache::Config C;
  C.Dir = S.cacheDir();
  C.MaxBytes = MaxBytes;
  C.Identity = std::move(Identity);
  C.Started = Clock::now() + StartOffset;
  std::unique_ptr<ResultCache> Cache = ResultCache::open(C, Error);
  INFO(Error);
  REQUIRE(Cache);
  return Cache;
}

void storeOne(const Scratch &S, const std::string &Bytes,
              const std::string &Scope = "scope",
              std::string Identity = "id-1") {
  std::unique_ptr<ResultCache> Cache = openCache(S, std::move(Identity));
  Cache->store(S.command(), Scope, S.files(), Bytes);
  Cache->finish();
  CHECK(Cache->stats().Stores == 1);
}

} // namespace

TEST_CASE("a stored result is served back with its files", "[cache]") {
  Scratch S;
  storeOne(S, std::string("result \0 bytes", 14));
  std::unique_ptr<ResultCache> Cache = openCache(S);
  std::optional<ResultCache::Hit> Hit = Cache->lookup(S.command(), "scope");
  REQUIRE(Hit);
  CHECK(Hit->Bytes == std::string("result \0 bytes", 14));
  CHECK(Hit->Files == S.files());
  CHECK(Cache->stats().Hits == 1);
  CHECK(Cache->stats().Misses == 0);
}

TEST_CASE("every key part must match", "[cache]") {
  Scratch S;
  storeOne(S, "r");
  SECTION("scope") {
    CHECK_FALSE(openCache(S)->lookup(S.command(), "other scope"));
  }
  SECTION("identity") {
    CHECK_FALSE(openCache(S, "id-2")->lookup(S.command(), "scope"));
  }
  SECTION("arguments") {
    CHECK_FALSE(openCache(S)->lookup(S.command({"-DX=1"}), "scope"));
  }
  SECTION("directory") {
    CompileCommand C = S.command();
    C.Directory += "/.";
    CHECK(openCache(S)->lookup(C, "scope")); // the same folder, normalised
    C.Directory = S.path("cache");
    CHECK_FALSE(openCache(S)->lookup(C, "scope"));
  }
  SECTION("include paths from the environment") {
    ::setenv("CPATH", "/somewhere", 1);
    CHECK_FALSE(openCache(S)->lookup(S.command(), "scope"));
    ::unsetenv("CPATH");
    CHECK(openCache(S)->lookup(S.command(), "scope"));
  }
  SECTION("a header's content") {
    S.write("a.h", "int G(void);\n"); // same size, same second
    std::unique_ptr<ResultCache> Cache = openCache(S);
    CHECK_FALSE(Cache->lookup(S.command(), "scope"));
    CHECK(Cache->stats().Misses == 1);
    CHECK(Cache->stats().Corrupt == 0);
  }
  SECTION("a file that is gone") {
    llvm::sys::fs::remove(S.path("a.h"));
    CHECK_FALSE(openCache(S)->lookup(S.command(), "scope"));
  }
  SECTION("the same text written again still matches: digests decide") {
    S.write("a.h", "int g(void);\n");
    CHECK(openCache(S)->lookup(S.command(), "scope"));
  }
}

TEST_CASE("two versions of an entry: the last store wins", "[cache]") {
  Scratch S;
  storeOne(S, "first");
  storeOne(S, "second");
  CHECK(S.entries().size() == 1);
  std::optional<ResultCache::Hit> Hit =
      openCache(S)->lookup(S.command(), "scope");
  REQUIRE(Hit);
  CHECK(Hit->Bytes == "second");
}

TEST_CASE("results that read a file changed just before or during the run "
          "are not stored",
          "[cache]") {
  Scratch S;
  SECTION("changed within the second before the run") {
    // The run starts half a second after a.h was written, however long a
    // loaded machine took to get here.
    struct stat St;
    REQUIRE(::stat(S.path("a.h").c_str(), &St) == 0);
    Clock::time_point Written(std::chrono::duration_cast<Clock::duration>(
        std::chrono::seconds(St.st_mtim.tv_sec) +
        std::chrono::nanoseconds(St.st_mtim.tv_nsec)));
    std::unique_ptr<ResultCache> Cache =
        openCache(S, "id-1", 1 << 20,
                  Written + std::chrono::milliseconds(500) - Clock::now());
    Cache->store(S.command(), "scope", S.files(), "r");
    Cache->finish();
    CHECK(Cache->stats().Stores == 0);
    CHECK(Cache->stats().Unsettled == 1);
    CHECK(S.entries().empty());
  }
  SECTION("changed after its digest was taken, before the result arrived") {
    std::unique_ptr<ResultCache> Cache = openCache(S);
    CHECK_FALSE(Cache->lookup(S.command(), "scope")); // no entry yet
    storeOne(S, "old");
    // This run digests a.c and a.h at its lookup...
    REQUIRE(Cache->lookup(S.command(), "scope"));
    // ...then a.h changes while the TU is analysed.
    S.write("a.h", "int h(void);\n");
    Cache->store(S.command(), "scope", S.files(), "new");
    Cache->finish();
    CHECK(Cache->stats().Unsettled == 1);
    CHECK(Cache->stats().Stores == 0);
    // The entry of the earlier run stays, and does not match the new text.
    CHECK_FALSE(openCache(S)->lookup(S.command(), "scope"));
  }
}

TEST_CASE("damaged entries are ignored and rewritten", "[cache]") {
  Scratch S;
  storeOne(S, "the result");
  REQUIRE(S.entries().size() == 1);
  std::string Entry = S.entries().front();
  std::string Text;
  {
    std::ifstream In(Entry, std::ios::binary);
    Text.assign(std::istreambuf_iterator<char>(In), {});
  }
  std::string Damaged;
  SECTION("truncated") { Damaged = Text.substr(0, Text.size() / 2); }
  SECTION("empty") { Damaged = ""; }
  SECTION("one byte changed") {
    Damaged = Text;
    Damaged[Text.size() / 2] ^= 0x20;
  }
  SECTION("padded") { Damaged = Text + "x"; }
  std::ofstream(Entry, std::ios::binary | std::ios::trunc) << Damaged;

  std::unique_ptr<ResultCache> Cache = openCache(S);
  CHECK_FALSE(Cache->lookup(S.command(), "scope"));
  CHECK(Cache->stats().Corrupt == 1);
  Cache->store(S.command(), "scope", S.files(), "the result");
  Cache->finish();
  std::optional<ResultCache::Hit> Hit =
      openCache(S)->lookup(S.command(), "scope");
  REQUIRE(Hit);
  CHECK(Hit->Bytes == "the result");
}

/// Sets a file's modification time \p Ago before now.
void age(const std::string &Path, std::chrono::seconds Ago) {
  timespec Times[2];
  Times[0].tv_sec = Times[1].tv_sec = ::time(nullptr) - Ago.count();
  Times[0].tv_nsec = Times[1].tv_nsec = 0;
  REQUIRE(::utimensat(AT_FDCWD, Path.c_str(), Times, 0) == 0);
}

TEST_CASE("the size bound evicts the least recently used", "[cache]") {
  Scratch S;
  std::string Payload = noise(1000);
  auto Command = [&](int N) { return S.command({"-DN=" + std::to_string(N)}); };
  // Ten entries of about 1.1 KB, N=0 the least recently used.
  for (int N = 0; N < 10; ++N) {
    std::vector<std::string> Before = S.entries();
    std::unique_ptr<ResultCache> Cache = openCache(S);
    Cache->store(Command(N), "scope", S.files(), Payload);
    Cache->finish();
    for (const std::string &E : S.entries())
      if (!llvm::is_contained(Before, E))
        age(E, std::chrono::seconds(3600 - 60 * N));
  }
  REQUIRE(S.entries().size() == 10);

  std::unique_ptr<ResultCache> Cache = openCache(S, "id-1", 5000);
  REQUIRE(Cache->lookup(Command(1), "scope")); // now the most recently used
  Cache->store(Command(10), "scope", S.files(), Payload);
  Cache->finish();
  CHECK(Cache->stats().Evicted >= 7);
  CHECK(Cache->stats().EvictedUsed == 0); // older runs' entries went first
  uint64_t Total = 0;
  for (const std::string &E : S.entries()) {
    uint64_t Size = 0;
    REQUIRE(!llvm::sys::fs::file_size(E, Size));
    Total += Size;
  }
  CHECK(Total <= 5000);
  std::unique_ptr<ResultCache> After = openCache(S);
  CHECK(After->lookup(Command(1), "scope"));
  CHECK(After->lookup(Command(10), "scope"));
  CHECK_FALSE(After->lookup(Command(0), "scope"));
  CHECK_FALSE(After->lookup(Command(2), "scope"));
}

TEST_CASE("a run that evicts its own entries says so", "[cache]") {
  Scratch S;
  auto Command = [&](int N) { return S.command({"-DN=" + std::to_string(N)}); };
  // Five entries of about 1.1 KB each in a bound of 3000 bytes: the run
  // needs more than the cache holds, and the next one would miss again.
  std::unique_ptr<ResultCache> Cache = openCache(S, "id-1", 3000);
  for (int N = 0; N < 5; ++N)
    Cache->store(Command(N), "scope", S.files(), noise(1000, N));
  Cache->finish();
  CHECK(Cache->stats().Stores == 5);
  CHECK(Cache->stats().Evicted >= 3);
  CHECK(Cache->stats().EvictedUsed == Cache->stats().Evicted);
}

TEST_CASE("a folder without write permission is a read-only cache", "[cache]") {
  Scratch S;
  storeOne(S, "kept");
  REQUIRE(::chmod(S.cacheDir().c_str(), 0555) == 0);
  std::unique_ptr<ResultCache> Cache = openCache(S);
  CHECK(Cache->stats().ReadOnly);
  CHECK(Cache->lookup(S.command(), "scope"));
  Cache->store(S.command({"-DOTHER"}), "scope", S.files(), "new");
  Cache->finish();
  CHECK(Cache->stats().Stores == 0);
  CHECK(S.entries().size() == 1);
  ::chmod(S.cacheDir().c_str(), 0755);
}

TEST_CASE("a path that is not a folder is refused", "[cache]") {
  Scratch S;
  std::string Error;
  ResultCache::Config C;
  C.Dir = S.path("a.c");
  CHECK_FALSE(ResultCache::open(C, Error));
  CHECK(Error == "not a folder");
}

TEST_CASE("processes writing one entry at once never leave a torn one",
          "[cache]") {
  Scratch S;
  // Each writer stores its own payload (sizes differ, so that a mix of two
  // would show) under the same key, over and over.
  std::set<std::string> Payloads;
  std::vector<pid_t> Writers;
  for (int W = 0; W < 3; ++W) {
    std::string Payload(1000 + 5000 * W, char('a' + W));
    Payloads.insert(Payload);
    pid_t Pid = ::fork();
    REQUIRE(Pid >= 0);
    if (Pid == 0) {
      for (int I = 0; I < 100; ++I) {
        std::unique_ptr<ResultCache> Cache = openCache(S);
        Cache->store(S.command(), "scope", S.files(), Payload);
        Cache->finish();
      }
      ::_exit(0);
    }
    Writers.push_back(Pid);
  }
  // Read for as long as any writer runs.
  unsigned Reads = 0, Hits = 0, Corrupt = 0;
  std::vector<int> Statuses;
  while (Statuses.size() < Writers.size()) {
    std::unique_ptr<ResultCache> Cache = openCache(S);
    ++Reads;
    if (std::optional<ResultCache::Hit> Hit =
            Cache->lookup(S.command(), "scope")) {
      ++Hits;
      CHECK(Payloads.count(Hit->Bytes));
    }
    Corrupt += Cache->stats().Corrupt;
    for (pid_t &Pid : Writers) {
      int Status = 0;
      if (Pid > 0 && ::waitpid(Pid, &Status, WNOHANG) == Pid) {
        Statuses.push_back(Status);
        Pid = -1;
      }
    }
  }
  for (int Status : Statuses) {
    CHECK(WIFEXITED(Status));
    CHECK(WEXITSTATUS(Status) == 0);
  }
  INFO(Reads << " reads while writing, " << Hits << " hits");
  CHECK(Corrupt == 0);
  CHECK(S.entries().size() == 1); // no temporary left behind
  std::optional<ResultCache::Hit> Last =
      openCache(S)->lookup(S.command(), "scope");
  REQUIRE(Last);
  CHECK(Payloads.count(Last->Bytes));
}
