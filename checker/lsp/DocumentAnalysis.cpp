//===- DocumentAnalysis.cpp - What an open document's analysis returns ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DocumentAnalysis.h"

namespace retcheck::lsp {

void to_json(json &J, const DocumentResult &R) {
  J = {{"findings", R.Findings},
       {"problems", R.Problems},
       {"rulesFiles", R.RulesFiles}};
}

void from_json(const json &J, DocumentResult &R) {
  J.at("findings").get_to(R.Findings);
  J.at("problems").get_to(R.Problems);
  J.at("rulesFiles").get_to(R.RulesFiles);
}

} // namespace retcheck::lsp
