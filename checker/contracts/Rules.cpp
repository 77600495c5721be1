//===- Rules.cpp - Loading rule packs from JSON ---------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleFields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <tuple>

using nlohmann::json;
using nlohmann::ordered_json;

namespace retcheck {

namespace {

struct ConventionName {
  const char *Name;
  Convention Conv;
};

constexpr ConventionName ConventionNames[] = {
    {"negative", Convention::Negative}, {"minus-one", Convention::MinusOne},
    {"nonzero", Convention::Nonzero},   {"null", Convention::Null},
    {"nullable", Convention::Nullable}, {"value", Convention::Value},
    {"none", Convention::None},
};

/// Called at the top of a branch, these mark it as error handling.
const char *const DefaultErrorReporters[] = {
    // C and POSIX
    "perror", "err", "errx", "verr", "verrx", "error", "error_at_line",
    "stderr", // fprintf(stderr, ...), fputs(..., stderr)
    "abort", "exit", "_exit", "__assert_fail",
    // GLib
    "g_error", "g_critical", "g_printerr", "g_log",
    // QEMU (qapi/error.h, qemu/error-report.h); error_setg() and friends
    // are macros around the *_internal functions
    "error_report", "error_vreport", "error_report_err", "error_setg_internal",
    "error_setg_errno_internal", "error_setg_file_open_internal",
    "error_setg_win32_internal", "error_propagate", "error_propagate_prepend",
    "error_prepend", "error_vprepend", "hw_error",
    // systemd (basic/log.h): macros around log_internal(), which also logs
    // what is no failure; a statement-expression macro is named as written
    "log_error_errno", "log_warning_errno", "log_notice_errno",
    "log_info_errno", "log_debug_errno", "log_full_errno", "log_oom"};

/// Records the byte offset at which each value of the document ends, keyed
/// by JSON pointer, so that a semantic error found on the DOM can still be
/// reported at a line and column. nlohmann's DOM keeps no positions.
class PositionRecorder : public json::json_sax_t {
public:
  /// Records the values and keys at most \p Depth levels deep.
  PositionRecorder(const std::size_t &Consumed, std::size_t Depth)
      : Depth(Depth), Consumed(Consumed) {}

  std::map<std::string, std::size_t> Offsets;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t &) override {
    return value();
  }
  bool string(string_t &) override { return value(); }
  bool binary(binary_t &) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool key(string_t &K) override {
    Stack.back().Key = K;
    record();
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t Position, const std::string &,
                   const nlohmann::detail::exception &E) override {
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at
    // line 1, column 2: " prefix: we print our own position.
    std::string What = E.what();
    if (auto P = What.find("] "); P != std::string::npos)
      What.erase(0, P + 2);
    if (What.rfind("parse error", 0) == 0)
      if (auto P = What.find(": "); P != std::string::npos)
        What.erase(0, P + 2);
    return fail(Position, "invalid JSON: " + What);
  }

  /// Where and why the text was rejected: a syntax error, a number out of
  /// range (1e309, which nlohmann reports as another exception type), or
  /// too deep a nesting.
  std::size_t ErrorOffset = 0;
  std::string Error;

private:
  struct Level {
    bool IsArray;
    std::size_t Index = 0;
    std::string Key;
  };
  static constexpr std::size_t MaxDepth = 64;
  std::size_t Depth;
  const std::size_t &Consumed;
  std::vector<Level> Stack;

  void record() {
    if (Stack.size() <= Depth)
      Offsets[pointer()] = Consumed;
  }

  std::string pointer() const {
    json::json_pointer P;
    for (const Level &L : Stack)
      P /= L.IsArray ? std::to_string(L.Index) : L.Key;
    return P.to_string();
  }
  bool value() {
    record();
    if (!Stack.empty() && Stack.back().IsArray)
      ++Stack.back().Index;
    return true;
  }
  bool fail(std::size_t Offset, std::string Message) {
    ErrorOffset = Offset;
    Error = std::move(Message);
    return false;
  }
  bool open(bool IsArray) {
    // A rules file is 5 levels deep. Each value's key above is as long as
    // its depth: deep nesting would cost quadratic time and memory (a
    // 180 KB file took minutes and gigabytes).
    if (Stack.size() >= MaxDepth)
      return fail(Consumed,
                  "nested deeper than " + std::to_string(MaxDepth) + " levels");
    record();
    Stack.push_back({IsArray});
    return true;
  }
  bool close() {
    Stack.pop_back();
    if (!Stack.empty() && Stack.back().IsArray)
      ++Stack.back().Index;
    return true;
  }
};

/// Forward iterator over the text that counts the bytes the parser took.
class CountingIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  CountingIterator(const char *P, std::size_t *Count) : P(P), Count(Count) {}
  reference operator*() const { return *P; }
  CountingIterator &operator++() {
    ++P;
    ++*Count;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator Old = *this;
    ++*this;
    return Old;
  }
  bool operator==(const CountingIterator &O) const { return P == O.P; }
  bool operator!=(const CountingIterator &O) const { return P != O.P; }

private:
  const char *P;
  std::size_t *Count;
};

class RulesParser {
public:
  RulesParser(const std::string &Text, const std::string &File)
      : Text(Text), File(File) {}

  std::optional<RulesError> parse(RuleSet &Into);

  RulesError errorAt(const json::json_pointer &Where,
                     std::string Message) const;
  /// An error at the first key of \p Object that is not in \p Allowed.
  std::optional<RulesError>
  checkKeys(const json &Object, const json::json_pointer &Where,
            const std::vector<std::string> &Allowed) const;

private:
  const std::string &Text;
  const std::string &File;
  /// Where each value ends, by JSON pointer: first of the values down to
  /// each rule's keys (where every rule is), all of them only once an
  /// error is found deeper. An inferred rules file has thousands of rules,
  /// and the offsets of all their values took more memory than the rules.
  mutable std::map<std::string, std::size_t> Offsets;
  mutable bool AllOffsets = false;
  mutable std::vector<std::size_t> LineStarts;   ///< offsets, ascending
  static constexpr std::size_t RuleKeyDepth = 3; ///< /rules/N/key

  /// Records the offsets down to \p Depth levels; false on a JSON error.
  bool recordOffsets(std::size_t Depth, std::size_t &ErrorOffset,
                     std::string &Error) const;

  RulesError errorAtOffset(std::size_t Offset, std::string Message) const;
  std::optional<RulesError>
  parseRule(const json &J, const json::json_pointer &Where, Rule &R) const;
};

RulesError RulesParser::errorAtOffset(std::size_t Offset,
                                      std::string Message) const {
  // Every rule's line is looked up: the line starts once, not a scan each.
  if (LineStarts.empty()) {
    LineStarts.push_back(0);
    for (std::size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        LineStarts.push_back(I + 1);
  }
  Offset = std::min(Offset, Text.size());
  auto Line = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  std::size_t Start = *std::prev(Line);
  return RulesError{File, unsigned(Line - LineStarts.begin()),
                    unsigned(Offset - Start + 1), std::move(Message)};
}

bool RulesParser::recordOffsets(std::size_t Depth, std::size_t &ErrorOffset,
                                std::string &Error) const {
  std::size_t Consumed = 0;
  PositionRecorder Recorder(Consumed, Depth);
  CountingIterator Begin(Text.data(), &Consumed),
      End(Text.data() + Text.size(), &Consumed);
  // Strict, as json::parse is: text after the document is an error here
  // too, not an exception there.
  bool Parsed =
      json::sax_parse(Begin, End, &Recorder, json::input_format_t::json, true);
  ErrorOffset = Recorder.ErrorOffset;
  Error = std::move(Recorder.Error);
  Offsets = std::move(Recorder.Offsets);
  return Parsed;
}

RulesError RulesParser::errorAt(const json::json_pointer &Where,
                                std::string Message) const {
  std::string Pointer = Where.to_string();
  if (!AllOffsets && !Offsets.count(Pointer)) {
    std::size_t ErrorOffset;
    std::string Error;
    recordOffsets(SIZE_MAX, ErrorOffset, Error);
    AllOffsets = true;
  }
  auto It = Offsets.find(Pointer);
  std::size_t End = It == Offsets.end() ? 0 : It->second;
  // The recorded offset is where the parser stood after the token; step
  // back over what it read ahead to point at the token itself.
  while (End > 0 && End <= Text.size() &&
         (std::isspace(static_cast<unsigned char>(Text[End - 1])) ||
          Text[End - 1] == ',' || Text[End - 1] == ':'))
    --End;
  std::size_t Begin = End;
  if (Begin > 0 && Text[Begin - 1] == '"') {
    --Begin;
    while (Begin > 0 &&
           !(Text[Begin - 1] == '"' && (Begin < 2 || Text[Begin - 2] != '\\')))
      --Begin;
    if (Begin > 0)
      --Begin;
  } else {
    while (Begin > 0 &&
           (std::isalnum(static_cast<unsigned char>(Text[Begin - 1])) ||
            Text[Begin - 1] == '-' || Text[Begin - 1] == '.' ||
            Text[Begin - 1] == '+'))
      --Begin;
  }
  std::string Path = Where.to_string();
  return errorAtOffset(
      Begin, (Path.empty() ? std::string("document") : "'" + Path + "'") +
                 ": " + Message);
}

std::optional<RulesError>
RulesParser::checkKeys(const json &Object, const json::json_pointer &Where,
                       const std::vector<std::string> &Allowed) const {
  for (auto It = Object.begin(); It != Object.end(); ++It) {
    if (std::find(Allowed.begin(), Allowed.end(), It.key()) == Allowed.end()) {
      std::string List;
      for (const std::string &A : Allowed)
        List += (List.empty() ? "" : ", ") + A;
      return errorAt(Where / It.key(), "unknown key '" + It.key() +
                                           "' (expected one of: " + List + ")");
    }
  }
  return std::nullopt;
}

/// A C name, or a qualified C++ name whose last part may be a destructor
/// (~Class) or an operator (operator==): what a call's callee can be.
static bool isFunctionName(const std::string &Name) {
  auto IsIdentifier = [](const std::string &Part) {
    if (Part.empty() || std::isdigit(static_cast<unsigned char>(Part[0])))
      return false;
    for (char C : Part)
      if (!std::isalnum(static_cast<unsigned char>(C)) && C != '_' && C != '$')
        return false;
    return true;
  };
  std::size_t Start = 0;
  for (;;) {
    std::size_t Sep = Name.find("::", Start);
    std::string Part = Name.substr(
        Start, Sep == std::string::npos ? std::string::npos : Sep - Start);
    if (Sep == std::string::npos) {
      if (Part.rfind("operator", 0) == 0 && !IsIdentifier(Part)) {
        std::string Op = Part.substr(8); // "==", " new"
        return Op.find_first_of("\t\n\r") == std::string::npos &&
               Op.find_first_not_of(' ') != std::string::npos;
      }
      return !Part.empty() &&
             IsIdentifier(Part[0] == '~' ? Part.substr(1) : Part);
    }
    if (!IsIdentifier(Part))
      return false;
    Start = Sep + 2;
  }
}

/// Reads one object of a rules file through its description (RuleFields.h):
/// each field's value is checked and stored as it is visited. The first
/// error is kept and the rest of the fields only name their keys, so that
/// an unknown key is reported first, with every key the object may have.
class ObjectReader {
public:
  ObjectReader(const RulesParser &P, const json &J, json::json_pointer Where)
      : P(P), J(J), Where(std::move(Where)) {}

  /// The object's error: an unknown key, else the first bad field.
  std::optional<RulesError> finish() const {
    if (auto E = P.checkKeys(J, Where, Keys))
      return E;
    return Error;
  }

  void function(const char *Key, std::string &Name) {
    const json *V = take(Key);
    if (!ok())
      return;
    if (V && V->is_string())
      Name = V->get<std::string>();
    if (Name.rfind("::", 0) == 0)
      Name.erase(0, 2);
    // Checked after dropping a leading "::": "::" alone names nothing.
    if (Name.empty())
      return fail(V ? Where / Key : Where,
                  quoted(Key) + " must be a non-empty string");
    if (!isFunctionName(Name))
      fail(Where / Key, "'" + Name +
                            "' cannot name a C or C++ function: expected "
                            "identifiers joined by '::' (ns::Class::method)");
  }

  void path(const char *Key, std::string &Path) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_string() || V->get<std::string>().empty())
      return fail(Where / Key, quoted(Key) +
                                   " must be a non-empty path (relative to the "
                                   "source root) of the file defining the "
                                   "function");
    Path = V->get<std::string>();
  }

  void text(const char *Key, std::string &Text, unsigned) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_string())
      return fail(Where / Key, quoted(Key) + " must be a string");
    Text = V->get<std::string>();
  }

  void ignored(const char *Key) {
    std::string Dropped;
    text(Key, Dropped, 0);
  }

  void flag(const char *Key, bool &Flag, unsigned) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_boolean())
      return fail(Where / Key, quoted(Key) + " must be true or false");
    Flag = V->get<bool>();
  }

  void convention(const char *Key, Convention &Conv) {
    const json *V = take(Key);
    if (!ok())
      return;
    if (!V || !V->is_string())
      return fail(V ? Where / Key : Where, quoted(Key) + " must be a string");
    std::optional<Convention> C = parseConvention(V->get<std::string>());
    if (!C) {
      std::string List;
      for (const auto &N : ConventionNames)
        List += std::string(List.empty() ? "" : ", ") + N.Name;
      return fail(Where / Key, "unknown convention '" + V->get<std::string>() +
                                   "' (expected one of: " + List + ")");
    }
    Conv = *C;
  }

  void errorValue(const char *Key, int64_t &Value, bool Meaningful) {
    const json *V = take(Key);
    if (!ok())
      return;
    if (!Meaningful) {
      if (V)
        fail(Where / Key, quoted(Key) + " is only meaningful with convention "
                                        "'value'");
      return;
    }
    if (!V || !V->is_number_integer())
      return fail(V ? Where / Key : Where,
                  "convention 'value' needs an integer " + quoted(Key));
    Value = V->get<int64_t>();
  }

  void values(const char *Key, std::optional<ValueSpec> &Spec, bool ArgBound) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_string())
      return fail(Where / Key, quoted(Key) +
                                   " must be a string such as \"< 0\", \"0\" "
                                   "or \"0..arg2\"");
    if (std::optional<ValueSpec> Parsed = valueSet(Where / Key, *V, ArgBound))
      Spec = std::move(Parsed);
  }

  void indices(const char *Key, std::vector<unsigned> &Indices) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_array())
      return fail(Where / Key, quoted(Key) +
                                   " must be an array of 0-based argument "
                                   "indices");
    for (std::size_t I = 0; I < V->size(); ++I) {
      if (!(*V)[I].is_number_unsigned())
        return fail(Where / Key / I, "expected a 0-based argument index");
      Indices.push_back((*V)[I].get<unsigned>());
    }
  }

  void failureCases(const char *Key, std::vector<FailureCase> &Cases) {
    const json *V = take(Key);
    if (!V)
      return;
    json::json_pointer CasesWhere = Where / Key;
    std::string Shape = quoted(Key) + " must be a non-empty array of objects "
                                      "such as {\"arg1\": \"!= 0\"}";
    if (!V->is_array() || V->empty())
      return fail(CasesWhere, Shape);
    for (std::size_t I = 0; I < V->size(); ++I) {
      const json &Case = (*V)[I];
      if (!Case.is_object() || Case.empty())
        return fail(CasesWhere / I, Shape);
      FailureCase Parsed;
      for (auto It = Case.begin(); It != Case.end(); ++It) {
        json::json_pointer At = CasesWhere / I / It.key();
        const std::string &ArgKey = It.key();
        if (ArgKey.rfind("arg", 0) != 0 || ArgKey.size() < 4 ||
            ArgKey.size() > 5 ||
            !std::all_of(ArgKey.begin() + 3, ArgKey.end(), ::isdigit))
          return fail(At, "expected argN, N the 0-based index of an argument");
        if (!It->is_string())
          return fail(At, "expected a value set such as \"!= 0\" or "
                          "\"0..255\"");
        std::optional<ValueSpec> Values = valueSet(At, *It, false);
        if (!Values)
          return;
        Parsed.push_back(
            {unsigned(std::stoi(ArgKey.substr(3))), std::move(*Values)});
      }
      Cases.push_back(std::move(Parsed));
    }
  }

  template <typename T> void object(const char *Key, std::optional<T> &Out) {
    T Value;
    if (group(Key, [&](ObjectReader &Inner) { fields(Inner, Value); }))
      Out = std::move(Value);
  }

  /// True when the object was there and read without error.
  template <typename Fn> bool group(const char *Key, Fn Fields) {
    const json *V = take(Key);
    if (!V)
      return false;
    if (!V->is_object()) {
      fail(Where / Key, quoted(Key) + " must be an object");
      return false;
    }
    ObjectReader Inner(P, *V, Where / Key);
    Fields(Inner);
    Error = Inner.finish();
    return ok();
  }

  void checks(const char *SeverityKey, const char *ChecksKey,
              std::map<CheckKind, CheckSetting> &Checks) {
    const json *Sev = take(SeverityKey), *Each = take(ChecksKey);
    if (Sev) {
      std::optional<Severity> Default;
      if (Sev->is_string())
        Default = parseSeverity(Sev->get<std::string>());
      if (!Default)
        return fail(Where / SeverityKey,
                    quoted(SeverityKey) + " must be \"warning\" or \"note\"");
      for (CheckKind K : AllChecks) {
        Checks[K].Level = *Default;
        Checks[K].LevelWritten = true;
      }
    }
    if (!Each)
      return;
    json::json_pointer ChecksWhere = Where / ChecksKey;
    if (!Each->is_object())
      return fail(ChecksWhere, quoted(ChecksKey) +
                                   " must be an object mapping check names "
                                   "to \"off\", \"warning\" or \"note\"");
    for (auto It = Each->begin(); It != Each->end(); ++It) {
      std::optional<CheckKind> K = parseCheckName(It.key());
      if (!K)
        K = parseCheckName("retcheck-" + It.key());
      if (!K)
        return fail(ChecksWhere / It.key(), "unknown check '" + It.key() + "'");
      std::string Value = It->is_string() ? It->get<std::string>() : "";
      CheckSetting &Setting = Checks[*K];
      if (Value == "off") {
        Setting.Enabled = false;
      } else if (std::optional<Severity> Level = parseSeverity(Value)) {
        Setting.Level = *Level;
        Setting.LevelWritten = true;
      } else {
        return fail(ChecksWhere / It.key(),
                    "expected \"off\", \"warning\" or \"note\"");
      }
    }
  }

  void index(const char *Key, unsigned &Index) {
    const json *V = take(Key);
    if (!ok())
      return;
    if (!V || !V->is_number_unsigned())
      return fail(V ? Where / Key : Where,
                  quoted(Key) + " must be a non-negative integer (0-based "
                                "argument position)");
    Index = V->get<unsigned>();
  }

  void count(const char *Key, unsigned &Count, unsigned) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_number_unsigned())
      return fail(Where / Key, "expected a count");
    Count = V->get<unsigned>();
  }

  void fraction(const char *Key, double &Fraction, unsigned) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_number() || V->get<double>() < 0 || V->get<double>() > 1)
      return fail(Where / Key, quoted(Key) + " must be a number from 0 to 1");
    Fraction = V->get<double>();
  }

  void names(const char *Key, std::vector<std::string> &Names) {
    const json *V = take(Key);
    if (!ok())
      return;
    if (!V || !V->is_array() || V->empty())
      return fail(V ? Where / Key : Where,
                  quoted(Key) + " must be a non-empty array of variable "
                                "names");
    for (std::size_t I = 0; I < V->size(); ++I) {
      const json &Name = (*V)[I];
      if (!Name.is_string() || Name.get<std::string>().empty())
        return fail(Where / Key / I,
                    "expected a variable name such as \"error_fatal\"");
      Names.push_back(Name.get<std::string>());
    }
  }

  void strings(const char *Key, std::vector<std::string> &Strings, unsigned) {
    const json *V = take(Key);
    if (!V)
      return;
    if (!V->is_array())
      return fail(Where / Key, quoted(Key) + " must be an array of strings");
    for (std::size_t I = 0; I < V->size(); ++I) {
      if (!(*V)[I].is_string())
        return fail(Where / Key / I, "expected a string");
      Strings.push_back((*V)[I].get<std::string>());
    }
  }

  /// The rules file's own keys set these (RulesParser::parse).
  void fileLevel(const char *, bool &) {}
  void position(std::string &) {}

private:
  const RulesParser &P;
  const json &J;
  json::json_pointer Where;
  std::vector<std::string> Keys; ///< every key the object may have, in order
  std::optional<RulesError> Error;

  bool ok() const { return !Error; }
  static std::string quoted(const char *Key) {
    return std::string("'") + Key + "'";
  }
  /// Names \p Key; its value, if the object has it and no error came first.
  const json *take(const char *Key) {
    Keys.push_back(Key);
    if (!ok())
      return nullptr;
    auto It = J.find(Key);
    return It == J.end() ? nullptr : &*It;
  }
  void fail(const json::json_pointer &At, std::string Message) {
    if (ok())
      Error = P.errorAt(At, std::move(Message));
  }
  std::optional<ValueSpec> valueSet(const json::json_pointer &At, const json &V,
                                    bool ArgBound) {
    std::string Why;
    std::optional<ValueSpec> Spec = ValueSpec::parse(V.get<std::string>(), Why);
    if (!Spec)
      fail(At, Why);
    else if (!ArgBound && Spec->boundArg())
      fail(At, "an argument bound (argN) only makes sense in 'success'");
    else
      return Spec;
    return std::nullopt;
  }
};

std::optional<RulesError>
RulesParser::parseRule(const json &J, const json::json_pointer &Where,
                       Rule &R) const {
  if (!J.is_object())
    return errorAt(Where, "a rule must be an object");
  ObjectReader Reader(*this, J, Where);
  fields(Reader, R);
  return Reader.finish();
}

std::optional<RulesError> RulesParser::parse(RuleSet &Into) {
  std::size_t ErrorOffset = 0;
  std::string Error;
  if (!recordOffsets(RuleKeyDepth, ErrorOffset, Error))
    return errorAtOffset(ErrorOffset > 0 ? ErrorOffset - 1 : 0, Error);
  json Doc = json::parse(Text);

  json::json_pointer Root;
  if (!Doc.is_object())
    return errorAt(Root, "a rules file must be a JSON object");
  if (auto E = checkKeys(
          Doc, Root,
          {"version", "name", "description", "rules", "error_reporters",
           "warnings"}))
    return E;
  auto Version = Doc.find("version");
  if (Version == Doc.end())
    return errorAt(Root, "missing 'version' (this retcheck reads version 1)");
  if (!Version->is_number_integer() || Version->get<int64_t>() != 1)
    return errorAt(Root / "version",
                   "unsupported version (this retcheck reads version 1)");
  auto Rules = Doc.find("rules");
  if (Rules == Doc.end() || !Rules->is_array())
    return errorAt(Rules == Doc.end() ? Root : Root / "rules",
                   "'rules' must be an array");
  if (Rules->empty())
    return errorAt(Root / "rules", "'rules' is empty: a rules file must "
                                   "name at least one function");

  std::vector<std::string> Reporters;
  if (auto It = Doc.find("error_reporters"); It != Doc.end()) {
    if (!It->is_array())
      return errorAt(Root / "error_reporters",
                     "'error_reporters' must be an array of function names");
    for (std::size_t I = 0; I < It->size(); ++I) {
      if (!(*It)[I].is_string() || (*It)[I].get<std::string>().empty())
        return errorAt(Root / "error_reporters" / I,
                       "expected a function name");
      Reporters.push_back((*It)[I].get<std::string>());
    }
  }

  bool AlwaysWarn = false;
  if (auto It = Doc.find("warnings"); It != Doc.end()) {
    std::string Value = It->is_string() ? It->get<std::string>() : "";
    if (Value != "all" && Value != "ranked")
      return errorAt(Root / "warnings",
                     "'warnings' must be \"all\" (every finding of these "
                     "rules is a warning) or \"ranked\" (the default)");
    AlwaysWarn = Value == "all";
  }

  std::vector<Rule> Parsed;
  for (std::size_t I = 0; I < Rules->size(); ++I) {
    json::json_pointer Where = Root / "rules" / I;
    Rule R;
    R.AlwaysWarn = AlwaysWarn;
    if (auto E = parseRule((*Rules)[I], Where, R))
      return E;
    RulesError Pos = errorAt(Where / "function", "");
    R.Origin = File + ":" + std::to_string(Pos.Line);
    Rule *Previous = nullptr;
    for (std::vector<Rule> *List : {&Into.rules(), &Parsed})
      for (Rule &P : *List)
        if (P.Function == R.Function && P.File == R.File)
          Previous = &P;
    // A hand-written rule wins over an inferred one, in either order; two
    // of a kind must not disagree silently.
    if (Previous && Previous->Inferred.has_value() != R.Inferred.has_value()) {
      if (Previous->Inferred)
        *Previous = std::move(R);
      continue;
    }
    if (Previous)
      return errorAt(Where / "function",
                     "duplicate rule for '" + R.Function + "'" +
                         (R.File.empty() ? "" : " of " + R.File) +
                         " (first defined at " + Previous->Origin + ")");
    Parsed.push_back(std::move(R));
  }
  for (Rule &R : Parsed)
    Into.add(std::move(R));
  for (std::string &Name : Reporters)
    Into.addErrorReporter(std::move(Name));
  return std::nullopt;
}

/// Writes a rule's fields through their description (RuleFields.h), for
/// a rules file or for the cache key.
class FieldWriter {
public:
  enum Purpose {
    /// What the parser reads back: fields at their defaults are left out
    /// (but those written Always), check settings as the file spells them.
    ForFile,
    /// Everything the judge reads, losslessly: no Evidence.
    ForKey,
  };

  explicit FieldWriter(Purpose P) : P(P) {}

  /// \p Value's fields as a JSON object.
  template <typename T> static ordered_json write(const T &Value, Purpose P) {
    FieldWriter W(P);
    fields(W, Value);
    if (P == ForFile) {
      // What a field holds by default is what the parser leaves in it.
      FieldWriter Default(P);
      T Fresh;
      fields(Default, Fresh);
      for (const std::string &Key : W.Omissible)
        if (Default.Out.contains(Key) && Default.Out[Key] == W.Out[Key])
          W.Out.erase(Key);
    }
    return std::move(W.Out);
  }

  void function(const char *Key, const std::string &Name) {
    put(Key, Name, RuleField::Always);
  }
  void path(const char *Key, const std::string &Path) { put(Key, Path); }
  void text(const char *Key, const std::string &Text, unsigned Flags) {
    put(Key, Text, Flags);
  }
  void ignored(const char *) {}
  void flag(const char *Key, bool Flag, unsigned Flags) {
    put(Key, Flag, Flags);
  }
  void convention(const char *Key, Convention Conv) {
    put(Key, conventionName(Conv), RuleField::Always);
  }
  void errorValue(const char *Key, int64_t Value, bool Meaningful) {
    if (Meaningful)
      put(Key, Value, RuleField::Always);
  }
  void values(const char *Key, const std::optional<ValueSpec> &Spec, bool) {
    if (Spec)
      put(Key, Spec->Text);
  }
  void indices(const char *Key, const std::vector<unsigned> &Indices) {
    put(Key, Indices);
  }
  void failureCases(const char *Key, const std::vector<FailureCase> &Cases) {
    ordered_json List = ordered_json::array();
    for (const FailureCase &Case : Cases) {
      ordered_json Conditions = ordered_json::object();
      for (const ArgCondition &C : Case)
        Conditions["arg" + std::to_string(C.Arg)] = C.Values.Text;
      List.push_back(std::move(Conditions));
    }
    put(Key, std::move(List));
  }
  template <typename T>
  void object(const char *Key, const std::optional<T> &Value) {
    if (Value)
      put(Key, write(*Value, P));
  }
  template <typename Fn> void group(const char *Key, Fn Fields) {
    FieldWriter Inner(P);
    Fields(Inner);
    put(Key, std::move(Inner.Out), RuleField::Always);
  }
  void checks(const char *, const char *ChecksKey,
              const std::map<CheckKind, CheckSetting> &Checks) {
    // A file says "severity" once for every check, the writer per check.
    ordered_json Each = ordered_json::object();
    for (const auto &[Check, Setting] : Checks) {
      std::string Name = checkName(Check);
      if (P == ForKey) {
        Each[Name] = {Setting.Enabled, severityName(Setting.Level),
                      Setting.LevelWritten};
        continue;
      }
      Each[Name.substr(Name.find('-') + 1)] =
          Setting.Enabled ? severityName(Setting.Level) : "off";
    }
    put(ChecksKey, std::move(Each));
  }
  void index(const char *Key, unsigned Index) {
    put(Key, Index, RuleField::Always);
  }
  void count(const char *Key, unsigned Count, unsigned Flags) {
    put(Key, Count, Flags);
  }
  void fraction(const char *Key, double Fraction, unsigned Flags) {
    // Two decimals are enough to review by.
    put(Key, P == ForFile ? std::round(Fraction * 100) / 100 : Fraction, Flags);
  }
  void names(const char *Key, const std::vector<std::string> &Names) {
    put(Key, Names, RuleField::Always);
  }
  void strings(const char *Key, const std::vector<std::string> &Strings,
               unsigned Flags) {
    put(Key, Strings, Flags);
  }
  /// A rules file says it for all its rules (rulesFileJson).
  void fileLevel(const char *Key, bool Value) {
    if (P == ForKey)
      put(Key, Value);
  }
  void position(const std::string &) {}

private:
  Purpose P;
  ordered_json Out = ordered_json::object();
  std::vector<std::string> Omissible; ///< keys left out at their default

  void put(const char *Key, ordered_json Value,
           unsigned Flags = RuleField::Optional) {
    if (P == ForKey && (Flags & RuleField::Evidence))
      return;
    if (!(Flags & RuleField::Always))
      Omissible.push_back(Key);
    Out[Key] = std::move(Value);
  }
};

/// Rules in a stable order: by function, then file.
std::vector<const Rule *> sortedRules(const std::vector<Rule> &Rules) {
  std::vector<const Rule *> Sorted;
  for (const Rule &R : Rules)
    Sorted.push_back(&R);
  std::sort(Sorted.begin(), Sorted.end(), [](const Rule *A, const Rule *B) {
    return std::tie(A->Function, A->File) < std::tie(B->Function, B->File);
  });
  return Sorted;
}

} // namespace

std::optional<Convention> parseConvention(const std::string &Name) {
  for (const auto &N : ConventionNames)
    if (Name == N.Name)
      return N.Conv;
  return std::nullopt;
}

const char *conventionName(Convention C) {
  for (const auto &N : ConventionNames)
    if (N.Conv == C)
      return N.Name;
  return "?";
}

RuleSet::RuleSet()
    : ErrorReporters(std::begin(DefaultErrorReporters),
                     std::end(DefaultErrorReporters)) {}

void RuleSet::addInferred(const RuleSet &Inferred) {
  for (const Rule &R : Inferred.rules()) {
    bool Named = false;
    for (const Rule &Mine : Rules)
      Named |= Mine.Function == R.Function &&
               (Mine.File.empty() || Mine.File == R.File);
    if (!Named)
      Rules.push_back(R);
  }
  for (const std::string &Reporter : Inferred.addedErrorReporters())
    addErrorReporter(Reporter);
}

std::vector<std::string> RuleSet::addedErrorReporters() const {
  std::size_t Defaults = std::size(DefaultErrorReporters);
  return std::vector<std::string>(ErrorReporters.begin() +
                                      std::min(Defaults, ErrorReporters.size()),
                                  ErrorReporters.end());
}

void RuleSet::addErrorReporter(std::string Name) {
  if (std::find(ErrorReporters.begin(), ErrorReporters.end(), Name) ==
      ErrorReporters.end())
    ErrorReporters.push_back(std::move(Name));
}

const Rule *RuleSet::find(const std::string &QualifiedName,
                          const std::string &File) const {
  const Rule *Any = nullptr;
  for (const Rule &R : Rules) {
    if (R.Function != QualifiedName)
      continue;
    if (R.File.empty()) {
      Any = &R;
      continue;
    }
    // A rule for one file's static function: its path ends with R.File.
    if (File.size() >= R.File.size() &&
        File.compare(File.size() - R.File.size(), R.File.size(), R.File) == 0 &&
        (File.size() == R.File.size() ||
         File[File.size() - R.File.size() - 1] == '/'))
      return &R;
  }
  return Any;
}

std::string RulesError::str() const {
  std::ostringstream OS;
  OS << File;
  if (Line)
    OS << ":" << Line << ":" << Column;
  OS << ": error: " << Message;
  return OS.str();
}

std::optional<RulesError> parseRules(const std::string &Text,
                                     const std::string &FileName,
                                     RuleSet &Into) {
  return RulesParser(Text, FileName).parse(Into);
}

std::optional<RulesError> loadRulesFile(const std::string &Path,
                                        RuleSet &Into) {
  struct stat St;
  if (stat(Path.c_str(), &St) != 0)
    return RulesError{Path, 0, 0, "cannot open rules file: no such file"};
  if (S_ISDIR(St.st_mode))
    return RulesError{Path, 0, 0, "cannot read rules file: it is a directory"};
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return RulesError{Path, 0, 0, "cannot open rules file: permission denied"};
  std::stringstream Buffer;
  Buffer << In.rdbuf();
  return parseRules(Buffer.str(), Path, Into);
}

std::string defaultRulesDir(const std::string &ExecutablePath) {
  if (const char *Env = std::getenv("RETCHECK_RULES_DIR"); Env && *Env)
    return Env;
  std::string Dir = ExecutablePath;
  auto Slash = Dir.find_last_of('/');
  Dir = Slash == std::string::npos ? "." : Dir.substr(0, Slash);
  struct stat St;
  for (const std::string &Candidate :
       {Dir + "/../share/retcheck/rules", Dir + "/rules",
        std::string(RETCHECK_SOURCE_RULES_DIR)})
    if (stat((Candidate + "/qemu.json").c_str(), &St) == 0)
      return Candidate;
  return RETCHECK_SOURCE_RULES_DIR;
}

std::string RuleSet::contractKey() const {
  std::string Key;
  for (const Rule *R : sortedRules(Rules))
    Key += FieldWriter::write(*R, FieldWriter::ForKey)
               .dump(-1, ' ', false, ordered_json::error_handler_t::replace) +
           '\n';
  for (const std::string &Name : ErrorReporters)
    Key += Name + ',';
  return Key;
}

std::string rulesFileJson(const RuleSet &Rules, const std::string &Name,
                          const std::string &Description) {
  ordered_json List = ordered_json::array();
  bool AllWarn = !Rules.empty();
  for (const Rule *R : sortedRules(Rules.rules())) {
    List.push_back(FieldWriter::write(*R, FieldWriter::ForFile));
    AllWarn &= R->AlwaysWarn;
  }
  ordered_json Doc = {
      {"version", 1}, {"name", Name}, {"description", Description}};
  if (AllWarn)
    Doc["warnings"] = "all";
  if (std::vector<std::string> Reporters = Rules.addedErrorReporters();
      !Reporters.empty())
    Doc["error_reporters"] = Reporters;
  Doc["rules"] = std::move(List);
  return Doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace retcheck
