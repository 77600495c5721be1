//===- Repairs.cpp - Repairs of findings, in the code's own idiom ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Repairs.h"
#include "infer/TestVerdict.h"

#include "support/ErrorLabels.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace retcheck {

bool hasRepairs(CheckKind K) {
  return K == CheckKind::IgnoredResult || K == CheckKind::UncheckedStore ||
         K == CheckKind::UncheckedUse || K == CheckKind::LossyStore;
}

namespace {

bool startsWith(const std::string &S, const std::string &Prefix) {
  return S.compare(0, Prefix.size(), Prefix) == 0;
}

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() &&
         S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

bool contains(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

/// The test that sends every error of the contract one way, around the
/// tested expression: `x < 0`, `!p`, `x != 0`, `x == -1`.
struct CompleteTest {
  std::string Prefix, Suffix;
  std::string describe() const {
    return Prefix.empty() ? Suffix.substr(1) : Prefix;
  }
};

std::optional<CompleteTest> completeTest(const Contract &C, const ValueKind &K,
                                         const std::string &ResultType) {
  const IntType &T = K.Int;
  if (K.K == ValueKind::Pointer || K.K == ValueKind::Bool)
    return C.Errors == ValueSet::point(0)
               ? std::optional<CompleteTest>({"!", ""})
               : std::nullopt;
  if (K.K != ValueKind::Integer || C.Errors.empty())
    return std::nullopt;
  // A signed result kept in a narrower signed local (`int size =` an
  // ssize_t): the values the local can hold keep their sign; what it
  // cannot hold is the narrowing's business (a rule's report_narrowing).
  ValueSet Errors = C.Errors, Success = C.Success;
  if (T.Signed) {
    Errors = Errors.intersect(ValueSet::all(T));
    Success = Success.intersect(ValueSet::all(T));
  }
  if (T.Signed && !Errors.empty() &&
      ValueSet::range(T.min(), -1).containsAll(Errors) &&
      ValueSet::range(0, T.max()).containsAll(Success))
    return CompleteTest{"", " < 0"};
  if (C.Success == ValueSet::point(0))
    return CompleteTest{"", " != 0"};
  if (C.Errors.isPoint()) {
    Int V = C.Errors.min();
    if (!T.Signed && V == T.max())
      return CompleteTest{"", " == (" + ResultType + ")-1"};
    return CompleteTest{"", " == " + toString(V)};
  }
  return std::nullopt;
}

/// Shifts the continuation lines of \p Text by \p Delta columns, so that
/// arguments aligned after a parenthesis stay aligned when what precedes
/// the call changes length.
std::string shiftContinuations(const std::string &Text, long Delta) {
  std::string Out;
  for (std::size_t I = 0; I < Text.size(); ++I) {
    Out += Text[I];
    if (Text[I] != '\n')
      continue;
    std::size_t Spaces = 0;
    while (I + 1 + Spaces < Text.size() && Text[I + 1 + Spaces] == ' ')
      ++Spaces;
    long Want = long(Spaces) + Delta;
    Out.append(std::size_t(Want > 0 ? Want : 0), ' ');
    I += Spaces;
  }
  return Out;
}

/// The identifier a file-name argument is known by: `kernel` of
/// `loaderparams.kernel_filename`, "" of `filename`.
std::string nounOf(const std::string &Arg) {
  std::size_t End = Arg.size();
  while (End > 0 && !(std::isalnum(static_cast<unsigned char>(Arg[End - 1])) ||
                      Arg[End - 1] == '_'))
    --End;
  std::size_t Begin = End;
  while (Begin > 0 &&
         (std::isalnum(static_cast<unsigned char>(Arg[Begin - 1])) ||
          Arg[Begin - 1] == '_'))
    --Begin;
  std::string Name = Arg.substr(Begin, End - Begin);
  for (const char *Suffix : {"filename", "fname", "file", "name", "path"})
    if (endsWith(Name, Suffix)) {
      Name.resize(Name.size() - std::string(Suffix).size());
      break;
    }
  while (!Name.empty() && Name.back() == '_')
    Name.pop_back();
  std::replace(Name.begin(), Name.end(), '_', ' ');
  return Name;
}

} // namespace

/// What a call of \p Callee does, as a message says it: "load", "open".
static std::string verbOf(const std::string &Callee) {
  for (const char *V : {"load", "open", "read", "write", "map", "create"})
    if (Callee.find(V) != std::string::npos)
      return V;
  return Callee.find("image") != std::string::npos ? "load" : "";
}

std::pair<std::string, std::vector<std::string>>
composeMessage(const std::string &Callee, const std::vector<ArgFact> &Args) {
  const ArgFact *Named = nullptr;
  for (const ArgFact &A : Args)
    if (A.IsString && !A.Text.empty() && A.Text[0] != '"') {
      Named = &A;
      break;
    }
  std::string Verb = verbOf(Callee);
  if (!Named || Verb.empty())
    return {Callee + " failed", {}};
  std::string Noun = nounOf(Named->Text);
  return {"could not " + Verb + (Noun.empty() ? "" : " " + Noun) + " '%s'",
          {Named->Text}};
}

std::vector<std::string> layoutCall(const std::string &Name,
                                    const std::vector<std::string> &Args,
                                    std::size_t Indent,
                                    const std::string &Tail) {
  std::string One = Name + "(";
  for (std::size_t I = 0; I < Args.size(); ++I)
    One += (I ? ", " : "") + Args[I];
  One += ")" + Tail;
  if (Indent + One.size() <= 80 || Args.empty())
    return {One};
  std::vector<std::string> Lines{Name + "("};
  std::string Align(Name.size() + 1, ' ');
  for (std::size_t I = 0; I < Args.size(); ++I) {
    std::string Piece = Args[I] + (I + 1 < Args.size() ? "," : ")" + Tail);
    std::string &Line = Lines.back();
    bool First = Line.size() == Name.size() + 1 && Lines.size() == 1;
    bool StartOfLine = First || Line == Align;
    if (StartOfLine || Indent + Line.size() + 1 + Piece.size() <= 80) {
      Line += (StartOfLine ? "" : " ") + Piece;
    } else {
      Lines.push_back(Align + Piece);
    }
  }
  return Lines;
}

std::string signedTypeFor(const std::string &DestType, IntType Dest,
                          const std::string &ResultType, IntType Result) {
  if (Dest.Width < Result.Width)
    return ResultType;
  static const std::map<std::string, std::string> Known = {
      {"size_t", "ssize_t"},
      {"target_ulong", "target_long"},
      {"unsigned", "int"},
      {"unsigned int", "int"},
      {"unsigned long", "long"},
      {"unsigned long int", "long"},
      {"unsigned long long", "long long"},
      {"unsigned long long int", "long long"},
      {"unsigned short", "short"},
      {"unsigned char", "signed char"},
      {"uint", "int"}};
  if (auto It = Known.find(DestType); It != Known.end())
    return It->second;
  if (startsWith(DestType, "uint") && endsWith(DestType, "_t"))
    return DestType.substr(1);
  if (Dest.Width == Result.Width && Result.Signed)
    return ResultType;
  return "int" + std::to_string(Dest.Width) + "_t";
}

namespace {

/// The error handling a repair copies: statements, each as one line
/// without indentation (a reporter may take several).
struct Handling {
  std::vector<std::string> Lines;
  enum Source { Function, File, ErrorParam } From = Function;
};

class RepairBuilder {
public:
  RepairBuilder(CheckKind K, const CallFact &Call, const TUFacts &TU,
                const Contract &C, const std::vector<std::string> &Reporters)
      : K(K), Call(Call), Site(*Call.Repair), TU(TU), C(C),
        Reporters(Reporters) {}

  Repair run();

private:
  CheckKind K;
  const CallFact &Call;
  const RepairSiteFact &Site;
  const TUFacts &TU;
  const Contract &C;
  const std::vector<std::string> &Reporters;
  const RepairFunctionFact *Fn = nullptr;
  std::string Why;

  Repair none(std::string Reason) const { return {std::nullopt, Reason}; }
  TextEdit edit(uint32_t File, uint32_t Offset, uint32_t Length,
                std::string Text) const {
    return {TU.Files[File].Path, Offset, Length, std::move(Text),
            TU.Files[File].Digest};
  }

  bool isReporter(const HandlerStmt &S) const {
    return S.K == HandlerStmt::Call &&
           (S.NoReturn || contains(Reporters, S.Callee) ||
            contains(Reporters, S.Name));
  }
  bool isFailure(const HandlerFact &H) const;
  std::optional<std::vector<std::string>>
  exitOf(const HandlerFact &H, const RepairFunctionFact &Owner,
         const std::string &Value, const ValueKind &ValueType) const;
  const HandlerStmt *standaloneReporter() const;
  std::optional<std::vector<std::string>>
  reporterFor(const HandlerFact &H, const RepairFunctionFact &Owner,
              const std::string &Value, std::size_t Indent) const;
  std::optional<Handling> handling(const std::string &Value,
                                   const ValueKind &ValueType,
                                   std::size_t Indent);
  std::string check(const std::string &Test, const Handling &H) const;
  std::string freshName() const;
  std::string callAt(std::size_t Column, long Shift,
                     const std::string &Tail) const;
  FindingNote note(std::string Message, std::vector<TextEdit> Fixes) const;

  Repair insertAfter();
  Repair wrapCall();
  Repair retype();
  Repair keepInLocal();
};

bool RepairBuilder::isFailure(const HandlerFact &H) const {
  // `if (ret < 0) { return ret; }` passes the error on, as code that tests
  // a local it returns does.
  for (const HandlerStmt &S : H.Statements)
    if ((S.K == HandlerStmt::Return && (S.ErrorValue || S.TestedValue)) ||
        (S.K == HandlerStmt::Goto && isErrorLabel(S.Label)) || isReporter(S))
      return true;
  return false;
}

/// How a handler of \p Owner leaves, rewritten for the repair's site whose
/// value (if kept in a local) is \p Value: the statements before its exit
/// that set the error, and the exit. Nullopt when it cannot be copied.
std::optional<std::vector<std::string>>
RepairBuilder::exitOf(const HandlerFact &H, const RepairFunctionFact &Owner,
                      const std::string &Value,
                      const ValueKind &ValueType) const {
  if (H.Statements.empty())
    return std::nullopt;
  const HandlerStmt &Last = H.Statements.back();
  bool Same = &Owner == Fn;
  std::vector<std::string> Lines;
  if (Last.K == HandlerStmt::Call && Last.NoReturn)
    return std::vector<std::string>{Last.Text + ";"};
  if (Last.K == HandlerStmt::Return) {
    if (Last.Value.empty())
      return Fn->ReturnsVoid
                 ? std::optional<std::vector<std::string>>({"return;"})
                 : std::nullopt;
    if (!Same && Owner.ReturnType != Fn->ReturnType)
      return std::nullopt;
    if (Last.Constant)
      return std::vector<std::string>{Last.Text + ";"};
    // `return ret;`: the error passed on, if the repair's value fits.
    if (Last.TestedValue && Same && !Value.empty() &&
        Fn->Returns.K == ValueKind::Integer &&
        ValueType.K == ValueKind::Integer && ValueType.Int.Signed &&
        ValueType.Int.Width <= Fn->Returns.Int.Width)
      return std::vector<std::string>{"return " + Value + ";"};
    return std::nullopt;
  }
  if (Last.K == HandlerStmt::Goto && Same) {
    // `ret = -EINVAL; goto out;` sets the error it jumps with; a bare
    // `goto out;` after testing `ret` needs the value in `ret`.
    for (const HandlerStmt &S : H.Statements)
      if (S.K == HandlerStmt::Assign && S.Constant)
        Lines.push_back(S.Text + ";");
    if (Lines.empty() && !H.Tested.empty() && H.Tested != Value)
      return std::nullopt;
    Lines.push_back(Last.Text + ";");
    return Lines;
  }
  return std::nullopt;
}

/// The index of the format string among \p S's arguments, or -1.
int formatIndex(const HandlerStmt &S) {
  for (std::size_t I = 0; I < S.Args.size(); ++I)
    if (!S.Args[I].empty() && S.Args[I][0] == '"')
      return int(I);
  return -1;
}

/// A reporter call that any function of the file can make as it is: its
/// message first (`error_report("...")`) or after `stderr`; in the
/// enclosing function if it makes one, else elsewhere in its file.
const HandlerStmt *RepairBuilder::standaloneReporter() const {
  auto Find = [&](const RepairFunctionFact &F) -> const HandlerStmt * {
    for (const HandlerFact &H : F.Handlers)
      for (const HandlerStmt &S : H.Statements) {
        int At = isReporter(S) && !S.NoReturn ? formatIndex(S) : -1;
        if (At == 0 || (At == 1 && S.Args[0] == "stderr"))
          return &S;
      }
    return nullptr;
  };
  if (const HandlerStmt *S = Find(*Fn))
    return S;
  for (const RepairFunctionFact &F : TU.RepairFunctions)
    if (&F != Fn && F.File == Fn->File)
      if (const HandlerStmt *S = Find(F))
        return S;
  return nullptr;
}

/// The reporter call of a repair, built after handler \p H of \p Owner:
/// its function and arguments before the message (`errp`, `stderr`), and
/// a message of its own or one the file already prints for the same
/// arguments.
std::optional<std::vector<std::string>>
RepairBuilder::reporterFor(const HandlerFact &H,
                           const RepairFunctionFact &Owner,
                           const std::string &Value, std::size_t Indent) const {
  const HandlerStmt *Template = nullptr;
  for (const HandlerStmt &S : H.Statements)
    if (isReporter(S) && !S.NoReturn && !Template)
      Template = &S;
  std::string Name;
  std::vector<std::string> Args;
  std::string Format; // the template's format, for its style
  // A template that sets another function's `Error **` cannot be copied
  // into a function without one: it reports the failure instead, as the
  // function (or else its file) reports failures elsewhere, with a message
  // of its own.
  int TemplateAt = Template ? formatIndex(*Template) : -1;
  bool OtherErrorParam =
      TemplateAt > 0 && Fn->ErrorParam.empty() && !Owner.ErrorParam.empty() &&
      std::find(Template->Args.begin(), Template->Args.begin() + TemplateAt,
                Owner.ErrorParam) != Template->Args.begin() + TemplateAt;
  std::string OtherFormat;
  if (OtherErrorParam) {
    OtherFormat = Template->Args[TemplateAt];
    Template = standaloneReporter();
  }
  if (!Fn->ErrorParam.empty()) {
    // A function with `Error **errp` fails by setting it.
    Name = "error_setg";
    Args = {Fn->ErrorParam};
    if (Template && startsWith(Template->Name, "error_setg") &&
        formatIndex(*Template) > 0)
      Format = Template->Args[formatIndex(*Template)];
  } else if (Template) {
    int At = formatIndex(*Template);
    if (At >= 0) {
      Name = Template->Name;
      Args.assign(Template->Args.begin(), Template->Args.begin() + At);
      Format = Template->Args[At];
      // `error_setg_errno(errp, -ret, ...)` with no errno to give.
      if (Name == "error_setg_errno" && Args.size() == 2)
        Name = "error_setg", Args.pop_back();
    } else if (Template->Name == "error_report_err") {
      Name = "error_report";
    } else {
      return std::nullopt;
    }
  } else if (OtherErrorParam) {
    // QEMU's report where error_setg() has no Error ** to set.
    Name = "error_report";
    Format = OtherFormat;
  } else {
    return std::vector<std::string>{}; // `return -1;` alone: no message
  }

  bool Newline = endsWith(Format, "\\n\"");
  std::string Prefix;
  std::vector<std::string> PrefixArgs;
  if (Template && startsWith(Format, "\"%s: ")) {
    int At = formatIndex(*Template);
    if (At >= 0 && std::size_t(At + 1) < Template->Args.size() &&
        (Template->Args[At + 1] == "__func__" ||
         Template->Args[At + 1] == "__FUNCTION__")) {
      Prefix = "%s: ";
      PrefixArgs = {Template->Args[At + 1]};
    }
  }
  // The template's first letter after its prefix: "No BIOS", "could not".
  std::size_t Letter = 1 + (Prefix.empty() ? 0 : 4);
  bool Capital = Format.size() > Letter &&
                 std::isupper(static_cast<unsigned char>(Format[Letter]));

  // A message the function (or file) already prints about these arguments,
  // or about the local the repair tests.
  std::string Message;
  std::vector<std::string> MessageArgs;
  auto Reuse = [&](const RepairFunctionFact &F) {
    for (const HandlerFact &Other : F.Handlers)
      for (const HandlerStmt &S : Other.Statements) {
        int At = isReporter(S) ? formatIndex(S) : -1;
        if (At < 0 || std::size_t(At) + 1 >= S.Args.size())
          continue;
        bool AllOurs = true;
        for (std::size_t I = At + 1; I < S.Args.size(); ++I)
          AllOurs &= (&F == Fn && !Value.empty() && S.Args[I] == Value &&
                      Other.Tested == Value) ||
                     std::any_of(Call.Args.begin(), Call.Args.end(),
                                 [&](const ArgFact &A) {
                                   return A.IsString && A.Text == S.Args[I];
                                 });
        if (!AllOurs)
          continue;
        std::string F = S.Args[At];
        if (F.size() < 2 || F.back() != '"' ||
            F.find("\" ") != std::string::npos)
          continue; // concatenated or a macro: not taken apart
        // It must say what failed: "could not load ..." for a load, not
        // "cannot get size of ..." written for another call.
        std::string Verb = verbOf(Call.Callee.Name);
        if (F.find(Verb.empty() ? Call.Callee.Name : Verb) == std::string::npos)
          continue;
        Message = F.substr(1, F.size() - 2);
        if (endsWith(Message, "\\n"))
          Message.resize(Message.size() - 2);
        MessageArgs.assign(S.Args.begin() + At + 1, S.Args.end());
        return true;
      }
    return false;
  };
  if (!Reuse(*Fn)) {
    bool Found = false;
    for (const RepairFunctionFact &F : TU.RepairFunctions)
      if (&F != Fn && F.File == Fn->File && (Found = Reuse(F)))
        break;
    if (!Found) {
      auto Composed = composeMessage(Call.Callee.Name, Call.Args);
      Message = Prefix + Composed.first;
      MessageArgs = PrefixArgs;
      MessageArgs.insert(MessageArgs.end(), Composed.second.begin(),
                         Composed.second.end());
      // "Could not load ...", never "Msix_init failed".
      if (Capital && !Composed.second.empty())
        Message[Prefix.size()] = char(
            std::toupper(static_cast<unsigned char>(Message[Prefix.size()])));
    }
  }
  Args.push_back("\"" + Message + (Newline ? "\\n" : "") + "\"");
  Args.insert(Args.end(), MessageArgs.begin(), MessageArgs.end());
  return layoutCall(Name, Args, Indent);
}

/// The handling the repair copies: from the enclosing function's failure
/// branches, the most common way out that fits the site; else a way out
/// that another function of the file takes and that fits any function.
std::optional<Handling> RepairBuilder::handling(const std::string &Value,
                                                const ValueKind &ValueType,
                                                std::size_t Indent) {
  struct Candidate {
    const HandlerFact *H;
    const RepairFunctionFact *Owner;
    std::vector<std::string> Exit;
  };
  auto Collect = [&](const RepairFunctionFact &F) {
    std::vector<Candidate> Out;
    for (const HandlerFact &H : F.Handlers)
      if (isFailure(H))
        if (std::optional<std::vector<std::string>> Exit =
                exitOf(H, F, Value, ValueType))
          Out.push_back({&H, &F, std::move(*Exit)});
    return Out;
  };
  std::vector<Candidate> Found = Collect(*Fn);
  bool FromFile = false;
  if (Found.empty()) {
    for (const RepairFunctionFact &F : TU.RepairFunctions)
      if (&F != Fn && F.File == Fn->File)
        for (Candidate &Cand : Collect(F))
          Found.push_back(std::move(Cand));
    FromFile = true;
  }
  if (Found.empty()) {
    // QEMU's realize functions: `Error **errp` says how they fail.
    if (!Fn->ErrorParam.empty() && Fn->ReturnsVoid) {
      static const HandlerFact None;
      Handling H;
      H.Lines = *reporterFor(None, *Fn, Value, Indent);
      H.Lines.push_back("return;");
      H.From = Handling::ErrorParam;
      return H;
    }
    Why = "'" + Fn->Id.Name +
          "' has no error handling to follow (no test that returns an "
          "error, exits or reports one, there or elsewhere in its file)";
    return std::nullopt;
  }
  // The most common way out; between equals, the nearest to the call.
  std::map<std::vector<std::string>, unsigned> Votes;
  for (const Candidate &Cand : Found)
    ++Votes[Cand.Exit];
  auto Distance = [&](const Candidate &Cand) {
    uint32_t A = Cand.H->Where.Offset, B = Call.Call.Offset;
    return Cand.Owner == Fn ? (A > B ? A - B : B - A) : UINT32_MAX;
  };
  const Candidate *Best = nullptr;
  for (const Candidate &Cand : Found)
    if (!Best || Votes[Cand.Exit] > Votes[Best->Exit] ||
        (Votes[Cand.Exit] == Votes[Best->Exit] &&
         Distance(Cand) < Distance(*Best)))
      Best = &Cand;
  std::optional<std::vector<std::string>> Report =
      reporterFor(*Best->H, *Best->Owner, Value, Indent);
  if (!Report) {
    Why = "the message of '" + Fn->Id.Name +
          "''s error handling cannot be rewritten for this call";
    return std::nullopt;
  }
  Handling H;
  H.Lines = std::move(*Report);
  H.Lines.insert(H.Lines.end(), Best->Exit.begin(), Best->Exit.end());
  H.From = FromFile ? Handling::File : Handling::Function;
  return H;
}

std::string RepairBuilder::check(const std::string &Test,
                                 const Handling &H) const {
  std::string Inner = Site.Indent + Fn->IndentUnit;
  std::string Text = "if (" + Test + ") {\n";
  for (const std::string &Line : H.Lines)
    Text += Inner + Line + "\n";
  return Text + Site.Indent + "}";
}

/// A name the function does not use, for a new local. The earlier calls of
/// the function whose repair may also keep a result in a new local (each
/// in its block) take the names before it, so that no repair's local
/// shadows another's.
std::string RepairBuilder::freshName() const {
  unsigned Skip = 0;
  for (const CallFact &Other : TU.Calls)
    Skip += &Other != &Call && Other.Repair->Known &&
            Other.Repair->Function == Site.Function &&
            Other.Fate == ResultFate::Stored && !Other.Repair->LocalDeclared &&
            !Other.Repair->AssignedTo.empty() &&
            Other.Call.Offset < Call.Call.Offset;
  std::vector<std::string> Free;
  for (const char *Name : {"ret", "rc", "err", "res", "result"})
    if (!contains(Fn->Names, Name))
      Free.push_back(Name);
  for (unsigned I = 2; Free.size() <= Skip; ++I)
    if (!contains(Fn->Names, "ret" + std::to_string(I)))
      Free.push_back("ret" + std::to_string(I));
  return Free[Skip];
}

/// The call's text and \p Tail, where the call starts at column \p Column:
/// as written, its continuation lines shifted by \p Shift, or laid out
/// again as QEMU code is (layoutCall) when a line would pass 80 columns.
std::string RepairBuilder::callAt(std::size_t Column, long Shift,
                                  const std::string &Tail) const {
  std::string Text = shiftContinuations(Site.CallText, Shift) + Tail;
  std::size_t Longest = 0, Start = 0, Col = Column;
  for (std::size_t End; Start <= Text.size(); Start = End + 1, Col = 0) {
    End = std::min(Text.find('\n', Start), Text.size());
    Longest = std::max(Longest, Col + End - Start);
  }
  std::size_t Open = Site.CallText.find('(');
  std::string Callee = Site.CallText.substr(0, Open);
  bool Identifier =
      Open != std::string::npos && !Callee.empty() &&
      std::all_of(Callee.begin(), Callee.end(), [](char C) {
        return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
      });
  std::vector<std::string> Args;
  for (const ArgFact &A : Call.Args)
    Args.push_back(A.Text);
  if (Longest <= 80 || !Identifier ||
      std::any_of(Args.begin(), Args.end(),
                  [](const std::string &A) { return A.empty(); }))
    return Text;
  std::vector<std::string> Lines = layoutCall(Callee, Args, Column, Tail);
  std::string Out = Lines.front();
  for (std::size_t I = 1; I < Lines.size(); ++I)
    Out += "\n" + std::string(Column, ' ') + Lines[I];
  return Out;
}

FindingNote RepairBuilder::note(std::string Message,
                                std::vector<TextEdit> Fixes) const {
  FindingNote N;
  N.Message = std::move(Message);
  N.File = TU.Files[Call.Call.File].Path;
  N.Line = Call.Call.Line;
  N.Column = Call.Call.Column;
  N.Offset = Call.Call.Offset;
  N.Fixes = std::move(Fixes);
  return N;
}

std::string describe(const Handling &H, const RepairFunctionFact &Fn) {
  switch (H.From) {
  case Handling::Function:
    return "as '" + Fn.Id.Name + "' does elsewhere";
  case Handling::File:
    return "as elsewhere in this file";
  case Handling::ErrorParam:
    return "through '" + Fn.ErrorParam + "'";
  }
  return "";
}

Repair RepairBuilder::wrapCall() {
  if (!Site.CallIsStatement || Site.CallText.empty())
    return none("the result is discarded inside an expression");
  std::optional<CompleteTest> T =
      completeTest(C, Call.Result, Call.Names->ResultType);
  if (!T)
    return none("no single test separates the errors of '" + Call.Callee.Name +
                "' from its successes");
  std::size_t Indent = Site.Indent.size() + Fn->IndentUnit.size();
  std::optional<Handling> H = handling("", Call.Result, Indent);
  if (!H)
    return none(Why);
  // `if (` and the test's prefix now precede the call; `) {` follows it.
  std::size_t Column = Site.Indent.size() + 4 + T->Prefix.size();
  std::string Test =
      T->Prefix + callAt(Column, long(4 + T->Prefix.size()), T->Suffix + ") {");
  Test.resize(Test.size() - 3);
  TextEdit E = edit(Site.Statement.File, Site.Statement.Offset,
                    Site.Statement.Length, check(Test, *H));
  return {note("test the result of '" + Call.Callee.Name + "' (" +
                   T->describe() + ") and handle its failure " +
                   describe(*H, *Fn),
               {E}),
          ""};
}

Repair RepairBuilder::insertAfter() {
  if (Call.Fate != ResultFate::Stored || !Call.Store->Followed)
    return none("the result is not kept in a local to test");
  for (const UseFact &U : Call.Uses)
    if (U.BeforeTest && U.Where.File == Site.Statement.File &&
        U.Where.Offset < Site.InsertAt)
      return none("the result is used in the statement that stores it");
  std::optional<CompleteTest> T =
      completeTest(C, Call.Store->Dest, Call.Store->DestType);
  if (!T)
    return none("no single test separates the errors of '" + Call.Callee.Name +
                "' from its successes");
  std::size_t Indent = Site.Indent.size() + Fn->IndentUnit.size();
  std::optional<Handling> H =
      handling(Call.Store->Name, Call.Store->Dest, Indent);
  if (!H)
    return none(Why);
  std::string Test = T->Prefix + Call.Store->Name + T->Suffix;
  TextEdit E = edit(Site.Statement.File, Site.InsertAt, 0,
                    "\n" + Site.Indent + check(Test, *H));
  return {note("test '" + Call.Store->Name + "' (" + T->describe() +
                   ") and handle the failure of '" + Call.Callee.Name + "' " +
                   describe(*H, *Fn),
               {E}),
          ""};
}

/// The -1 comparison that node \p N of \p T is; nullptr where it is none,
/// or where the test's rewrite box was trimmed (facts kept for inference).
const MinusOneFact *minusOneOf(const TestFact &T, const TestNode &N) {
  if (N.MinusOne < 0 || std::size_t(N.MinusOne) >= T.Rewrite->MinusOnes.size())
    return nullptr;
  return &T.Rewrite->MinusOnes[N.MinusOne];
}

/// Whether the tracked value is known non-negative where node \p I of \p T
/// is evaluated, once a retype has rewritten the -1 tests: it is the right
/// operand of `x < 0 || ...` or of `x >= 0 && ...`.
bool knownNonNegative(const TestFact &T, uint32_t I) {
  for (const TestNode &P : T.Nodes) {
    if ((P.K != TestNode::Or && P.K != TestNode::And) || P.Rhs != I)
      continue;
    const TestNode &L = T.Nodes[P.Lhs];
    bool Or = P.K == TestNode::Or;
    if (L.K != TestNode::Compare)
      return false;
    // `x == -1` becomes `x < 0`, `x != -1` `x >= 0`.
    if (L.MinusOne >= 0) {
      const MinusOneFact *M = minusOneOf(T, L);
      return M && M->Editable && M->IsEq == Or;
    }
    if (!L.Other.isPoint())
      return false;
    Int V = L.Other.min();
    return Or ? (L.Op == CompareOp::LT && V == 0) ||
                    (L.Op == CompareOp::LE && V == -1)
              : (L.Op == CompareOp::GE && V == 0) ||
                    (L.Op == CompareOp::GT && V == -1);
  }
  return false;
}

Repair RepairBuilder::retype() {
  std::string Type = signedTypeFor(Call.Store->DestType, Call.Store->Dest.Int,
                                   Call.Names->ResultType, Call.Result.Int);
  std::vector<TextEdit> Edits;
  uint32_t File = Site.LocalType.File;
  if (Site.LocalAlone) {
    Edits.push_back(
        edit(File, Site.LocalType.Offset, Site.LocalType.Length, Type));
  } else {
    Edits.push_back(edit(File, Site.LocalDeclarator.Offset,
                         Site.LocalDeclarator.Length, ""));
    Edits.push_back(edit(File, Site.LocalInsertAt, 0,
                         "\n" + Site.LocalIndent + Type + " " +
                             Site.LocalDeclaratorText + ";"));
  }
  // A test against -1 in the unsigned type catches only -1: once the local
  // is signed, it tests for every error.
  for (const TestFact &T : Call.Tests)
    for (const MinusOneFact &M : T.Rewrite->MinusOnes)
      if (M.Editable)
        Edits.push_back(edit(M.Range.File, M.Range.Offset, M.Range.Length,
                             M.Prefix + (M.IsEq ? "< 0" : ">= 0")));
  // A comparison with an unsigned operand as wide (`size < sizeof(h)`)
  // would compare the signed local as unsigned (-Wsign-compare): the local
  // is cast back to its old type where it is known non-negative (after
  // `size < 0 ||`), else a constant operand to the new type.
  IntType Signed = Call.Store->Dest.Int.Width < Call.Result.Int.Width
                       ? Call.Result.Int
                       : IntType{Call.Store->Dest.Int.Width, true};
  for (const TestFact &T : Call.Tests)
    for (uint32_t I = 0; I < T.Nodes.size(); ++I) {
      const TestNode &N = T.Nodes[I];
      const NodeOperandsFact &Ops = *N.Operands;
      const MinusOneFact *M = minusOneOf(T, N);
      bool Rewritten = M && M->Editable;
      if (N.K != TestNode::Compare || Rewritten || !Ops.OtherInteger ||
          Ops.OtherType.Signed || Ops.OtherType.Width < Signed.Width ||
          !Ops.TrackedOperand.Length)
        continue;
      if (knownNonNegative(T, I))
        Edits.push_back(edit(Ops.TrackedOperand.File, Ops.TrackedOperand.Offset,
                             0, "(" + Call.Store->DestType + ")"));
      else if (Ops.OtherOperand.Length && N.Other.isPoint() &&
               N.Other.min() >= 0 && N.Other.min() <= Signed.max())
        Edits.push_back(edit(Ops.OtherOperand.File, Ops.OtherOperand.Offset, 0,
                             "(" + Type + ")"));
    }
  std::sort(Edits.begin(), Edits.end());
  Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
  return {note("declare '" + Site.LocalName + "' as '" + Type +
                   "', which holds the negative errors of '" +
                   Call.Callee.Name + "'",
               std::move(Edits)),
          ""};
}

Repair RepairBuilder::keepInLocal() {
  if (Site.AssignedTo.empty() || Site.CallText.empty())
    return none("the result is not assigned by a statement of its own");
  std::optional<CompleteTest> T =
      completeTest(C, Call.Result, Call.Names->ResultType);
  if (!T)
    return none("no single test separates the errors of '" + Call.Callee.Name +
                "' from its successes");
  std::string Name = freshName();
  std::size_t Indent = Site.Indent.size() + Fn->IndentUnit.size();
  std::optional<Handling> H = handling(Name, Call.Result, Indent);
  if (!H)
    return none(Why);
  std::string Declared = Call.Names->ResultType + " " + Name + " = ";
  std::string Text =
      Declared +
      callAt(Site.Indent.size() + Declared.size(),
             long(Declared.size()) - long(Site.AssignedTo.size() + 3), ";") +
      "\n" + Site.Indent + check(T->Prefix + Name + T->Suffix, *H) + "\n" +
      Site.Indent + Site.AssignedTo + " = " + Name + ";";
  TextEdit E = edit(Site.Statement.File, Site.Statement.Offset,
                    Site.Statement.Length, Text);
  return {note("keep the result of '" + Call.Callee.Name + "' in '" + Name +
                   "' of type '" + Call.Names->ResultType + "', test it (" +
                   T->describe() + ") and handle its failure " +
                   describe(*H, *Fn) + ", then assign it",
               {E}),
          ""};
}

Repair RepairBuilder::run() {
  if (!Site.Known)
    return none("the call's statement is not on lines of its own in a "
                "block, outside macro bodies");
  if (Site.Function >= TU.RepairFunctions.size())
    return none("the enclosing function is not known");
  Fn = &TU.RepairFunctions[Site.Function];
  switch (K) {
  case CheckKind::IgnoredResult:
    return wrapCall();
  case CheckKind::UncheckedStore:
  case CheckKind::UncheckedUse:
    return insertAfter();
  case CheckKind::LossyStore:
    if (Site.LocalDeclared)
      return retype();
    return keepInLocal();
  default:
    return none("");
  }
}

bool overlap(const TextEdit &A, const TextEdit &B) {
  return A.File == B.File &&
         (A.Offset == B.Offset ||
          (A.Offset < B.Offset + B.Length && B.Offset < A.Offset + A.Length));
}

} // namespace

void settleRepairs(std::vector<Finding> &Findings) {
  auto Where = [](const Finding &F) {
    return "line " + std::to_string(F.Line);
  };
  std::vector<const TextEdit *> Fixes;
  for (const Finding &F : Findings)
    for (const TextEdit &E : F.Fixes)
      Fixes.push_back(&E);
  for (std::size_t I = 0; I < Findings.size(); ++I) {
    Finding &F = Findings[I];
    if (!F.Proposed)
      continue;
    std::vector<TextEdit> &Edits = F.Proposed->Fixes;
    // A fix-it that makes one of the edits makes it for the repair too.
    Edits.erase(std::remove_if(Edits.begin(), Edits.end(),
                               [&](const TextEdit &E) {
                                 return std::any_of(
                                     Fixes.begin(), Fixes.end(),
                                     [&](const TextEdit *X) { return *X == E; });
                               }),
                Edits.end());
    for (std::size_t J = 0; J < I && F.Proposed; ++J) {
      const Finding &Earlier = Findings[J];
      if (Earlier.Proposed && Earlier.Proposed->Fixes == Edits) {
        F.NoRepair = "the repair of the finding at " + Where(Earlier) +
                     " repairs this one too";
        F.Proposed.reset();
      }
    }
    if (!F.Proposed)
      continue;
    if (Edits.empty()) {
      F.NoRepair = "its fix-its make the repair";
      F.Proposed.reset();
      continue;
    }
    // The first of two repairs that overlap is kept.
    for (const TextEdit &E : Edits) {
      bool Clash = std::any_of(Fixes.begin(), Fixes.end(),
                               [&](const TextEdit *X) { return overlap(E, *X); });
      for (std::size_t J = 0; J < I && !Clash; ++J)
        if (Findings[J].Proposed)
          for (const TextEdit &O : Findings[J].Proposed->Fixes)
            Clash |= overlap(E, O);
      if (Clash) {
        F.NoRepair = "its repair overlaps another edit";
        F.Proposed.reset();
        break;
      }
    }
  }
}

Repair proposeRepair(CheckKind K, const CallFact &Call, const TUFacts &TU,
                     const Contract &C,
                     const std::vector<std::string> &Reporters) {
  if (!hasRepairs(K))
    return {};
  return RepairBuilder(K, Call, TU, C, Reporters).run();
}

} // namespace retcheck
