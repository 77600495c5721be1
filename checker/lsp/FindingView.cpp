//===- FindingView.cpp - A finding as an editor shows it ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FindingView.h"

#include "infer/Inference.h"
#include "output/CheckDocs.h"
#include "output/EvidenceNotes.h"
#include "rank/Rank.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstdio>
#include <cstring>

namespace retcheck::lsp {

const std::string &SourceTexts::text(const std::string &File) {
  if (auto It = Unsaved.find(File); It != Unsaved.end())
    return It->second;
  auto [It, New] = Read.try_emplace(File);
  if (New)
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/
                                                  false))
      It->second = (*Buffer)->getBuffer().str();
  return It->second;
}

namespace {

bool identifierChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
         (C >= '0' && C <= '9') || C == '_';
}

bool operatorChar(char C) { return std::strchr("=!<>&|", C) && C; }

/// The finding's place: the token that starts at its offset (a name, or
/// an operator such as the `==` of a -1 test).
Range findingRange(const Finding &F, std::string_view Text) {
  std::size_t End = F.Offset;
  while (End < Text.size() && identifierChar(Text[End]))
    ++End;
  while (End == F.Offset && End < Text.size() && operatorChar(Text[End]))
    ++End;
  if (End == F.Offset && End < Text.size() && Text[End] != '\n')
    ++End;
  return {positionAt(Text, F.Offset), positionAt(Text, End)};
}

std::vector<std::pair<std::string, std::vector<TextEdit>>>
lspEdits(const std::vector<retcheck::TextEdit> &Edits, SourceTexts &Texts) {
  std::map<std::string, std::vector<TextEdit>> ByFile;
  for (const retcheck::TextEdit &E : Edits) {
    const std::string &Text = Texts.text(E.File);
    ByFile[E.File].push_back(
        {{positionAt(Text, E.Offset), positionAt(Text, E.Offset + E.Length)},
         E.Text});
  }
  std::vector<std::pair<std::string, std::vector<TextEdit>>> Out;
  for (auto &[File, FileEdits] : ByFile)
    Out.emplace_back(pathToUri(File), std::move(FileEdits));
  return Out;
}

/// "Replace 'x == -1' with 'x < 0'" for a one-edit fix-it.
std::string fixItTitle(const std::vector<retcheck::TextEdit> &Fixes,
                       SourceTexts &Texts) {
  if (Fixes.size() == 1) {
    const retcheck::TextEdit &E = Fixes.front();
    const std::string &Text = Texts.text(E.File);
    if (E.Length && E.Offset + E.Length <= Text.size() && E.Length < 80 &&
        E.Text.size() < 80)
      return "Replace '" + Text.substr(E.Offset, E.Length) + "' with '" +
             E.Text + "'";
  }
  return "Apply retcheck's fix-it";
}

/// `// NOLINT(check)` at the end of the finding's line, as clang-tidy and
/// the CLI read it (facts/NoLint.h); inside a macro's continued line, a
/// block comment before the backslash.
CodeAction noLintAction(const Finding &F, const std::string &Text) {
  std::size_t Start = 0;
  for (unsigned L = 1; L < F.Line && Start != std::string::npos; ++L) {
    Start = Text.find('\n', Start);
    if (Start != std::string::npos)
      ++Start;
  }
  std::size_t End =
      Start == std::string::npos ? Text.size() : Text.find('\n', Start);
  if (End == std::string::npos)
    End = Text.size();
  std::size_t At = End;
  if (At > 0 && Text[At - 1] == '\r')
    --At;
  std::string Name = checkName(F.Check);
  std::string Insert = " // NOLINT(" + Name + ")";
  if (At > 0 && Text[At - 1] == '\\') {
    --At;
    Insert = "/* NOLINT(" + Name + ") */ ";
  }
  CodeAction A;
  A.Title = "Silence " + Name + " on this line (NOLINT)";
  Position P = positionAt(Text, At);
  A.Changes.push_back({pathToUri(F.File), {{{P, P}, Insert}}});
  return A;
}

std::string contractText(const Rule &R) {
  RuleSet One;
  One.add(R);
  json Doc = json::parse(inferredRulesJson(One, ""), nullptr, false);
  if (Doc.is_discarded() || !Doc.contains("rules") || Doc["rules"].empty())
    return "";
  json Rule = Doc["rules"][0];
  Rule.erase("inferred"); // its evidence follows, one line each
  return Rule.dump();
}

std::string hoverText(const Finding &F, const Rule *Contract,
                      const std::string &SourceRoot) {
  std::string Md = "**" + std::string(checkName(F.Check)) + "** · " +
                   severityName(F.Level) + " · rank " + std::to_string(F.Rank) +
                   "\n\n" + F.Message + "\n\n";
  if (Contract) {
    Md += "**Contract** of `" + F.Function + "`";
    if (F.Inferred) {
      char Confidence[16];
      std::snprintf(Confidence, sizeof Confidence, "%.2f", F.Confidence);
      Md += std::string(": inferred from the code (confidence ") + Confidence +
            ")";
    }
    Md += ", from " + Contract->Origin + ":\n\n```json\n" +
          contractText(*Contract) + "\n```\n\n";
  }
  std::vector<FindingNote> Evidence = evidenceNotes(F, {SourceRoot});
  if (!Evidence.empty()) {
    Md += "**Evidence**:\n\n";
    for (const FindingNote &N : Evidence)
      Md +=
          "- " +
          (N.File.empty() ? "" : N.File + ":" + std::to_string(N.Line) + ": ") +
          N.Message + "\n";
    Md += "\n";
  }
  Md += "**" + rankSummary(F) + "**\n\n";
  for (const RankSignal &S : F.RankSignals)
    Md += "- " + rankReason(S) + "\n";
  for (const FindingNote &N : F.Notes)
    Md += "\n**Repair** (verified): " + N.Message + "\n";
  if (!F.NoRepair.empty())
    Md += "\n**No repair**: " + F.NoRepair + "\n";
  return Md;
}

} // namespace

FindingView viewFinding(const Finding &F, const Rule *Contract,
                        SourceTexts &Texts, const std::string &SourceRoot,
                        const std::string &DocsUrl) {
  const std::string &Text = Texts.text(F.File);
  FindingView V;
  V.Diag.Where = findingRange(F, Text);
  V.Diag.Severity = F.Level == Severity::Note ? DiagnosticSeverity::Information
                                              : DiagnosticSeverity::Warning;
  V.Diag.Code = checkName(F.Check);
  V.Diag.CodeUrl = checkDocUri(F.Check, DocsUrl);
  V.Diag.Message = F.Message;
  V.Hover = hoverText(F, Contract, SourceRoot);
  if (!F.Fixes.empty())
    V.Actions.push_back(
        {fixItTitle(F.Fixes, Texts), true, lspEdits(F.Fixes, Texts)});
  for (const FindingNote &N : F.Notes)
    if (!N.Fixes.empty())
      V.Actions.push_back(
          {N.Message, F.Fixes.empty(), lspEdits(N.Fixes, Texts)});
  V.Actions.push_back(noLintAction(F, Text));
  return V;
}

Diagnostic problemDiagnostic(const TUProblem &P) {
  Diagnostic D;
  D.Severity = P.Kind == "compile-error" ? DiagnosticSeverity::Information
                                         : DiagnosticSeverity::Warning;
  D.Code = "retcheck-" + P.Kind;
  D.Message = P.Message; // the source says "retcheck"
  return D;
}

void to_json(json &J, const FindingView &V) {
  json Actions = json::array();
  for (const CodeAction &A : V.Actions)
    Actions.push_back({{"title", A.Title},
                       {"preferred", A.Preferred},
                       {"changes", A.Changes}});
  J = {{"diagnostic", V.Diag}, {"hover", V.Hover}, {"actions", Actions}};
}

void from_json(const json &J, FindingView &V) {
  J.at("diagnostic").get_to(V.Diag);
  J.at("hover").get_to(V.Hover);
  for (const json &A : J.at("actions")) {
    CodeAction Action;
    A.at("title").get_to(Action.Title);
    A.at("preferred").get_to(Action.Preferred);
    A.at("changes").get_to(Action.Changes);
    V.Actions.push_back(std::move(Action));
  }
}

} // namespace retcheck::lsp
