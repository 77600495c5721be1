//===- DocumentStore.h - The documents an editor has open -----------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each open document's text and version, as didOpen and didChange give
// them, and the findings last published for it with the version they
// were computed from: hover and code actions answer only from findings of
// the document's current version.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_DOCUMENTSTORE_H
#define RETCHECK_LSP_DOCUMENTSTORE_H

#include "FindingView.h"
#include "Protocol.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retcheck::lsp {

struct Document {
  std::string Path;
  int64_t Version = 0;
  std::string Text;
  /// The findings published, and the version they are of.
  std::vector<FindingView> Findings;
  std::optional<int64_t> FindingsVersion;

  /// The findings, if they are of the current text.
  const std::vector<FindingView> *currentFindings() const {
    return FindingsVersion == Version ? &Findings : nullptr;
  }
};

class DocumentStore {
public:
  Document &open(const std::string &Uri, std::string Path, int64_t Version,
                 std::string Text);
  /// Applies didChange's contentChanges (whole texts or ranges), in order.
  /// Null if the document is not open.
  Document *change(const std::string &Uri, int64_t Version,
                   const json &Changes);
  void close(const std::string &Uri) { Documents.erase(Uri); }
  Document *find(const std::string &Uri);
  std::map<std::string, Document> &all() { return Documents; }

private:
  std::map<std::string, Document> Documents;
};

} // namespace retcheck::lsp

#endif
