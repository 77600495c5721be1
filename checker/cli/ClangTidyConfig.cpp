//===- ClangTidyConfig.cpp - clang-tidy's configuration, read as it does --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ClangTidyConfig.h"
#include "Options.h"

#include "support/JsonSyntax.h"

#include "ClangTidyOptions.h"
#include "GlobList.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace llvm;
using namespace clang::tidy;

namespace retcheck {

CheckMask enabledChecks(StringRef Globs) {
  CachedGlobList List(Globs);
  CheckMask Mask = 0;
  for (CheckKind K : AllChecks)
    if (List.contains(checkName(K)))
      Mask |= checkBit(K);
  return Mask;
}

bool TUConfig::keepsFindingIn(StringRef File, StringRef MainFile) const {
  if (File == MainFile)
    return true;
  return HeaderFilter && HeaderFilter->match(File) &&
         !(ExcludeHeaderFilter && ExcludeHeaderFilter->match(File));
}

ClangTidyConfig::~ClangTidyConfig() = default;

/// Why \p Text is not clang-tidy's line filter JSON, or "".
static std::string lineFilterError(const std::string &Text) {
  JsonSyntaxError Syntax;
  std::optional<nlohmann::json> Doc = parseJson(Text, Syntax);
  if (!Doc)
    return "invalid JSON " + Syntax.describe(Text);
  if (!Doc->is_array())
    return "expected an array";
  for (const nlohmann::json &Entry : *Doc) {
    if (!Entry.is_object() || !Entry.contains("name") ||
        !Entry["name"].is_string())
      return "each entry needs a \"name\"";
    for (const auto &[Key, Value] : Entry.items()) {
      if (Key != "name" && Key != "lines")
        return "unknown key \"" + Key + "\"";
      if (Key != "lines")
        continue;
      if (!Value.is_array())
        return "\"lines\" must be an array";
      for (const nlohmann::json &Range : Value)
        if (!Range.is_array() || Range.size() != 2 ||
            !Range[0].is_number_unsigned() || !Range[1].is_number_unsigned())
          return "each range must be [first, last]";
    }
  }
  return "";
}

std::unique_ptr<ClangTidyConfig>
ClangTidyConfig::fromOptions(std::string &Error) {
  ClangTidyGlobalOptions Global;
  if (!opts::LineFilter.empty()) {
    // clang-tidy's parser prints YAML diagnostics of its own: the shape is
    // checked first, so that a mistake is one line.
    std::string Why = lineFilterError(opts::LineFilter);
    if (!Why.empty() || parseLineFilter(opts::LineFilter, Global)) {
      Error = "--line-filter: " + (Why.empty() ? "not a line filter" : Why) +
              " (want [{\"name\": \"file.c\", \"lines\": [[1, 3]]}])";
      return nullptr;
    }
  }

  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "retcheck-*";
  Defaults.HeaderFilterRegex = ".*";
  Defaults.ExcludeHeaderFilterRegex = "";

  // As clang-tidy: only options given on the command line override.
  ClangTidyOptions Override;
  if (opts::Checks.getNumOccurrences())
    Override.Checks = opts::Checks;
  if (opts::HeaderFilter.getNumOccurrences())
    Override.HeaderFilterRegex = opts::HeaderFilter;
  if (opts::ExcludeHeaderFilter.getNumOccurrences())
    Override.ExcludeHeaderFilterRegex = opts::ExcludeHeaderFilter;
  if (!opts::ExtraArgs.empty())
    Override.ExtraArgs = std::vector<std::string>(opts::ExtraArgs.begin(),
                                                  opts::ExtraArgs.end());
  if (!opts::ExtraArgsBefore.empty())
    Override.ExtraArgsBefore = std::vector<std::string>(
        opts::ExtraArgsBefore.begin(), opts::ExtraArgsBefore.end());

  std::string ConfigText = opts::Config, ConfigName = "--config";
  if (!opts::ConfigFile.empty()) {
    if (!opts::Config.empty()) {
      Error = "--config and --config-file cannot be used together";
      return nullptr;
    }
    auto Text = MemoryBuffer::getFile(opts::ConfigFile);
    if (!Text) {
      Error = "--config-file " + opts::ConfigFile + ": " +
              Text.getError().message();
      return nullptr;
    }
    ConfigText = (*Text)->getBuffer().str();
    ConfigName = "--config-file " + opts::ConfigFile;
  }

  std::unique_ptr<ClangTidyConfig> Config(new ClangTidyConfig);
  if (!opts::Exclude.empty()) {
    Config->Exclude.emplace(opts::Exclude);
    std::string Why;
    if (!Config->Exclude->isValid(Why)) {
      Error = "--exclude: " + Why;
      return nullptr;
    }
  }
  if (!ConfigText.empty()) {
    ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(MemoryBufferRef(ConfigText, ConfigName));
    if (!Parsed) {
      Error = ConfigName + ": " + Parsed.getError().message();
      return nullptr;
    }
    Config->Provider = std::make_unique<ConfigOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(*Parsed),
        std::move(Override), vfs::getRealFileSystem());
  } else {
    Config->Provider = std::make_unique<FileOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(Override),
        vfs::getRealFileSystem());
  }
  return Config;
}

/// A check option as the module reads it (ClangTidyCheck::OptionsView::
/// getLocalOrGlobal): "<check>.<name>", else "<name>".
static std::optional<std::string> checkOption(const ClangTidyOptions &O,
                                              CheckKind K, StringRef Name) {
  for (std::string Key :
       {std::string(checkName(K)) + "." + Name.str(), Name.str()}) {
    auto It = O.CheckOptions.find(Key);
    if (It != O.CheckOptions.end())
      return It->getValue().Value;
  }
  return std::nullopt;
}

/// clang-tidy's spellings of a boolean option.
static std::optional<bool> parseBool(const std::optional<std::string> &V) {
  if (!V)
    return std::nullopt;
  if (StringRef(*V).equals_insensitive("true") || *V == "1")
    return true;
  if (StringRef(*V).equals_insensitive("false") || *V == "0")
    return false;
  return std::nullopt;
}

/// A regular expression option; null when it is empty (clang-tidy's empty
/// HeaderFilterRegex matches nothing).
static std::shared_ptr<Regex> regexOption(const std::optional<std::string> &R) {
  if (!R || R->empty())
    return nullptr;
  return std::make_shared<Regex>(*R);
}

const TUConfig &ClangTidyConfig::forFile(StringRef File) {
  StringRef Dir = sys::path::parent_path(File);
  std::unique_ptr<TUConfig> &Slot = Cache[Dir];
  if (Slot)
    return *Slot;
  ClangTidyOptions O = Provider->getOptions(File);
  Slot = std::make_unique<TUConfig>();
  TUConfig &C = *Slot;
  C.Enabled = enabledChecks(O.Checks.value_or(""));
  C.HeaderFilter = regexOption(O.HeaderFilterRegex);
  C.ExcludeHeaderFilter = regexOption(O.ExcludeHeaderFilterRegex);
  C.ExtraArgs = O.ExtraArgs.value_or(std::vector<std::string>());
  C.ExtraArgsBefore = O.ExtraArgsBefore.value_or(std::vector<std::string>());
  // One analysis per TU: the enabled checks must agree on their options.
  bool First = true;
  for (CheckKind K : AllChecks) {
    if (!(C.Enabled & checkBit(K)))
      continue;
    std::string Rules = checkOption(O, K, "RulesFiles").value_or("");
    std::optional<bool> Void = parseBool(checkOption(O, K, "AllowCastToVoid"));
    if (First) {
      C.RulesFiles = Rules;
      C.AllowCastToVoid = Void;
      First = false;
    } else if (Rules != C.RulesFiles || Void != C.AllowCastToVoid) {
      C.Conflicts.push_back(checkName(K));
    }
  }
  return C;
}

bool ClangTidyConfig::lineAllowed(StringRef File, unsigned Line) const {
  const std::vector<FileFilter> &Filters =
      Provider->getGlobalOptions().LineFilter;
  if (Filters.empty())
    return true;
  for (const FileFilter &F : Filters)
    if (File.ends_with(F.Name)) {
      if (F.LineRanges.empty())
        return true;
      for (const FileFilter::LineRange &R : F.LineRanges)
        if (R.first <= Line && Line <= R.second)
          return true;
      return false;
    }
  return false;
}

} // namespace retcheck
