//===- LineDiff.cpp - Line diffs of a text and its edited version ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LineDiff.h"

#include <algorithm>

namespace retcheck {

std::vector<std::string_view> splitLinesKeepingEnds(std::string_view Text) {
  std::vector<std::string_view> Lines;
  std::size_t Begin = 0;
  while (Begin < Text.size()) {
    std::size_t End = Text.find('\n', Begin);
    End = End == std::string_view::npos ? Text.size() : End + 1;
    Lines.push_back(Text.substr(Begin, End - Begin));
    Begin = End;
  }
  return Lines;
}

namespace {

using Lines = std::vector<std::string_view>;

/// Edit scripts longer than this are not searched for: the middles are
/// then shown as removed and added whole (the memory Myers' trace takes
/// grows with its square).
constexpr long MaxEdits = 2000;

/// Appends the shortest edit script from Old[A0, A1) to New[B0, B1).
void middle(const Lines &Old, const Lines &New, std::size_t A0, std::size_t A1,
            std::size_t B0, std::size_t B1, std::vector<DiffStep> &Out) {
  long N = long(A1 - A0), M = long(B1 - B0);
  auto Whole = [&] {
    for (std::size_t I = A0; I < A1; ++I)
      Out.push_back({DiffStep::Removed, I, B0});
    for (std::size_t J = B0; J < B1; ++J)
      Out.push_back({DiffStep::Added, A1, J});
  };
  if (N == 0 || M == 0)
    return Whole();
  long Max = std::min(N + M, MaxEdits);
  // V[k + Max]: the furthest x reached on diagonal k = x - y; Trace[d] the
  // diagonals -d..d after d edits, for the way back.
  std::vector<long> V(2 * Max + 3, 0);
  std::vector<std::vector<long>> Trace;
  long Edits = -1;
  for (long D = 0; D <= Max && Edits < 0; ++D) {
    for (long K = -D; K <= D; K += 2) {
      long X = K == -D || (K != D && V[K - 1 + Max + 1] < V[K + 1 + Max + 1])
                   ? V[K + 1 + Max + 1]
                   : V[K - 1 + Max + 1] + 1;
      long Y = X - K;
      while (X < N && Y < M && Old[A0 + X] == New[B0 + Y])
        ++X, ++Y;
      V[K + Max + 1] = X;
      if (X >= N && Y >= M)
        Edits = D;
    }
    Trace.emplace_back(V.begin() + (Max + 1 - D), V.begin() + (Max + 2 + D));
  }
  if (Edits < 0)
    return Whole();

  std::vector<DiffStep> Back;
  long X = N, Y = M;
  for (long D = Edits; D > 0; --D) {
    const std::vector<long> &Prev = Trace[D - 1]; // diagonals -(D-1)..D-1
    auto At = [&](long K) { return Prev[K + D - 1]; };
    long K = X - Y;
    bool Down = K == -D || (K != D && At(K - 1) < At(K + 1));
    long PrevK = Down ? K + 1 : K - 1;
    long PrevX = At(PrevK), PrevY = PrevX - PrevK;
    long SnakeX = Down ? PrevX : PrevX + 1;
    while (X > SnakeX) {
      --X, --Y;
      Back.push_back({DiffStep::Same, A0 + X, B0 + Y});
    }
    if (Down)
      Back.push_back({DiffStep::Added, A0 + PrevX, B0 + PrevY});
    else
      Back.push_back({DiffStep::Removed, A0 + PrevX, B0 + PrevY});
    X = PrevX, Y = PrevY;
  }
  while (X > 0) {
    --X, --Y;
    Back.push_back({DiffStep::Same, A0 + X, B0 + Y});
  }
  Out.insert(Out.end(), Back.rbegin(), Back.rend());
}

} // namespace

std::vector<DiffStep> diffLines(const Lines &Old, const Lines &New) {
  std::size_t N = Old.size(), M = New.size();
  std::size_t Top = 0, Bottom = 0;
  while (Top < N && Top < M && Old[Top] == New[Top])
    ++Top;
  while (Bottom < N - Top && Bottom < M - Top &&
         Old[N - 1 - Bottom] == New[M - 1 - Bottom])
    ++Bottom;
  std::vector<DiffStep> Out;
  for (std::size_t I = 0; I < Top; ++I)
    Out.push_back({DiffStep::Same, I, I});
  middle(Old, New, Top, N - Bottom, Top, M - Bottom, Out);
  for (std::size_t I = 0; I < Bottom; ++I)
    Out.push_back({DiffStep::Same, N - Bottom + I, M - Bottom + I});
  return Out;
}

std::vector<DiffHunk> hunksOf(const std::vector<DiffStep> &Script,
                              std::size_t Context, std::size_t MergeGap,
                              const std::vector<std::size_t> &Keep) {
  std::vector<DiffHunk> Hunks;
  for (std::size_t I = 0; I < Script.size(); ++I) {
    const DiffStep &S = Script[I];
    bool Shown = S.K != DiffStep::Same;
    if (!Shown && S.K != DiffStep::Added)
      Shown = std::find(Keep.begin(), Keep.end(), S.Old) != Keep.end();
    if (!Shown)
      continue;
    DiffHunk H{I > Context ? I - Context : 0,
               std::min(I + Context + 1, Script.size())};
    if (!Hunks.empty() && H.Begin <= Hunks.back().End + MergeGap)
      Hunks.back().End = std::max(Hunks.back().End, H.End);
    else
      Hunks.push_back(H);
  }
  return Hunks;
}

std::string unifiedDiff(std::string_view Old, std::string_view New,
                        const std::string &Path, std::size_t Context) {
  Lines A = splitLinesKeepingEnds(Old), B = splitLinesKeepingEnds(New);
  std::vector<DiffStep> Script = diffLines(A, B);
  std::vector<DiffHunk> Hunks = hunksOf(Script, Context, 0);
  if (Hunks.empty())
    return "";
  std::string Out = "--- a/" + Path + "\n+++ b/" + Path + "\n";
  auto Line = [&](char Mark, std::string_view Text) {
    Out += Mark;
    Out += Text;
    if (Text.empty() || Text.back() != '\n')
      Out += "\n\\ No newline at end of file\n";
  };
  for (const DiffHunk &H : Hunks) {
    // Where each side starts: the first line it shows, or for a side that
    // shows none, the line before the place (diff's convention).
    std::size_t OldCount = 0, NewCount = 0;
    for (std::size_t I = H.Begin; I < H.End; ++I) {
      OldCount += Script[I].K != DiffStep::Added;
      NewCount += Script[I].K != DiffStep::Removed;
    }
    std::size_t OldStart = Script[H.Begin].Old, NewStart = Script[H.Begin].New;
    Out += "@@ -" + std::to_string(OldStart + (OldCount ? 1 : 0)) + "," +
           std::to_string(OldCount) + " +" +
           std::to_string(NewStart + (NewCount ? 1 : 0)) + "," +
           std::to_string(NewCount) + " @@\n";
    for (std::size_t I = H.Begin; I < H.End; ++I) {
      const DiffStep &S = Script[I];
      if (S.K == DiffStep::Same)
        Line(' ', A[S.Old]);
      else if (S.K == DiffStep::Removed)
        Line('-', A[S.Old]);
      else
        Line('+', B[S.New]);
    }
  }
  return Out;
}

} // namespace retcheck
