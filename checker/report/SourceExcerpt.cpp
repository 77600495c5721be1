//===- SourceExcerpt.cpp - The source around a finding, and its fix -------===//

#include "SourceExcerpt.h"

#include "output/Fingerprint.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace retcheck {

namespace {

/// Byte offsets at which each line of \p Text starts (1-based line N at
/// index N-1), with one past the end appended.
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
std::string staleness(const Finding &F, const std::string &Text,
                      const std::vector<std::size_t> &Starts,
                      const std::vector<TextEdit> &Fixes) {
  unsigned Lines = Starts.size() - 1;
  if (F.Line == 0 || F.Line > Lines)
    return "the file has fewer lines than when it was analysed";
  std::size_t Begin = Starts[F.Line - 1], End = Starts[F.Line];
  std::string LineText = Text.substr(Begin, End - Begin);
  if (!LineText.empty() && LineText.back() == '\n')
    LineText.pop_back();
  if (Begin + F.Column - 1 != F.Offset || !fingerprintMatchesLine(F, LineText))
    return "line " + std::to_string(F.Line) +
           " no longer reads as when it was analysed";
  for (const TextEdit &E : Fixes)
    if (std::size_t(E.Offset) + E.Length > Text.size())
      return "a fix lies past the end of the file";
  return "";
}

} // namespace

const std::string *SourceFiles::read(const std::string &Path) {
  auto It = Cache.find(Path);
  if (It == Cache.end()) {
    std::optional<std::string> Text;
    std::ifstream In(Path, std::ios::binary);
    std::ostringstream Buffer;
    if (In && Buffer << In.rdbuf())
      Text = Buffer.str();
    else if (In)
      Text = ""; // an empty file
    It = Cache.emplace(Path, std::move(Text)).first;
  }
  return It->second ? &*It->second : nullptr;
}

SourceExcerpt excerptFor(const Finding &F, bool Verifiable, SourceFiles &Files,
                         unsigned Context) {
  const std::string *Text = Files.read(F.File);
  if (!Text)
    return unusable(SourceExcerpt::State::Missing,
                    "source not found: " + F.File);
  std::vector<std::size_t> Starts = lineStarts(*Text);

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
    std::string Why = staleness(F, *Text, Starts, Fixes);
    if (!Why.empty())
      return unusable(SourceExcerpt::State::Changed,
                      "source changed since the analysis: " + Why);
  } else {
    Out.St = SourceExcerpt::State::Unverified;
    Out.Note = "the result records no offsets: the source is shown as it is "
               "now, unchecked";
    unsigned Lines = Starts.size() - 1;
    if (F.Line == 0 || F.Line > Lines)
      return unusable(SourceExcerpt::State::Changed,
                      "source changed since the analysis: the file has fewer "
                      "lines than when it was analysed");
    Fixes.erase(std::remove_if(Fixes.begin(), Fixes.end(),
                               [&](const TextEdit &E) {
                                 return std::size_t(E.Offset) + E.Length >
                                        Text->size();
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

  // The lines around the finding and every fix.
  unsigned First = F.Line, Last = F.Line;
  for (const TextEdit &E : Fixes) {
    First = std::min(First, lineOf(Starts, E.Offset));
    Last = std::max(Last, lineOf(Starts, E.Offset + E.Length));
  }
  unsigned LineCount = Starts.size() - 1;
  First = First > Context ? First - Context : 1;
  Last = std::min(Last + Context, LineCount);
  std::size_t Begin = Starts[First - 1], End = Starts[Last];
  std::string Before = Text->substr(Begin, End - Begin), After;
  std::size_t At = Begin;
  for (const TextEdit &E : Fixes) {
    After += Text->substr(At, E.Offset - At) + E.Text;
    At = E.Offset + E.Length;
  }
  After += Text->substr(At, End - At);
  Out.HasFix = !Fixes.empty();

  // One hunk: the lines both sides share at the top and the bottom are
  // context, the rest removed and added.
  std::vector<std::string> Old = splitLines(Before), New = splitLines(After);
  std::size_t Top = 0, Bottom = 0;
  while (Top < Old.size() && Top < New.size() && Old[Top] == New[Top])
    ++Top;
  while (Bottom < Old.size() - Top && Bottom < New.size() - Top &&
         Old[Old.size() - 1 - Bottom] == New[New.size() - 1 - Bottom])
    ++Bottom;
  auto Add = [&](ExcerptLine::Kind K, unsigned Number, const std::string &T) {
    Out.Lines.push_back(
        {K, Number, T, K != ExcerptLine::Added && Number == F.Line});
  };
  for (std::size_t I = 0; I < Top; ++I)
    Add(ExcerptLine::Context, First + I, Old[I]);
  for (std::size_t I = Top; I < Old.size() - Bottom; ++I)
    Add(ExcerptLine::Removed, First + I, Old[I]);
  for (std::size_t I = Top; I < New.size() - Bottom; ++I)
    Add(ExcerptLine::Added, First + I, New[I]);
  for (std::size_t I = Old.size() - Bottom; I < Old.size(); ++I)
    Add(ExcerptLine::Context, First + I, Old[I]);
  return Out;
}

} // namespace retcheck
