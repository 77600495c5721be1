//===- CheckDocs.cpp - The documentation page of each check ---------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

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

std::string checkDocUri(CheckKind K, const std::string &BaseUrl,
                        const std::string &DocsDir) {
  std::string Page = std::string(checkName(K)) + ".md";
  if (!BaseUrl.empty())
    return BaseUrl + (BaseUrl.back() == '/' ? "" : "/") + Page;
  return "file://" + percentEncodePath(DocsDir + "/" + Page);
}

std::string defaultDocsDir(const std::string &ExecutablePath) {
  if (const char *Env = std::getenv("RETCHECK_DOCS_DIR"))
    return Env;
  std::string Bin = ExecutablePath.substr(0, ExecutablePath.rfind('/'));
  std::string Prefix = Bin.substr(0, Bin.rfind('/'));
  std::string Installed = Prefix + "/share/doc/retcheck/checks";
  if (std::ifstream(Installed + "/retcheck-ignored-result.md"))
    return Installed;
  return RETCHECK_SOURCE_DOCS_DIR;
}

} // namespace retcheck
