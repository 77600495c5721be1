//===- MarkdownReport.cpp - A report short enough for a merge request -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "MarkdownReport.h"

#include <algorithm>
#include <numeric>

namespace retcheck {

namespace {

/// Text for a table cell: no line breaks, no raw HTML, pipes escaped
/// (GitLab and GitHub render HTML in comments).
std::string cell(const std::string &Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '|')
      Out += "\\|";
    else if (C == '<')
      Out += "&lt;";
    else if (C == '>')
      Out += "&gt;";
    else if (C == '\n' || C == '\r')
      Out += ' ';
    else
      Out += C;
  }
  return Out;
}

/// A code span (names, paths); backticks cannot be escaped inside one.
std::string code(const std::string &Text) {
  std::string Out = "`";
  for (char C : Text)
    Out += C == '`' ? '\'' : C == '|' ? '/' : C == '\n' ? ' ' : C;
  return Out + "`";
}

class MarkdownWriter {
public:
  MarkdownWriter(const Report &R, const MarkdownOptions &Options,
                 std::ostream &OS)
      : R(R), Options(Options), OS(OS) {}

  void write() {
    OS << "## " << cell(R.Title) << "\n\n";
    trees();
    breakdown();
    directories();
    sections();
    findings(R.compared() ? FindingStatus::New : FindingStatus::Current);
    if (R.compared())
      findings(FindingStatus::Changed);
    excluded();
    dropped();
  }

private:
  const Report &R;
  const MarkdownOptions &Options;
  std::ostream &OS;

  void tableHead(const char *First) {
    OS << "| " << First << " |";
    for (const TreeResult &T : R.Trees)
      OS << " " << cell(T.Label) << " |";
    OS << "\n|:--|";
    for (std::size_t I = 0; I < R.Trees.size(); ++I)
      OS << "--:|";
    OS << "\n";
  }

  void row(const std::string &Name,
           const std::function<std::string(std::size_t)> &Value) {
    OS << "| " << Name << " |";
    for (std::size_t I = 0; I < R.Trees.size(); ++I)
      OS << " " << Value(I) << " |";
    OS << "\n";
  }

  void trees() {
    std::vector<unsigned> Current = R.currentPerTree();
    tableHead("tree");
    row("**findings**", [&](std::size_t I) {
      return "**" + std::to_string(Current[I]) + "**";
    });
    if (R.compared())
      for (FindingStatus S : {FindingStatus::New, FindingStatus::Changed,
                              FindingStatus::Fixed, FindingStatus::Unchanged})
        row(statusName(S), [&](std::size_t I) {
          return R.ComparedWith[I].empty() ? std::string("–")
                                           : std::to_string(R.count(I, S));
        });
    row("translation units", [&](std::size_t I) {
      return std::to_string(R.Trees[I].Run.Stats.TranslationUnits);
    });
    row("with analysis errors", [&](std::size_t I) {
      return std::to_string(R.Trees[I].Run.Stats.Failed);
    });
    OS << "\n";
    if (R.compared()) {
      OS << "Compared with:";
      for (std::size_t I = 0; I < R.Trees.size(); ++I)
        if (!R.ComparedWith[I].empty())
          OS << " " << cell(R.Trees[I].Label) << " ← "
             << cell(R.ComparedWith[I]) << ";";
      OS << " by fingerprint (path, check, function and line text), so "
            "findings that only moved are unchanged; changed: reported at the "
            "same call by both, differently.\n\n";
    }
  }

  void breakdown() {
    std::map<std::string, std::vector<unsigned>> Checks =
        tally(R, [](const Finding &F) { return checkName(F.Check); });
    for (CheckKind K : AllChecks)
      Checks[checkName(K)].resize(R.Trees.size());
    tableHead("check / rule function");
    for (const auto &Counts :
         {Checks, tally(R, [](const Finding &F) { return F.Function; })})
      for (const auto &[Name, Row] : Counts)
        row(code(Name),
            [&, &Row = Row](std::size_t I) { return std::to_string(Row[I]); });
    OS << "\n";
  }

  void directories() {
    std::vector<std::pair<std::string, unsigned>> Dirs;
    for (const auto &[Dir, Row] : tally(R, directoryOf))
      Dirs.push_back({Dir, std::accumulate(Row.begin(), Row.end(), 0u)});
    if (Dirs.empty())
      return;
    std::stable_sort(
        Dirs.begin(), Dirs.end(),
        [](const auto &A, const auto &B) { return A.second > B.second; });
    OS << "Directories with the most findings"
       << (R.Trees.size() > 1 ? " (all trees)" : "") << ":";
    for (std::size_t I = 0; I < Dirs.size() && I < Options.MaxDirectories; ++I)
      OS << (I ? ", " : " ") << code(Dirs[I].first) << " " << Dirs[I].second;
    if (Dirs.size() > Options.MaxDirectories)
      OS << ", and " << Dirs.size() - Options.MaxDirectories << " more";
    OS << ".\n\n";
  }

  void sections() {
    if (!R.grouped())
      return;
    std::vector<std::pair<std::string, std::vector<unsigned>>> Rows;
    for (auto &[Section, Row] : tallySections(R))
      Rows.push_back({Section, Row});
    if (Rows.empty())
      return;
    auto Sum = [](const std::vector<unsigned> &Row) {
      return std::accumulate(Row.begin(), Row.end(), 0u);
    };
    std::stable_sort(Rows.begin(), Rows.end(),
                     [&](const auto &A, const auto &B) {
                       return Sum(A.second) > Sum(B.second);
                     });
    tableHead("MAINTAINERS section");
    for (std::size_t I = 0; I < Rows.size() && I < Options.MaxSections; ++I)
      row(cell(Rows[I].first),
          [&](std::size_t T) { return std::to_string(Rows[I].second[T]); });
    OS << "\n";
    if (Rows.size() > Options.MaxSections)
      OS << Rows.size() - Options.MaxSections
         << " more sections in the HTML report.\n\n";
  }

  /// A location, linked when the report has links.
  std::string location(const ReportFinding &F) {
    std::string Text = code(F.F.RelativeFile + ":" + std::to_string(F.F.Line));
    if (F.Link.empty())
      return Text;
    std::string Url;
    for (char C : F.Link) // no Markdown in the address
      Url += C == '('   ? "%28"
             : C == ')' ? "%29"
             : C == '|' ? "%7C"
                        : std::string(1, C);
    return "[" + Text + "](" + Url + ")";
  }

  void findings(FindingStatus Listed) {
    // Warnings, most likely to be acted on first; the notes, which rank
    // lower, folded below them.
    std::vector<const ReportFinding *> Warnings, Notes;
    for (std::size_t I : rankOrder(R)) {
      const ReportFinding &F = R.Findings[I];
      if (F.Status == Listed)
        (F.F.Level == Severity::Warning ? Warnings : Notes).push_back(&F);
    }
    bool Changed = Listed == FindingStatus::Changed;
    if (Warnings.empty() && Notes.empty()) {
      if (!Changed)
        OS << (R.compared() ? "No new findings.\n\n" : "No findings.\n\n");
      return;
    }
    std::string Title = Changed        ? "Changed findings"
                        : R.compared() ? "New findings"
                                       : "Findings";
    OS << "#### " << Title;
    if (Warnings.size() > Options.MaxFindings)
      OS << " (first " << Options.MaxFindings << " of " << Warnings.size()
         << " warnings)";
    OS << "\n\n";
    if (Warnings.empty())
      OS << "No warnings.\n\n";
    else
      findingTable(Warnings, Changed);
    if (Notes.empty())
      return;
    // GitLab and GitHub fold <details> in comments and descriptions.
    OS << "<details><summary>" << Notes.size() << " note"
       << (Notes.size() == 1 ? "" : "s")
       << ", ranked below the warnings</summary>\n\n";
    findingTable(Notes, Changed);
    OS << "</details>\n\n";
  }

  void findingTable(const std::vector<const ReportFinding *> &List,
                    bool Changed) {
    OS << "| rank | ";
    if (R.Trees.size() > 1)
      OS << "tree | ";
    OS << "location | check | " << (Changed ? "was | " : "")
       << "function | in |\n|--:|";
    if (R.Trees.size() > 1)
      OS << ":--|";
    OS << (Changed ? ":--|" : "") << ":--|:--|:--|:--|\n";
    for (std::size_t I = 0; I < List.size() && I < Options.MaxFindings; ++I) {
      const Finding &F = List[I]->F;
      OS << "| " << F.Rank << " | ";
      if (R.Trees.size() > 1)
        OS << cell(R.Trees[List[I]->Tree].Label) << " | ";
      OS << location(*List[I]) << " | " << code(checkName(F.Check)) << " | ";
      if (const auto &P = List[I]->Previous)
        OS << code(checkName(P->Check)) << " at line " << P->Line << " | ";
      OS << code(F.Function) << " | " << code(F.EnclosingFunction) << " |\n";
    }
    if (List.size() > Options.MaxFindings)
      OS << "\n"
         << List.size() - Options.MaxFindings << " more in the HTML report.\n";
    OS << "\n";
  }

  void excluded() {
    if (R.ExcludedPaths.empty())
      return;
    unsigned N = std::accumulate(R.Excluded.begin(), R.Excluded.end(), 0u);
    OS << "Left out (--exclude-path";
    for (const std::string &P : R.ExcludedPaths)
      OS << " " << code(P);
    OS << "): " << N << " finding" << (N == 1 ? "" : "s") << ".\n\n";
  }

  void dropped() {
    if (R.Dropped.empty())
      return;
    OS << "**Not merged** (--keep-going): " << R.Dropped.size() << " input"
       << (R.Dropped.size() == 1 ? "" : "s") << ".\n\n";
  }
};

} // namespace

void writeMarkdownReport(const Report &R, const MarkdownOptions &Options,
                         std::ostream &OS) {
  MarkdownWriter(R, Options, OS).write();
}

} // namespace retcheck
