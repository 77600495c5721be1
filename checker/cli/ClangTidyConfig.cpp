//===- ClangTidyConfig.cpp - clang-tidy's configuration, read as it does --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ClangTidyConfig.h"

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
ClangTidyConfig::fromOptions(const ConfigOptions &Given, std::string &Error) {
  ClangTidyGlobalOptions Global;
  if (!Given.LineFilter.empty()) {
    // clang-tidy's parser prints YAML diagnostics of its own: the shape is
    // checked first, so that a mistake is one line.
    std::string Why = lineFilterError(Given.LineFilter);
    if (!Why.empty() || parseLineFilter(Given.LineFilter, Global)) {
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
  if (Given.Checks)
    Override.Checks = *Given.Checks;
  if (Given.HeaderFilter)
    Override.HeaderFilterRegex = *Given.HeaderFilter;
  if (Given.ExcludeHeaderFilter)
    Override.ExcludeHeaderFilterRegex = *Given.ExcludeHeaderFilter;
  if (!Given.ExtraArgs.empty())
    Override.ExtraArgs = Given.ExtraArgs;
  if (!Given.ExtraArgsBefore.empty())
    Override.ExtraArgsBefore = Given.ExtraArgsBefore;

  std::string ConfigText = Given.Config, ConfigName = "--config";
  if (!Given.ConfigFile.empty()) {
    if (!Given.Config.empty()) {
      Error = "--config and --config-file cannot be used together";
      return nullptr;
    }
    auto Text = MemoryBuffer::getFile(Given.ConfigFile);
    if (!Text) {
      Error = "--config-file " + Given.ConfigFile + ": " +
              Text.getError().message();
      return nullptr;
    }
    ConfigText = (*Text)->getBuffer().str();
    ConfigName = "--config-file " + Given.ConfigFile;
  }

  std::unique_ptr<ClangTidyConfig> Config(new ClangTidyConfig);
  if (!Given.ConfigFile.empty())
    Config->ConfigFileName = Given.ConfigFile;
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
  C.Checks = O.Checks.value_or("");
  C.Enabled = enabledChecks(C.Checks);
  C.Headers.Include = regexOption(O.HeaderFilterRegex);
  C.Headers.Exclude = regexOption(O.ExcludeHeaderFilterRegex);
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

/// The check of \p Known nearest to \p Name, as clang-tidy suggests one
/// (at most 4 edits, case-insensitive); "" when none is.
static std::string closest(StringRef Name, ArrayRef<std::string> Known) {
  unsigned MaxEdit = 5;
  std::string Closest;
  for (const std::string &K : Known) {
    unsigned Edits = Name.edit_distance_insensitive(K, true, MaxEdit);
    if (Edits < MaxEdit) {
      Closest = K;
      MaxEdit = Edits;
    }
  }
  return Closest;
}

std::vector<GlobWarning> unmatchedGlobs(StringRef Globs, StringRef Source,
                                        bool OnlyOurs) {
  std::vector<std::string> Names;
  for (CheckKind K : AllChecks)
    Names.push_back(checkName(K));
  std::vector<GlobWarning> Warnings;
  GlobList List(Globs);
  for (const auto &Item : List.getItems()) {
    // clang-tidy's compiler diagnostics are not checks of a module.
    if (Item.Text.starts_with("clang-diagnostic"))
      continue;
    if (OnlyOurs && !Item.Text.starts_with_insensitive("retcheck"))
      continue;
    if (llvm::any_of(Names,
                     [&](const std::string &N) { return Item.Regex.match(N); }))
      continue;
    std::string Message;
    if (Item.Text.contains('*')) {
      Message =
          "check glob '" + Item.Text.str() + "' doesn't match any known check";
    } else {
      Message = "unknown check '" + Item.Text.str() + "'";
      std::string Near = closest(Item.Text, Names);
      if (!Near.empty())
        Message += "; did you mean '" + Near + "'";
    }
    Warnings.push_back({Source.str(), Message});
  }
  return Warnings;
}

/// The source of raw options clang-tidy names, as retcheck's user knows
/// it: --config-file is read as clang-tidy's -config; command-line sources
/// are retcheck's own, a file may be shared with clang-tidy.
static std::pair<std::string, bool>
describeSource(const std::string &Source, const std::string &ConfigFile) {
  bool CommandLine = StringRef(Source).starts_with("command-line option");
  if (CommandLine && !ConfigFile.empty() &&
      Source ==
          ClangTidyOptionsProvider::OptionsSourceTypeConfigCommandLineOption)
    return {ConfigFile, false};
  return {Source, CommandLine};
}

std::vector<GlobWarning> ClangTidyConfig::unmatchedGlobsFor(StringRef File) {
  std::vector<GlobWarning> Warnings;
  for (const auto &[Options, Source] : Provider->getRawOptions(File)) {
    // retcheck's own default, retcheck-*.
    if (!Options.Checks ||
        Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary)
      continue;
    auto [Name, CommandLine] = describeSource(Source, ConfigFileName);
    for (GlobWarning &W : unmatchedGlobs(*Options.Checks, Name, !CommandLine))
      Warnings.push_back(std::move(W));
  }
  return Warnings;
}

std::vector<GlobWarning> ClangTidyConfig::unknownOptionsFor(StringRef File) {
  static const char *const Known[] = {"RulesFiles", "AllowCastToVoid",
                                      "WarningRank", "LowRankPaths"};
  std::vector<std::string> Valid(std::begin(Known), std::end(Known));
  for (CheckKind K : AllChecks)
    for (const char *O : Known)
      Valid.push_back(std::string(checkName(K)) + "." + O);
  std::vector<GlobWarning> Warnings;
  for (const auto &[Options, Source] : Provider->getRawOptions(File))
    for (const auto &Option : Options.CheckOptions) {
      StringRef Key = Option.getKey();
      // Global keys and other checks' keys serve clang-tidy's checks too.
      if (!Key.starts_with("retcheck-") || llvm::is_contained(Valid, Key))
        continue;
      std::string Message = "unknown check option '" + Key.str() + "'";
      std::string Near = closest(Key, Valid);
      if (!Near.empty())
        Message += "; did you mean '" + Near + "'";
      Warnings.push_back(
          {describeSource(Source, ConfigFileName).first, Message});
    }
  return Warnings;
}

std::string ClangTidyConfig::dump(StringRef File, StringRef RulesFiles) {
  ClangTidyOptions O =
      ClangTidyOptions::getDefaults().merge(Provider->getOptions(File), 0);
  if (!RulesFiles.empty()) {
    // --rules serves every check, as a global key does.
    for (auto It = O.CheckOptions.begin(); It != O.CheckOptions.end();)
      if (It->getKey().ends_with("RulesFiles"))
        O.CheckOptions.erase(It++);
      else
        ++It;
    O.CheckOptions["RulesFiles"] = ClangTidyOptions::ClangTidyValue(RulesFiles);
  }
  return configurationAsText(O);
}

LineFilter ClangTidyConfig::lineFilter() const {
  LineFilter Lines;
  for (const FileFilter &F : Provider->getGlobalOptions().LineFilter)
    Lines.Files.push_back({F.Name, F.LineRanges});
  return Lines;
}

} // namespace retcheck
