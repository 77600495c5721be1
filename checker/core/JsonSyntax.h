//===- JsonSyntax.h - JSON syntax errors, told plainly --------------------===//
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
  std::size_t Byte = 0; ///< nlohmann's position: just past the bad token
  std::string Reason;   ///< "syntax error while parsing object - ..."
};

/// Parses \p Text; nullopt and \p Error on a syntax error.
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
    return std::nullopt;
  }
}

} // namespace retcheck

#endif
