//===- HtmlReport.cpp - One self-contained HTML page of a report ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HtmlReport.h"

#include "HtmlAssets.h"
#include "output/Fingerprint.h"
#include "rank/Rank.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <set>

namespace retcheck {

namespace {

/// Bars the directory chart draws; the table below it lists every directory.
constexpr std::size_t ChartDirectories = 25;
/// Tree colours (Okabe-Ito, told apart with colour blindness), cycled.
constexpr std::size_t TreeColours = 6;

std::string esc(const std::string &S) { return htmlEscape(S); }

/// The check without its "retcheck-" prefix: the column stays narrow.
std::string shortCheckName(CheckKind K) {
  return std::string(checkName(K)).substr(std::strlen("retcheck-"));
}

std::string sectionName(const ReportFinding &F) {
  return F.Section.empty() ? "(no section)" : F.Section;
}

std::string treeClass(std::size_t Tree) {
  return "t" + std::to_string(Tree % TreeColours);
}

/// An escaped path that may wrap after its slashes, and nowhere else.
std::string breakablePath(const std::string &Path) {
  std::string Out;
  for (char C : esc(Path))
    Out += C == '/' ? std::string("/<wbr>") : std::string(1, C);
  return Out;
}

/// A sort key that orders paths by name, then line number.
std::string locationKey(const Finding &F) {
  char Line[16];
  std::snprintf(Line, sizeof Line, "%08u", F.Line);
  return F.RelativeFile + ":" + Line;
}

class HtmlWriter {
public:
  HtmlWriter(const Report &R, const std::vector<SourceExcerpt> &Excerpts,
             std::ostream &OS)
      : R(R), Excerpts(Excerpts), OS(OS) {}

  void write();

private:
  const Report &R;
  const std::vector<SourceExcerpt> &Excerpts;
  std::ostream &OS;

  bool multipleTrees() const { return R.Trees.size() > 1; }
  /// Columns of the findings table.
  unsigned columns() const {
    return 6 + multipleTrees() + R.compared() + R.grouped();
  }
  void header();
  void summary();
  void tallyTable(const char *Id, const char *Caption, const char *KeyName,
                  const std::map<std::string, std::vector<unsigned>> &Counts,
                  const char *ButtonField = nullptr);
  void totals();
  void directoryChart(const std::map<std::string, std::vector<unsigned>> &);
  void directories();
  void sections();
  void filterSelect(const char *Id, const char *Label, const char *Field,
                    const std::set<std::string> &Values);
  void findings();
  /// The finding's rank, its level, and the reasons.
  void rankCell(const Finding &F);
  void findingRow(std::size_t Index, const ReportFinding &F,
                  const SourceExcerpt &E);
  void excerpt(const SourceExcerpt &E);
  void problems();
  void inputs();
};

void HtmlWriter::write() {
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n"
        // Nothing may be loaded: the page is whole as it is.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
     << "<title>" << esc(R.Title) << "</title>\n<style>\n"
     << ReportCss << "</style>\n</head>\n<body>\n";
  header();
  OS << "<main>\n";
  summary();
  totals();
  directories();
  sections();
  findings();
  problems();
  inputs();
  OS << "</main>\n<footer>Written by <code>retcheck report</code> from "
        "JSON results, version 1.</footer>\n<script>\n"
     << ReportJs << "</script>\n</body>\n</html>\n";
}

void HtmlWriter::header() {
  std::vector<unsigned> Current = R.currentPerTree();
  unsigned Total = std::accumulate(Current.begin(), Current.end(), 0u);
  OS << "<header>\n<h1>" << esc(R.Title) << "</h1>\n<p class=\"sub\">" << Total
     << " finding" << (Total == 1 ? "" : "s") << " in " << R.Trees.size()
     << " tree" << (R.Trees.size() == 1 ? "" : "s") << ": ";
  for (std::size_t I = 0; I < R.Trees.size(); ++I)
    OS << (I ? ", " : "") << "<span class=\"tree " << treeClass(I) << "\">"
       << esc(R.Trees[I].Label) << "</span>";
  OS << ".</p>\n<nav aria-label=\"Sections\"><a href=\"#summary\">Summary</a> "
        "<a href=\"#totals\">Totals</a> <a "
        "href=\"#directories\">Directories</a> "
     << (R.grouped() ? "<a href=\"#sections\">MAINTAINERS</a> " : "")
     << "<a href=\"#findings\">Findings</a> <a href=\"#problems\">Analysis "
        "errors</a> <a href=\"#inputs\">Inputs</a></nav>\n</header>\n";
}

void HtmlWriter::summary() {
  bool Compared = R.compared();
  OS << "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 "
        "id=\"summary-h\">Summary</h2>\n";
  if (!R.Dropped.empty()) {
    OS << "<div class=\"warning\" role=\"alert\" id=\"dropped\"><strong>"
       << R.Dropped.size() << " input"
       << (R.Dropped.size() == 1 ? " was" : "s were")
       << " not merged</strong> (--keep-going):<ul>";
    for (const std::string &D : R.Dropped)
      OS << "<li><code>" << esc(D) << "</code></li>";
    OS << "</ul></div>\n";
  }
  OS << "<table id=\"summary-table\">\n<caption>Findings per tree"
     << (Compared ? ", compared with the older results" : "")
     << "</caption>\n<thead><tr><th scope=\"col\">Tree</th><th "
        "scope=\"col\">Findings</th>";
  if (Compared)
    OS << "<th scope=\"col\">New</th><th scope=\"col\">Changed</th><th "
          "scope=\"col\">Fixed</th><th scope=\"col\">Unchanged</th><th "
          "scope=\"col\">Compared with</th>";
  OS << "<th scope=\"col\">Files with findings</th><th "
        "scope=\"col\">Translation units</th><th scope=\"col\">With "
        "errors</th></tr></thead>\n<tbody>\n";
  std::vector<unsigned> Current = R.currentPerTree();
  for (std::size_t I = 0; I < R.Trees.size(); ++I) {
    const TreeResult &T = R.Trees[I];
    std::set<std::string> Files;
    for (const Finding &F : T.Run.Findings)
      Files.insert(F.File);
    OS << "<tr data-tree=\"" << esc(T.Label) << "\"><th scope=\"row\"><span "
       << "class=\"tree " << treeClass(I) << "\">" << esc(T.Label)
       << "</span></th><td class=\"num\" data-count=\"findings\">" << Current[I]
       << "</td>";
    if (Compared) {
      for (FindingStatus S : {FindingStatus::New, FindingStatus::Changed,
                              FindingStatus::Fixed, FindingStatus::Unchanged})
        OS << "<td class=\"num\" data-count=\"" << statusName(S) << "\">"
           << (R.ComparedWith[I].empty() ? "" : std::to_string(R.count(I, S)))
           << "</td>";
      OS << "<td>"
         << esc(R.ComparedWith[I].empty() ? "(not compared)"
                                          : R.ComparedWith[I])
         << "</td>";
    }
    OS << "<td class=\"num\">" << Files.size() << "</td><td class=\"num\">"
       << T.Run.Stats.TranslationUnits << "</td><td class=\"num\">"
       << T.Run.Stats.Failed << "</td></tr>\n";
  }
  OS << "</tbody>\n</table>\n";
  if (Compared)
    OS << "<p class=\"help\">New, fixed and unchanged by fingerprint (path, "
          "check, called function and the text of the finding's line), so "
          "findings that only moved are unchanged. <em>Changed</em>: the same "
          "call (file, called function, and the text of the call's line or "
          "the enclosing function) is reported by both runs, differently "
          "(another check, or its line reads differently).</p>\n";
  if (!R.ExcludedPaths.empty()) {
    unsigned Excluded =
        std::accumulate(R.Excluded.begin(), R.Excluded.end(), 0u);
    OS << "<p id=\"excluded\">" << Excluded << " finding"
       << (Excluded == 1 ? "" : "s") << " in paths matching --exclude-path ";
    for (std::size_t I = 0; I < R.ExcludedPaths.size(); ++I)
      OS << (I ? ", " : "") << "<code>" << esc(R.ExcludedPaths[I]) << "</code>";
    OS << " left out of this report.</p>\n";
  }
  OS << "</section>\n";
}

void HtmlWriter::tallyTable(
    const char *Id, const char *Caption, const char *KeyName,
    const std::map<std::string, std::vector<unsigned>> &Counts,
    const char *ButtonField) {
  OS << "<table id=\"" << Id << "\" class=\"tally\">\n<caption>" << Caption
     << "</caption>\n<thead><tr><th scope=\"col\">" << KeyName << "</th>";
  for (std::size_t I = 0; I < R.Trees.size(); ++I)
    OS << "<th scope=\"col\" class=\"num\"><span class=\"tree " << treeClass(I)
       << "\">" << esc(R.Trees[I].Label) << "</span></th>";
  if (multipleTrees())
    OS << "<th scope=\"col\" class=\"num\">All</th>";
  OS << "</tr></thead>\n<tbody>\n";
  std::vector<unsigned> Sums(R.Trees.size());
  for (const auto &[Key, Row] : Counts) {
    OS << "<tr data-key=\"" << esc(Key) << "\"><th scope=\"row\">";
    if (ButtonField)
      OS << "<button type=\"button\" class=\"link\" data-" << ButtonField
         << "=\"" << esc(Key) << "\" title=\"Show its findings\">" << esc(Key)
         << "</button>";
    else
      OS << "<code>" << esc(Key) << "</code>";
    OS << "</th>";
    for (std::size_t I = 0; I < Row.size(); ++I) {
      OS << "<td class=\"num\" data-tree=\"" << esc(R.Trees[I].Label) << "\">"
         << Row[I] << "</td>";
      Sums[I] += Row[I];
    }
    if (multipleTrees())
      OS << "<td class=\"num\">" << std::accumulate(Row.begin(), Row.end(), 0u)
         << "</td>";
    OS << "</tr>\n";
  }
  OS << "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>";
  for (unsigned S : Sums)
    OS << "<td class=\"num\">" << S << "</td>";
  if (multipleTrees())
    OS << "<td class=\"num\">" << std::accumulate(Sums.begin(), Sums.end(), 0u)
       << "</td>";
  OS << "</tr></tfoot>\n</table>\n";
}

void HtmlWriter::totals() {
  std::map<std::string, std::vector<unsigned>> Checks =
      tally(R, [](const Finding &F) { return checkName(F.Check); });
  // Every check has a row, found or not: a zero is information.
  for (CheckKind K : AllChecks)
    Checks[checkName(K)].resize(R.Trees.size());
  OS << "<section id=\"totals\" aria-labelledby=\"totals-h\">\n<h2 "
        "id=\"totals-h\">Totals</h2>\n<div class=\"grid\">\n";
  tallyTable("by-check", "Per check", "Check", Checks);
  tallyTable("by-function", "Per rule function", "Function",
             tally(R, [](const Finding &F) { return F.Function; }));
  OS << "</div>\n<dl class=\"help\">\n";
  for (CheckKind K : AllChecks)
    OS << "<dt><code>" << checkName(K) << "</code></dt><dd>"
       << esc(checkHelp(K)) << "</dd>\n";
  OS << "</dl>\n</section>\n";
}

void HtmlWriter::directoryChart(
    const std::map<std::string, std::vector<unsigned>> &Counts) {
  std::vector<std::pair<std::string, unsigned>> Order;
  unsigned Max = 1;
  for (const auto &[Dir, Row] : Counts) {
    Order.push_back({Dir, std::accumulate(Row.begin(), Row.end(), 0u)});
    Max = std::max(Max, *std::max_element(Row.begin(), Row.end()));
  }
  // Most findings first; equal counts by name, so the page is reproducible.
  std::stable_sort(
      Order.begin(), Order.end(),
      [](const auto &A, const auto &B) { return A.second > B.second; });
  if (Order.size() > ChartDirectories)
    Order.resize(ChartDirectories);
  const unsigned LabelWidth = 190, BarWidth = 420, Bar = 14, Gap = 10;
  unsigned Group = Bar * R.Trees.size() + Gap;
  unsigned Height = Group * Order.size() + Gap;
  OS << "<figure class=\"chart\">\n<svg id=\"directory-chart\" role=\"img\" "
        "aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 "
     << LabelWidth + BarWidth + 50 << " " << Height << "\" width=\""
     << LabelWidth + BarWidth + 50 << "\" height=\"" << Height
     << "\">\n<title id=\"chart-title\">Findings per directory</title>\n<desc "
        "id=\"chart-desc\">";
  for (std::size_t I = 0; I < Order.size(); ++I)
    OS << (I ? "; " : "") << esc(Order[I].first) << ": " << Order[I].second;
  OS << "</desc>\n";
  for (std::size_t D = 0; D < Order.size(); ++D) {
    const std::vector<unsigned> &Row = Counts.at(Order[D].first);
    unsigned Y = Gap + D * Group;
    OS << "<g class=\"dir\" data-dir=\"" << esc(Order[D].first)
       << "\"><text class=\"label\" x=\"" << LabelWidth - 8 << "\" y=\""
       << Y + Bar * R.Trees.size() / 2 + 4 << "\">" << esc(Order[D].first)
       << "</text>";
    for (std::size_t T = 0; T < Row.size(); ++T) {
      unsigned W = Row[T] ? std::max(2u, Row[T] * BarWidth / Max) : 0;
      unsigned BarY = Y + T * Bar;
      OS << "<rect class=\"bar " << treeClass(T) << "\" x=\"" << LabelWidth
         << "\" y=\"" << BarY << "\" width=\"" << W << "\" height=\"" << Bar - 2
         << "\"><title>" << esc(R.Trees[T].Label) << ", " << esc(Order[D].first)
         << ": " << Row[T] << "</title></rect>";
      if (Row[T]) // a missing bar says zero well enough
        OS << "<text class=\"count\" x=\"" << LabelWidth + W + 4 << "\" y=\""
           << BarY + Bar - 4 << "\">" << Row[T] << "</text>";
    }
    OS << "</g>\n";
  }
  OS << "</svg>\n<figcaption>";
  if (multipleTrees())
    for (std::size_t I = 0; I < R.Trees.size(); ++I)
      OS << "<span class=\"key " << treeClass(I) << "\"></span>"
         << esc(R.Trees[I].Label) << (I + 1 == R.Trees.size() ? ". " : " ");
  OS << (Counts.size() > ChartDirectories
             ? "The " + std::to_string(ChartDirectories) +
                   " directories with the most findings; the table lists all."
             : std::string("Every directory with findings."))
     << "</figcaption>\n</figure>\n";
}

void HtmlWriter::directories() {
  std::map<std::string, std::vector<unsigned>> Counts = tally(R, directoryOf);
  OS << "<section id=\"directories\" aria-labelledby=\"directories-h\">\n<h2 "
        "id=\"directories-h\">Per directory</h2>\n";
  if (Counts.empty()) {
    OS << "<p>No findings.</p>\n</section>\n";
    return;
  }
  directoryChart(Counts);
  OS << "<p>A directory's name shows its findings in the table below.</p>\n";
  tallyTable("by-directory", "Per directory", "Directory", Counts, "dir");
  OS << "</section>\n";
}

void HtmlWriter::sections() {
  if (!R.grouped())
    return;
  OS << "<section id=\"sections\" aria-labelledby=\"sections-h\">\n<h2 "
        "id=\"sections-h\">Per MAINTAINERS section</h2>\n<p>Each finding "
        "counts in the most specific section whose <code>F:</code> patterns "
        "cover its file (and no <code>X:</code> pattern excludes it), as "
        "<code>scripts/get_maintainer.pl</code> orders them; from ";
  std::set<std::string> Files(R.MaintainersFiles.begin(),
                              R.MaintainersFiles.end());
  for (auto It = Files.begin(); It != Files.end(); ++It)
    OS << (It == Files.begin() ? "" : ", ") << "<code>" << esc(*It)
       << "</code>";
  OS << ". A section's name shows its findings.</p>\n";
  tallyTable("by-section", "Per MAINTAINERS section", "Section",
             tallySections(R), "section");
  OS << "</section>\n";
}

void HtmlWriter::filterSelect(const char *Id, const char *Label,
                              const char *Field,
                              const std::set<std::string> &Values) {
  OS << "<label>" << Label << " <select id=\"" << Id << "\" data-filter=\""
     << Field << "\"><option value=\"\">all</option>";
  for (const std::string &V : Values)
    OS << "<option>" << esc(V) << "</option>";
  OS << "</select></label>\n";
}

void HtmlWriter::findings() {
  bool Compared = R.compared();
  std::set<std::string> Trees, Checks, Dirs, Statuses, Sections;
  for (const ReportFinding &F : R.Findings) {
    Trees.insert(R.Trees[F.Tree].Label);
    Checks.insert(checkName(F.F.Check));
    Dirs.insert(directoryOf(F.F));
    Statuses.insert(statusName(F.Status));
    Sections.insert(sectionName(F));
  }
  OS << "<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 "
        "id=\"findings-h\">Findings</h2>\n<div class=\"controls\" "
        "role=\"search\">\n<label>Filter <input type=\"search\" id=\"filter\" "
        "placeholder=\"text in any column\"></label>\n";
  if (multipleTrees())
    filterSelect("filter-tree", "Tree", "tree", Trees);
  filterSelect("filter-check", "Check", "check", Checks);
  filterSelect("filter-dir", "Directory", "dir", Dirs);
  if (R.grouped())
    filterSelect("filter-section", "Section", "section", Sections);
  if (Compared)
    filterSelect("filter-status", "Status", "status", Statuses);
  OS << "<button type=\"button\" id=\"filter-reset\">Show all</button>\n"
        "<p id=\"shown\" aria-live=\"polite\">"
     << R.Findings.size() << " findings</p>\n</div>\n"
     << "<table id=\"findings-table\" data-total=\"" << R.Findings.size()
     << "\">\n<caption>Findings (a column heading sorts; \"source\" under a "
        "finding opens its code and fix)</caption>\n<thead><tr>";
  auto Column = [&](const char *Name) {
    OS << "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" "
          "class=\"sort\">"
       << Name << "</button></th>";
  };
  Column("Rank");
  if (multipleTrees())
    Column("Tree");
  if (Compared)
    Column("Status");
  for (const char *Name :
       {"Check", "Location", "Function", "Enclosing function", "Message"})
    Column(Name);
  if (R.grouped())
    Column("Section");
  OS << "</tr></thead>\n";
  // Warnings first, then the notes in a tier of their own that the script
  // folds (without it, the page shows them all): a maintainer reads the
  // findings most likely to be worth a patch, and opens the rest on demand.
  std::vector<std::size_t> Order = rankOrder(R);
  auto Note = [&](std::size_t I) {
    return R.Findings[I].F.Level != Severity::Warning;
  };
  auto FirstNote = std::find_if(Order.begin(), Order.end(), Note);
  OS << "<tbody class=\"tier\" data-tier=\"warning\">\n";
  for (auto It = Order.begin(); It != FirstNote; ++It)
    findingRow(*It, R.Findings[*It], Excerpts[*It]);
  OS << "</tbody>\n";
  if (FirstNote != Order.end()) {
    auto Notes = static_cast<unsigned>(Order.end() - FirstNote);
    OS << "<tbody class=\"tier\" data-tier=\"note\">\n<tr "
          "class=\"tier-head\"><th colspan=\""
       << columns() << "\" scope=\"rowgroup\">" << Notes << " note"
       << (Notes == 1 ? "" : "s")
       << ": findings that rank below the warnings (a cleanup path, an "
          "argument that cannot fail, test code, ...) "
          "<button type=\"button\" id=\"toggle-notes\" "
          "aria-expanded=\"true\">Hide notes</button></th></tr>\n";
    for (auto It = FirstNote; It != Order.end(); ++It)
      findingRow(*It, R.Findings[*It], Excerpts[*It]);
    OS << "</tbody>\n";
  }
  OS << "</table>\n</section>\n";
}

void HtmlWriter::rankCell(const Finding &F) {
  OS << "<td class=\"rank\" data-key=\"" << F.Rank << "\"><span class=\"level "
     << severityName(F.Level) << "\" title=\"" << severityName(F.Level) << "\">"
     << F.Rank << "</span>";
  // Why it ranks there: the signals, strongest first, as the CLI's note.
  if (!F.RankSignals.empty()) {
    OS << "<details class=\"why\"><summary>why</summary><ul>";
    for (const RankSignal &S : F.RankSignals)
      OS << "<li>" << esc(rankReason(S)) << "</li>";
    OS << "</ul></details>";
  }
  OS << "</td>";
}

void HtmlWriter::findingRow(std::size_t Index, const ReportFinding &RF,
                            const SourceExcerpt &E) {
  const Finding &F = RF.F;
  const std::string &Tree = R.Trees[RF.Tree].Label;
  OS << "<tr class=\"finding\" id=\"f" << Index << "\" data-tree=\""
     << esc(Tree) << "\" data-check=\"" << checkName(F.Check)
     << "\" data-dir=\"" << esc(directoryOf(F)) << "\" data-status=\""
     << statusName(RF.Status) << "\" data-fingerprint=\"" << esc(F.Fingerprint)
     << "\" data-level=\"" << severityName(F.Level);
  if (R.grouped())
    OS << "\" data-section=\"" << esc(sectionName(RF));
  OS << "\">";
  rankCell(F);
  if (multipleTrees())
    OS << "<td data-key=\"" << esc(Tree) << "\"><span class=\"tree "
       << treeClass(RF.Tree) << "\">" << esc(Tree) << "</span></td>";
  if (R.compared()) {
    OS << "<td data-key=\"" << statusName(RF.Status)
       << "\"><span class=\"badge " << statusName(RF.Status) << "\">"
       << statusName(RF.Status) << "</span>";
    if (RF.Previous)
      OS << "<span class=\"was\">was <code>"
         << shortCheckName(RF.Previous->Check) << "</code> at line "
         << RF.Previous->Line << "</span>";
    OS << "</td>";
  }
  OS << "<td title=\"" << checkName(F.Check) << "\"><code>"
     << shortCheckName(F.Check) << "</code></td><td class=\"path\" data-key=\""
     << esc(locationKey(F)) << "\" title=\"" << esc(F.File) << "\">";
  // A link only when asked for (--link-template): by default the page
  // names no address at all.
  if (!RF.Link.empty())
    OS << "<a href=\"" << esc(RF.Link)
       << "\" rel=\"noopener noreferrer\" referrerpolicy=\"no-referrer\">";
  OS << "<code>" << breakablePath(F.RelativeFile) << ":" << F.Line << ":"
     << F.Column << "</code>" << (RF.Link.empty() ? "" : "</a>")
     << "</td><td><code>" << esc(F.Function) << "</code></td><td><code>"
     << esc(F.EnclosingFunction) << "</code></td><td><span class=\"msg\">"
     << esc(F.Message) << "</span>";
  // An inferred contract shows what it rests on, for review.
  if (F.Inferred) {
    OS << "<details class=\"evidence\"><summary>inferred contract, "
          "confidence "
       << static_cast<int>(F.Confidence * 100 + 0.5) << "%</summary><ul>";
    for (const std::string &E : F.Evidence)
      OS << "<li>" << esc(E) << "</li>";
    OS << "</ul></details>";
  }
  OS << "</td>";
  if (R.grouped())
    OS << "<td>" << esc(sectionName(RF)) << "</td>";
  OS << "</tr>\n";
  // The source spans the whole table below its finding, so that code lines
  // keep their width; sorting and filtering move the pair together.
  OS << "<tr class=\"source-row\" data-for=\"f" << Index << "\"><td colspan=\""
     << columns() << "\">";
  excerpt(E);
  OS << "</td></tr>\n";
}

void HtmlWriter::excerpt(const SourceExcerpt &E) {
  const char *Summary =
      E.HasFix ? (E.IsRepair ? "source and repair" : "source and fix")
               : "source";
  if (E.Lines.empty())
    Summary = "source (not shown)";
  OS << "<details class=\"source\"><summary>" << Summary << "</summary>";
  if (!E.Note.empty())
    OS << "<p class=\"note "
       << (E.St == SourceExcerpt::State::Ok ||
                   E.St == SourceExcerpt::State::Unverified
               ? "info"
               : "stale")
       << "\">" << esc(E.Note) << "</p>";
  if (!E.Lines.empty()) {
    OS << "<pre class=\"diff\">";
    for (const ExcerptLine &L : E.Lines) {
      if (L.K == ExcerptLine::Gap) {
        OS << "<span class=\"gap\"><span class=\"ln\">&#8942;</span>\n</span>";
        continue;
      }
      const char *Class = L.K == ExcerptLine::Removed ? "del"
                          : L.K == ExcerptLine::Added ? "add"
                                                      : "ctx";
      const char *Mark = L.K == ExcerptLine::Removed ? "-"
                         : L.K == ExcerptLine::Added ? "+"
                                                     : " ";
      OS << "<span class=\"" << Class << (L.IsFinding ? " hit" : "")
         << (L.IsCall ? " call" : "") << "\"";
      if (L.IsCall || L.IsFinding)
        OS << " title=\""
           << (L.IsCall && L.IsFinding ? "the call and the finding"
               : L.IsCall              ? "the call"
                                       : "the finding")
           << "\"";
      OS << "><span class=\"ln\">" << L.Number << "</span><span "
         << "class=\"mk\">" << Mark << "</span>" << esc(L.Text) << "\n</span>";
    }
    OS << "</pre>";
  }
  OS << "</details>";
}

void HtmlWriter::problems() {
  OS << "<section id=\"problems\" aria-labelledby=\"problems-h\">\n<h2 "
        "id=\"problems-h\">Analysis errors</h2>\n";
  std::size_t Count = 0;
  for (const TreeResult &T : R.Trees)
    Count += T.Run.Problems.size();
  if (!Count) {
    OS << "<p>Every translation unit was analysed without errors.</p>\n"
          "</section>\n";
    return;
  }
  OS << "<p>The analysis of these translation units reported errors; their "
        "findings may be incomplete.</p>\n<table id=\"problems-table\">\n"
        "<thead><tr><th scope=\"col\">Tree</th><th scope=\"col\">File</th><th "
        "scope=\"col\">Kind</th><th scope=\"col\">Message</th></tr></thead>\n"
        "<tbody>\n";
  for (std::size_t I = 0; I < R.Trees.size(); ++I)
    for (const TUProblem &P : R.Trees[I].Run.Problems)
      OS << "<tr><td><span class=\"tree " << treeClass(I) << "\">"
         << esc(R.Trees[I].Label) << "</span></td><td><code>"
         << esc(relativePath(P.File, R.Trees[I].Run.SourceRoot))
         << "</code></td><td>" << esc(P.Kind) << "</td><td><pre "
         << "class=\"error\">" << esc(P.Message) << "</pre></td></tr>\n";
  OS << "</tbody>\n</table>\n</section>\n";
}

void HtmlWriter::inputs() {
  OS << "<section id=\"inputs\" aria-labelledby=\"inputs-h\">\n<h2 "
        "id=\"inputs-h\">Inputs</h2>\n<table id=\"inputs-table\">\n<thead><tr>"
        "<th scope=\"col\">Tree</th><th scope=\"col\">Source root</th><th "
        "scope=\"col\">Result files</th><th scope=\"col\">Translation "
        "units</th><th scope=\"col\">Skipped (no rule call)</th><th "
        "scope=\"col\">Baselined</th><th scope=\"col\">Analysis "
        "seconds</th></tr></thead>\n<tbody>\n";
  for (std::size_t I = 0; I < R.Trees.size(); ++I) {
    const TreeResult &T = R.Trees[I];
    char Seconds[32];
    std::snprintf(Seconds, sizeof Seconds, "%.1f", T.Run.Stats.Seconds);
    OS << "<tr><td><span class=\"tree " << treeClass(I) << "\">" << esc(T.Label)
       << "</span></td><td><code>" << esc(T.Run.SourceRoot)
       << "</code></td><td>";
    for (std::size_t J = 0; J < T.Inputs.size(); ++J)
      OS << (J ? "<br>" : "") << "<code>" << esc(T.Inputs[J]) << "</code>";
    OS << "</td><td class=\"num\">" << T.Run.Stats.TranslationUnits
       << "</td><td class=\"num\">" << T.Run.Stats.Skipped
       << "</td><td class=\"num\">" << T.Run.Stats.Baselined
       << "</td><td class=\"num\">" << Seconds << "</td></tr>\n";
  }
  OS << "</tbody>\n</table>\n</section>\n";
}

} // namespace

std::string htmlEscape(const std::string &Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void writeHtmlReport(const Report &R,
                     const std::vector<SourceExcerpt> &Excerpts,
                     std::ostream &OS) {
  HtmlWriter(R, Excerpts, OS).write();
}

} // namespace retcheck
