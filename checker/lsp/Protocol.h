//===- Protocol.h - The LSP types the language server speaks --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parts of LSP 3.17 that `retcheck lsp` uses, modelled on clangd's
// Protocol.h: positions (UTF-16 code units, as LSP counts by default),
// ranges, text edits, diagnostics, code actions and the JSON-RPC error
// codes, with their nlohmann/json conversions; file URIs.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_PROTOCOL_H
#define RETCHECK_LSP_PROTOCOL_H

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retcheck::lsp {

using json = nlohmann::json;

/// JSON-RPC and LSP error codes.
enum class ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

struct Position {
  int Line = 0;      ///< 0-based
  int Character = 0; ///< 0-based, in UTF-16 code units
};
bool operator<(const Position &A, const Position &B);
bool operator<=(const Position &A, const Position &B);

struct Range {
  Position Start, End;
  bool contains(Position P) const { return Start <= P && P <= End; }
  bool overlaps(const Range &O) const {
    return Start <= O.End && O.Start <= End;
  }
};

struct TextEdit {
  Range Where;
  std::string NewText;
};

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3 };

struct Diagnostic {
  Range Where;
  DiagnosticSeverity Severity = DiagnosticSeverity::Warning;
  std::string Code; ///< the check, "retcheck-ignored-result"
  std::string CodeUrl;
  std::string Message;
};

/// A quick fix: edits of one or more files, by URI.
struct CodeAction {
  std::string Title;
  bool Preferred = false;
  std::vector<std::pair<std::string, std::vector<TextEdit>>> Changes;
};

void to_json(json &J, const Position &P);
void from_json(const json &J, Position &P);
void to_json(json &J, const Range &R);
void from_json(const json &J, Range &R);
void to_json(json &J, const TextEdit &E);
void from_json(const json &J, TextEdit &E);
void to_json(json &J, const Diagnostic &D);
void from_json(const json &J, Diagnostic &D);
/// \p Diagnostic is the one the action fixes.
json codeActionJson(const CodeAction &A, const Diagnostic &Fixed);

/// The position of byte \p Offset of \p Text (clamped to its end).
Position positionAt(std::string_view Text, std::size_t Offset);

/// The byte offset of \p P in \p Text (clamped to its line and text).
std::size_t offsetAt(std::string_view Text, Position P);

/// "file:///a%20b/c.c" from "/a b/c.c".
std::string pathToUri(std::string_view Path);
/// The path of a file:// URI; nullopt for other schemes.
std::optional<std::string> uriToPath(std::string_view Uri);

} // namespace retcheck::lsp

#endif
