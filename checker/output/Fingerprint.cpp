//===- Fingerprint.cpp - Identities of findings that survive edits --------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace retcheck {

namespace {

constexpr uint64_t FnvOffsetBasis = 1469598103934665603ULL;

/// FNV-1a of \p S, continuing from \p H (the hash of what came before).
uint64_t fnv1a(const std::string &S, uint64_t H = FnvOffsetBasis) {
  for (unsigned char C : S) {
    H ^= C;
    H *= 1099511628211ULL;
  }
  return H;
}

std::string hex(uint64_t V) {
  char Buf[17];
  std::snprintf(Buf, sizeof Buf, "%016llx", static_cast<unsigned long long>(V));
  return Buf;
}

/// The text of 1-based \p Line, with runs of blanks collapsed.
std::string lineText(const std::string &File, unsigned Line,
                     std::map<std::string, std::vector<std::string>> &Cache) {
  auto It = Cache.find(File);
  if (It == Cache.end()) {
    std::vector<std::string> Lines;
    std::ifstream In(File, std::ios::binary);
    for (std::string L; std::getline(In, L);)
      Lines.push_back(std::move(L));
    It = Cache.emplace(File, std::move(Lines)).first;
  }
  if (Line == 0 || Line > It->second.size())
    return "";
  return collapseBlanks(It->second[Line - 1]);
}

// Not the enclosing function: a call moved into a renamed or split function
// is the same finding.
std::string fingerprintKey(const Finding &F, const std::string &Text) {
  return F.RelativeFile + '\0' + checkName(F.Check) + '\0' + F.Function + '\0' +
         Text;
}

/// The fingerprint of the \p Index-th finding with \p KeyHash, the hash of
/// its key and a NUL.
std::string fingerprintOf(uint64_t KeyHash, unsigned Index) {
  return hex(fnv1a(std::to_string(Index), KeyHash));
}

} // namespace

std::string collapseBlanks(const std::string &Line) {
  std::string Out;
  bool Blank = false;
  for (char C : Line) {
    bool IsBlank = C == ' ' || C == '\t' || C == '\r';
    if (IsBlank && !Out.empty())
      Blank = true;
    if (IsBlank)
      continue;
    if (Blank)
      Out += ' ';
    Blank = false;
    Out += C;
  }
  return Out;
}

std::string commonDirectory(const std::vector<std::string> &Files) {
  if (Files.empty())
    return "/";
  std::string Common = Files.front().substr(0, Files.front().rfind('/') + 1);
  for (const std::string &F : Files) {
    while (F.compare(0, Common.size(), Common) != 0) {
      Common.pop_back();
      Common = Common.substr(0, Common.rfind('/') + 1);
    }
  }
  return Common.empty() ? "/" : Common;
}

void assignFingerprints(std::vector<Finding> &Findings,
                        const std::string &SourceRoot) {
  std::map<std::string, std::vector<std::string>> Lines;
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings) {
    F.RelativeFile = relativePath(F.File, SourceRoot);
    std::string Key = fingerprintKey(F, lineText(F.File, F.Line, Lines));
    F.Fingerprint = fingerprintOf(fnv1a(Key + '\0'), Seen[Key]++);
  }
}

bool fingerprintMatchesLine(const Finding &F, const std::string &LineText) {
  uint64_t KeyHash = fnv1a(fingerprintKey(F, collapseBlanks(LineText)) + '\0');
  // The index counts earlier findings with the same key in the same run;
  // any real file has far fewer.
  for (unsigned Index = 0; Index < 4096; ++Index)
    if (fingerprintOf(KeyHash, Index) == F.Fingerprint)
      return true;
  return false;
}

} // namespace retcheck
