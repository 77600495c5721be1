//===- DocumentStore.cpp - The documents an editor has open ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DocumentStore.h"

namespace retcheck::lsp {

Document &DocumentStore::open(const std::string &Uri, std::string Path,
                              int64_t Version, std::string Text) {
  Document &D = Documents[Uri];
  D = Document();
  D.Path = std::move(Path);
  D.Version = Version;
  D.Text = std::move(Text);
  return D;
}

Document *DocumentStore::change(const std::string &Uri, int64_t Version,
                                const json &Changes) {
  Document *D = find(Uri);
  if (!D)
    return nullptr;
  for (const json &C : Changes) {
    if (!C.contains("range")) {
      C.at("text").get_to(D->Text);
      continue;
    }
    Range R = C.at("range").get<Range>();
    std::size_t Begin = offsetAt(D->Text, R.Start);
    std::size_t End = std::max(Begin, offsetAt(D->Text, R.End));
    D->Text.replace(Begin, End - Begin, C.at("text").get<std::string>());
  }
  D->Version = Version;
  return D;
}

Document *DocumentStore::find(const std::string &Uri) {
  auto It = Documents.find(Uri);
  return It == Documents.end() ? nullptr : &It->second;
}

} // namespace retcheck::lsp
