// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// One description of a rule's fields (contracts/RuleFields.h) makes the
// rules file's parser, its writer and RuleSet::contractKey(): every field
// of Rule is in it, a rule with every field set survives writing and
// reading back, and changing any one field changes the cache key (but the
// evidence of an inferred rule, and where a rule is written).

#include "contracts/RuleFields.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace retcheck;

namespace {

ValueSpec spec(const std::string &Text) {
  std::string Error;
  std::optional<ValueSpec> S = ValueSpec::parse(Text, Error);
  REQUIRE(S);
  return *S;
}

/// Every field of Rule away from its default.
Rule everyFieldSet() {
  Rule R;
  R.Function = "ns::Chan::flush";
  R.File = "hw/a/b.c";
  R.Pointer = true;
  R.Conv = Convention::Value;
  R.ErrorValue = 7;
  R.Errors = spec("7");
  R.Success = spec("0..arg2");
  R.AllowVoidCast = false;
  R.ReportNarrowing = true;
  R.ErrorOut = ErrorOutParam{2, {"error_fatal", "error_abort"}, true};
  R.ValidArgs = {0, 3};
  R.OutputsSetFirst = {1};
  R.FailsWhen = {{{1, spec("!= 0")}}, {{2, spec("> 10")}}};
  R.Checks[CheckKind::IgnoredResult].Enabled = false;
  R.Checks[CheckKind::UncheckedUse] = {true, Severity::Note, true};
  R.Origin = "hand.json:3";
  R.AlwaysWarn = true;
  Inference I;
  I.Basis = "body";
  I.Confidence = 0.25;
  I.ReportsItself = true;
  I.FromComment = true;
  I.NeverSucceeds = true;
  I.Evidence = {"b.c:10: returns 7 after error_report"};
  I.CallersChecking = 3;
  I.Callers = 4;
  R.Inferred = I;
  return R;
}

std::string show(const std::string &S) { return '"' + S + '"'; }
std::string show(bool B) { return B ? "true" : "false"; }
std::string show(int64_t V) { return std::to_string(V); }
std::string show(unsigned V) { return std::to_string(V); }
std::string show(double V) {
  std::ostringstream OS;
  OS << V;
  return OS.str();
}
std::string show(Convention C) { return conventionName(C); }
std::string show(const ValueSpec &S) { return show(S.Text); }
std::string show(const ArgCondition &C) {
  return "arg" + std::to_string(C.Arg) + ":" + show(C.Values);
}
std::string show(const CheckSetting &S) {
  return show(S.Enabled) + "/" + severityName(S.Level) + "/" +
         show(S.LevelWritten);
}
template <typename T> std::string show(const std::optional<T> &V) {
  return V ? show(*V) : "none";
}
template <typename T> std::string show(const std::vector<T> &V) {
  std::string Out = "[";
  for (const T &Item : V)
    Out += show(Item) + ",";
  return Out + "]";
}
template <typename K, typename V> std::string show(const std::map<K, V> &M) {
  std::string Out = "{";
  for (const auto &[Key, Value] : M)
    Out += std::to_string(int(Key)) + ":" + show(Value) + ",";
  return Out + "}";
}

/// Each field the description lists, with its value losslessly as text
/// and its address.
class FieldDump {
public:
  struct Entry {
    std::string Path, Value;
  };
  std::vector<Entry> Entries;
  std::set<const void *> Addresses;

  explicit FieldDump(std::string Prefix = "") : Prefix(std::move(Prefix)) {}

  template <typename T> void function(const char *K, const T &V) { add(K, V); }
  template <typename T> void path(const char *K, const T &V) { add(K, V); }
  template <typename T> void text(const char *K, const T &V, unsigned) {
    add(K, V);
  }
  template <typename T> void flag(const char *K, const T &V, unsigned) {
    add(K, V);
  }
  template <typename T> void convention(const char *K, const T &V) {
    add(K, V);
  }
  template <typename T> void errorValue(const char *K, const T &V, bool) {
    add(K, V);
  }
  template <typename T> void values(const char *K, const T &V, bool) {
    add(K, V);
  }
  template <typename T> void indices(const char *K, const T &V) { add(K, V); }
  template <typename T> void failureCases(const char *K, const T &V) {
    add(K, V);
  }
  template <typename T> void checks(const char *, const char *K, const T &V) {
    add(K, V);
  }
  template <typename T> void index(const char *K, const T &V) { add(K, V); }
  template <typename T> void count(const char *K, const T &V, unsigned) {
    add(K, V);
  }
  template <typename T> void fraction(const char *K, const T &V, unsigned) {
    add(K, V);
  }
  template <typename T> void names(const char *K, const T &V) { add(K, V); }
  template <typename T> void strings(const char *K, const T &V, unsigned) {
    add(K, V);
  }
  template <typename T> void fileLevel(const char *K, const T &V) { add(K, V); }
  template <typename T> void position(const T &V) { add("(position)", V); }
  void ignored(const char *) {}
  template <typename T> void object(const char *K, const std::optional<T> &V) {
    Entries.push_back({Prefix + K, V ? "set" : "none"});
    Addresses.insert(&V);
    if (V)
      group(K, [&](FieldDump &Inner) { fields(Inner, *V); });
  }
  template <typename Fn> void group(const char *K, Fn Fields) {
    FieldDump Inner(Prefix + K + "/");
    Fields(Inner);
    Entries.insert(Entries.end(), Inner.Entries.begin(), Inner.Entries.end());
    Addresses.insert(Inner.Addresses.begin(), Inner.Addresses.end());
  }

private:
  std::string Prefix;

  template <typename T> void add(const char *K, const T &V) {
    Entries.push_back({Prefix + K, show(V)});
    Addresses.insert(&V);
  }
};

template <typename T> FieldDump dump(const T &Value) {
  FieldDump D;
  fields(D, Value);
  return D;
}

/// Changes the Nth field the description lists (several changes for a
/// check's settings), and says which.
class FieldChange {
public:
  explicit FieldChange(unsigned N) : N(N) {}
  std::string Changed; ///< the changed field's key; empty past the last
  bool Keyed = true;   ///< whether the cache key must see the change

  void function(const char *K, std::string &V) {
    change(K, [&] { V += "x"; });
  }
  void path(const char *K, std::string &V) {
    change(K, [&] { V += "x"; });
  }
  void text(const char *K, std::string &V, unsigned F) {
    change(
        K, [&] { V += "x"; }, F);
  }
  void flag(const char *K, bool &V, unsigned F) {
    change(
        K, [&] { V = !V; }, F);
  }
  void convention(const char *K, Convention &V) {
    change(K, [&] {
      V = V == Convention::Nonzero ? Convention::Negative : Convention::Nonzero;
    });
  }
  void errorValue(const char *K, int64_t &V, bool) {
    change(K, [&] { ++V; });
  }
  void values(const char *K, std::optional<ValueSpec> &V, bool) {
    change(K, [&] { V = spec(V && V->Text == "< -7" ? "< -8" : "< -7"); });
  }
  void indices(const char *K, std::vector<unsigned> &V) {
    change(K, [&] { V.push_back(9); });
  }
  void failureCases(const char *K, std::vector<FailureCase> &V) {
    change(K, [&] { V.push_back({{3, spec("1")}}); });
  }
  void checks(const char *, const char *K,
              std::map<CheckKind, CheckSetting> &V) {
    change(K, [&] { V[CheckKind::MinusOneCheck].Enabled = false; });
    for (auto &[Kind, S] : V) {
      change(K, [&S = S] { S.Enabled = !S.Enabled; });
      change(K, [&S = S] {
        S.Level =
            S.Level == Severity::Note ? Severity::Warning : Severity::Note;
      });
      change(K, [&S = S] { S.LevelWritten = !S.LevelWritten; });
    }
  }
  void index(const char *K, unsigned &V) {
    change(K, [&] { ++V; });
  }
  void count(const char *K, unsigned &V, unsigned F) {
    change(
        K, [&] { ++V; }, F);
  }
  void fraction(const char *K, double &V, unsigned F) {
    change(
        K, [&] { V = V == 0.5 ? 0.75 : 0.5; }, F);
  }
  void names(const char *K, std::vector<std::string> &V) {
    change(K, [&] { V.push_back("error_warn"); });
  }
  void strings(const char *K, std::vector<std::string> &V, unsigned F) {
    change(
        K, [&] { V.push_back("more"); }, F);
  }
  void fileLevel(const char *K, bool &V) {
    change(K, [&] { V = !V; });
  }
  void position(std::string &V) {
    // Where a rule is written does not change what it says.
    change(
        "(position)", [&] { V += "0"; }, RuleField::Evidence);
  }
  void ignored(const char *) {}
  template <typename T> void object(const char *K, std::optional<T> &V) {
    change(K, [&] { V.reset(); });
    if (V)
      group(K, [&](FieldChange &Inner) { fields(Inner, *V); });
  }
  template <typename Fn> void group(const char *, Fn Fields) { Fields(*this); }

private:
  unsigned N;
  unsigned Seen = 0;

  template <typename Fn>
  void change(const char *Key, Fn Apply, unsigned Flags = 0) {
    if (Seen++ != N)
      return;
    Apply();
    Changed = Key;
    Keyed = !(Flags & RuleField::Evidence);
  }
};

std::string keyOf(const Rule &R) {
  RuleSet Set;
  Set.add(R);
  return Set.contractKey();
}

} // namespace

TEST_CASE("every field of a rule is in its description", "[rules]") {
  // A field added to one of these structs breaks the build here: list it
  // in contracts/RuleFields.h (and in everyFieldSet above), then here.
  Rule R;
  auto &[Function, File, Pointer, Conv, ErrorValue, Errors, Success,
         AllowVoidCast, ReportNarrowing, ErrorOut, ValidArgs, OutputsSetFirst,
         FailsWhen, Checks, Origin, AlwaysWarn, Inferred] = R;
  R.ErrorOut.emplace();
  auto &[Index, NoErrorValues, SetOnFailure] = *R.ErrorOut;
  R.Inferred.emplace();
  auto &[Basis, Confidence, ReportsItself, FromComment, NeverSucceeds, Evidence,
         CallersChecking, Callers] = *R.Inferred;
  // A check's setting is written and keyed by FieldWriter::checks, read by
  // ObjectReader::checks and shown by show(const CheckSetting &) above.
  auto &[Enabled, Level, LevelWritten] = R.Checks[CheckKind::IgnoredResult];
  (void)Enabled, (void)Level, (void)LevelWritten;

  FieldDump D = dump(R);
  const void *Members[] = {
      &Function,        &File,       &Pointer,         &Conv,
      &ErrorValue,      &Errors,     &Success,         &AllowVoidCast,
      &ReportNarrowing, &ErrorOut,   &ValidArgs,       &OutputsSetFirst,
      &FailsWhen,       &Checks,     &Origin,          &AlwaysWarn,
      &Inferred,        &Index,      &NoErrorValues,   &SetOnFailure,
      &Basis,           &Confidence, &ReportsItself,   &FromComment,
      &NeverSucceeds,   &Evidence,   &CallersChecking, &Callers};
  for (std::size_t I = 0; I < std::size(Members); ++I) {
    INFO("member " << I << " of the list above");
    CHECK(D.Addresses.count(Members[I]));
  }
}

TEST_CASE("the test's rule sets every field", "[rules]") {
  Rule Set = everyFieldSet();
  auto Differs = [](const FieldDump &A, const FieldDump &B) {
    REQUIRE(A.Entries.size() == B.Entries.size());
    for (std::size_t I = 0; I < A.Entries.size(); ++I) {
      INFO(A.Entries[I].Path);
      // An object's presence: none in a default rule (below).
      if (A.Entries[I].Value != "set")
        CHECK(A.Entries[I].Value != B.Entries[I].Value);
    }
  };
  Rule Default;
  CHECK_FALSE(Default.ErrorOut);
  CHECK_FALSE(Default.Inferred);
  // Their fields against their defaults.
  Default.ErrorOut.emplace();
  Default.Inferred.emplace();
  Differs(dump(Set), dump(Default));
}

TEST_CASE("a rule with every field set is written and read back whole",
          "[rules]") {
  RuleSet Written;
  Written.add(everyFieldSet());
  std::string Text = rulesFileJson(Written, "t", "every field");
  INFO(Text);
  RuleSet Read;
  std::optional<RulesError> E = parseRules(Text, "t.json", Read);
  INFO((E ? E->str() : ""));
  REQUIRE_FALSE(E);
  REQUIRE(Read.rules().size() == 1);
  FieldDump Before = dump(Written.rules().front()),
            After = dump(Read.rules().front());
  REQUIRE(Before.Entries.size() == After.Entries.size());
  for (std::size_t I = 0; I < Before.Entries.size(); ++I) {
    INFO(Before.Entries[I].Path);
    if (Before.Entries[I].Path == "(position)") // the rule's line
      CHECK(After.Entries[I].Value.rfind("\"t.json:", 0) == 0);
    else
      CHECK(After.Entries[I].Value == Before.Entries[I].Value);
  }
  // And written again, byte for byte.
  CHECK(rulesFileJson(Read, "t", "every field") == Text);
}

TEST_CASE("changing any one field of a rule changes its cache key", "[rules]") {
  const Rule Set = everyFieldSet();
  const std::string Key = keyOf(Set);
  unsigned Changes = 0;
  for (unsigned N = 0;; ++N) {
    Rule Changed = Set;
    FieldChange C(N);
    fields(C, Changed);
    if (C.Changed.empty())
      break;
    ++Changes;
    INFO("change " << N << ": " << C.Changed);
    if (C.Keyed)
      CHECK(keyOf(Changed) != Key);
    else
      CHECK(keyOf(Changed) == Key);
  }
  // Every field is changed at least once (the rest: a check's settings).
  CHECK(Changes >= dump(Set).Entries.size());
}

TEST_CASE("rules that retcheck infer wrote are written again byte for byte",
          "[rules]") {
  std::string Path = std::string(RETCHECK_SOURCE_RULES_DIR) +
                     "/../fixtures/infer/expected-rules.json";
  std::ifstream In(Path, std::ios::binary);
  REQUIRE(In);
  std::string Text((std::istreambuf_iterator<char>(In)),
                   std::istreambuf_iterator<char>());
  RuleSet Read;
  std::optional<RulesError> E = parseRules(Text, Path, Read);
  INFO((E ? E->str() : ""));
  REQUIRE_FALSE(E);
  std::string Description = nlohmann::json::parse(Text)["description"];
  CHECK(rulesFileJson(Read, "inferred", Description) == Text);
}
