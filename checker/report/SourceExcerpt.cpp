//===- SourceExcerpt.cpp - The source around a finding, and its fix -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SourceExcerpt.h"

#include "output/Fingerprint.h"

#include <algorithm>
#include <fstream>
#include <sstream>

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

/// The 1-based line holding byte \p Offset.
unsigned lineOf(const std::vector<std::size_t> &Starts, std::size_t Offset) {
  return std::upper_bound(Starts.begin(), Starts.end() - 1, Offset) -
         Starts.begin();
}

std::vector<std::string> splitLines(const std::string &Text) {
  std::vector<std::string> Lines;
  std::istringstream In(Text);
  for (std::string L; std::getline(In, L);) {
    if (!L.empty() && L.back() == '\r')
      L.pop_back();
    Lines.push_back(std::move(L));
  }
  return Lines;
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

/// Lines \p First to \p Last of \p Src as one hunk, with the fixes that lie
/// in them applied: the lines both sides share at the top and the bottom are
/// context, the rest removed and added.
void addHunk(SourceExcerpt &Out, const SourceText &Src, unsigned First,
             unsigned Last, const std::vector<TextEdit> &Fixes,
             const Finding &F) {
  std::size_t Begin = Src.Starts[First - 1], End = Src.Starts[Last];
  std::string Before = Src.Text.substr(Begin, End - Begin), After;
  std::size_t At = Begin;
  for (const TextEdit &E : Fixes) {
    if (E.Offset < Begin || std::size_t(E.Offset) + E.Length > End)
      continue;
    After += Src.Text.substr(At, E.Offset - At) + E.Text;
    At = E.Offset + E.Length;
    Out.HasFix = true;
  }
  After += Src.Text.substr(At, End - At);

  std::vector<std::string> Old = splitLines(Before), New = splitLines(After);
  std::size_t Top = 0, Bottom = 0;
  while (Top < Old.size() && Top < New.size() && Old[Top] == New[Top])
    ++Top;
  while (Bottom < Old.size() - Top && Bottom < New.size() - Top &&
         Old[Old.size() - 1 - Bottom] == New[New.size() - 1 - Bottom])
    ++Bottom;
  auto Add = [&](ExcerptLine::Kind K, unsigned Number, const std::string &T) {
    bool Old = K != ExcerptLine::Added;
    Out.Lines.push_back(
        {K, Number, T, Old && Number == F.Line, Old && Number == F.CallLine});
  };
  for (std::size_t I = 0; I < Top; ++I)
    Add(ExcerptLine::Context, First + I, Old[I]);
  for (std::size_t I = Top; I < Old.size() - Bottom; ++I)
    Add(ExcerptLine::Removed, First + I, Old[I]);
  for (std::size_t I = Top; I < New.size() - Bottom; ++I)
    Add(ExcerptLine::Added, First + I, New[I]);
  for (std::size_t I = Old.size() - Bottom; I < Old.size(); ++I)
    Add(ExcerptLine::Context, First + I, Old[I]);
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

  // The lines around the finding and every fix, and around the call.
  unsigned Lines = Src->lines();
  auto Around = [&](unsigned From, unsigned To) {
    return std::make_pair(From > Context ? From - Context : 1,
                          std::min(To + Context, Lines));
  };
  unsigned First = F.Line, Last = F.Line;
  for (const TextEdit &E : Fixes) {
    First = std::min(First, lineOf(Src->Starts, E.Offset));
    Last = std::max(Last, lineOf(Src->Starts, E.Offset + E.Length));
  }
  std::vector<std::pair<unsigned, unsigned>> Hunks{Around(First, Last)};
  if (F.CallLine && F.CallLine <= Lines) {
    auto Call = Around(F.CallLine, F.CallLine);
    auto &Test = Hunks.front();
    bool Above = Call.second<Test.first, Below = Call.first> Test.second;
    unsigned Between = Above   ? Test.first - Call.second - 1
                       : Below ? Call.first - Test.second - 1
                               : 0;
    // One hunk when at most Context lines would be left out between them.
    if (Between > Context && Above)
      Hunks.insert(Hunks.begin(), Call);
    else if (Between > Context)
      Hunks.push_back(Call);
    else
      Test = {std::min(Test.first, Call.first),
              std::max(Test.second, Call.second)};
  }
  for (std::size_t I = 0; I < Hunks.size(); ++I) {
    if (I)
      Out.Lines.push_back({ExcerptLine::Gap, 0, "", false, false});
    addHunk(Out, *Src, Hunks[I].first, Hunks[I].second, Fixes, F);
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
