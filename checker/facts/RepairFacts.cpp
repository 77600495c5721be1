//===- RepairFacts.cpp - What a repair of a call needs to know ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RepairFacts.h"
#include "FactContext.h"
#include "FunctionFacts.h"
#include "FunctionFlow.h"
#include "ResultUse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace retcheck {

namespace {

/// A range of one file's text, as the repair will edit it.
struct Spelled {
  FileID ID;
  unsigned Begin = 0, End = 0;
  llvm::StringRef Buffer; ///< the whole file
  llvm::StringRef text() const { return Buffer.slice(Begin, End); }
};

std::optional<Spelled> spelled(SourceRange R, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<FileSpan> S = fileSpanOf(CharSourceRange::getTokenRange(R),
                                         SM, Ctx.getLangOpts());
  if (!S)
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(S->File, &Invalid);
  if (Invalid)
    return std::nullopt;
  return Spelled{S->File, S->Begin, S->End, Buffer};
}

FactRange factRange(const Spelled &S, FileTable &Files) {
  return FactRange{Files.indexOf(S.ID), S.Begin, S.End - S.Begin};
}

std::size_t lineStart(llvm::StringRef Text, std::size_t Offset) {
  std::size_t NL = Text.rfind('\n', Offset ? Offset - 1 : 0);
  return Offset == 0 || NL == llvm::StringRef::npos ? 0 : NL + 1;
}

/// The leading whitespace of \p Offset's line, if only whitespace precedes
/// \p Offset on it.
std::optional<std::string> indentBefore(llvm::StringRef Text,
                                        std::size_t Offset) {
  std::size_t Start = lineStart(Text, Offset);
  llvm::StringRef Before = Text.slice(Start, Offset);
  if (!Before.trim(" \t").empty())
    return std::nullopt;
  return Before.str();
}

/// The end of \p From's line, if nothing but blanks or a comment follows
/// \p From on it.
std::optional<std::size_t> blankRestOfLine(llvm::StringRef Text,
                                           std::size_t From) {
  std::size_t End = Text.find('\n', From);
  if (End == llvm::StringRef::npos)
    End = Text.size();
  llvm::StringRef Rest = Text.slice(From, End).trim(" \t\r");
  if (Rest.empty() || Rest.starts_with("//"))
    return End;
  if (Rest.starts_with("/*") && Rest.ends_with("*/") &&
      Rest.drop_front(2).find("*/") == Rest.size() - 4)
    return End;
  return std::nullopt;
}

/// The offset just past the `;` that ends an expression statement whose
/// text ends at \p From.
std::optional<std::size_t> semicolonAfter(llvm::StringRef Text,
                                          std::size_t From) {
  while (From < Text.size() && llvm::isSpace(Text[From]))
    ++From;
  if (From < Text.size() && Text[From] == ';')
    return From + 1;
  return std::nullopt;
}

/// A statement's text on one line: line breaks and the indentation after
/// them become one space (string literals never span lines).
std::string oneLine(llvm::StringRef Text) {
  std::string Out;
  for (std::size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\r' || Text[I] == '\n') {
      while (I + 1 < Text.size() && llvm::isSpace(Text[I + 1]))
        ++I;
      if (!Out.empty() && Out.back() != ' ')
        Out += ' ';
      continue;
    }
    Out += Text[I];
  }
  return llvm::StringRef(Out).trim().str();
}

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && U->getOpcode() == UO_Extension)
      E = U->getSubExpr();
    else
      return E;
  }
}

const VarDecl *localOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(strip(E));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

bool isCharPointer(const Expr *Arg) {
  QualType T = Arg->IgnoreParenImpCasts()->getType();
  if (T.isNull())
    return false;
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return AT->getElementType()->isAnyCharacterType();
  return T->isPointerType() && T->getPointeeType()->isAnyCharacterType();
}

/// A statement's parent, when the statement is one of a block's: directly,
/// or after a label (`case 1:`, `out:`).
bool inBlock(const Stmt *S, const FunctionFlow &Flow) {
  const Stmt *P = Flow.parent(S);
  while (P && isa<clang::SwitchCase, LabelStmt>(P))
    P = Flow.parent(P);
  return P && isa<CompoundStmt>(P);
}

/// The tested local of a condition: `ret < 0`, `!p`, `(ret = f()) < 0`.
const VarDecl *testedLocal(const Expr *Cond) {
  const Expr *E = strip(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot)
    E = strip(U->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getBuiltinCallee() && Call->getNumArgs() > 0)
    E = strip(Call->getArg(0)); // __builtin_expect, likely()
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isComparisonOp()) {
      const Expr *L = strip(BO->getLHS());
      if (const auto *A = dyn_cast<BinaryOperator>(L);
          A && A->getOpcode() == BO_Assign)
        L = A->getLHS();
      if (const VarDecl *V = localOf(L))
        return V;
      return localOf(BO->getRHS());
    }
    if (BO->getOpcode() == BO_Assign)
      return localOf(BO->getLHS());
    return nullptr;
  }
  return localOf(E);
}

/// The Error type of QEMU's `Error **errp` parameters.
bool isErrorOut(QualType T) {
  if (!T->isPointerType() || !T->getPointeeType()->isPointerType())
    return false;
  QualType Inner = T->getPointeeType()->getPointeeType();
  const auto *RT = Inner->getAs<RecordType>();
  return RT && RT->getDecl()->getName() == "Error";
}

bool isConstant(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull))
    return true;
  Expr::EvalResult R;
  return E->EvaluateAsInt(R, Ctx);
}

/// Builds the facts of one function: its failure branches and names.
class FunctionReader : public RecursiveASTVisitor<FunctionReader> {
public:
  FunctionReader(const Decl *D, ASTContext &Ctx, FileTable &Files,
                 RepairFunctionFact &F)
      : D(D), Ctx(Ctx), Files(Files), F(F) {}

  void read();

  bool VisitIfStmt(IfStmt *If);
  bool VisitNamedDecl(NamedDecl *ND) {
    if (ND->getIdentifier())
      Names.insert(ND->getName());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl()->getIdentifier())
      Names.insert(Ref->getDecl()->getName());
    return true;
  }

private:
  const Decl *D;
  ASTContext &Ctx;
  FileTable &Files;
  RepairFunctionFact &F;
  QualType Returns;
  llvm::StringSet<> Names;

  void branch(const Stmt *Branch, const Expr *Cond);
  HandlerStmt statement(const Stmt *S, const VarDecl *Tested);
};

void FunctionReader::read() {
  const SourceManager &SM = Ctx.getSourceManager();
  Stmt *Body = D->getBody();
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    Returns = FD->getReturnType();
    F.ReturnType = Returns.getAsString(Ctx.getPrintingPolicy());
    F.Returns = valueKindOf(Returns, Ctx);
    F.ReturnsVoid = Returns->isVoidType();
    for (const ParmVarDecl *P : FD->parameters())
      if (isErrorOut(P->getType()) && P->getIdentifier() &&
          F.ErrorParam.empty())
        F.ErrorParam = P->getName().str();
  }
  F.Id = functionIdOf(D, Files);
  F.File = Files.pos(Body->getBeginLoc()).File;
  // One level of indentation: the body's first statement against its brace.
  F.IndentUnit = "    ";
  if (const auto *CS = dyn_cast<CompoundStmt>(Body); CS && !CS->body_empty()) {
    SourceLocation Brace = SM.getFileLoc(CS->getLBracLoc());
    SourceLocation First = SM.getFileLoc(CS->body_front()->getBeginLoc());
    if (SM.getFileID(Brace) == SM.getFileID(First)) {
      llvm::StringRef Text = SM.getBufferData(SM.getFileID(First));
      std::size_t B = SM.getFileOffset(Brace), S = SM.getFileOffset(First);
      llvm::StringRef BraceLine = Text.slice(lineStart(Text, B), B);
      std::size_t BraceIndent =
          BraceLine.size() - BraceLine.ltrim(" \t").size();
      if (std::optional<std::string> Indent = indentBefore(Text, S);
          Indent && Indent->size() > BraceIndent &&
          llvm::StringRef(*Indent).starts_with(
              BraceLine.take_front(BraceIndent)))
        F.IndentUnit = Indent->substr(BraceIndent);
    }
  }
  TraverseDecl(const_cast<Decl *>(D));
  for (const auto &N : Names)
    F.Names.push_back(N.getKey().str());
  std::sort(F.Names.begin(), F.Names.end());
}

bool FunctionReader::VisitIfStmt(IfStmt *If) {
  if (F.Handlers.size() >= 32)
    return true;
  branch(If->getThen(), If->getCond());
  if (If->getElse() && !isa<IfStmt>(If->getElse()))
    branch(If->getElse(), nullptr);
  return true;
}

void FunctionReader::branch(const Stmt *Branch, const Expr *Cond) {
  if (!Branch || !Cond)
    return;
  llvm::SmallVector<const Stmt *, 8> Top;
  if (const auto *CS = dyn_cast<CompoundStmt>(Branch))
    Top.append(CS->body_begin(), CS->body_end());
  else
    Top.push_back(Branch);
  if (Top.empty() || Top.size() > 8)
    return;
  HandlerFact H;
  H.Where = Files.pos(Cond->getBeginLoc());
  // Only an integer local carries an error code to where a jump goes.
  const VarDecl *Tested = testedLocal(Cond);
  if (Tested &&
      (isa<ParmVarDecl>(Tested) || !Tested->getType()->isIntegerType()))
    Tested = nullptr;
  if (Tested)
    H.Tested = Tested->getName().str();
  bool Exits = false, Calls = false;
  for (const Stmt *S : Top) {
    H.Statements.push_back(statement(S, Tested));
    const HandlerStmt &Last = H.Statements.back();
    if (Last.Text.empty())
      return; // not spelled in the file: nothing to copy
    Calls |= Last.K == HandlerStmt::Call;
    Exits = Last.K == HandlerStmt::Return || Last.K == HandlerStmt::Goto ||
            Last.NoReturn;
  }
  if (Exits || Calls)
    F.Handlers.push_back(std::move(H));
}

/// Splits `name(a, b, "c, d")` into its name and arguments as written.
bool splitCall(llvm::StringRef Text, std::string &Name,
               std::vector<std::string> &Args) {
  std::size_t Open = Text.find('(');
  if (Open == llvm::StringRef::npos || !Text.ends_with(")"))
    return false;
  Name = Text.take_front(Open).trim().str();
  if (Name.empty() ||
      !llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
    return false;
  int Depth = 0;
  std::size_t ArgBegin = Open + 1;
  for (std::size_t I = Open; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '"' || C == '\'') {
      for (++I; I < Text.size() && Text[I] != C; ++I)
        if (Text[I] == '\\')
          ++I;
      continue;
    }
    if (C == '(' || C == '[' || C == '{') {
      ++Depth;
    } else if (C == ')' || C == ']' || C == '}') {
      if (--Depth == 0) {
        llvm::StringRef Last = Text.slice(ArgBegin, I).trim();
        if (!Last.empty() || !Args.empty())
          Args.push_back(Last.str());
        return I + 1 == Text.size();
      }
    } else if (C == ',' && Depth == 1) {
      Args.push_back(Text.slice(ArgBegin, I).trim().str());
      ArgBegin = I + 1;
    }
  }
  return false;
}

HandlerStmt FunctionReader::statement(const Stmt *S, const VarDecl *Tested) {
  HandlerStmt H;
  std::optional<Spelled> Sp = spelled(S->getSourceRange(), Ctx);
  if (!Sp)
    return H;
  llvm::StringRef Text = Sp->text();
  Text.consume_back(";");
  H.Text = oneLine(Text);
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    H.K = HandlerStmt::Return;
    const Expr *V = Ret->getRetValue();
    if (!V)
      return H;
    if (std::optional<Spelled> VS = spelled(V->getSourceRange(), Ctx))
      H.Value = oneLine(VS->text());
    const Expr *Bare = strip(V);
    H.Constant = isConstant(Bare, Ctx);
    H.TestedValue = Tested && localOf(Bare) == Tested;
    if (const auto *U = dyn_cast<UnaryOperator>(Bare);
        U && U->getOpcode() == UO_Minus)
      H.ErrorValue = true;
    Expr::EvalResult R;
    if (!Returns.isNull() && !Bare->isValueDependent() &&
        Bare->EvaluateAsInt(R, Ctx)) {
      int64_t C = R.Val.getInt().getExtValue();
      H.ErrorValue |=
          (Returns->isSignedIntegerType() && C < 0) ||
          ((Returns->isPointerType() || Returns->isBooleanType()) && C == 0);
    }
    if (!Returns.isNull() && Returns->isPointerType() &&
        Bare->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      H.ErrorValue = true;
    return H;
  }
  if (const auto *Goto = dyn_cast<GotoStmt>(S)) {
    H.K = HandlerStmt::Goto;
    H.Label = Goto->getLabel()->getName().str();
    return H;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return H;
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign) {
    const VarDecl *Target = localOf(BO->getLHS());
    std::optional<Spelled> VS = spelled(BO->getRHS()->getSourceRange(), Ctx);
    if (!Target || !VS)
      return H;
    H.K = HandlerStmt::Assign;
    H.Target = Target->getName().str();
    H.Value = oneLine(VS->text());
    const Expr *RHS = strip(BO->getRHS());
    H.Constant = isConstant(RHS, Ctx);
    if (const auto *U = dyn_cast<UnaryOperator>(RHS);
        U && U->getOpcode() == UO_Minus) {
      H.ErrorValue = true;
      // `-errno` is as good as a constant where it is copied to.
      H.Constant |= isErrnoObject(U->getSubExpr()) || H.Value == "-errno";
    }
    Expr::EvalResult R;
    if (!RHS->isValueDependent() && RHS->EvaluateAsInt(R, Ctx))
      H.ErrorValue |= R.Val.getInt().isNegative();
    return H;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return H;
  H.K = HandlerStmt::Call;
  if (const FunctionDecl *FD = Call->getDirectCallee()) {
    H.Callee = FD->getNameAsString();
    H.NoReturn = FD->isNoReturn();
    // fprintf(stderr, ...) reports an error, fprintf(f, ...) does not.
    if ((H.Callee == "fprintf" || H.Callee == "vfprintf") &&
        Call->getNumArgs() > 0)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
          Ref && Ref->getDecl()->getName() == "stderr")
        H.Callee = "stderr";
  }
  if (!splitCall(H.Text, H.Name, H.Args))
    H.K = HandlerStmt::Other;
  return H;
}

/// Visits the function definitions of the files that hold sites.
class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
public:
  FunctionFinder(const SourceManager &SM, const llvm::DenseSet<FileID> &In,
                 std::vector<const Decl *> &Out,
                 llvm::DenseMap<const Decl *, uint32_t> &Index)
      : SM(SM), In(In), Out(Out), Index(Index) {}

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || !FD->getBody())
      return true;
    FileID ID = SM.getFileID(SM.getFileLoc(FD->getBody()->getBeginLoc()));
    if (In.count(ID) && Index.try_emplace(FD, Out.size()).second)
      Out.push_back(FD);
    return true;
  }

private:
  const SourceManager &SM;
  const llvm::DenseSet<FileID> &In;
  std::vector<const Decl *> &Out;
  llvm::DenseMap<const Decl *, uint32_t> &Index;
};

/// The declaration of local \p V in \p Body, if it is a statement of its own.
const DeclStmt *declarationOf(const VarDecl *V, const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (D == V)
          return DS;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return nullptr;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == V)
    return true;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && mentions(VD->getInit(), V))
        return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, V))
      return true;
  return false;
}

/// How \p V, declared by \p DS, can be retyped: its type as written and its
/// declarator, which a split moves to a declaration of its own.
void describeLocal(const VarDecl *V, const DeclStmt *DS,
                   const FunctionFlow &Flow, ASTContext &Ctx, FileTable &Files,
                   RepairSiteFact &Site) {
  if (!V->getType()->isIntegerType() || V->isStaticLocal() ||
      V->getType().hasQualifiers() || !inBlock(DS, Flow))
    return;
  const auto *First = dyn_cast<VarDecl>(*DS->decl_begin());
  std::optional<Spelled> Whole = spelled(DS->getSourceRange(), Ctx);
  std::optional<Spelled> Type =
      First ? spelled({DS->getBeginLoc(), First->getLocation()}, Ctx)
            : std::nullopt;
  std::optional<Spelled> Declarator =
      spelled({V->getLocation(), V->getEndLoc()}, Ctx);
  if (!Whole || !Type || !Declarator)
    return;
  // The type is what precedes the first name: drop that name.
  llvm::StringRef TypeText = Type->text();
  std::size_t NameLength = First->getName().size();
  if (TypeText.size() < NameLength)
    return;
  Type->End -= NameLength;
  while (Type->End > Type->Begin && llvm::isSpace(Type->Buffer[Type->End - 1]))
    --Type->End;
  llvm::SmallVector<llvm::StringRef, 4> Words;
  Type->text().split(Words, ' ', -1, false);
  for (llvm::StringRef W : Words)
    if (W == "static" || W == "const" || W == "volatile" || W == "register" ||
        W == "extern" || W.contains('*') || W.starts_with("g_auto") ||
        W.starts_with("__attribute__"))
      return;
  std::optional<std::string> Indent = indentBefore(Whole->Buffer, Whole->Begin);
  std::optional<std::size_t> End = blankRestOfLine(Whole->Buffer, Whole->End);
  if (!Indent || !End || Type->End <= Type->Begin)
    return;

  Site.LocalName = V->getName().str();
  Site.LocalType = factRange(*Type, Files);
  Site.LocalDeclaratorText = oneLine(Declarator->text());
  Site.LocalIndent = *Indent;
  Site.LocalInsertAt = *End;
  Site.LocalAlone = DS->isSingleDecl();
  if (!Site.LocalAlone) {
    // `a, v = 1, b`: remove `, v = 1`, or `v, ` when it comes first.
    Spelled Remove = *Declarator;
    const VarDecl *Previous = nullptr;
    for (const Decl *D : DS->decls()) {
      if (D == V)
        break;
      Previous = dyn_cast<VarDecl>(D);
    }
    if (Previous) {
      std::optional<Spelled> P =
          spelled({Previous->getLocation(), Previous->getEndLoc()}, Ctx);
      if (!P || P->ID != Remove.ID)
        return;
      Remove.Begin = P->End;
    } else {
      std::size_t Comma = Remove.End;
      while (Comma < Remove.Buffer.size() &&
             llvm::isSpace(Remove.Buffer[Comma]))
        ++Comma;
      if (Comma >= Remove.Buffer.size() || Remove.Buffer[Comma] != ',')
        return;
      Remove.End = Comma + 1;
      while (Remove.End < Remove.Buffer.size() &&
             llvm::isSpace(Remove.Buffer[Remove.End]))
        ++Remove.End;
    }
    Site.LocalDeclarator = factRange(Remove, Files);
  }
  Site.LocalDeclared = true;
}

} // namespace

void RepairFactsCollector::addSite(const CallExpr *Call, const Decl *Function,
                                   const FunctionFlow &Flow, ASTContext &Ctx,
                                   FileTable &Files, CallFact &Fact) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (unsigned I = 0; I < Call->getNumArgs() && I < Fact.Args.size(); ++I) {
    if (std::optional<Spelled> S =
            spelled(Call->getArg(I)->getSourceRange(), Ctx))
      Fact.Args[I].Text = oneLine(S->text());
    Fact.Args[I].IsString = isCharPointer(Call->getArg(I));
  }
  auto [It, Inserted] = Index.try_emplace(Function, Functions.size());
  if (Inserted)
    Functions.push_back(Function);
  RepairSiteFact &Site = Fact.Repair.edit();
  Site.Function = It->second;

  // Up to the statement that holds the call.
  const Stmt *Cur = Call;
  const Stmt *P = Flow.parent(Cur);
  auto Transparent = [](const Stmt *S) {
    if (isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(S))
      return true;
    const auto *Cast = dyn_cast<CStyleCastExpr>(S);
    return Cast && Cast->getType()->isVoidType();
  };
  while (P && Transparent(P)) {
    Cur = P;
    P = Flow.parent(Cur);
  }
  const VarDecl *Stored = nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Cur) {
    Stored = localOf(BO->getLHS());
    if (std::optional<Spelled> L = spelled(BO->getLHS()->getSourceRange(), Ctx))
      Site.AssignedTo = oneLine(L->text());
    Cur = BO;
    P = Flow.parent(Cur);
  } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur)
        Stored = VD->hasLocalStorage() ? VD : nullptr;
    Cur = DS;
    P = Flow.parent(Cur);
  } else {
    Site.CallIsStatement = true;
  }
  if (!P || !inBlock(Cur, Flow))
    return;

  std::optional<Spelled> Statement = spelled(Cur->getSourceRange(), Ctx);
  std::optional<Spelled> CallText = spelled(Call->getSourceRange(), Ctx);
  if (!Statement || !CallText)
    return;
  if (isa<Expr>(Cur)) {
    std::optional<std::size_t> Semi =
        semicolonAfter(Statement->Buffer, Statement->End);
    if (!Semi)
      return; // `MACRO(f(x));`: the call is inside a macro's argument
    Statement->End = *Semi;
  }
  std::optional<std::string> Indent =
      indentBefore(Statement->Buffer, Statement->Begin);
  std::optional<std::size_t> InsertAt =
      blankRestOfLine(Statement->Buffer, Statement->End);
  if (!Indent || !InsertAt)
    return;
  // The call is kept: wrapped in a test, or assigned to a new local.
  if (CallText->ID != Statement->ID || CallText->Begin < Statement->Begin ||
      CallText->End > Statement->End)
    return;
  Site.CallText = CallText->text().str();
  // A check after a declaration goes after the declarations that follow it,
  // unless they use the value.
  if (const auto *DS = dyn_cast<DeclStmt>(Cur); DS && Stored)
    if (const auto *Block = dyn_cast<CompoundStmt>(P)) {
      const Stmt *const *S =
          std::find(Block->body_begin(), Block->body_end(), DS);
      for (++S;
           S != Block->body_end() && isa<DeclStmt>(*S) && !mentions(*S, Stored);
           ++S) {
        std::optional<Spelled> Next = spelled((*S)->getSourceRange(), Ctx);
        if (!Next || Next->ID != Statement->ID)
          break;
        std::optional<std::size_t> End =
            blankRestOfLine(Next->Buffer, Next->End);
        if (!End)
          break;
        InsertAt = End;
      }
    }
  Site.Statement = factRange(*Statement, Files);
  Site.Indent = *Indent;
  Site.InsertAt = *InsertAt;
  Site.Known = true;

  if (Stored && !isa<ParmVarDecl>(Stored))
    if (const DeclStmt *DS = declarationOf(Stored, Flow.Body))
      describeLocal(Stored, DS, Flow, Ctx, Files, Site);
  (void)SM;
}

std::vector<RepairFunctionFact> RepairFactsCollector::take(ASTContext *Ctx,
                                                           FileTable &Files) {
  std::vector<RepairFunctionFact> Out;
  if (Ctx && !Functions.empty()) {
    const SourceManager &SM = Ctx->getSourceManager();
    llvm::DenseSet<FileID> Sites;
    for (const Decl *D : Functions)
      if (const Stmt *Body = D->getBody())
        Sites.insert(SM.getFileID(SM.getFileLoc(Body->getBeginLoc())));
    FunctionFinder(SM, Sites, Functions, Index)
        .TraverseDecl(Ctx->getTranslationUnitDecl());
    Out.resize(Functions.size());
    for (std::size_t I = 0; I < Functions.size(); ++I)
      if (Functions[I]->getBody())
        FunctionReader(Functions[I], *Ctx, Files, Out[I]).read();
  }
  Index.clear();
  Functions.clear();
  return Out;
}

} // namespace retcheck
