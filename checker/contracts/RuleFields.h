//===- RuleFields.h - Every field of a rule, described once ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The rules file's parser, its writer (the rules `retcheck infer` writes,
// a contract in a hover) and RuleSet::contractKey() are all made from the
// lists below, each field once with its JSON key: a field added here is
// read, written and keyed, and a field of Rule missing here fails
// checker/test/RuleFieldsTest.cpp. A visitor has one member function per kind
// of field (what it holds and how the rules file spells it, rules/README.md):
//
//   function(Key, std::string)         a C or qualified C++ function name,
//                                      required
//   path(Key, std::string)             a non-empty path
//   text(Key, std::string, Flags)      any string
//   flag(Key, bool, Flags)             true or false
//   convention(Key, Convention)        a convention's name, required
//   errorValue(Key, int64_t, bool Meaningful)  only meaningful (and then
//                                      required) with convention `value`
//   values(Key, optional<ValueSpec>, bool ArgBound)  a value set; with
//                                      ArgBound it may be bounded by argN
//   indices(Key, vector<unsigned>)     0-based argument indices
//   failureCases(Key, vector<FailureCase>)  [{"argN": value set, ...}, ...]
//   checks(SeverityKey, ChecksKey, map<CheckKind, CheckSetting>)
//                                      "severity" for every check, then
//                                      per check "off", "warning", "note"
//   index(Key, unsigned)               a 0-based argument index, required
//   count(Key, unsigned, Flags)        a count
//   fraction(Key, double, Flags)       a number from 0 to 1
//   names(Key, vector<std::string>)    a non-empty array of names, required
//   strings(Key, vector<std::string>, Flags)  an array of strings
//   object(Key, optional<T>)           an object of T's own fields
//   group(Key, Fn)                     an object whose fields Fn lists,
//                                      always written
//   ignored(Key)                       free text, read and dropped
//   fileLevel(Key, bool)               set by the rules file's own Key
//                                      ("warnings": "all"), not the rule's
//   position(std::string)              where the rule is written (Origin)
//
// Fields are listed in the order the writer writes them.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CONTRACTS_RULEFIELDS_H
#define RETCHECK_CONTRACTS_RULEFIELDS_H

#include "Rules.h"

#include <type_traits>

namespace retcheck {

/// How a field takes part in reading, writing and the cache key.
struct RuleField {
  enum Flags : unsigned {
    /// Read if present; written unless it holds its default value; keyed.
    Optional = 0,
    /// Written even when it holds its default value.
    Always = 1 << 0,
    /// For review only (an inferred rule's evidence changes with every
    /// caller added elsewhere, the judgement does not): left out of
    /// RuleSet::contractKey().
    Evidence = 1 << 1,
  };
};

/// void where Field is T or const T: one description serves readers and
/// writers.
template <typename Field, typename T>
using IfField = std::enable_if_t<std::is_same_v<std::remove_const_t<Field>, T>>;

template <typename Visitor, typename P>
IfField<P, ErrorOutParam> fields(Visitor &V, P &Out) {
  V.index("index", Out.Index);
  V.names("no_error_values", Out.NoErrorValues);
  V.flag("set_on_failure", Out.SetOnFailure, RuleField::Optional);
}

template <typename Visitor, typename I>
IfField<I, Inference> fields(Visitor &V, I &Inf) {
  using F = RuleField;
  V.text("basis", Inf.Basis, F::Always);
  V.fraction("confidence", Inf.Confidence, F::Always | F::Evidence);
  V.strings("evidence", Inf.Evidence, F::Always | F::Evidence);
  V.group("callers", [&](auto &Callers) {
    Callers.count("checking", Inf.CallersChecking, F::Always | F::Evidence);
    Callers.count("all", Inf.Callers, F::Always | F::Evidence);
  });
  V.flag("reports_itself", Inf.ReportsItself, F::Optional);
  V.flag("from_comment", Inf.FromComment, F::Optional);
  V.flag("never_succeeds", Inf.NeverSucceeds, F::Optional);
}

template <typename Visitor, typename R>
IfField<R, Rule> fields(Visitor &V, R &Rl) {
  V.function("function", Rl.Function);
  V.path("file", Rl.File);
  V.flag("pointer", Rl.Pointer, RuleField::Optional);
  V.convention("convention", Rl.Conv);
  // Read after the convention: whether it is meaningful depends on it.
  V.errorValue("error_value", Rl.ErrorValue, Rl.Conv == Convention::Value);
  V.values("errors", Rl.Errors, /*ArgBound=*/false);
  V.values("success", Rl.Success, /*ArgBound=*/true);
  V.flag("allow_void_cast", Rl.AllowVoidCast, RuleField::Optional);
  V.flag("report_narrowing", Rl.ReportNarrowing, RuleField::Optional);
  V.indices("valid_args", Rl.ValidArgs);
  V.indices("outputs_set_first", Rl.OutputsSetFirst);
  V.failureCases("fails_when", Rl.FailsWhen);
  V.object("error_out_param", Rl.ErrorOut);
  V.checks("severity", "checks", Rl.Checks);
  V.ignored("description");
  V.object("inferred", Rl.Inferred);
  V.fileLevel("warnings", Rl.AlwaysWarn);
  V.position(Rl.Origin);
}

} // namespace retcheck

#endif
