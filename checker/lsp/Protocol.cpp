//===- Protocol.cpp - The LSP types the language server speaks ------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Protocol.h"

#include "output/CheckDocs.h"

#include <algorithm>
#include <tuple>

namespace retcheck::lsp {

bool operator<(const Position &A, const Position &B) {
  return std::tie(A.Line, A.Character) < std::tie(B.Line, B.Character);
}
bool operator<=(const Position &A, const Position &B) { return !(B < A); }

void to_json(json &J, const Position &P) {
  J = {{"line", P.Line}, {"character", P.Character}};
}
void from_json(const json &J, Position &P) {
  J.at("line").get_to(P.Line);
  J.at("character").get_to(P.Character);
}
void to_json(json &J, const Range &R) {
  J = {{"start", R.Start}, {"end", R.End}};
}
void from_json(const json &J, Range &R) {
  J.at("start").get_to(R.Start);
  J.at("end").get_to(R.End);
}
void to_json(json &J, const TextEdit &E) {
  J = {{"range", E.Where}, {"newText", E.NewText}};
}
void from_json(const json &J, TextEdit &E) {
  J.at("range").get_to(E.Where);
  J.at("newText").get_to(E.NewText);
}
void to_json(json &J, const Diagnostic &D) {
  J = {{"range", D.Where},
       {"severity", static_cast<int>(D.Severity)},
       {"source", "retcheck"},
       {"message", D.Message}};
  if (!D.Code.empty())
    J["code"] = D.Code;
  if (!D.CodeUrl.empty())
    J["codeDescription"] = {{"href", D.CodeUrl}};
}
void from_json(const json &J, Diagnostic &D) {
  J.at("range").get_to(D.Where);
  D.Severity = static_cast<DiagnosticSeverity>(J.value("severity", 2));
  D.Code = J.value("code", "");
  D.Message = J.value("message", "");
  if (J.contains("codeDescription"))
    D.CodeUrl = J["codeDescription"].value("href", "");
}

json codeActionJson(const CodeAction &A, const Diagnostic &Fixed) {
  json Changes = json::object();
  for (const auto &[Uri, Edits] : A.Changes)
    Changes[Uri] = Edits;
  json J = {{"title", A.Title},
            {"kind", "quickfix"},
            {"diagnostics", json::array({Fixed})},
            {"edit", {{"changes", Changes}}}};
  if (A.Preferred)
    J["isPreferred"] = true;
  return J;
}

Position positionAt(std::string_view Text, std::size_t Offset) {
  Offset = std::min(Offset, Text.size());
  Position P;
  std::size_t LineStart = 0;
  for (std::size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++P.Line;
      LineStart = I + 1;
    }
  // UTF-16 code units: one per UTF-8 lead byte, two for 4-byte sequences.
  for (std::size_t I = LineStart; I < Offset; ++I) {
    unsigned char C = Text[I];
    if ((C & 0xC0) != 0x80)
      P.Character += (C >= 0xF0) ? 2 : 1;
  }
  return P;
}

std::size_t offsetAt(std::string_view Text, Position P) {
  std::size_t Offset = 0;
  for (int Line = 0; Line < P.Line; ++Line) {
    std::size_t Eol = Text.find('\n', Offset);
    if (Eol == std::string_view::npos)
      return Text.size();
    Offset = Eol + 1;
  }
  for (int Units = 0; Offset < Text.size() && Text[Offset] != '\n';) {
    unsigned char C = Text[Offset];
    int Width = C >= 0xF0 ? 2 : 1;
    if (Units + Width > P.Character)
      break;
    Units += Width;
    // Past the lead byte and its continuation bytes.
    do
      ++Offset;
    while (Offset < Text.size() && (Text[Offset] & 0xC0) == 0x80);
  }
  return Offset;
}

namespace {
int hexValue(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return -1;
}
} // namespace

std::string pathToUri(std::string_view Path) {
  return "file://" + percentEncodePath(std::string(Path));
}

std::optional<std::string> uriToPath(std::string_view Uri) {
  constexpr std::string_view Scheme = "file://";
  if (Uri.substr(0, Scheme.size()) != Scheme)
    return std::nullopt;
  Uri.remove_prefix(Scheme.size());
  // file://host/path: only the local host.
  std::size_t Slash = Uri.find('/');
  if (Slash == std::string_view::npos)
    return std::nullopt;
  Uri.remove_prefix(Slash);
  std::string Path;
  for (std::size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() && hexValue(Uri[I + 1]) >= 0 &&
        hexValue(Uri[I + 2]) >= 0) {
      Path +=
          static_cast<char>(hexValue(Uri[I + 1]) * 16 + hexValue(Uri[I + 2]));
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  return Path;
}

} // namespace retcheck::lsp
