//===- Rules.cpp - Loading rule packs from JSON ---------------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Rules.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <tuple>

using nlohmann::json;

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
    "error_prepend", "error_vprepend", "hw_error"};

/// Records the byte offset at which each value of the document ends, keyed
/// by JSON pointer, so that a semantic error found on the DOM can still be
/// reported at a line and column. nlohmann's DOM keeps no positions.
class PositionRecorder : public json::json_sax_t {
public:
  explicit PositionRecorder(const std::size_t &Consumed) : Consumed(Consumed) {}

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
    Offsets[pointer()] = Consumed;
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
  const std::size_t &Consumed;
  std::vector<Level> Stack;

  std::string pointer() const {
    json::json_pointer P;
    for (const Level &L : Stack)
      P /= L.IsArray ? std::to_string(L.Index) : L.Key;
    return P.to_string();
  }
  bool value() {
    Offsets[pointer()] = Consumed;
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
    Offsets[pointer()] = Consumed;
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

private:
  const std::string &Text;
  const std::string &File;
  std::map<std::string, std::size_t> Offsets;

  RulesError errorAtOffset(std::size_t Offset, std::string Message) const;
  RulesError errorAt(const json::json_pointer &Where,
                     std::string Message) const;
  std::optional<RulesError>
  parseRule(const json &J, const json::json_pointer &Where, Rule &R) const;
  std::optional<RulesError>
  checkKeys(const json &Object, const json::json_pointer &Where,
            std::initializer_list<const char *> Allowed) const;
};

RulesError RulesParser::errorAtOffset(std::size_t Offset,
                                      std::string Message) const {
  RulesError E{File, 1, 1, std::move(Message)};
  for (std::size_t I = 0; I < Offset && I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      ++E.Line;
      E.Column = 1;
    } else {
      ++E.Column;
    }
  }
  return E;
}

RulesError RulesParser::errorAt(const json::json_pointer &Where,
                                std::string Message) const {
  auto It = Offsets.find(Where.to_string());
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
                       std::initializer_list<const char *> Allowed) const {
  for (auto It = Object.begin(); It != Object.end(); ++It) {
    bool Known = false;
    for (const char *A : Allowed)
      Known |= It.key() == A;
    if (!Known) {
      std::string List;
      for (const char *A : Allowed)
        List += std::string(List.empty() ? "" : ", ") + A;
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

std::optional<RulesError>
RulesParser::parseRule(const json &J, const json::json_pointer &Where,
                       Rule &R) const {
  if (!J.is_object())
    return errorAt(Where, "a rule must be an object");
  if (auto E =
          checkKeys(J, Where,
                    {"function", "file", "pointer", "convention", "error_value",
                     "errors", "success", "allow_void_cast", "report_narrowing",
                     "error_out_param", "valid_args", "fails_when", "severity",
                     "checks", "description", "inferred"}))
    return E;

  auto Fn = J.find("function");
  if (Fn != J.end() && Fn->is_string())
    R.Function = Fn->get<std::string>();
  if (R.Function.rfind("::", 0) == 0)
    R.Function.erase(0, 2);
  // Checked after dropping a leading "::": "::" alone names nothing.
  if (R.Function.empty())
    return errorAt(Fn == J.end() ? Where : Where / "function",
                   "'function' must be a non-empty string");
  if (!isFunctionName(R.Function))
    return errorAt(Where / "function",
                   "'" + R.Function +
                       "' cannot name a C or C++ function: expected "
                       "identifiers joined by '::' (ns::Class::method)");

  auto Conv = J.find("convention");
  if (Conv == J.end() || !Conv->is_string())
    return errorAt(Conv == J.end() ? Where : Where / "convention",
                   "'convention' must be a string");
  auto C = parseConvention(Conv->get<std::string>());
  if (!C) {
    std::string List;
    for (const auto &N : ConventionNames)
      List += std::string(List.empty() ? "" : ", ") + N.Name;
    return errorAt(Where / "convention",
                   "unknown convention '" + Conv->get<std::string>() +
                       "' (expected one of: " + List + ")");
  }
  R.Conv = *C;

  auto Value = J.find("error_value");
  if (R.Conv == Convention::Value) {
    if (Value == J.end() || !Value->is_number_integer())
      return errorAt(Value == J.end() ? Where : Where / "error_value",
                     "convention 'value' needs an integer 'error_value'");
    R.ErrorValue = Value->get<int64_t>();
  } else if (Value != J.end()) {
    return errorAt(Where / "error_value",
                   "'error_value' is only meaningful with convention "
                   "'value'");
  }

  for (auto [Key, Field] : {std::pair{"allow_void_cast", &R.AllowVoidCast},
                            std::pair{"report_narrowing", &R.ReportNarrowing},
                            std::pair{"pointer", &R.Pointer}}) {
    auto It = J.find(Key);
    if (It == J.end())
      continue;
    if (!It->is_boolean())
      return errorAt(Where / Key,
                     std::string("'") + Key + "' must be true or false");
    *Field = It->get<bool>();
  }

  auto Desc = J.find("description");
  if (Desc != J.end() && !Desc->is_string())
    return errorAt(Where / "description", "'description' must be a string");

  if (auto File = J.find("file"); File != J.end()) {
    if (!File->is_string() || File->get<std::string>().empty())
      return errorAt(Where / "file",
                     "'file' must be a non-empty path (relative to the "
                     "source root) of the file defining the function");
    R.File = File->get<std::string>();
  }

  for (auto [Key, Field] :
       {std::pair{"errors", &R.Errors}, std::pair{"success", &R.Success}}) {
    auto It = J.find(Key);
    if (It == J.end())
      continue;
    std::string Error;
    if (!It->is_string())
      return errorAt(Where / Key,
                     std::string("'") + Key +
                         "' must be a string such as \"< 0\", \"0\" or "
                         "\"0..arg2\"");
    *Field = ValueSpec::parse(It->get<std::string>(), Error);
    if (!*Field)
      return errorAt(Where / Key, Error);
  }
  if (R.Errors && R.Errors->boundArg())
    return errorAt(Where / "errors",
                   "an argument bound (argN) only makes sense in 'success'");

  if (auto Valid = J.find("valid_args"); Valid != J.end()) {
    if (!Valid->is_array())
      return errorAt(Where / "valid_args",
                     "'valid_args' must be an array of 0-based argument "
                     "indices");
    for (std::size_t I = 0; I < Valid->size(); ++I) {
      if (!(*Valid)[I].is_number_unsigned())
        return errorAt(Where / "valid_args" / I,
                       "expected a 0-based argument index");
      R.ValidArgs.push_back((*Valid)[I].get<unsigned>());
    }
  }

  if (auto Cases = J.find("fails_when"); Cases != J.end()) {
    json::json_pointer CasesWhere = Where / "fails_when";
    const char *Shape = "'fails_when' must be a non-empty array of objects "
                        "such as {\"arg1\": \"!= 0\"}";
    if (!Cases->is_array() || Cases->empty())
      return errorAt(CasesWhere, Shape);
    for (std::size_t I = 0; I < Cases->size(); ++I) {
      const json &Case = (*Cases)[I];
      if (!Case.is_object() || Case.empty())
        return errorAt(CasesWhere / I, Shape);
      FailureCase Parsed;
      for (auto It = Case.begin(); It != Case.end(); ++It) {
        json::json_pointer At = CasesWhere / I / It.key();
        int Arg = -1;
        std::string Key = It.key(), Error;
        if (Key.rfind("arg", 0) != 0 || Key.size() < 4 || Key.size() > 5 ||
            !std::all_of(Key.begin() + 3, Key.end(), ::isdigit))
          return errorAt(At, "expected argN, N the 0-based index of an "
                             "argument");
        Arg = std::stoi(Key.substr(3));
        if (!It->is_string())
          return errorAt(At, "expected a value set such as \"!= 0\" or "
                             "\"0..255\"");
        std::optional<ValueSpec> Values =
            ValueSpec::parse(It->get<std::string>(), Error);
        if (!Values)
          return errorAt(At, Error);
        if (Values->boundArg())
          return errorAt(At, "an argument bound (argN) only makes sense in "
                             "'success'");
        Parsed.push_back({unsigned(Arg), std::move(*Values)});
      }
      R.FailsWhen.push_back(std::move(Parsed));
    }
  }

  if (auto Inf = J.find("inferred"); Inf != J.end()) {
    json::json_pointer InfWhere = Where / "inferred";
    if (!Inf->is_object())
      return errorAt(InfWhere, "'inferred' must be an object");
    if (auto E = checkKeys(*Inf, InfWhere,
                           {"basis", "confidence", "evidence", "callers",
                            "reports_itself"}))
      return E;
    Inference I;
    if (auto B = Inf->find("basis"); B != Inf->end()) {
      if (!B->is_string())
        return errorAt(InfWhere / "basis", "'basis' must be a string");
      I.Basis = B->get<std::string>();
    }
    if (auto C = Inf->find("confidence"); C != Inf->end()) {
      if (!C->is_number() || C->get<double>() < 0 || C->get<double>() > 1)
        return errorAt(InfWhere / "confidence",
                       "'confidence' must be a number from 0 to 1");
      I.Confidence = C->get<double>();
    }
    if (auto Rep = Inf->find("reports_itself"); Rep != Inf->end()) {
      if (!Rep->is_boolean())
        return errorAt(InfWhere / "reports_itself",
                       "'reports_itself' must be true or false");
      I.ReportsItself = Rep->get<bool>();
    }
    if (auto Ev = Inf->find("evidence"); Ev != Inf->end()) {
      if (!Ev->is_array())
        return errorAt(InfWhere / "evidence",
                       "'evidence' must be an array of strings");
      for (std::size_t K = 0; K < Ev->size(); ++K) {
        if (!(*Ev)[K].is_string())
          return errorAt(InfWhere / "evidence" / K, "expected a string");
        I.Evidence.push_back((*Ev)[K].get<std::string>());
      }
    }
    if (auto Callers = Inf->find("callers"); Callers != Inf->end()) {
      json::json_pointer CWhere = InfWhere / "callers";
      if (!Callers->is_object())
        return errorAt(CWhere, "'callers' must be an object");
      if (auto E = checkKeys(*Callers, CWhere, {"checking", "all"}))
        return E;
      for (auto [Key, Field] : {std::pair{"checking", &I.CallersChecking},
                                std::pair{"all", &I.Callers}}) {
        auto It = Callers->find(Key);
        if (It == Callers->end())
          continue;
        if (!It->is_number_unsigned())
          return errorAt(CWhere / Key, "expected a count");
        *Field = It->get<unsigned>();
      }
    }
    R.Inferred = std::move(I);
  }

  std::optional<Severity> Default;
  if (auto Sev = J.find("severity"); Sev != J.end()) {
    if (Sev->is_string())
      Default = parseSeverity(Sev->get<std::string>());
    if (!Default)
      return errorAt(Where / "severity",
                     "'severity' must be \"warning\" or \"note\"");
    for (CheckKind K : AllChecks) {
      R.Checks[K].Level = *Default;
      R.Checks[K].LevelWritten = true;
    }
  }
  if (auto Checks = J.find("checks"); Checks != J.end()) {
    json::json_pointer ChecksWhere = Where / "checks";
    if (!Checks->is_object())
      return errorAt(ChecksWhere, "'checks' must be an object mapping check "
                                  "names to \"off\", \"warning\" or "
                                  "\"note\"");
    for (auto It = Checks->begin(); It != Checks->end(); ++It) {
      std::string Name = It.key();
      std::optional<CheckKind> K = parseCheckName(Name);
      if (!K)
        K = parseCheckName("retcheck-" + Name);
      if (!K)
        return errorAt(ChecksWhere / It.key(),
                       "unknown check '" + It.key() + "'");
      std::string Value = It->is_string() ? It->get<std::string>() : "";
      CheckSetting &Setting = R.Checks[*K];
      if (Value == "off") {
        Setting.Enabled = false;
      } else if (std::optional<Severity> Sev = parseSeverity(Value)) {
        Setting.Level = *Sev;
        Setting.LevelWritten = true;
      } else {
        return errorAt(ChecksWhere / It.key(),
                       "expected \"off\", \"warning\" or \"note\"");
      }
    }
  }

  auto Out = J.find("error_out_param");
  if (Out != J.end()) {
    json::json_pointer OutWhere = Where / "error_out_param";
    if (!Out->is_object())
      return errorAt(OutWhere, "'error_out_param' must be an object");
    if (auto E = checkKeys(*Out, OutWhere,
                           {"index", "no_error_values", "set_on_failure"}))
      return E;
    ErrorOutParam P;
    auto Index = Out->find("index");
    if (Index == Out->end() || !Index->is_number_unsigned())
      return errorAt(Index == Out->end() ? OutWhere : OutWhere / "index",
                     "'index' must be a non-negative integer (0-based "
                     "argument position)");
    P.Index = Index->get<unsigned>();
    auto Values = Out->find("no_error_values");
    if (Values == Out->end() || !Values->is_array() || Values->empty())
      return errorAt(Values == Out->end() ? OutWhere
                                          : OutWhere / "no_error_values",
                     "'no_error_values' must be a non-empty array of "
                     "variable names");
    for (std::size_t I = 0; I < Values->size(); ++I) {
      const json &V = (*Values)[I];
      if (!V.is_string() || V.get<std::string>().empty())
        return errorAt(OutWhere / "no_error_values" / I,
                       "expected a variable name such as \"error_fatal\"");
      P.NoErrorValues.push_back(V.get<std::string>());
    }
    if (auto Set = Out->find("set_on_failure"); Set != Out->end()) {
      if (!Set->is_boolean())
        return errorAt(OutWhere / "set_on_failure",
                       "'set_on_failure' must be true or false");
      P.SetOnFailure = Set->get<bool>();
    }
    R.ErrorOut = std::move(P);
  }
  return std::nullopt;
}

std::optional<RulesError> RulesParser::parse(RuleSet &Into) {
  std::size_t Consumed = 0;
  PositionRecorder Recorder(Consumed);
  CountingIterator Begin(Text.data(), &Consumed),
      End(Text.data() + Text.size(), &Consumed);
  // Strict, as json::parse below is: text after the document is an error
  // here too, not an exception there.
  if (!json::sax_parse(Begin, End, &Recorder, json::input_format_t::json, true))
    return errorAtOffset(Recorder.ErrorOffset > 0 ? Recorder.ErrorOffset - 1
                                                  : 0,
                         Recorder.Error);
  Offsets = std::move(Recorder.Offsets);
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
  llvm::raw_string_ostream OS(Key);
  std::vector<const Rule *> Sorted;
  for (const Rule &R : Rules)
    Sorted.push_back(&R);
  llvm::sort(Sorted, [](const Rule *A, const Rule *B) {
    return std::tie(A->Function, A->File) < std::tie(B->Function, B->File);
  });
  for (const Rule *R : Sorted) {
    OS << R->Function << '|' << R->File << '|' << int(R->Conv) << '|'
       << R->ErrorValue << '|' << (R->Errors ? R->Errors->Text : "-") << '|'
       << (R->Success ? R->Success->Text : "-") << '|' << R->AllowVoidCast
       << R->ReportNarrowing << '|';
    if (R->ErrorOut) {
      OS << R->ErrorOut->Index;
      for (const std::string &V : R->ErrorOut->NoErrorValues)
        OS << ',' << V;
      OS << ',' << R->ErrorOut->SetOnFailure;
    }
    OS << '|';
    for (unsigned A : R->ValidArgs)
      OS << A << ',';
    OS << '|';
    for (const FailureCase &Case : R->FailsWhen) {
      for (const ArgCondition &C : Case)
        OS << C.Arg << ':' << C.Values.Text << ';';
      OS << ',';
    }
    OS << '|';
    for (const auto &[Check, Setting] : R->Checks)
      OS << int(Check) << ':' << Setting.Enabled << int(Setting.Level)
         << Setting.LevelWritten << ',';
    OS << '|' << R->AlwaysWarn << bool(R->Inferred) << '\n';
  }
  for (const std::string &Name : ErrorReporters)
    OS << Name << ',';
  return Key;
}

} // namespace retcheck
