//===- RunOutputs.h - Where a run's results go
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//-----------------------------===//
//
// The last stages of a run: the report in the chosen format, the baseline,
// the exported fixes, the fixes applied in place. Every output path is tried
// before the work, so that a bad path fails at once, and written whole or
// not at all after it.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_RUNOUTPUTS_H
#define RETCHECK_CLI_RUNOUTPUTS_H

#include "pipeline/RunOptions.h"

#include "output/JsonReport.h"
#include "output/OutputFile.h"

#include "llvm/ADT/ArrayRef.h"

#include <array>
#include <memory>
#include <optional>
#include <set>

namespace retcheck {

class RunOutputs {
public:
  explicit RunOutputs(const RunOptions &Options) : Options(Options) {}

  /// Tries every output path (--output, --write-baseline, --export-fixes).
  /// Files are opened again by open() after the work: a worker that crashes
  /// runs LLVM's signal handler, which would remove the temporaries this
  /// process registered before the fork. Devices and pipes stay open (a
  /// FIFO's reader would see the end of its input). On failure, the exit
  /// code.
  std::optional<int> probe();
  /// Opens them for good. On failure, the exit code.
  std::optional<int> open();

  /// --write-baseline: records the findings of \p Run (before --baseline
  /// drops any) with its source root.
  void writeBaseline(const RunResult &Run);

  /// Whether findings are printed as each translation unit is done, as
  /// clang-tidy prints them: text on stdout (not --diff's), and nothing
  /// global between the analysis and the judging (no --infer, no
  /// --baseline, whose fingerprints need every finding).
  bool streams() const;
  /// Prints those of \p Findings that are not printed yet, in their order;
  /// \p SourceRoot locates the evidence of inferred contracts.
  void stream(llvm::ArrayRef<const Finding *> Findings,
              const std::string &SourceRoot);

  /// Writes the report and the exported fixes (streamed findings are not
  /// printed again; with --diff, the report goes only to --output).
  void write(const RunResult &Run, const std::string &MainSourceFile);

  /// --fix: applies the fixes of \p Run in place (--diff: prints them as a
  /// unified diff instead); \p Fixed[I] tells whether every edit of
  /// finding I was applied (is in the diff). False if some were left.
  bool applyFixes(const RunResult &Run, std::vector<bool> &Fixed);

  /// Moves every file into place; false after a write error (reported; a
  /// stdout whose reader went away, as with `| head`, silently).
  bool commit();

private:
  const RunOptions &Options;
  std::unique_ptr<OutputFile> Report, Baseline, Yaml;
  /// Each output's path (--output, --write-baseline, --export-fixes) and
  /// its file.
  using PathAndFile =
      std::pair<const std::string *, std::unique_ptr<OutputFile> *>;
  std::array<PathAndFile, 3> files();
  /// The findings streamed so far (Finding::key(), as text).
  std::set<std::string> Streamed;
};

} // namespace retcheck

#endif
