//===- Transport.cpp - JSON-RPC messages framed with Content-Length -------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Transport.h"

#include "support/FdIO.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace retcheck::lsp {

namespace {
/// A header block longer than this without its end is not one.
constexpr std::size_t MaxHeaderBytes = 64 * 1024;
/// Nor is a body longer than this.
constexpr std::size_t MaxBodyBytes = 1u << 30;

bool startsWithNoCase(std::string_view S, std::string_view Prefix) {
  if (S.size() < Prefix.size())
    return false;
  for (std::size_t I = 0; I < Prefix.size(); ++I)
    if (std::tolower(static_cast<unsigned char>(S[I])) !=
        std::tolower(static_cast<unsigned char>(Prefix[I])))
      return false;
  return true;
}
} // namespace

std::optional<MessageReader::Frame> MessageReader::next() {
  if (!Length) {
    std::size_t End = Buffer.find("\r\n\r\n");
    if (End == std::string::npos) {
      if (Buffer.size() <= MaxHeaderBytes)
        return std::nullopt;
      Buffer.clear();
      return Frame{"", "a header block of more than 64 KiB without its end"};
    }
    std::string_view Headers(Buffer.data(), End);
    std::optional<std::size_t> Found;
    std::string Error;
    while (!Headers.empty()) {
      std::size_t Eol = Headers.find("\r\n");
      std::string_view Line = Headers.substr(0, Eol);
      Headers.remove_prefix(Eol == std::string_view::npos ? Headers.size()
                                                          : Eol + 2);
      constexpr std::string_view Key = "content-length:";
      if (!startsWithNoCase(Line, Key))
        continue;
      std::string Value(Line.substr(Key.size()));
      char *Rest = nullptr;
      unsigned long long N = std::strtoull(Value.c_str(), &Rest, 10);
      while (Rest && (*Rest == ' ' || *Rest == '\t'))
        ++Rest;
      if (Value.find_first_of("0123456789") == std::string::npos ||
          (Rest && *Rest) || N > MaxBodyBytes)
        Error = "bad Content-Length header '" + std::string(Line) + "'";
      else
        Found = N;
    }
    Buffer.erase(0, End + 4);
    if (!Error.empty())
      return Frame{"", Error};
    if (!Found)
      return Frame{"", "a header block without Content-Length"};
    Length = Found;
  }
  if (Buffer.size() < *Length)
    return std::nullopt;
  Frame F{Buffer.substr(0, *Length), ""};
  Buffer.erase(0, *Length);
  Length.reset();
  return F;
}

bool writeFrame(int Fd, std::string_view Body) {
  std::string Message =
      "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n";
  Message.append(Body);
  return writeAll(Fd, Message.data(), Message.size());
}

} // namespace retcheck::lsp
