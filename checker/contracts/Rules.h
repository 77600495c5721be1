//===- Rules.h - Rule packs: functions and their error conventions --------===//
//
// A rule names a function and says which of its return values mean failure.
// Rules are data (JSON, see rules/README.md); this header has no LLVM or
// Clang dependency so that the loader and its tests compile quickly.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_RULES_H
#define RETCHECK_CORE_RULES_H

#include <cstdint>
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
  Value,    ///< exactly Rule::ErrorValue
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
};

struct Rule {
  std::string Function; ///< C name or qualified C++ name
  Convention Conv = Convention::Negative;
  int64_t ErrorValue = -1; ///< used by Convention::Value
  bool AllowVoidCast = true;
  bool ReportNarrowing = false;
  std::optional<ErrorOutParam> ErrorOut;
  std::string Origin; ///< "file:line" of the rule, for messages
};

/// The rules in force for a run: one or more packs, merged.
class RuleSet {
public:
  const std::vector<Rule> &rules() const { return Rules; }
  const Rule *find(const std::string &QualifiedName) const;
  bool empty() const { return Rules.empty(); }
  void add(Rule R) { Rules.push_back(std::move(R)); }

private:
  std::vector<Rule> Rules;
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

/// Reads and parses a rules file; its text goes to \p Text if given.
std::optional<RulesError> loadRulesFile(const std::string &Path, RuleSet &Into,
                                        std::string *Text = nullptr);

/// The directory holding the bundled rule packs (qemu.json, posix.json):
/// $RETCHECK_RULES_DIR if set, else next to the executable
/// (../share/retcheck/rules when installed), else the source tree's rules/.
std::string defaultRulesDir(const std::string &ExecutablePath);

} // namespace retcheck

#endif
