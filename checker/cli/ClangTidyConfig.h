//===- ClangTidyConfig.h - clang-tidy's configuration, read as it does ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CLI and the clang-tidy module must report the same with the same
// configuration. clang-tidy's own option code (libclangTidy.a, from
// libclang-19-dev) finds the nearest .clang-tidy above each file, follows
// InheritParentConfig, and merges --checks, --header-filter,
// --exclude-header-filter, --line-filter, --extra-arg(-before) and
// --config/--config-file over it exactly as clang-tidy does. The module's
// CheckOptions (RulesFiles, AllowCastToVoid; global or per check) choose
// the rules of each translation unit.
//
// Differences, each on purpose: with no configuration every retcheck check
// is enabled (clang-tidy enables none of them), and findings in headers are
// shown (HeaderFilterRegex defaults to '.*').
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_CLANGTIDYCONFIG_H
#define RETCHECK_CLI_CLANGTIDYCONFIG_H

#include "pipeline/RunInputs.h"
#include "pipeline/RunOptions.h"
#include "support/Checks.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace tidy {
class ClangTidyOptionsProvider;
} // namespace tidy
} // namespace clang

namespace retcheck {

/// What the configuration says for one translation unit (by its main file).
struct TUConfig {
  CheckMask Enabled = 0;
  /// The effective Checks glob list that gives Enabled.
  std::string Checks;
  /// CheckOptions RulesFiles as written (';'-separated; relative paths are
  /// relative to the compile command's directory, where clang-tidy runs the
  /// module); "" when the configuration names none.
  std::string RulesFiles;
  std::optional<bool> AllowCastToVoid;
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// HeaderFilterRegex and ExcludeHeaderFilterRegex.
  HeaderFilter Headers;
  /// The configured check options that differ between enabled checks (the
  /// CLI runs one analysis per TU, with one rules set).
  std::vector<std::string> Conflicts;
};

/// A glob of a check list that matches no check, as clang-tidy's
/// --verify-config words it.
struct GlobWarning {
  std::string Source;  ///< "command-line option '-checks'", a .clang-tidy
  std::string Message; ///< "unknown check 'x'; did you mean 'y'"
};

/// The globs of \p Globs, read from \p Source, that match none of
/// retcheck's checks. With \p OnlyOurs, only those that name retcheck's
/// (retcheck-...): a .clang-tidy shared with clang-tidy names its checks too.
std::vector<GlobWarning> unmatchedGlobs(llvm::StringRef Globs,
                                        llvm::StringRef Source, bool OnlyOurs);

class ClangTidyConfig {
public:
  /// The .clang-tidy files with \p Given over them (or instead of them:
  /// --config, --config-file). On failure, nullptr and a one-line \p Error.
  static std::unique_ptr<ClangTidyConfig>
  fromOptions(const ConfigOptions &Given, std::string &Error);
  ~ClangTidyConfig();

  /// The configuration of the translation unit whose main file is \p File
  /// (absolute). Cached per directory.
  const TUConfig &forFile(llvm::StringRef File);

  /// --line-filter.
  LineFilter lineFilter() const;

  /// The unmatched globs of every check list that configures \p File: the
  /// command line's, --config's and each .clang-tidy's.
  std::vector<GlobWarning> unmatchedGlobsFor(llvm::StringRef File);
  /// CheckOptions keys of retcheck's checks (retcheck-<check>.<option>)
  /// that name no check or no option of it, per source, as clang-tidy's
  /// --verify-config reports them.
  std::vector<GlobWarning> unknownOptionsFor(llvm::StringRef File);

  /// The effective configuration of \p File as .clang-tidy YAML, as
  /// clang-tidy's --dump-config prints it; \p RulesFiles, when not empty,
  /// replaces the configured RulesFiles (--rules).
  std::string dump(llvm::StringRef File, llvm::StringRef RulesFiles);

private:
  ClangTidyConfig() = default;
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  /// --config-file, which clang-tidy's provider names "-config".
  std::string ConfigFileName;
  llvm::StringMap<std::unique_ptr<TUConfig>> Cache;
};

/// The checks a clang-tidy glob list ("-*,retcheck-*") enables.
CheckMask enabledChecks(llvm::StringRef Globs);

} // namespace retcheck

#endif
