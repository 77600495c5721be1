//===- JsonSyntax.h - JSON syntax errors, told plainly --------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Rules files and results are parsed with nlohmann, whose parse_error text
// starts with its own id and position; readers say where in their own words.
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CORE_JSONSYNTAX_H
#define RETCHECK_CORE_JSONSYNTAX_H

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace retcheck {

struct JsonSyntaxError {
  /// nlohmann's position, just past the bad token; 0 when it gives none
  /// (a number out of range).
  std::size_t Byte = 0;
  std::string Reason; ///< "syntax error while parsing object - ..."

  /// "at byte 12 (line 2, column 3): <Reason>", or the reason alone.
  std::string describe(const std::string &Text) const {
    if (Byte == 0)
      return Reason;
    std::size_t Line = 1, Column = 0;
    for (std::size_t I = 0; I < Byte && I < Text.size(); ++I)
      Column = Text[I] == '\n' ? (++Line, 0) : Column + 1;
    return "at byte " + std::to_string(Byte) + " (line " +
           std::to_string(Line) + ", column " +
           std::to_string(Column ? Column : 1) + "): " + Reason;
  }
};

/// Parses \p Text; nullopt and \p Error when it is not JSON, including a
/// number nlohmann cannot hold (1e309), which it throws as out_of_range.
inline std::optional<nlohmann::json> parseJson(const std::string &Text,
                                               JsonSyntaxError &Error) {
  try {
    return nlohmann::json::parse(Text);
  } catch (const nlohmann::json::parse_error &E) {
    // Drop the "[json.exception.parse_error.101] parse error at line 1,
    // column 2: " prefix.
    std::string What = E.what();
    std::size_t Colon = What.find(": ", What.find("parse error"));
    Error = {E.byte,
             Colon == std::string::npos ? What : What.substr(Colon + 2)};
  } catch (const nlohmann::json::exception &E) {
    std::string What = E.what(); // "[json.exception.out_of_range.406] ..."
    std::size_t Id = What.find("] ");
    Error = {0, Id == std::string::npos ? What : What.substr(Id + 2)};
  }
  return std::nullopt;
}

} // namespace retcheck

#endif
