//===- EvidenceNotes.cpp - Why an inferred contract holds, as notes -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "EvidenceNotes.h"

#include "support/Paths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace llvm;

namespace retcheck {

namespace {

/// "PATH:LINE: TEXT" split, as Inference writes a return's evidence.
struct Place {
  StringRef Path;
  unsigned Line = 0;
  StringRef Text;
};

std::optional<Place> placeOf(StringRef Evidence) {
  for (std::size_t Colon = Evidence.find(':'); Colon != StringRef::npos;
       Colon = Evidence.find(':', Colon + 1)) {
    StringRef Rest = Evidence.substr(Colon + 1);
    StringRef Digits = Rest.take_while(isDigit);
    Place P;
    if (Colon == 0 || Digits.empty() || Digits.getAsInteger(10, P.Line) ||
        !Rest.drop_front(Digits.size()).starts_with(": "))
      continue;
    P.Path = Evidence.take_front(Colon);
    P.Text = Rest.drop_front(Digits.size() + 2);
    return P;
  }
  return std::nullopt;
}

/// \p Path below the first of \p Bases that has it; "" when none does.
std::string findFile(StringRef Path, const std::vector<std::string> &Bases) {
  if (sys::path::is_absolute(Path))
    return sys::fs::is_regular_file(Path) ? Path.str() : "";
  for (const std::string &Base : Bases) {
    std::string Candidate = absolutePath(Path, Base);
    if (sys::fs::is_regular_file(Candidate))
      return Candidate;
  }
  return "";
}

/// Points \p N at the first non-blank of line \p Line of its file; false
/// when the file is shorter.
bool pointAtLine(FindingNote &N, unsigned Line) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(N.File);
  if (!Text || Line == 0)
    return false;
  StringRef Bytes = (*Text)->getBuffer();
  std::size_t Offset = 0;
  for (unsigned L = 1; L < Line; ++L) {
    Offset = Bytes.find('\n', Offset);
    if (Offset == StringRef::npos)
      return false;
    ++Offset;
  }
  StringRef Rest = Bytes.substr(Offset);
  std::size_t Blanks = Rest.find_first_not_of(" \t");
  if (Blanks == StringRef::npos || Rest[Blanks] == '\n')
    Blanks = 0;
  N.Line = Line;
  N.Column = Blanks + 1;
  N.Offset = Offset + Blanks;
  return true;
}

} // namespace

std::vector<FindingNote> evidenceNotes(const Finding &F,
                                       std::vector<std::string> Bases) {
  std::vector<FindingNote> Notes;
  if (!F.Inferred)
    return Notes;
  for (StringRef Dir = sys::path::parent_path(F.File); !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    Bases.push_back(Dir.str());
    if (Dir == sys::path::root_path(Dir))
      break;
  }
  std::string Name = "'" + F.Function + "'";
  for (const std::string &Evidence : F.Evidence) {
    FindingNote N;
    std::optional<Place> P = placeOf(Evidence);
    if (P) {
      N.File = findFile(P->Path, Bases);
      N.Message = "inferred from " + Name + ", which " + P->Text.str();
      if (N.File.empty() || !pointAtLine(N, P->Line)) {
        N.File.clear();
        N.Message =
            P->Path.str() + ":" + std::to_string(P->Line) + ": " + N.Message;
      }
    } else {
      N.Message = "inferred contract of " + Name + ": " + Evidence;
    }
    Notes.push_back(std::move(N));
  }
  if (Notes.empty())
    Notes.push_back({"inferred contract of " + Name, "", 0, 0, 0, {}});
  std::string Confidence;
  raw_string_ostream(Confidence)
      << format("%.2f", std::round(F.Confidence * 100) / 100);
  Notes.back().Message += " (confidence " + Confidence + ")";
  return Notes;
}

} // namespace retcheck
