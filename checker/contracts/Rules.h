//===- Rules.h - Rule packs: functions and their error conventions --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A rule names a function and says which of its return values mean failure.
// Rules are data (JSON, see rules/README.md); this header has no LLVM or
// Clang dependency so that the loader and its tests compile quickly.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_RULES_H
#define RETCHECK_CORE_RULES_H

#include "Contract.h"
#include "support/Checks.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// How a function reports failure through its return value.
enum class Convention {
  Negative, ///< any value < 0 (QEMU's load_image_targphys, ...)
  MinusOne, ///< exactly -1 (POSIX read, open, ...)
  Nonzero,  ///< any value != 0 (pthread_mutex_lock, ...)
  Null,     ///< a null pointer (malloc, glibc's SEM_FAILED, ...)
  Nullable, ///< a lookup's null pointer: not found, no failure (getenv)
  Value,    ///< exactly Rule::ErrorValue
  None,     ///< no error contract: the function cannot fail (a correction)
};

/// Parses a convention name as written in a rules file; nullopt if unknown.
std::optional<Convention> parseConvention(const std::string &Name);
const char *conventionName(Convention C);

/// An out-parameter through which the callee reports errors (QEMU's
/// `Error **errp`). A call that passes one of NoErrorValues there (for
/// QEMU `&error_fatal`, `&error_abort`) never returns an error.
struct ErrorOutParam {
  unsigned Index = 0; ///< 0-based argument index
  std::vector<std::string> NoErrorValues;
  /// Every failure sets the error object: a caller that passes `&err` and
  /// tests `err` has checked the call.
  bool SetOnFailure = false;
};

/// How an inferred rule was found, for review: the rule holds it, the
/// rules file it is written to keeps it, findings carry it.
struct Inference {
  /// "body" (return sites), "bindings" (the functions a pointer is bound
  /// to) or "callers" (statistics)
  std::string Basis;
  double Confidence = 0; ///< 0..1: how strong the evidence is
  /// Every failure is reported by the function itself (`error_report`,
  /// `perror`; not `error_setg`, which hands it to the caller).
  bool ReportsItself = false;
  /// Only a comment says it fails ("NULL in case of error"), its own or
  /// that of the callee whose failure it passes on: the body shows no
  /// failing call, report or errno.
  bool FromComment = false;
  /// Every return passes back a failure code the function was handed, or
  /// the value of another such function (systemd's log_oom_internal(),
  /// log_link_message_full_errno(): `return log_link_full_errno(link,
  /// level, err, ...);`): it reports, and its calls that ignore, drop or
  /// use its value are no finding (its rule turns those checks off).
  bool NeverSucceeds = false;
  /// "hw/core/loader.c:95: returns -1 after error_setg", ...
  std::vector<std::string> Evidence;
  unsigned CallersChecking = 0, Callers = 0;
};

/// Whether a check applies to a rule's calls, and how loudly.
struct CheckSetting {
  bool Enabled = true;
  Severity Level = Severity::Warning;
  /// Level was written in the rule: the rank does not change it.
  bool LevelWritten = false;
};

/// A rule of a rules file. Every field is listed once in RuleFields.h,
/// which the parser, the writer and RuleSet::contractKey() follow.
struct Rule {
  std::string Function; ///< C name or qualified C++ name
  /// For a function with internal linkage (`static`): its file, as a path
  /// relative to the source root (matched as a suffix of the file's path).
  /// Empty: every function of that name.
  std::string File;
  /// Function names a function pointer that calls go through: a struct's
  /// field (`QIOChannelClass::io_set_blocking`) or a variable (`qemu_hook`).
  bool Pointer = false;
  Convention Conv = Convention::Negative;
  int64_t ErrorValue = -1;          ///< used by Convention::Value
  std::optional<ValueSpec> Errors;  ///< narrows the convention's errors
  std::optional<ValueSpec> Success; ///< narrows the convention's successes
  bool AllowVoidCast = true;
  bool ReportNarrowing = false;
  std::optional<ErrorOutParam> ErrorOut;
  /// Arguments that must not receive an unchecked error value of another
  /// call (read's descriptor): passing one there is a use.
  std::vector<unsigned> ValidArgs;
  /// Output arguments the function sets before it can fail (libvirt's
  /// `if (memsize) *memsize = 0;` first): a caller that drops the result and
  /// reads them reads a default, not garbage.
  std::vector<unsigned> OutputsSetFirst;
  /// The calls that can fail at all, by their constant arguments
  /// (`"fails_when": [{"arg1": "!= 0"}]`); empty: every call.
  std::vector<FailureCase> FailsWhen;
  /// Per check: off, or its severity (default: every check, warning).
  std::map<CheckKind, CheckSetting> Checks;
  std::string Origin; ///< "file:line" of the rule, for messages
  /// Every finding of this rule is a warning, whatever it ranks: its pack
  /// asks for every call to be handled (`"warnings": "all"`; QEMU #413).
  bool AlwaysWarn = false;
  /// Set for a rule inferred from the code (now, or in a rules file that
  /// `retcheck infer` wrote); a hand-written rule for the same function
  /// wins over it.
  std::optional<Inference> Inferred;

  CheckSetting setting(CheckKind K) const {
    auto It = Checks.find(K);
    if (It != Checks.end())
      return It->second;
    // A lookup's result may be dropped, kept unused or tested for one
    // purpose (`if (queue && parse(queue) < 0)`): nothing failed. Only a
    // use before any test is wrong.
    CheckSetting S;
    if (Conv == Convention::Nullable &&
        (K == CheckKind::IgnoredResult || K == CheckKind::UncheckedStore ||
         K == CheckKind::IncompleteCheck))
      S.Enabled = false;
    return S;
  }
};

/// The rules in force for a run: one or more packs, merged.
class RuleSet {
public:
  const std::vector<Rule> &rules() const { return Rules; }
  std::vector<Rule> &rules() { return Rules; }
  /// The rule for a function named \p QualifiedName; for a function with
  /// internal linkage, \p File is its file (a rule with a file must match
  /// it; one without matches every file).
  const Rule *find(const std::string &QualifiedName,
                   const std::string &File = "") const;
  bool empty() const { return Rules.empty(); }
  void add(Rule R) { Rules.push_back(std::move(R)); }
  /// Adds \p Inferred's rules for the functions no rule here names yet,
  /// and its error reporters.
  void addInferred(const RuleSet &Inferred);

  /// Functions whose call marks a branch as error handling (`perror`,
  /// `error_report`, ...): the defaults and every pack's additions.
  const std::vector<std::string> &errorReporters() const {
    return ErrorReporters;
  }
  void addErrorReporter(std::string Name);
  /// The reporters beyond the built-in list: the packs' and those learned.
  std::vector<std::string> addedErrorReporters() const;

  /// Everything the judge reads from these rules, as text: equal keys judge
  /// equally. Every field of every rule (RuleFields.h) but the evidence of
  /// inferred rules (it changes with every caller added elsewhere, the
  /// judgement does not) and where the rule is written.
  std::string contractKey() const;

  RuleSet();

private:
  std::vector<Rule> Rules;
  std::vector<std::string> ErrorReporters;
};

/// A problem in a rules file, positioned for a clang-style message.
struct RulesError {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
  std::string str() const; ///< "file:line:col: error: message"
};

/// Parses one rules file's text. \p FileName is used in errors and origins.
/// Rules are appended to \p Into; a rule whose function is already present
/// is an error (two packs must not disagree silently).
std::optional<RulesError>
parseRules(const std::string &Text, const std::string &FileName, RuleSet &Into);

/// \p Rules as a rules file named \p Name that parseRules reads back: the
/// rules sorted by function and file, each field as RuleFields.h writes it,
/// the error reporters beyond the built-in list.
std::string rulesFileJson(const RuleSet &Rules, const std::string &Name,
                          const std::string &Description);

/// Reads and parses a rules file.
std::optional<RulesError> loadRulesFile(const std::string &Path, RuleSet &Into);

/// The directory holding the bundled rule packs (qemu.json, posix.json):
/// $RETCHECK_RULES_DIR if set, else next to the executable
/// (../share/retcheck/rules when installed), else the source tree's rules/.
std::string defaultRulesDir(const std::string &ExecutablePath);

} // namespace retcheck

#endif
