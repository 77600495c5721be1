//===- ResultCache.h - Results of translation units kept between runs ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A re-run should cost only what changed. The cache keeps, per translation
// unit, the encoded TUResult (opaque bytes: it does not care what they hold)
// and the files the TU read with their content digests. An entry is served
// only when every part of its key still matches:
//
//  - the compile command as Clang sees it: directory, file, arguments and
//    what retcheck appends (addedArguments(), which names the resource
//    directory), plus the environment variables that add include paths;
//  - retcheck's identity: its version, a digest of the executable (a
//    rebuilt binary never serves an older one's entries) and the version
//    of the Clang libraries it loaded;
//  - the scope given by the caller: what else the bytes depend on (the
//    rules in force, the options that change results);
//  - the content digest (XXH3-128) of every file the TU read, computed
//    afresh each run (at most once per file per run): stat data never
//    stands in for a digest, so a fresh checkout or a file rewritten with
//    the same size and time is no risk.
//
// The first three name the entry's file; the digests are checked on
// lookup. A result is only stored when every file it read was last changed
// more than a second before the run started and is unchanged (by stat)
// after the result arrived: a file edited during the run, or within the
// timestamp granularity before it, could otherwise pair a digest with a
// result computed from other text (ccache's "too new" rule).
//
// On disk, DIR/v1/XX/YYYY... (the key in hex), one file per entry, written
// to a temporary in the same folder and renamed over the old one: readers
// see a whole old or a whole new entry, never a torn one, whatever number of
// runs share the folder. Each entry ends with a checksum; an entry that does
// not check out is ignored (counted as corrupt) and rewritten. A hit
// refreshes the entry's time; when stores take the folder over its size
// bound, the least recently used entries are removed down to 90% of it.
// A folder without write permission (for anyone: root ignores the bits) is
// used read-only.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_RESULTCACHE_H
#define RETCHECK_RUN_RESULTCACHE_H

#include "output/JsonReport.h"

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace tooling {
struct CompileCommand;
}
} // namespace clang

namespace retcheck {

class ResultCache {
public:
  /// As ccache's: an --infer run of QEMU 10.0 keeps about 0.3 GiB.
  static constexpr uint64_t DefaultMaxBytes = uint64_t(5) << 30; // 5 GiB

  struct Config {
    std::string Dir;
    uint64_t MaxBytes = DefaultMaxBytes;
    /// Who computes the results: executableIdentity() in the CLI.
    std::string Identity;
    /// When the run started (default: when the cache is opened). Results
    /// that read a file changed less than a second before are not stored.
    std::optional<std::chrono::system_clock::time_point> Started;
  };

  /// Opens the cache in Config.Dir, creating the folder if needed. On
  /// failure (not a folder, cannot be created) nullptr, with the reason.
  static std::unique_ptr<ResultCache> open(Config C, std::string &Error);
  ~ResultCache();

  struct Hit {
    std::string Bytes;
    /// The files the TU read, with the digests that matched.
    std::vector<std::string> Files;
  };
  /// The stored bytes for \p Command in \p Scope, if every key part and
  /// every file's digest still match. \p Counted: whether stats() counts
  /// the lookup (the TUs' results are counted, repair verdicts are not).
  std::optional<Hit> lookup(const clang::tooling::CompileCommand &Command,
                            llvm::StringRef Scope, bool Counted = true);

  /// Keeps \p Bytes, computed from \p Files (every file the TU read), for
  /// later runs. Written in batches; finish() writes the rest. \p Counted:
  /// as in lookup().
  void store(const clang::tooling::CompileCommand &Command,
             llvm::StringRef Scope, std::vector<std::string> Files,
             std::string Bytes, bool Counted = true);

  /// Writes what store() queued, then keeps the folder under its bound.
  /// May be called again after more stores.
  void finish();

  const CacheStats &stats() const;

  /// retcheck's version, a digest of the executable at \p ExecutablePath
  /// and the version of the Clang libraries in this process; nullopt when
  /// the executable cannot be read.
  static std::optional<std::string>
  executableIdentity(llvm::StringRef ExecutablePath);

  /// The folder used when --cache-dir is not given: $RETCHECK_CACHE_DIR, or
  /// "" (no cache).
  static std::string defaultDir();

private:
  struct Impl;
  explicit ResultCache(std::unique_ptr<Impl> P);
  std::unique_ptr<Impl> P;
};

} // namespace retcheck

#endif
