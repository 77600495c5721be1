//===- Facts.h - What one parse of a translation unit yields --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The analysis parses each translation unit once and keeps only facts:
// small, serialisable records of what the code does with the result of each
// call, in terms that any error contract can be judged against later
// (judge/). They hold no AST and no contract: which values mean failure is
// decided after all translation units are read, by the rules or by
// inference. Facts cross process boundaries (worker processes, the cache)
// through FactsCodec. No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_FACTS_H
#define RETCHECK_FACTS_FACTS_H

#include "Boxed.h"
#include "contracts/ValueRange.h"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace retcheck {

/// A place in a file of the translation unit (TUFacts::Files).
struct FactPos {
  uint32_t File = 0;
  uint32_t Offset = 0; ///< bytes from the start of the file
  uint32_t Line = 0, Column = 0;
};

/// A range of a file that an edit may replace, when it is spelled there
/// (not inside a macro body).
struct FactRange {
  uint32_t File = 0, Offset = 0, Length = 0;
  bool blank() const { return !File && !Offset && !Length; }
};

/// A function, identified across translation units by linkage: an exported
/// function is one function wherever it is declared; a function with
/// internal linkage (`static`) is one per file.
struct FunctionId {
  std::string Name; ///< qualified name
  std::string File; ///< absolute path of its file for internal linkage
  bool operator<(const FunctionId &O) const {
    return std::tie(Name, File) < std::tie(O.Name, O.File);
  }
  bool operator==(const FunctionId &O) const {
    return Name == O.Name && File == O.File;
  }
};

/// What a value of some type can hold, for value sets.
struct ValueKind {
  enum Kind : uint8_t { Integer, Pointer, Bool, Other } K = Other;
  IntType Int; ///< width and sign (pointers: unsigned of their width)
};

/// An argument of the call, as far as contracts can refer to it.
struct ArgFact {
  std::string AddressOf;           ///< `&name`: the name (error-out values)
  std::optional<int64_t> Constant; ///< an integer constant expression
  // For repairs (RepairFacts.cpp): messages that name what failed.
  std::string Text;      ///< as written, when spelled in the file
  bool IsString = false; ///< a `char *`: a file name, a path, ...
  /// `&v` of a local: a test of v (`if (v)`, `!v`, `v != NULL`) can follow
  /// the call (QEMU's `f(..., &local_err); if (local_err)`).
  bool AddressTested = false;
  /// `&v` of a local pointer that the caller returns after the call
  /// (`return v;`, `return g_steal_pointer(&v);`): its callers see what the
  /// call left there.
  bool AddressReturned = false;
  /// `&v` of a local pointer returned after the call (AddressReturned)
  /// that holds NULL when the call starts (every definition that reaches
  /// the call is a NULL initializer or assignment, and no earlier call, nor
  /// this one in a loop's earlier round, was handed `&v`; a goto past the
  /// declaration is not told apart): a call that fails before setting it
  /// leaves NULL.
  bool AddressNullBefore = false;
  /// `&v` of a local, not an array, that holds nothing when the call
  /// starts (declared without an initializer; no path to the call assigns
  /// it, whole or a field, or hands its address to another call, nor to
  /// this one in a loop's earlier round) and that some path reads after the
  /// call (a field too) before assigning it whole or handing it on (`usec_t
  /// t; get_time(&t); print(t);`): a failure that leaves the output unset
  /// is read uninitialised. Asked only where the result is dropped or
  /// stored.
  bool AddressUnsetThenRead = false;
  /// The enclosing function's parameter N, passed on unchanged (and never
  /// assigned in it): a wrapper passes its callee's conditions on.
  int32_t Param = -1;
};

/// A comparison against -1 in some spelling (`x == -1`, `-1 != x`,
/// `x == (target_ulong)-1`), and how to rewrite it.
struct MinusOneFact {
  FactPos Operator;
  bool IsEq = true;
  bool TrackedSigned = false, TrackedInteger = false;
  bool Editable = false;
  FactRange Range;    ///< replaced by Prefix + the complete comparison
  std::string Prefix; ///< " " or the tracked operand's text and a space
  /// Joined by `&&` to a comparison of errno (`rc == -1 && errno ==
  /// EAGAIN`): it asks which failure the call met, not whether.
  bool BesideErrno = false;
};

/// Where a Compare node's operands are spelled, for a repair that retypes
/// the tracked local (which may then meet an unsigned operand): the local
/// where it is an operand as it stands (`size`, not `(long)size`), and the
/// other operand where a cast written before it casts all of it (a literal,
/// `sizeof`, parentheses), each spelled in the file (Length 0 otherwise);
/// the other operand's own type, before conversions.
struct NodeOperandsFact {
  FactRange TrackedOperand, OtherOperand;
  bool OtherInteger = false;
  IntType OtherType; ///< IntType() unless OtherInteger
  bool empty() const {
    return TrackedOperand.blank() && OtherOperand.blank() && !OtherInteger;
  }
};

/// One node of a test of the tracked value. Nodes form a tree through
/// indices into TestFact::Nodes; children come before their parent, so the
/// root is the last node.
struct TestNode {
  enum Kind : uint8_t { Compare, Truth, Not, And, Or, Unknown } K = Unknown;
  uint32_t Lhs = 0, Rhs = 0;    ///< children (Not: Lhs only)
  CompareOp Op = CompareOp::EQ; ///< Compare: `tracked Op other`
  int32_t OtherArg = -1; ///< Compare: the other operand is the call's arg N
  /// Compare: index into TestFact::Rewrite->MinusOnes.
  int32_t MinusOne = -1;
  /// Compare/Truth: the conversions from the call's result type to the type
  /// the test is done in (first: the result type).
  std::vector<IntType> Chain;
  ValueSet Other; ///< Compare: what the other operand can be
  /// Compare: only repairs read it (judge/Repairs.cpp); boxed, as inference
  /// keeps every test's nodes, and dropped from the facts inference keeps.
  /// Set wherever the other operand is an integer, spelled or not.
  Boxed<NodeOperandsFact> Operands;
};

/// What a branch of a test visibly does: the judge decides from this (and
/// its list of error reporters) whether the code treats it as failure.
struct BranchFacts {
  bool Known = false;          ///< the branch is a statement of its own
  bool Empty = false;          ///< ... with nothing in it: `{}` or `;`
  bool ReturnsError = false;   ///< returns a negative constant, -E..., NULL
                               ///< (pointer function), false (bool function)
  bool ReturnsTracked = false; ///< passes the tested value on
  bool NoReturn = false;       ///< calls exit, abort or a noreturn function
  bool GotoErrorLabel = false; ///< `goto err`, `goto fail`, ...
  /// It always leaves: returns, jumps or ends in a call that does not
  /// return. A failure sent into a branch that does not can reach the
  /// code after the test (`if (rc < 0) { assert(...); } return rc;`).
  bool Leaves = false;
  bool Replaces = false; ///< it assigns the tested variable (`rc = 0;`)
  /// How it leaves, when its last statement is a jump that stays in the
  /// function: `goto out;` (the label) or `break;`. A failure taken there
  /// may still be returned: `if (ret < 0) goto out; ... out: return ret;`.
  std::string GotoLabel;
  bool Breaks = false;
  /// Functions called at the branch's top level ("stderr" for a print to
  /// stderr), for error reporters.
  std::vector<std::string> Calls;
  /// The tested value can be used on this branch before it is tested
  /// again or replaced (true when not known): a failure sent here is
  /// mishandled only then.
  bool ValueUsed = true;
  /// Every path from here that uses the value first returns it unchanged
  /// (unlike ReturnsTracked, which sees only this branch's statements and
  /// any return of it), as the function's own result of the same kind: a
  /// signed call result, kept in a signed integer that the return type is
  /// no narrower than, or a pointer throughout. `if (v > 100) return
  /// -ERANGE; return v;` passes a failure on to the caller instead of
  /// taking it for a success.
  bool ReturnedAsIs = false;
};

/// How a test can be rewritten by a repair: its comparisons against -1,
/// and, for a test of the tracked value alone (`x < 0`, `!x`, `x == 0`,
/// `x`) that a fix can rewrite whole (Rewritable), its Range, which becomes
/// `Tracked < 0` or the like.
struct TestRewriteFact {
  std::vector<MinusOneFact> MinusOnes;
  bool Rewritable = false;
  FactRange Range;
  std::string Tracked;
  bool TrackedSigned = false;
  bool empty() const {
    return MinusOnes.empty() && !Rewritable && Range.blank() &&
           Tracked.empty() && !TrackedSigned;
  }
};

struct CaseFact {
  ValueSet Labels; ///< in the type of the switch condition
  bool MinusOneLabel = false;
  BranchFacts Branch;
};

/// A test that the tracked value reaches: a condition, a comparison whose
/// value is used, or a switch.
struct TestFact {
  FactPos Where; ///< the condition's first token
  std::vector<TestNode> Nodes;
  /// What the judge's -1 check (its minus-one comparisons) and the repairs
  /// read; boxed, as inference keeps every call's tests, and dropped from
  /// the facts inference keeps (never judged). Empty when the test has
  /// nothing to rewrite.
  Boxed<TestRewriteFact> Rewrite;
  BranchFacts OnTrue, OnFalse;

  std::vector<IntType> SwitchChain; ///< result type -> condition type
  std::vector<CaseFact> Cases;
  BranchFacts Default; ///< `default:`, or what follows a switch without one
  bool IsSwitch = false;
  bool HasDefault = false;

  /// The test compares the value with a constant (or the bound argument) or
  /// tests its truth: it can be a check. `q < end` is not one.
  bool CheckLike = false;
};

/// A use of the tracked value other than a test.
struct UseFact {
  enum Kind : uint8_t {
    Deref,    ///< `*p`, `p->f`, `p[i]`
    Index,    ///< `a[n]`
    Arith,    ///< arithmetic, `n + 4`, `p + 1`
    Argument, ///< passed to a function (a use or an escape: judged later)
  } K = Deref;
  FactPos Where;
  bool BeforeTest = false; ///< reached on some path before any test
  // Argument:
  FunctionId Callee;
  uint32_t ArgIndex = 0;
  bool NonNullParam = false; ///< the parameter is declared nonnull
  bool SizeParam = false;    ///< the parameter is a size_t
  bool Variadic = false;     ///< passed through `...`
  /// Passed in an argument list that a NULL ends, before that NULL
  /// (`__attribute__((sentinel))`: g_strconcat, systemd's strextend), where
  /// the callee takes a NULL for the end.
  bool BeforeSentinel = false;
};

/// Where the result goes first.
enum class ResultFate : uint8_t {
  Discarded,       ///< expression statement, comma LHS, for-increment
  DiscardedByVoid, ///< `(void)f()`
  Tested,          ///< directly in a test
  Used,            ///< directly used (dereferenced, passed on, ...)
  Escaped,         ///< returned, stored beyond the function, address taken
  Stored,          ///< stored: Store says where
  Other,           ///< something unmodelled
};

struct StoreFact {
  FactPos Where;         ///< the variable or the left-hand side
  std::string Name;      ///< the destination as written
  ValueKind Dest;        ///< the destination's type
  std::string DestType;  ///< ... as written, for messages
  bool Followed = false; ///< a local whose uses are followed
  bool Editable = false; ///< (for repairs) the declaration is in the file
  /// Every read reached merges the status (a copy into another local, a
  /// return of it or of a choice that picks it) and the store's own value
  /// is no condition, but on some path before such a read another call's
  /// result replaces the local (`r2 = f(); if (fstab) r2 = g(); return r <
  /// 0 ? r : r2;`): a failure is lost there. LostWhere: that assignment.
  bool Lost = false;
  FactPos LostWhere;
  /// A holder of the value (the local, a copy) is read as `(void) name;`
  /// on some path: the status is dropped on purpose.
  bool DiscardedByVoid = false;
};

/// Where and how a check of a call's result can be written (RepairFacts.cpp):
/// the statement that holds the call, as it is spelled in its file.
struct RepairSiteFact {
  bool Known = false;    ///< spelled in the file, directly in a block
  uint32_t Function = 0; ///< index into TUFacts::RepairFunctions
  FactRange Statement;   ///< the whole statement, its `;` included
  std::string Indent;    ///< the leading whitespace of its first line
  /// Where a check after the statement goes: the end of the statement's
  /// last line (or of the declarations that follow a declaration).
  uint32_t InsertAt = 0;
  /// `f(...);` alone (a discarded call): its text, to be wrapped in a test.
  bool CallIsStatement = false;
  std::string CallText;
  /// `lhs = f(...);` alone: the left-hand side as written.
  std::string AssignedTo;
  /// The local the result is stored in, declared in this function (not a
  /// parameter) with a plain type: it can be retyped.
  bool LocalDeclared = false;
  std::string LocalName;
  FactRange LocalType;             ///< the type as written (`unsigned long`)
  bool LocalAlone = false;         ///< the only variable of its declaration
  FactRange LocalDeclarator;       ///< `, name` or `name = init, `: removed
  std::string LocalDeclaratorText; ///< `name` or `name = init`
  uint32_t LocalInsertAt = 0;      ///< end of the declaration's last line
  std::string LocalIndent;         ///< the declaration's indentation
};

/// One top-level statement of a branch, as written.
struct HandlerStmt {
  enum Kind : uint8_t { Call, Return, Goto, Assign, Other } K = Other;
  std::string Text; ///< the statement without its `;`, on one line
  // Call:
  std::string Name;   ///< as written (`error_setg`, a macro)
  std::string Callee; ///< the function called (`error_setg_internal`)
  std::vector<std::string> Args; ///< as written
  bool NoReturn = false;
  // Return, Assign:
  std::string Value;        ///< the value as written; Assign: the target too
  std::string Target;       ///< Assign: the local assigned
  bool Constant = false;    ///< a constant, `-EINVAL`, `NULL`, `false`
  bool ErrorValue = false;  ///< an error value of the function's return type
  bool TestedValue = false; ///< the local that the branch's test tests
  // Goto:
  std::string Label;
};

/// A branch taken when a test fails, as written: what a function does on
/// failure. The judge tells handlers from other branches by its reporters.
struct HandlerFact {
  FactPos Where;      ///< the test
  std::string Tested; ///< the local the test tests (`ret` of `ret < 0`)
  std::vector<HandlerStmt> Statements;
};

/// A function of a file that holds calls: how it fails, for repairs.
struct RepairFunctionFact {
  FunctionId Id;
  uint32_t File = 0;      ///< where its body is
  std::string ReturnType; ///< as written
  ValueKind Returns;
  bool ReturnsVoid = false;
  std::string ErrorParam; ///< the name of an `Error **` parameter
  std::string IndentUnit; ///< one level of indentation as written there
  std::vector<HandlerFact> Handlers;
  /// Every name declared or referred to in it, for a fresh local's name.
  std::vector<std::string> Names;
};

/// A branch that holds a call: what its statements visibly do, and whether
/// its test reads as a failure test for it (`if (ret < 0)`, `if (!p)`).
struct EnclosingBranchFact {
  BranchFacts Branch;
  bool FailureTest = false;
};

/// Where a call stands in its function, for the rank of its finding: on a
/// path that already handles a failure, and how the function can report.
struct CallPlaceFact {
  /// The branches that hold the call, innermost first (at most 4).
  std::vector<EnclosingBranchFact> Within;
  bool AfterErrorLabel = false; ///< follows a label named for errors
  bool BeforeNoReturn = false;  ///< its block goes on to exit(), abort()
  /// A comment on the call's line or just above it says the result is
  /// not wanted ("ignore", "best effort", "cannot fail", ...).
  bool CommentSaysIgnored = false;
  bool CallerReturnsVoid = false;
  std::string CallerErrorParam; ///< the caller's `Error **` parameter
  /// The caller ends the program on some failure (`exit(1)`, not
  /// `exit(0)`): QEMU's machine init reports with error_report() and exits.
  bool CallerExits = false;
  /// The call's file says at its top that a tool wrote it ("AUTOMATICALLY
  /// GENERATED by qapi-gen.py DO NOT MODIFY"): a fix goes in the generator.
  bool InGeneratedFile = false;
};

/// What a finding's message, rank and repair name of its call.
struct CallNamesFact {
  FunctionId Caller; ///< the enclosing function
  std::string CallerName;
  std::string ResultType; ///< as written
  bool empty() const {
    return Caller.Name.empty() && Caller.File.empty() && CallerName.empty() &&
           ResultType.empty();
  }
};

/// Everything about one call of a function that returns an integer, a
/// pointer or a bool.
struct CallFact {
  /// The function called, or the function pointer the call goes through
  /// (Indirect): see BindingFact.
  FunctionId Callee;
  bool Indirect = false;
  ResultFate Fate = ResultFate::Other;
  bool Escapes = false; ///< returned, stored beyond the function, &taken
  FactPos Call;         ///< the callee's name token
  ValueKind Result;
  std::vector<ArgFact> Args;
  /// The value reaches (through its stores and copies into locals):
  std::vector<TestFact> Tests;
  std::vector<UseFact> Uses;
  // Names, Store, Repair and Place are boxed: a whole-tree run holds every
  // call until contracts are inferred, and inference reads none of them
  // (most calls store nothing).
  Boxed<CallNamesFact> Names;
  Boxed<StoreFact> Store; ///< for Stored
  Boxed<RepairSiteFact> Repair;
  Boxed<CallPlaceFact> Place;
};

/// The values of parameter Param for which a path can be taken: the path
/// passes a test of it (`if (link_l2) { ret = f(); }` around a definition,
/// `if (!enable) return 0;` before a return). The parameter is never
/// assigned in its function.
struct ParamCondition {
  uint32_t Param = 0;
  IntType Type;    ///< the parameter's (pointers: unsigned of their width)
  ValueSet Values; ///< values of Type
};

/// A `return ret;` has one ReturnFact per definition of ret that reaches
/// it, the first this many of them: where as many share a return, some may
/// have been left out.
constexpr std::size_t MaxDefinitions = 8;

/// A value a function returns at one return statement, and what the path
/// to it shows: the evidence an error contract is inferred from.
struct ReturnFact {
  FactPos Where;
  enum Kind : uint8_t {
    Constant,   ///< an integer constant, Value (false and true: 0 and 1)
    ErrnoCode,  ///< `-EINVAL` (Value), `-errno` (no Value)
    Null,       ///< a null pointer
    CallResult, ///< the result of TUFacts::Calls[Call], unchanged
    Other,      ///< anything else: a computed value, a parameter, ...
    Truth,      ///< a comparison or logical operator's value: 0 or 1
  } K = Other;
  /// ErrnoCode without HasValue: the code's sign (-1 for `-errno` and
  /// `log_error_errno(r, ...)`, else 0).
  int64_t Value = 0;
  bool HasValue = false;
  std::string Spelling; ///< as written: "-EINVAL", "-1", "NULL", "false"
  int32_t Call = -1;    ///< CallResult: index into TUFacts::Calls
  /// The innermost test of a call's result that the return is a branch of:
  /// TUFacts::Calls[GuardCall].Tests[GuardTest], branch GuardBranch (1
  /// true, 0 false; for a switch, the case index, or the default's).
  int32_t GuardCall = -1, GuardTest = -1, GuardBranch = -1;
  /// Functions called before it, at the top level of its enclosing blocks:
  /// an error reporter there puts it on an error path ("stderr" for a
  /// print to stderr, "errno" for an assignment to errno).
  std::vector<std::string> CallsBefore;
  /// It follows, in an enclosing block, a loop that stops early when it
  /// finds something (`return x;` or `break;` in its body): a NULL here is
  /// a lookup's "not found".
  bool AfterSearchLoop = false;
  /// Where an ErrnoCode without a value of its own comes from.
  enum CodeOrigin : uint8_t {
    /// A code of its own (`SYNTHETIC_ERRNO(EOPNOTSUPP)`, a stub's), or not
    /// known.
    CodeNamed,
    /// errno, after the function's own work failed (`execvp(...); return
    /// log_error_errno(errno, ...);`, `return -errno;`).
    CodeFromErrno,
    /// One of the function's integer parameters: a code handed in and
    /// passed back (`return -ERRNO_VALUE(error);`, `return
    /// log_error_errno(r, ...);` in `bus_log_connect_error(int r)`), as a
    /// reporter does.
    CodeHandedIn,
    /// A choice that may be 0, a success (`return errno == ENOENT ? 0 :
    /// -errno;`, `return asprintf(...) < 0 ? -ENOMEM : 0;`).
    CodeOrZero,
  } Origin = CodeNamed;
  /// The labels it follows in its enclosing blocks (`out:` before `return
  /// ret;`): a `goto` to one of them reaches it.
  std::vector<std::string> Labels;
  /// What the path to it (and to the definition of the local it returns)
  /// requires of the function's parameters; one condition per parameter.
  /// An empty set: no value gets there (`if (n > SIZE_MAX)`), no call
  /// takes the path.
  std::vector<ParamCondition> Requires;
  /// Where the parameters alone choose it (or the definition of the local
  /// it returns), a case leading straight to it: the expression whose
  /// value decides, as written (`err` in `switch (err) { case NBD_EPERM:
  /// ret = EPERM; break; ...` and in `if (err == NBD_EPERM) return
  /// EPERM;`); empty elsewhere. ByDefault: a default leads there too
  /// (`default:`, an `else`, the return after such an `if`).
  std::string ChosenBy;
  bool ByDefault = false;
};

/// A function defined in the translation unit that returns an integer, a
/// pointer or a bool.
struct FunctionFact {
  FunctionId Id;
  FactPos Where;
  ValueKind Result;
  std::string ResultType;
  std::vector<ReturnFact> Returns;
  /// The index of its `Error **` parameter (QEMU), or -1, and its name.
  int32_t ErrorParam = -1;
  std::string ErrorParamName;
  /// What the comment above it says it returns on failure
  /// (facts/DocComments.h): the phrase, and those values of Result.
  std::string DocFailure;
  ValueSet DocErrors;
  /// The pointer parameters it writes through before it can fail
  /// (facts/OutputParams.h): a caller reads what it left there even where
  /// the call failed.
  std::vector<uint32_t> OutputsSetFirst;
};

/// A function bound to a function pointer that calls go through: a field
/// of a named struct, `QIOChannelClass::io_set_blocking` (an ops table's
/// initializer, `.bdrv_co_flush = raw_co_flush`, or `k->method = f;` in a
/// class_init), or a variable with static storage, `qemu_hook` (its
/// initializer, `qemu_hook = f;`). The pointer's contract is the join of
/// what is bound to it (infer/).
struct BindingFact {
  /// The pointer, as CallFact::Callee names it (a field of a struct defined
  /// in the main file, and a static variable, have its File).
  FunctionId Pointer;
  /// The function bound, or another pointer whose functions are
  /// (`k->parent_realize = dc->realize;`).
  FunctionId Target;
  bool TargetIsPointer = false;
  FactPos Where;
  ValueKind Result; ///< what the functions it points to return
};

/// A function's pointer parameters that it dereferences before anything
/// else reads them, on the path every call takes (facts/ParamDerefs.h): a
/// NULL passed there crashes in it.
struct ParamDerefFact {
  FunctionId Function;
  FactPos Where;                ///< the function's name
  std::vector<uint32_t> Params; ///< 0-based
  std::vector<FactPos> Derefs;  ///< where each of Params is dereferenced
  /// Those of Params that an assertion stops on NULL (`assert(p)`,
  /// systemd's `if (!p) log_assert_failed(...)`) rather than a dereference
  /// reads: Derefs holds the assertion's place.
  std::vector<uint32_t> Asserted;
};

/// clang-tidy's NOLINT comments of one file: the lines that mention one.
struct NoLintLines {
  std::vector<std::pair<uint32_t, std::string>> Lines; ///< 1-based line
};

struct FileFacts {
  std::string Path;    ///< absolute, normalised
  uint64_t Digest = 0; ///< contentDigest() as read by the analysis
  NoLintLines NoLint;
};

struct TUFacts {
  std::vector<FileFacts> Files;
  std::vector<CallFact> Calls;
  /// With FactScope::AllCalls: every function defined here.
  std::vector<FunctionFact> Functions;
  /// The functions of the files that hold calls (RepairSiteFact::Function).
  std::vector<RepairFunctionFact> RepairFunctions;
  /// With FactScope::AllCalls: functions bound to function pointers.
  std::vector<BindingFact> Bindings;
  /// The functions named in the BranchFacts::Calls of two-way tests that
  /// are declared with a printf-like format: the candidates for a
  /// project's own error reporters (infer/Reporters.h).
  std::vector<std::string> Formatters;
  /// With FactScope::AllCalls: functions that dereference parameters.
  std::vector<ParamDerefFact> ParamDerefs;
};

} // namespace retcheck

#endif
