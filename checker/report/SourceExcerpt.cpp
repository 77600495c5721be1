//===- SourceExcerpt.cpp - The source around a finding, and its fix -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SourceExcerpt.h"

#include "output/Fingerprint.h"
#include "output/LineDiff.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>

namespace retcheck {

namespace {

/// Byte offsets at which each line of \p Text starts, and one past the end.
std::vector<std::size_t> lineStarts(const std::string &Text) {
  std::vector<std::size_t> Starts{0};
  for (std::size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n' && I + 1 < Text.size())
      Starts.push_back(I + 1);
  Starts.push_back(Text.size());
  return Starts;
}

SourceExcerpt unusable(SourceExcerpt::State St, std::string Note) {
  SourceExcerpt E;
  E.St = St;
  E.Note = std::move(Note);
  return E;
}

/// Why the text no longer is what the finding was made on, or "".
std::string staleness(const Finding &F, const SourceText &Src,
                      const std::vector<TextEdit> &Fixes) {
  if (F.Line == 0 || F.Line > Src.lines())
    return "the file has fewer lines than when it was analysed";
  if (Src.Starts[F.Line - 1] + F.Column - 1 != F.Offset ||
      !fingerprintMatchesLine(F, Src.line(F.Line)))
    return "line " + std::to_string(F.Line) +
           " no longer reads as when it was analysed";
  if (F.CallLine > Src.lines())
    return "the call's line " + std::to_string(F.CallLine) + " is gone";
  for (const TextEdit &E : Fixes)
    if (std::size_t(E.Offset) + E.Length > Src.Text.size())
      return "a fix lies past the end of the file";
  return "";
}

} // namespace

std::string SourceText::line(unsigned N) const {
  std::size_t Begin = Starts[N - 1], End = Starts[N];
  std::string L = Text.substr(Begin, End - Begin);
  if (!L.empty() && L.back() == '\n')
    L.pop_back();
  return L;
}

const SourceText *SourceFiles::read(const std::string &Path) {
  auto It = Cache.find(Path);
  if (It == Cache.end()) {
    std::optional<SourceText> Src;
    std::ifstream In(Path, std::ios::binary);
    std::ostringstream Buffer;
    if (In && Buffer << In.rdbuf())
      Src = SourceText{Buffer.str(), {}};
    else if (In)
      Src = SourceText{}; // an empty file
    if (Src)
      Src->Starts = lineStarts(Src->Text);
    It = Cache.emplace(Path, std::move(Src)).first;
  }
  return It->second ? &*It->second : nullptr;
}

SourceExcerpt excerptFor(const Finding &F, bool Verifiable, SourceFiles &Files,
                         unsigned Context) {
  const SourceText *Src = Files.read(F.File);
  if (!Src)
    return unusable(SourceExcerpt::State::Missing,
                    "source not found: " + F.File);

  // The finding's fix-its, or else the repair its note offers (what
  // --fix-notes applies).
  const std::vector<TextEdit> *Shown = &F.Fixes;
  const FindingNote *Repair = nullptr;
  if (F.Fixes.empty() && F.Notes.size() == 1 && !F.Notes[0].Fixes.empty()) {
    Repair = &F.Notes[0];
    Shown = &Repair->Fixes;
  }
  // Fixes in this file, in order; overlapping ones cannot all apply.
  std::vector<TextEdit> Fixes;
  for (const TextEdit &E : *Shown)
    if (E.File == F.File)
      Fixes.push_back(E);
  std::sort(Fixes.begin(), Fixes.end());
  for (std::size_t I = 1; I < Fixes.size(); ++I)
    if (Fixes[I - 1].Offset + Fixes[I - 1].Length > Fixes[I].Offset)
      return unusable(SourceExcerpt::State::Changed, "the fixes overlap");

  SourceExcerpt Out;
  Out.St = SourceExcerpt::State::Ok;
  if (Verifiable) {
    std::string Why = staleness(F, *Src, Fixes);
    if (!Why.empty())
      return unusable(SourceExcerpt::State::Changed,
                      "source changed since the analysis: " + Why);
  } else {
    Out.St = SourceExcerpt::State::Unverified;
    Out.Note = "the result records no offsets: the source is shown as it is "
               "now, unchecked";
    if (F.Line == 0 || F.Line > Src->lines())
      return unusable(SourceExcerpt::State::Changed,
                      "source changed since the analysis: the file has fewer "
                      "lines than when it was analysed");
    Fixes.erase(std::remove_if(Fixes.begin(), Fixes.end(),
                               [&](const TextEdit &E) {
                                 return std::size_t(E.Offset) + E.Length >
                                        Src->Text.size();
                               }),
                Fixes.end());
  }
  if (std::any_of(Shown->begin(), Shown->end(),
                  [&](const TextEdit &E) { return E.File != F.File; }))
    Out.Note += std::string(Out.Note.empty() ? "" : "; ") +
                "a fix edits another file (not shown)";
  if (Repair) {
    Out.IsRepair = true;
    Out.Note += std::string(Out.Note.empty() ? "" : "; ") +
                "verified repair, applied by --fix-notes: " + Repair->Message;
  }

  // The text with the fixes applied, diffed line by line: each change is
  // a hunk of its own with Context lines around it, as are the finding's
  // line and the call's; hunks at most Context lines apart are one.
  std::string Fixed;
  std::size_t At = 0;
  for (const TextEdit &E : Fixes) {
    Fixed.append(Src->Text, At, E.Offset - At);
    Fixed += E.Text;
    At = E.Offset + E.Length;
  }
  Fixed.append(Src->Text, At, std::string::npos);
  std::vector<std::string_view> Old = splitLinesKeepingEnds(Src->Text),
                                New = splitLinesKeepingEnds(Fixed);
  std::vector<DiffStep> Script = diffLines(Old, New);
  std::vector<std::size_t> Keep{F.Line - 1};
  if (F.CallLine && F.CallLine <= Src->lines())
    Keep.push_back(F.CallLine - 1);
  auto Text = [](std::string_view L) {
    while (!L.empty() && (L.back() == '\n' || L.back() == '\r'))
      L.remove_suffix(1);
    return std::string(L);
  };
  std::vector<DiffHunk> Hunks = hunksOf(Script, Context, Context, Keep);
  for (std::size_t H = 0; H < Hunks.size(); ++H) {
    if (H)
      Out.Lines.push_back({ExcerptLine::Gap, 0, "", false, false});
    for (std::size_t I = Hunks[H].Begin; I < Hunks[H].End; ++I) {
      const DiffStep &S = Script[I];
      if (S.K == DiffStep::Added) {
        Out.Lines.push_back({ExcerptLine::Added, unsigned(S.New + 1),
                             Text(New[S.New]), false, false});
        Out.HasFix = true;
        continue;
      }
      unsigned Number = S.Old + 1;
      Out.Lines.push_back({S.K == DiffStep::Removed ? ExcerptLine::Removed
                                                    : ExcerptLine::Context,
                           Number, Text(Old[S.Old]), Number == F.Line,
                           Number == F.CallLine});
      Out.HasFix |= S.K == DiffStep::Removed;
    }
  }
  return Out;
}

std::string callLineText(const Finding &F, bool Verifiable,
                         SourceFiles &Files) {
  const SourceText *Src = Files.read(F.File);
  if (!Verifiable || !Src || !F.CallLine || !staleness(F, *Src, {}).empty())
    return "";
  return collapseBlanks(Src->line(F.CallLine));
}

} // namespace retcheck
