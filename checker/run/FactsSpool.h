//===- FactsSpool.h - A whole-tree run's facts, on disk until judged ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// An --infer run judges no TU before every TU's facts are read: the
// contracts come from all of them. Held in memory, the facts of a tree
// grow with it (QEMU 10.0: most of a gigabyte). The spool writes each TU's
// facts, as they arrive, to a temporary facts file (FactsArtifact.h's
// format, unlinked once written, so that nothing is left behind) and reads
// them back one TU at a time when the TU is judged; the run keeps in
// memory only what inference reads (infer/InferenceFacts.h).
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_RUN_FACTSSPOOL_H
#define RETCHECK_RUN_FACTSSPOOL_H

#include "FactsArtifact.h"
#include "TUAnalysis.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retcheck {

class FactsSpool {
public:
  /// A spool in the system's temporary directory; nullptr and \p Error
  /// when it cannot be written there.
  static std::unique_ptr<FactsSpool> create(std::size_t TUs,
                                            std::string &Error);
  ~FactsSpool();

  /// Keeps TU \p Index's result \p R (before the run keeps less of it).
  void add(std::size_t Index, const TUResult &R);
  /// Ends writing: from now on read() serves what add() kept. false and
  /// \p Error when the file cannot be written or read back.
  bool finish(std::string &Error);
  /// TU \p Index's result as add() kept it; nullopt when it was not kept
  /// or does not read back.
  std::optional<TUResult> read(std::size_t Index) const;

private:
  FactsSpool() = default;
  std::string Path;
  std::unique_ptr<FactsWriter> Writer;
  std::unique_ptr<FactsReader> Reader;
  /// Per TU, its record in the file, or none.
  std::vector<std::optional<std::size_t>> Records;
};

} // namespace retcheck

#endif
