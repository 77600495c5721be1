//===- CheckDocs.cpp - The documentation page of each check ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"

#include <cstring>

namespace retcheck {

extern const CheckDocPage CheckDocPages[];

std::string checkDoc(CheckKind K) {
  for (const CheckDocPage *P = CheckDocPages; P->Name; ++P)
    if (std::strcmp(P->Name, checkName(K)) == 0)
      return P->Text;
  return "";
}

std::string checkTitle(CheckKind K) {
  std::string Doc = checkDoc(K);
  std::string First = Doc.substr(0, Doc.find('\n'));
  // "# retcheck-ignored-result: a result that is thrown away"
  std::size_t Colon = First.find(": ");
  return Colon == std::string::npos ? checkName(K) : First.substr(Colon + 2);
}

std::string percentEncodePath(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    bool Unreserved = (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
                      (C >= '0' && C <= '9') || std::strchr("-._~/", C);
    if (Unreserved && C) {
      Out += char(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

std::string checkDocUri(CheckKind K, const std::string &BaseUrl) {
  if (BaseUrl.empty())
    return "";
  return BaseUrl + (BaseUrl.back() == '/' ? "" : "/") + checkName(K) + ".md";
}

} // namespace retcheck
