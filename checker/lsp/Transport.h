//===- Transport.h - JSON-RPC messages framed with Content-Length ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LSP's base protocol: each message is a header block (`Content-Length: N`,
// other headers ignored, each line ended by CRLF, the block by an empty
// line) and N bytes of JSON. The reader is fed whatever the pipe gave and
// hands out whole messages; a broken header is an error that it reports
// and skips, so that the server reads on.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_TRANSPORT_H
#define RETCHECK_LSP_TRANSPORT_H

#include <optional>
#include <string>
#include <string_view>

namespace retcheck::lsp {

class MessageReader {
public:
  /// A message's body, or why the bytes before it were not a message.
  struct Frame {
    std::string Body;
    std::string Error; ///< set: a framing error, Body empty
  };

  void feed(std::string_view Bytes) { Buffer.append(Bytes); }
  /// The next frame, or nullopt until more bytes arrive.
  std::optional<Frame> next();

private:
  std::string Buffer;
  std::optional<std::size_t> Length; ///< of the body being read
};

/// Writes \p Body to \p Fd with its header; false if the reader is gone.
bool writeFrame(int Fd, std::string_view Body);

} // namespace retcheck::lsp

#endif
