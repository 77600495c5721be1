//===- FactsArtifact.h - A map stage's facts, between CI jobs -------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Inference over a tree split across CI jobs runs in three stages: each
// shard parses its TUs and writes their facts (map), one job infers the
// contracts from every shard's facts (reduce), and each shard judges its
// TUs from its facts against them (judge). What crosses jobs:
//
//  - a facts directory per shard, DIR/facts.bin: "RCFACTS1", then frames
//    (a length, the bytes, their XXH3-64), first a header (who wrote it,
//    the shard, the unsharded run's TU count, the source root, the scope of
//    the facts, the rules sets as rules files), then one frame per TU (its
//    place among the unsharded run's commands, a digest of its command, its
//    rules set, its encoded TUResult compressed), then a trailer (the
//    count). Written to a temporary and renamed into place.
//  - the reduce's judge plan: for each shard (named by the digest of its
//    facts.bin), which facts of each TU stay once every TU is deduplicated
//    in the unsharded run's order, and how every function's calls are
//    handled over the whole tree (for the ranks).
//
// Both are checked whole on reading: a damaged, truncated or foreign file,
// or one of another format version, is refused with a one-line reason.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_FACTSARTIFACT_H
#define RETCHECK_RUN_FACTSARTIFACT_H

#include "facts/FactDedup.h"
#include "judge/CallerTally.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling {
struct CompileCommand;
} // namespace clang::tooling

namespace retcheck {

/// What every TU of a facts directory shares.
struct FactsHeader {
  /// retcheck's identity (ResultCache::executableIdentity): facts are read
  /// only by the retcheck that wrote them.
  std::string Identity;
  /// What the facts hold (the scope keys of the run's rules sets).
  std::string Scope;
  unsigned Shard = 1, Shards = 1;
  /// Translation units of the unsharded run.
  uint64_t Commands = 0;
  std::string SourceRoot, SourceRootInRepository;
  /// Each rules set of the run, as a rules file: the reduce's seeds.
  std::vector<std::string> RuleSets;
};

/// One translation unit's facts.
struct FactsRecord {
  uint64_t Index = 0;   ///< among the unsharded run's commands
  uint64_t Command = 0; ///< commandDigest() of its command
  uint32_t RuleSet = 0;
  std::string Bytes; ///< encodeTUResult()
};

/// A compile command as Clang sees it, as a digest: the judge stage checks
/// that it reads the facts of its own commands.
uint64_t commandDigest(const clang::tooling::CompileCommand &C);

/// Writes DIR/facts.bin, one TU at a time.
class FactsWriter {
public:
  /// Creates \p Dir if needed; nullptr and \p Error when it cannot.
  static std::unique_ptr<FactsWriter>
  create(llvm::StringRef Dir, const FactsHeader &Header, std::string &Error);
  /// The same for the facts file \p Path itself, in an existing directory.
  static std::unique_ptr<FactsWriter> createFile(llvm::StringRef Path,
                                                 const FactsHeader &Header,
                                                 std::string &Error);
  ~FactsWriter();

  void add(const FactsRecord &Record);
  /// Ends the file and moves it into place; false and \p Error on failure.
  bool commit(std::string &Error);
  /// Bytes written so far.
  uint64_t size() const;

private:
  FactsWriter();
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// Reads DIR/facts.bin, checked whole when opened. The file is read
/// through its descriptor, a record at a time, not mapped: a reduce over
/// a large tree holds one TU's facts of it at once, not the file.
class FactsReader {
public:
  static constexpr const char *FileName = "facts.bin";

  /// nullptr and a one-line \p Error when \p Dir holds no intact facts
  /// file of this format version.
  static std::unique_ptr<FactsReader> open(llvm::StringRef Dir,
                                           std::string &Error);
  /// The same for the facts file \p Path itself.
  static std::unique_ptr<FactsReader> openFile(llvm::StringRef Path,
                                               std::string &Error);
  ~FactsReader();
  FactsReader(const FactsReader &) = delete;
  FactsReader &operator=(const FactsReader &) = delete;
  const FactsHeader &header() const { return Header; }
  /// The digest of the whole file (of its frames' digests, each checked),
  /// which the judge plan names it by.
  uint64_t id() const { return Id; }
  uint64_t size() const { return Size; }
  uint64_t records() const { return Frames.size(); }
  /// Record \p I, in the order written; nullopt if it does not decode.
  std::optional<FactsRecord> record(std::size_t I) const;
  /// Record \p I's Index alone, without unpacking its facts.
  std::optional<uint64_t> index(std::size_t I) const;

private:
  FactsReader() = default;
  FactsHeader Header;
  uint64_t Id = 0, Size = 0;
  int File = -1;
  /// The TUs' frames: where their bytes are, their length, their digest.
  struct Frame {
    uint64_t Offset = 0, Length = 0, Sum = 0;
    uint64_t Index = 0; ///< FactsRecord::Index, read when opened
  };
  std::vector<Frame> Frames;
  /// Frame \p F's bytes, read again and checked; nullopt if they changed.
  std::optional<std::string> frameBytes(const Frame &F) const;
};

/// What the reduce stage hands each judge stage.
struct JudgePlan {
  std::string Identity; ///< as FactsHeader::Identity
  /// XXH3-64 of the inferred rules file written with this plan.
  uint64_t RulesDigest = 0;
  struct ShardPlan {
    unsigned Shard = 0;
    uint64_t FactsId = 0; ///< FactsReader::id() of its facts
    /// Per record of its facts, in their order.
    std::vector<FactSelection> Kept;
  };
  std::vector<ShardPlan> Shards;
  /// How the calls of each function are handled, over every TU.
  CallerTally Tally;
};

bool writeJudgePlan(llvm::StringRef Path, const JudgePlan &Plan,
                    std::string &Error);
/// nullopt and a one-line \p Error when \p Path is not an intact plan.
std::optional<JudgePlan> readJudgePlan(llvm::StringRef Path,
                                       std::string &Error);

} // namespace retcheck

#endif
