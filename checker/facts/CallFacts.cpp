//===- CallFacts.cpp - The facts of one call, and of a translation unit ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CallFacts.h"
#include "CallPlace.h"
#include "CallSites.h"
#include "FunctionFacts.h"
#include "FunctionPointers.h"
#include "ParamDerefs.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace clang;

namespace retcheck {

std::string FactScope::key() const {
  if (AllCalls)
    return "all";
  std::vector<std::string> Sorted = Functions;
  std::sort(Sorted.begin(), Sorted.end());
  return "functions:" + llvm::join(Sorted, ",");
}

SourceLocation calleeLoc(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return Ref->getLocation();
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    return Member->getMemberLoc();
  return Call->getBeginLoc();
}

namespace {

bool refersTo(const Expr *E, const VarDecl *Var) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == Var;
}

/// The same object, written the same way: `x`, `*p`, `s->f`, `a[2]`.
bool sameLValue(const Expr *A, const Expr *B) {
  A = A->IgnoreParens();
  B = B->IgnoreParens();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  if (const auto *RA = dyn_cast<DeclRefExpr>(A))
    return RA->getDecl() == cast<DeclRefExpr>(B)->getDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = cast<MemberExpr>(B);
    return MA->getMemberDecl() == MB->getMemberDecl() &&
           MA->isArrow() == MB->isArrow() &&
           sameLValue(MA->getBase()->IgnoreParenImpCasts(),
                      MB->getBase()->IgnoreParenImpCasts());
  }
  if (const auto *UA = dyn_cast<UnaryOperator>(A)) {
    const auto *UB = cast<UnaryOperator>(B);
    return UA->getOpcode() == UO_Deref && UB->getOpcode() == UO_Deref &&
           sameLValue(UA->getSubExpr()->IgnoreParenImpCasts(),
                      UB->getSubExpr()->IgnoreParenImpCasts());
  }
  return false;
}

/// `s.f`, `s.a.b` on a local struct `s`: memory that dies with the
/// function, so a value stored there is followed, not handed off.
const VarDecl *localAggregate(const Expr *Target) {
  const Expr *E = Target->IgnoreParens();
  bool SawMember = false;
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow())
      return nullptr;
    SawMember = true;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!SawMember || !VD || !VD->hasLocalStorage() ||
      VD->getType()->isReferenceType() || VD->getType().isVolatileQualified())
    return nullptr;
  return VD;
}

/// A call outside the statements of its function: a C++ constructor's
/// member initializer or a default member initializer. It stores into the
/// member; anything else is not ours to judge.
ResultUse classifyOutsideBody(const CallExpr *Call, ASTContext &Ctx) {
  ResultUse Use;
  Use.K = ResultUse::Other;
  DynTypedNode Node = DynTypedNode::create(*Call);
  QualType Converted = Call->getType();
  const Expr *Top = Call;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (const auto *E = Node.get<Expr>()) {
      if (!isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups, InitListExpr>(E))
        break;
      Converted = E->getType();
      Top = E;
      continue;
    }
    const FieldDecl *Field = nullptr;
    SourceLocation Loc;
    // The parent map skips CXXCtorInitializer: the initializer's
    // expression has the constructor as its parent.
    if (const auto *Ctor = Node.get<CXXConstructorDecl>()) {
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit() == Top && Init->getMember()) {
          Field = Init->getMember();
          Loc = Init->getMemberLocation();
        }
    } else if ((Field = Node.get<FieldDecl>())) {
      Loc = Field->getLocation();
    }
    if (Field) {
      Use.K = ResultUse::StoreOther;
      Use.Destination = Converted;
      Use.DestinationName = Field->getNameAsString();
      Use.StoreLoc = Loc;
    }
    break;
  }
  return Use;
}

/// Whether a test of the pointer \p Local (`if (err)`, `!err`, `err !=
/// NULL`) can follow FC's call: the error object the call may set.
bool testedAfter(const VarDecl *Local, FactContext &FC) {
  std::vector<IntType> Chain = {IntType{64, false}};
  auto Tracked = [&](const Expr *E) -> const std::vector<IntType> * {
    return refersTo(E, Local) ? &Chain : nullptr;
  };
  bool Tested = false;
  FC.Flow.forEachReachable(FC.Call, [&](const Stmt *S) {
    if (Tested || S == FC.Call)
      return FunctionFlow::Visit::StopPath; // found, or a new error object
    const auto *E = dyn_cast<Expr>(S);
    if (!E || !refersTo(E, Local))
      return FunctionFlow::Visit::Continue;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(FC.Flow.parent(E));
        BO && BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == E)
      return FunctionFlow::Visit::StopPath; // `err = NULL;`: another object
    ResultUse U = classifyUse(E, Tracked, FC);
    Tested = U.K == ResultUse::Test && U.TestInfo->CheckLike;
    return Tested ? FunctionFlow::Visit::StopPath
                  : FunctionFlow::Visit::Continue;
  });
  return Tested;
}

/// Whether \p E is the value a return statement hands back whole: `return
/// v;`, `return g_steal_pointer(&v);` (GLib's, a call or a macro around one:
/// `0 ? (*(&v)) : (g_steal_pointer)(&v)`).
bool returnedWhole(const Expr *E, FactContext &FC) {
  const Stmt *Cur = E;
  while (const Stmt *P = FC.Flow.parent(Cur)) {
    if (isa<ReturnStmt>(P))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || Callee->getName() != "g_steal_pointer")
        return false;
    } else if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      // `*v` reads what v points to: only `*(&v)` is v itself.
      bool AddressOf = U->getOpcode() == UO_AddrOf;
      bool DerefOfAddress = U->getOpcode() == UO_Deref &&
                            isa<UnaryOperator>(Cur) &&
                            cast<UnaryOperator>(Cur)->getOpcode() == UO_AddrOf;
      if (!AddressOf && !DerefOfAddress)
        return false;
    } else if (const auto *Choice = dyn_cast<ConditionalOperator>(P)) {
      if (Choice->getCond() == Cur)
        return false;
    } else if (!isa<ParenExpr, CastExpr>(P)) {
      return false;
    }
    Cur = P;
  }
  return false;
}

/// Whether \p E is one of FC's call's own arguments, or the variable in
/// one (`v` in `f(&v)`), not something nested deeper (`f(g(&v))`).
bool ownArgument(const Expr *E, FactContext &FC) {
  const Stmt *S = E;
  const Stmt *Up = FC.Flow.parent(E);
  while (isa_and_nonnull<ParenExpr>(Up)) // `&(v)` from a macro
    Up = FC.Flow.parent(Up);
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(Up);
      Address && Address->getOpcode() == UO_AddrOf)
    S = Address;
  return llvm::any_of(FC.Call->arguments(), [&](const Expr *Arg) {
    return Arg->IgnoreParenCasts() == S;
  });
}

/// What a mention of a local after FC's call does with it.
enum class Mention {
  Assigned,       ///< `v = x;`: a new value, the call's is gone
  PartlyAssigned, ///< `v.field = x;`
  HandedOn,       ///< `&v` or a C++ reference argument: may be set there
  Returned,       ///< `return v;`, `return g_steal_pointer(&v);`
  Read,
};

/// What the mention \p E of a local does, seen from the outermost lvalue
/// it is part of (`(v)`, `v.field`).
Mention mentionOf(const Expr *E, FactContext &FC) {
  if (returnedWhole(E, FC))
    return Mention::Returned;
  const Stmt *Cur = E;
  bool Member = false;
  const Stmt *Up = FC.Flow.parent(Cur);
  for (; Up; Up = FC.Flow.parent(Cur)) {
    if (const auto *Field = dyn_cast<MemberExpr>(Up);
        !isa<ParenExpr>(Up) && !(Field && !Field->isArrow()))
      break;
    Member |= isa<MemberExpr>(Up);
    Cur = Up;
  }
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
      BO && BO->getLHS() == Cur && BO->isAssignmentOp()) {
    if (BO->isCompoundAssignmentOp())
      return Mention::Read;
    return Member ? Mention::PartlyAssigned : Mention::Assigned;
  }
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Up);
      U && U->getOpcode() == UO_AddrOf)
    return Mention::HandedOn;
  if (isa_and_nonnull<CallExpr>(Up)) // bound to a reference parameter
    return Mention::HandedOn;
  return Mention::Read;
}

/// Calls \p OnMention on the first mention of \p Local on each path after
/// FC's call, until it says to stop there. The call's own argument is no
/// mention; the call again (a loop's next round) and a fresh declaration
/// of the local end a path.
void forEachMentionAfter(
    const VarDecl *Local, FactContext &FC,
    llvm::function_ref<FunctionFlow::Visit(Mention)> OnMention) {
  FC.Flow.forEachReachable(FC.Call, [&](const Stmt *S) {
    if (S == FC.Call)
      return FunctionFlow::Visit::StopPath;
    if (const auto *DS = dyn_cast<DeclStmt>(S);
        DS && llvm::is_contained(DS->decls(), Local))
      return FunctionFlow::Visit::StopPath;
    const auto *E = dyn_cast<Expr>(S);
    if (!E || !refersTo(E, Local) || ownArgument(E, FC))
      return FunctionFlow::Visit::Continue;
    return OnMention(mentionOf(E, FC));
  });
}

/// Whether the pointer \p Local is returned after FC's call, and read
/// there first: what the call left in it goes to the caller's callers
/// untouched. Not where some path reads it otherwise first (`use(props);
/// return props;`).
bool returnedAfter(const VarDecl *Local, FactContext &FC) {
  bool Returned = false, ReadOtherwise = false;
  forEachMentionAfter(Local, FC, [&](Mention M) {
    if (M == Mention::Returned)
      Returned = true;
    else if (M != Mention::Assigned)
      ReadOtherwise = true;
    return FunctionFlow::Visit::StopPath;
  });
  return Returned && !ReadOtherwise;
}

/// Whether some path after FC's call reads the local \p Local (a field of
/// it too) before anything assigns it whole or is handed it (which may set
/// it).
bool readAfter(const VarDecl *Local, FactContext &FC) {
  bool Read = false;
  forEachMentionAfter(Local, FC, [&](Mention M) {
    if (M == Mention::PartlyAssigned)
      return FunctionFlow::Visit::Continue;
    Read |= M == Mention::Read || M == Mention::Returned;
    return FunctionFlow::Visit::StopPath;
  });
  return Read;
}

/// What a local holds when FC's call starts.
enum class Held {
  Unset, ///< declared without an initializer, nothing stored since
  Null,  ///< a NULL initializer or assignment
  Other,
};

/// What \p Local holds when FC's call starts, the same along every path:
/// the first definition met going back decides each path (the declaration,
/// an assignment, whole or of a field, an earlier call handed `&v`, or this
/// call itself in a loop's earlier round; `virJSONValueObjectAdd(&props,
/// ...)` a second time appends to what the first made). Reads define
/// nothing. A goto past the declaration is not told apart.
Held heldBefore(const VarDecl *Local, FactContext &FC) {
  std::optional<Held> Joined;
  auto Join = [&](Held H) {
    Joined = !Joined || *Joined == H ? H : Held::Other;
    return FunctionFlow::Visit::StopPath;
  };
  auto IsNull = [&](const Expr *E) {
    return E &&
           E->isNullPointerConstant(FC.Ctx, Expr::NPC_ValueDependentIsNotNull);
  };
  bool InCfg = FC.Flow.forEachReaching(FC.Call, [&](const Stmt *S) {
    if (Joined == Held::Other)
      return FunctionFlow::Visit::StopPath;
    if (S == FC.Call)
      return Join(Held::Other);
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp()) {
      const Expr *Target = BO->getLHS()->IgnoreParens();
      bool Whole = refersTo(Target, Local);
      for (const auto *Field = dyn_cast<MemberExpr>(Target);
           Field && !Field->isArrow(); Field = dyn_cast<MemberExpr>(Target))
        Target = Field->getBase()->IgnoreParens();
      if (Whole)
        return Join(BO->getOpcode() == BO_Assign && IsNull(BO->getRHS())
                        ? Held::Null
                        : Held::Other);
      if (refersTo(Target, Local))
        return Join(Held::Other);
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S);
        U && U->getOpcode() == UO_AddrOf &&
        refersTo(U->getSubExpr()->IgnoreParens(), Local) && !ownArgument(U, FC))
      return Join(Held::Other);
    if (const auto *DS = dyn_cast<DeclStmt>(S);
        DS && llvm::is_contained(DS->decls(), Local)) {
      const Expr *Init = Local->getInit();
      return Join(!Init          ? Held::Unset
                  : IsNull(Init) ? Held::Null
                                 : Held::Other);
    }
    return FunctionFlow::Visit::Continue;
  });
  return InCfg && Joined ? *Joined : Held::Other;
}

/// `&v` of a local that nothing set before FC's call and some path reads
/// after it (ArgFact::AddressUnsetThenRead).
bool unsetThenRead(const VarDecl *Local, FactContext &FC) {
  return Local->isLocalVarDecl() && Local->hasLocalStorage() &&
         !Local->hasInit() && !Local->getType()->isArrayType() &&
         readAfter(Local, FC) && heldBefore(Local, FC) == Held::Unset;
}

std::string destinationName(const ResultUse &U, const ASTContext &Ctx) {
  if (!U.DestinationName.empty())
    return U.DestinationName;
  if (U.Var)
    return U.Var->getNameAsString();
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(U.StoreSite))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        return VD->getNameAsString();
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U.StoreSite)) {
    std::string Text = sourceText(BO->getLHS()->getSourceRange(), Ctx);
    if (!Text.empty() && Text.size() <= 40)
      return Text;
  }
  return "the destination";
}

/// A place the result is kept: a local, or an lvalue written the same way
/// each time; with the types the value went through to get there.
struct Holder {
  const VarDecl *Var = nullptr;
  const Expr *Target = nullptr;       ///< when not a local variable
  const VarDecl *Aggregate = nullptr; ///< Target's local struct, if any
  const Stmt *StoreSite = nullptr;    ///< the `=` or the DeclStmt
  const Stmt *Start = nullptr;        ///< where following starts (a CFG
                                      ///< element before the store)
  std::vector<IntType> Chain;
};

/// Follows the result through the holders it is stored and copied into,
/// along the CFG, and records the tests, uses and escapes it reaches.
class ValueFollower {
public:
  ValueFollower(const CallExpr *Call, FactContext &FC, CallFact &Fact)
      : Call(Call), FC(FC), Fact(Fact) {}

  /// The chain for expressions carrying the value.
  const std::vector<IntType> *chainOf(const Expr *E) const {
    if (E == Call)
      return &CallChain;
    for (const Holder &H : Holders)
      if (isHolder(H, E) && !(H.Var && Replaced.count(H.Var)))
        return &H.Chain;
    return nullptr;
  }

  void setCallChain(std::vector<IntType> C) { CallChain = std::move(C); }

  /// Statements of the test that a stored value is tested in directly
  /// (`if ((n = read(...)) < 0)`): a path through them is tested.
  void addDirectTest(const Expr *StoreExpr) {
    const Stmt *S = FC.Flow.parent(StoreExpr);
    while (S && isa<ParenExpr>(S))
      S = FC.Flow.parent(S);
    // `if (p = getenv(...))`, `while ((p = next()))`: the assignment is the
    // condition itself. `(a = f()) && ...` goes on only where a is true.
    const auto *And = dyn_cast_or_null<BinaryOperator>(S);
    if (!S || !isa<Expr>(S) || (And && And->getOpcode() == BO_LAnd))
      DirectTest.insert(StoreExpr);
    S = FC.Flow.parent(StoreExpr);
    for (; S && isa<Expr>(S); S = FC.Flow.parent(S))
      DirectTest.insert(S);
  }

  /// Follows holder \p H from its store on: the uses it reaches before any
  /// test (when the store itself is reached before one), then everything.
  /// A copy of \p From's value into another local (\p U, a StoreLocal
  /// reached from \p Start) is followed too.
  void followCopy(const Holder &From, const ResultUse &U, const Stmt *Start,
                  bool StopAtTests) {
    for (const Holder &Other : Holders)
      if (Other.Var == U.Var)
        return;
    Holder Copy;
    Copy.Var = U.Var;
    Copy.StoreSite = U.StoreSite;
    Copy.Start = Start;
    Copy.Chain = From.Chain;
    if (std::optional<IntType> T = intTypeOf(U.Destination, FC.Ctx))
      if (!(Copy.Chain.back() == *T))
        Copy.Chain.push_back(*T);
    follow(std::move(Copy), U.StoreExpr, StopAtTests);
  }

  /// What the store expression itself reaches: `(ret = f()) == -1` tests
  /// the value directly; `a = b = f()` copies it into `a`.
  void recordDirect(const Holder &H, const Expr *StoreExpr, bool BeforeTest) {
    auto Chain = [this](const Expr *E) { return chainOf(E); };
    ResultUse Direct = classifyUse(StoreExpr, Chain, FC);
    // `if (!(drv->config = cfg = f()))`: the value leaves through the field,
    // and the outer assignment's own value goes on to the test.
    while (Direct.K == ResultUse::StoreOther && Direct.StoreExpr &&
           Direct.StoreExpr != StoreExpr) {
      record(Direct, BeforeTest);
      StoreExpr = Direct.StoreExpr;
      Direct = classifyUse(StoreExpr, Chain, FC);
    }
    if (Direct.K == ResultUse::StoreLocal && Direct.Var && Direct.Var != H.Var)
      return followCopy(H, Direct, StoreExpr, BeforeTest);
    record(Direct, BeforeTest);
    if (Direct.K == ResultUse::Test && Direct.TestInfo->CheckLike)
      addDirectTest(StoreExpr);
  }

  /// Follows holder \p H, stored by \p StoreExpr (if any): what the store
  /// expression reaches, then H's own uses. H is a holder before any copy
  /// of it is followed: in `a = b = f()`, a test of `b` tests `a` too.
  void follow(Holder H, const Expr *StoreExpr, bool StoredBeforeTest) {
    if (Holders.size() >= 8)
      return;
    Holders.push_back(H);
    std::size_t Index = Holders.size() - 1;
    if (StoreExpr)
      recordDirect(H, StoreExpr, StoredBeforeTest);
    if (StoredBeforeTest)
      walk(Index, /*StopAtTests=*/true);
    walk(Index, /*StopAtTests=*/false);
  }

  /// Where the local \p H is assigned another call's result on some path
  /// from its store before its value is read, where every read of it is a
  /// merge of statuses: the failure is lost on that path (`r2 = f(); if
  /// (fstab) r2 = parse_fstab(); return r < 0 ? r : r2;`, `q = f(); if (r
  /// == 0) r = q; q = g();`). A read ends a path; so does the call again (a
  /// loop) and a fresh declaration. A read of another kind (a test, an
  /// argument: `ret = ioctl(..); if (!len) { report(ret); return; } ret =
  /// ioctl(..)`) says the value was looked at where it mattered. A return
  /// without it is no loss here: `if (r == 0) r = q; return r;` is mostly
  /// "the first error wins" (systemd's install.c drops a failure there
  /// only because its `r` can also be a positive success, which the facts
  /// do not know).
  std::optional<SourceLocation> replacedUnread(const Holder &H) const {
    if (!H.Var || !H.Var->hasLocalStorage())
      return std::nullopt;
    // `(r = f()) || (r = g())`, `if (!(f = fopen(..))) f = fopen(..)`: the
    // assignment's own value is read where it stands.
    if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(H.StoreSite)) {
      const Stmt *P = outsideParens(Assign);
      if (isa_and_nonnull<Expr>(P) || isConditionOf(P, Assign))
        return std::nullopt;
    }
    std::optional<SourceLocation> Where;
    bool MergeRead = false, OtherRead = false;
    FC.Flow.forEachReachable(H.Start, [&](const Stmt *S) {
      if (S == Call)
        return FunctionFlow::Visit::StopPath;
      // A fresh declaration, not the one that stored the value (which the
      // CFG splits from `int r, q = f();` into a statement of its own).
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (D == H.Var && !isa<DeclStmt>(H.StoreSite))
            return FunctionFlow::Visit::StopPath;
      const auto *Ref = dyn_cast<DeclRefExpr>(S);
      if (!Ref || Ref->getDecl() != H.Var)
        return FunctionFlow::Visit::Continue;
      const auto *BO = dyn_cast_or_null<BinaryOperator>(outsideParens(Ref));
      if (!BO || BO->getOpcode() != BO_Assign ||
          BO->getLHS()->IgnoreParens() != Ref) {
        (isMerge(Ref) ? MergeRead : OtherRead) = true;
        return FunctionFlow::Visit::StopPath;
      }
      if (BO == H.StoreSite)
        return FunctionFlow::Visit::Continue;
      // `r = r < 0 ? r : 0` reads it first; `size = 4096;` under a
      // condition replaces the value on purpose. Another call's status
      // replacing it is the slip.
      if (mentions(BO->getRHS(), H.Var) || !callsSomething(BO->getRHS())) {
        OtherRead = true;
        return FunctionFlow::Visit::StopPath;
      }
      if (!Where)
        Where = BO->getOperatorLoc();
      return FunctionFlow::Visit::StopPath;
    });
    if (!MergeRead || OtherRead)
      return std::nullopt;
    return Where;
  }

  /// Whether \p E is the condition of statement \p S (`if ((r = f()))`).
  static bool isConditionOf(const Stmt *S, const Expr *E) {
    const Expr *Cond = nullptr;
    if (const auto *If = dyn_cast_or_null<IfStmt>(S))
      Cond = If->getCond();
    else if (const auto *While = dyn_cast_or_null<WhileStmt>(S))
      Cond = While->getCond();
    else if (const auto *Do = dyn_cast_or_null<DoStmt>(S))
      Cond = Do->getCond();
    else if (const auto *For = dyn_cast_or_null<ForStmt>(S))
      Cond = For->getCond();
    else if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(S))
      Cond = Switch->getCond();
    return Cond && Cond->IgnoreParens() == E;
  }

  /// The parent of \p S past any parentheses.
  const Stmt *outsideParens(const Stmt *S) const {
    const Stmt *P = FC.Flow.parent(S);
    while (P && isa<ParenExpr>(P))
      P = FC.Flow.parent(P);
    return P;
  }

  /// A read that merges statuses: copied whole into another local (`r =
  /// q;`), or returned whole, alone or as an arm of a choice, or as the
  /// test of a choice that picks it (`return r < 0 ? r : r2 < 0 ? r2 :
  /// r3;`, `return r ? r : q;`, `return r ?: q;`). `return report(r)` or
  /// `return !r` passes on something else.
  bool isMerge(const DeclRefExpr *Ref) const {
    const Stmt *Child = Ref;
    const Stmt *P = FC.Flow.parent(Ref);
    auto Climb = [&] {
      while (P && isa<ParenExpr, ImplicitCastExpr>(P)) {
        Child = P;
        P = FC.Flow.parent(P);
      }
    };
    auto Up = [&] {
      Child = P;
      P = FC.Flow.parent(P);
      Climb();
    };
    Climb();
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_Assign)
      return BO->getRHS()->IgnoreParenImpCasts() == Ref &&
             isa<DeclRefExpr>(BO->getLHS()->IgnoreParens());
    auto Picks = [&](const Expr *Arm) {
      const auto *Same = dyn_cast<DeclRefExpr>(Arm->IgnoreParenImpCasts());
      return Same && Same->getDecl() == Ref->getDecl();
    };
    // `r2 < 0 ? r2 : ...`: a comparison that picks the value itself, as
    // the test of a choice (not `return x ? r < 0 : 0;`, a truth value).
    if (const auto *Compare = dyn_cast_or_null<BinaryOperator>(P);
        Compare && Compare->isComparisonOp()) {
      Up();
      const auto *Choice = dyn_cast_or_null<ConditionalOperator>(P);
      if (!Choice || Choice->getCond() != Child)
        return false;
    }
    while (true) {
      if (const auto *Choice = dyn_cast_or_null<ConditionalOperator>(P)) {
        if (Choice->getCond() == Child && !Picks(Choice->getTrueExpr()) &&
            !Picks(Choice->getFalseExpr()))
          return false;
      } else if (!isa_and_nonnull<BinaryConditionalOperator>(P)) {
        break; // `r ?: q` picks its test's value whole
      }
      Up();
    }
    return isa_and_nonnull<ReturnStmt>(P);
  }

  static bool callsSomething(const Stmt *S) {
    if (!S)
      return false;
    if (isa<CallExpr>(S))
      return true;
    for (const Stmt *Child : S->children())
      if (callsSomething(Child))
        return true;
    return false;
  }

  static bool mentions(const Stmt *S, const VarDecl *Var) {
    if (!S)
      return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl() == Var)
      return true;
    for (const Stmt *Child : S->children())
      if (mentions(Child, Var))
        return true;
    return false;
  }

  static bool sameShape(const std::vector<TestNode> &A,
                        const std::vector<TestNode> &B) {
    return std::equal(A.begin(), A.end(), B.begin(), B.end(),
                      [](const TestNode &X, const TestNode &Y) {
                        return X.K == Y.K && X.Lhs == Y.Lhs && X.Rhs == Y.Rhs &&
                               X.Op == Y.Op && X.Other == Y.Other &&
                               X.OtherArg == Y.OtherArg;
                      });
  }

  void record(const ResultUse &U, bool BeforeTest) {
    switch (U.K) {
    case ResultUse::Test:
      // One test reached again (through another holder) is kept once; two
      // tests of one macro expansion share its place but not their shape
      // (systemd's DEFINE_STRING_TABLE_LOOKUP_WITH_BOOLEAN tests `b == 0`,
      // then `b > 0`).
      for (const TestFact &T : Fact.Tests)
        if (T.Where.File == U.TestInfo->Where.File &&
            T.Where.Offset == U.TestInfo->Where.Offset &&
            T.IsSwitch == U.TestInfo->IsSwitch &&
            sameShape(T.Nodes, U.TestInfo->Nodes))
          return;
      Fact.Tests.push_back(*U.TestInfo);
      return;
    case ResultUse::Use:
      for (UseFact &F : Fact.Uses)
        if (F.Where.File == U.UseInfo->Where.File &&
            F.Where.Offset == U.UseInfo->Where.Offset) {
          F.BeforeTest |= BeforeTest;
          return;
        }
      Fact.Uses.push_back(*U.UseInfo);
      Fact.Uses.back().BeforeTest = BeforeTest;
      return;
    case ResultUse::Escape:
    case ResultUse::StoreOther:
      Fact.Escapes = true;
      return;
    case ResultUse::DiscardedByVoid:
      // `ret = bdrv_co_flush(bs); (void) ret;`: the stored status is
      // dropped as deliberately as `(void) f()` drops a result. Without
      // paths, a `(void) ret` after another store would count too.
      if (Fact.Fate == ResultFate::Stored && !WithoutPaths)
        Fact.Store.edit().DiscardedByVoid = true;
      return;
    default:
      return;
    }
  }

private:
  const CallExpr *Call;
  FactContext &FC;
  CallFact &Fact;
  std::vector<IntType> CallChain;
  std::vector<Holder> Holders;
  llvm::SmallPtrSet<const Stmt *, 8> DirectTest;
  /// The walk at hand takes every use as reached (no CFG).
  bool WithoutPaths = false;
  /// Holders that the walk at hand has seen assigned another value: `q` in
  /// `q = f(); if (q < 0 && r >= 0) r = q; q = g(); if (q < 0 && r >= 0)`,
  /// followed as `r`, tests g's value, not ours.
  llvm::SmallPtrSet<const VarDecl *, 4> Replaced;

  static bool isHolder(const Holder &H, const Expr *E) {
    return H.Var ? refersTo(E, H.Var)
                 : !isa<ParenExpr>(E) && sameLValue(E, H.Target);
  }

  void walk(std::size_t Index, bool StopAtTests);
};

void ValueFollower::walk(std::size_t Index, bool StopAtTests) {
  auto Tracked = [this](const Expr *E) { return chainOf(E); };
  const Holder H = Holders[Index];
  auto Visit = [&](const Expr *Ref) {
    const Stmt *P = FC.Flow.parent(Ref);
    while (P && isa<ParenExpr>(P))
      P = FC.Flow.parent(P);
    auto Arith = [&](SourceLocation Loc) {
      ResultUse U;
      U.K = ResultUse::Use;
      UseFact F;
      F.K = UseFact::Arith;
      F.Where = FC.Files.pos(Loc);
      U.UseInfo = F;
      record(U, StopAtTests);
      return FunctionFlow::Visit::StopPath;
    };
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
        BO && BO->getLHS()->IgnoreParens() == Ref) {
      if (BO->getOpcode() == BO_Assign)
        return BO == H.StoreSite ? FunctionFlow::Visit::Continue
                                 : FunctionFlow::Visit::StopPath;
      // `ret |= g()` on a signed int keeps a failure negative or nonzero;
      // on a bool or a flag word (`ok |= g()`) a failure 0 is lost.
      if (BO->isCompoundAssignmentOp())
        return BO->getOpcode() != BO_OrAssign ? Arith(BO->getOperatorLoc())
               : BO->getType()->isSignedIntegerType()
                   ? FunctionFlow::Visit::Continue
                   : FunctionFlow::Visit::StopPath;
    }
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(P);
        U && U->isIncrementDecrementOp())
      return Arith(U->getOperatorLoc());
    ResultUse U = classifyUse(Ref, Tracked, FC);
    if (U.K == ResultUse::StoreLocal && U.Var && U.Var != H.Var) {
      followCopy(H, U, Ref, StopAtTests);
      return FunctionFlow::Visit::Continue;
    }
    record(U, StopAtTests);
    if (StopAtTests && U.K == ResultUse::Test && U.TestInfo->CheckLike)
      return FunctionFlow::Visit::StopPath;
    return FunctionFlow::Visit::Continue;
  };
  auto IsUse = [&](const Stmt *S) {
    const auto *E = dyn_cast<Expr>(S);
    return E && isHolder(H, E);
  };
  // A test of another holder of the value (`q = p; if (!p) ...`) tests it.
  auto IsOtherHoldersTest = [&](const Stmt *S) {
    const auto *E = dyn_cast<Expr>(S);
    if (!E || !chainOf(E))
      return false;
    ResultUse U = classifyUse(E, Tracked, FC);
    return U.K == ResultUse::Test && U.TestInfo->CheckLike;
  };

  auto Saved = Replaced;
  auto Restore = llvm::make_scope_exit([&] { Replaced = std::move(Saved); });
  bool InCfg = FC.Flow.forEachReachable(H.Start, [&](const Stmt *S) {
    if (S == Call)
      return FunctionFlow::Visit::StopPath; // a new result replaces ours
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      for (const Holder &Other : Holders)
        if (Other.Var && Other.Var != H.Var && BO != Other.StoreSite &&
            refersTo(BO->getLHS(), Other.Var))
          Replaced.insert(Other.Var);
    if (StopAtTests && DirectTest.count(S))
      return FunctionFlow::Visit::StopPath;
    if (IsUse(S))
      return Visit(cast<Expr>(S));
    if (StopAtTests && IsOtherHoldersTest(S))
      return FunctionFlow::Visit::StopPath;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (H.Var && D == H.Var && !isa<DeclStmt>(H.StoreSite))
          return FunctionFlow::Visit::StopPath; // a fresh, uninitialised one
    if (H.Aggregate)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
          Ref && Ref->getDecl() == H.Aggregate) {
        // The whole struct leaves (`&s`, `f(s)`, `t = s`): so does the value.
        const Stmt *P = FC.Flow.parent(S);
        while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P)))
          P = FC.Flow.parent(P);
        if (!P || !isa<MemberExpr>(P))
          Fact.Escapes = true;
      }
    return FunctionFlow::Visit::Continue;
  });
  if (!InCfg && !StopAtTests) {
    // No CFG: take every use of the holder as reached.
    WithoutPaths = true;
    auto Done = llvm::make_scope_exit([&] { WithoutPaths = false; });
    llvm::SmallVector<const Stmt *, 32> Work{FC.Flow.Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (IsUse(S))
        Visit(cast<Expr>(S));
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }
}

} // namespace

std::optional<CallFact> extractCallFact(const CallExpr *Call,
                                        const Decl *Function, ASTContext &Ctx,
                                        FunctionFlowCache &Flows,
                                        FileTable &Files) {
  if (!Function || !Function->getBody())
    return std::nullopt;
  CallFact Fact;
  QualType ResultType = Call->getCallReturnType(Ctx);
  Fact.Result = valueKindOf(ResultType, Ctx);
  if (Fact.Result.K == ValueKind::Other)
    return std::nullopt;
  if (const FunctionDecl *Callee = Call->getDirectCallee()) {
    Fact.Callee = functionIdOf(Callee, Files);
  } else if (std::optional<FunctionId> Pointer =
                 pointerIdOf(Call->getCallee(), Ctx, &Files)) {
    Fact.Callee = std::move(*Pointer);
    Fact.Indirect = true;
  } else {
    return std::nullopt; // through a parameter or a local: no name
  }
  CallNamesFact &Names = Fact.Names.edit();
  Names.ResultType = ResultType.getAsString(Ctx.getPrintingPolicy());
  Names.Caller = functionIdOf(Function, Files);
  Names.CallerName =
      Names.Caller.Name.empty() ? "(anonymous)" : Names.Caller.Name;
  Fact.Call = Files.pos(calleeLoc(Call));
  const FunctionFlow &Flow = Flows.get(Function, Ctx);
  FactContext FC{Ctx, Flow, Files, Call, Function};
  // The locals handed over as `&v`, by argument: asked whether a failure
  // leaves one read uninitialised only where the result is not used (the
  // one use of the answer).
  std::vector<std::pair<std::size_t, const VarDecl *>> Outputs;
  auto MarkUnsetOutputs = [&] {
    for (auto [Index, Local] : Outputs)
      Fact.Args[Index].AddressUnsetThenRead = unsetThenRead(Local, FC);
  };
  for (const Expr *Arg : Call->arguments()) {
    ArgFact A;
    const Expr *E = Arg->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              AddrOf->getSubExpr()->IgnoreParenImpCasts())) {
        A.AddressOf = Ref->getDecl()->getNameAsString();
        const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        if (Local && Local->hasLocalStorage() &&
            Local->getType()->isPointerType()) {
          // An error object: a pointer to a struct (QEMU's Error, GError).
          if (Local->getType()->getPointeeType()->isRecordType())
            A.AddressTested = testedAfter(Local, FC);
          // A parameter holds what the caller passed.
          if (!isa<ParmVarDecl>(Local)) {
            A.AddressReturned = returnedAfter(Local, FC);
            // Asked only of a returned output, the one use of the answer.
            A.AddressNullBefore =
                A.AddressReturned && heldBefore(Local, FC) == Held::Null;
          }
        }
        if (Local)
          Outputs.push_back({Fact.Args.size(), Local});
      }
    if (const ParmVarDecl *P = Flow.unchangedParam(E))
      A.Param = int32_t(P->getFunctionScopeIndex());
    Expr::EvalResult R;
    if (!E->isValueDependent() && !E->isTypeDependent() &&
        Arg->EvaluateAsInt(R, Ctx) && R.Val.getInt().getSignificantBits() <= 64)
      A.Constant = R.Val.getInt().isSigned()
                       ? R.Val.getInt().getSExtValue()
                       : int64_t(R.Val.getInt().getZExtValue());
    Fact.Args.push_back(std::move(A));
  }

  Fact.Place.edit() = describePlace(FC);

  ValueFollower Follower(Call, FC, Fact);
  Follower.setCallChain({Fact.Result.Int});
  auto Tracked = [&](const Expr *E) { return Follower.chainOf(E); };

  ResultUse Use = Flow.parent(Call) ? classifyUse(Call, Tracked, FC)
                                    : classifyOutsideBody(Call, Ctx);
  switch (Use.K) {
  case ResultUse::Discarded:
    Fact.Fate = ResultFate::Discarded;
    MarkUnsetOutputs();
    return Fact;
  case ResultUse::DiscardedByVoid:
    Fact.Fate = ResultFate::DiscardedByVoid;
    MarkUnsetOutputs();
    return Fact;
  case ResultUse::Test:
    Fact.Fate = ResultFate::Tested;
    Follower.record(Use, true);
    return Fact;
  case ResultUse::Use:
    Fact.Fate = ResultFate::Used;
    Follower.record(Use, true);
    return Fact;
  case ResultUse::Escape:
    Fact.Fate = ResultFate::Escaped;
    Fact.Escapes = true;
    return Fact;
  case ResultUse::Other:
    Fact.Fate = ResultFate::Other;
    return Fact;
  case ResultUse::StoreLocal:
  case ResultUse::StoreOther:
    break;
  }

  Fact.Fate = ResultFate::Stored;
  MarkUnsetOutputs();
  StoreFact &Store = Fact.Store.edit();
  Store.Where = Files.pos(Use.StoreLoc);
  Store.Name = destinationName(Use, Ctx);
  Store.Dest = valueKindOf(Use.Destination, Ctx);
  if (!Use.Destination.isNull())
    Store.DestType = Use.Destination.getAsString(Ctx.getPrintingPolicy());
  if (Use.K == ResultUse::StoreOther)
    Fact.Escapes = true;

  Holder H;
  H.Var = Use.Var;
  H.StoreSite = Use.StoreSite;
  H.Start = Call;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Use.StoreExpr);
      BO && !H.Var)
    H.Target = BO->getLHS();
  if (H.Target && (H.Aggregate = localAggregate(H.Target)))
    Fact.Escapes = false;
  Store.Followed = H.Var || H.Aggregate;
  H.Chain = {Fact.Result.Int};
  if (Store.Dest.K != ValueKind::Other && !(Store.Dest.Int == Fact.Result.Int))
    H.Chain.push_back(Store.Dest.Int);
  if (!H.Var && !H.Target)
    return Fact; // an initializer list or a constructor: not followed

  if (std::optional<SourceLocation> Again = Follower.replacedUnread(H)) {
    Store.Lost = true;
    Store.LostWhere = Files.pos(*Again);
  }
  Follower.follow(std::move(H), Use.StoreExpr, /*StoredBeforeTest=*/true);
  return Fact;
}

void TUFactsCollector::collect(ASTContext &Ctx, const FactScope &Scope) {
  if (!Files) {
    SM = &Ctx.getSourceManager();
    Context = &Ctx;
    Files = std::make_unique<FileTable>(*SM, Directory);
  }
  if (!Bindings)
    Bindings = std::make_unique<BindingCollector>(Ctx, *Files);
  auto AddCall = [&](const CallExpr *Call, const Decl *Function) {
    // Hooks handed down as arguments (`nvme_do_zone_op(..., nvme_open_zone,
    // req)`) are bindings; once per call, as addCall keeps its fact.
    if (Scope.AllCalls && !Seen.contains(Call))
      Bindings->arguments(Call);
    addCall(Call, Function);
  };
  auto AddDefinition = [&](const FunctionDecl *FD) {
    Definitions.push_back(FD);
  };
  auto AddInitializer = [&](const VarDecl *Var) { Bindings->initializer(Var); };
  auto AddAssignment = [&](const BinaryOperator *Assign) {
    Bindings->assignment(Assign);
  };
  CallSiteVisitors Visit;
  Visit.Call = AddCall;
  // Return facts and bindings matter to inference only.
  if (Scope.AllCalls) {
    Visit.Definition = AddDefinition;
    Visit.Initializer = AddInitializer;
    Visit.Assignment = AddAssignment;
  }
  forEachCallSite(Ctx, Scope.Functions, Scope.AllCalls, Visit);
}

void TUFactsCollector::addCall(const CallExpr *Call, const Decl *Function) {
  // A call in an initializer list is visited in its syntactic and semantic
  // forms: one fact per call.
  if (!Seen.insert(Call).second)
    return;
  bool Instantiated = false;
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Function)) {
    if (FD->isDependentContext() && Call->isTypeDependent())
      return;
    Instantiated =
        FD->isTemplateInstantiation() ||
        FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      Instantiated |= MD->getParent()->getTemplateSpecializationKind() ==
                      TSK_ImplicitInstantiation;
  }
  std::optional<CallFact> Fact =
      extractCallFact(Call, Function, *Context, Flows, *Files);
  if (!Fact)
    return;
  Repairs.addSite(Call, Function, Flows.get(Function, *Context), *Context,
                  *Files, *Fact);
  // A call in a template is one call site: the template's own, when it
  // resolves the callee, else the first instantiation's. Elsewhere, calls
  // of other functions in one macro expansion share its place, not their
  // site (`int b = have_cap(s[0]); ... return mode_lookup(s);`).
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Function);
  bool TemplateCode = Instantiated || (FD && FD->isDependentContext());
  auto Key = std::make_tuple(Fact->Call.File, Fact->Call.Offset,
                             TemplateCode ? std::string()
                                          : Fact->Callee.Name + '\0' +
                                                Fact->Callee.File);
  auto [It, Inserted] = Sites.try_emplace(Key, Calls.size());
  if (Inserted) {
    Calls.push_back(std::move(*Fact));
    FromInstantiation.push_back(Instantiated);
  } else if (FromInstantiation[It->second] && !Instantiated) {
    Calls[It->second] = std::move(*Fact);
    FromInstantiation[It->second] = false;
  }
  CallIndex[Call] = It->second;
}

/// The functions called at the top of a branch of a two-way test (where
/// reporters are learned) whose declaration here has a printf-like format.
std::vector<std::string> TUFactsCollector::formattersCalled() const {
  std::set<std::string> Names;
  for (const CallFact &C : Calls)
    for (const TestFact &T : C.Tests)
      if (!T.IsSwitch)
        for (const BranchFacts *B : {&T.OnTrue, &T.OnFalse})
          Names.insert(B->Calls.begin(), B->Calls.end());
  std::vector<std::string> Formatters;
  if (!Context)
    return Formatters;
  const TranslationUnitDecl *Top = Context->getTranslationUnitDecl();
  for (const std::string &Name : Names) {
    if (Name == "stderr")
      continue;
    for (const NamedDecl *D : Top->lookup(&Context->Idents.get(Name))) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD)
        continue;
      if (hasPrintfFormat(FD)) {
        Formatters.push_back(Name);
        break;
      }
    }
  }
  return Formatters;
}

TUFacts TUFactsCollector::take() {
  TUFacts Out;
  if (!Definitions.empty()) {
    TestIndex Tests;
    for (std::size_t C = 0; C < Calls.size(); ++C)
      for (std::size_t T = 0; T < Calls[C].Tests.size(); ++T) {
        const FactPos &At = Calls[C].Tests[T].Where;
        Tests.try_emplace({At.File, At.Offset}, int32_t(C), int32_t(T));
      }
    for (const FunctionDecl *FD : Definitions) {
      if (std::optional<FunctionFact> F = extractFunctionFact(
              FD, *Context, Flows, *Files, CallIndex, Tests))
        Out.Functions.push_back(std::move(*F));
      if (std::optional<ParamDerefFact> D = paramDerefsOf(FD, *Files))
        Out.ParamDerefs.push_back(std::move(*D));
    }
  }
  Out.Formatters = formattersCalled();
  if (Bindings)
    Out.Bindings = Bindings->take();
  Bindings.reset();
  if (Files) {
    Out.RepairFunctions = Repairs.take(Context, *Files);
    Out.Files = Files->take();
  }
  Out.Calls = std::move(Calls);
  Calls.clear();
  Sites.clear();
  Seen.clear();
  Flows.clear();
  FromInstantiation.clear();
  CallIndex.clear();
  Definitions.clear();
  Context = nullptr;
  Files.reset();
  return Out;
}

} // namespace retcheck
