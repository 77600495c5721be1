//===- SourceFacts.cpp - What a parsed TU tells besides its findings ------===//

#include "SourceFacts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace retcheck {

namespace {

class StatementFinder {
public:
  StatementFinder(SourceLocation Loc, const SourceManager &SM)
      : SM(SM), Loc(SM.getFileLoc(Loc)) {}

  /// The innermost statement (or statement head) around Loc, from \p S.
  SourceRange find(const Stmt *S) {
    if (const auto *Compound = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : Compound->body())
        if (holds(Child))
          return find(Child);
      return S->getSourceRange();
    }
    if (const auto *If = dyn_cast<IfStmt>(S))
      return branch(If, If->getRParenLoc(), {If->getThen(), If->getElse()});
    if (const auto *While = dyn_cast<WhileStmt>(S))
      return branch(While, While->getRParenLoc(), {While->getBody()});
    if (const auto *For = dyn_cast<ForStmt>(S))
      return branch(For, For->getRParenLoc(), {For->getBody()});
    if (const auto *Switch = dyn_cast<SwitchStmt>(S))
      return branch(Switch, Switch->getRParenLoc(), {Switch->getBody()});
    if (const auto *Do = dyn_cast<DoStmt>(S)) {
      if (holds(Do->getBody()))
        return find(Do->getBody());
      return {Do->getWhileLoc(), Do->getRParenLoc()};
    }
    if (const auto *Case = dyn_cast<SwitchCase>(S))
      return holds(Case->getSubStmt()) ? find(Case->getSubStmt())
                                       : S->getSourceRange();
    if (const auto *Label = dyn_cast<LabelStmt>(S))
      return holds(Label->getSubStmt()) ? find(Label->getSubStmt())
                                        : S->getSourceRange();
    if (const auto *Attributed = dyn_cast<AttributedStmt>(S))
      return holds(Attributed->getSubStmt()) ? find(Attributed->getSubStmt())
                                             : S->getSourceRange();
    return S->getSourceRange();
  }

  SourceLocation location() const { return Loc; }

private:
  const SourceManager &SM;
  SourceLocation Loc;

  bool holds(const Stmt *S) const {
    if (!S)
      return false;
    SourceLocation B = SM.getFileLoc(S->getBeginLoc());
    SourceLocation E = SM.getFileLoc(S->getEndLoc());
    return B.isValid() && E.isValid() &&
           !SM.isBeforeInTranslationUnit(Loc, B) &&
           !SM.isBeforeInTranslationUnit(E, Loc);
  }

  /// A statement with a head (`if (...)`) and bodies: the body holding Loc,
  /// or the head.
  SourceRange branch(const Stmt *S, SourceLocation RParen,
                     std::initializer_list<const Stmt *> Bodies) {
    for (const Stmt *Body : Bodies)
      if (holds(Body))
        return find(Body);
    return {S->getBeginLoc(), RParen.isValid() ? RParen : S->getEndLoc()};
  }
};

/// The declaration context named by \p Scope inside \p DC ("ns", "Class").
const DeclContext *lookupScope(const DeclContext *DC, llvm::StringRef Scope,
                               ASTContext &Ctx) {
  for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Scope))) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      return NS;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(D))
      return Record->getDefinition() ? Record->getDefinition() : Record;
  }
  return nullptr;
}

bool declares(ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  llvm::StringRef Rest = Qualified;
  for (;;) {
    auto [Scope, Tail] = Rest.split("::");
    if (Tail.empty()) {
      for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Scope)))
        if (isa<FunctionDecl, FunctionTemplateDecl, UsingShadowDecl>(D))
          return true;
      return false;
    }
    if (!(DC = lookupScope(DC, Scope, Ctx)))
      return false;
    Rest = Tail;
  }
}

} // namespace

LineSpan statementLines(const Decl *Function, SourceLocation Loc,
                        const SourceManager &SM) {
  StatementFinder Finder(Loc, SM);
  unsigned Line = SM.getSpellingLineNumber(Finder.location());
  const Stmt *Body = Function ? Function->getBody() : nullptr;
  if (!Body)
    return {Line, Line};
  SourceRange R = Finder.find(Body);
  SourceLocation B = SM.getFileLoc(R.getBegin());
  SourceLocation E = SM.getFileLoc(R.getEnd());
  if (B.isInvalid() || E.isInvalid() ||
      SM.getFileID(B) != SM.getFileID(Finder.location()) ||
      SM.getFileID(E) != SM.getFileID(Finder.location()))
    return {Line, Line};
  return {std::min(Line, SM.getSpellingLineNumber(B)),
          std::max(Line, SM.getSpellingLineNumber(E))};
}

std::vector<std::string> declaredRuleFunctions(ASTContext &Ctx,
                                               const RuleSet &Rules) {
  std::vector<std::string> Declared;
  for (const Rule &R : Rules.rules())
    if (declares(Ctx, R.Function))
      Declared.push_back(R.Function);
  return Declared;
}

} // namespace retcheck
