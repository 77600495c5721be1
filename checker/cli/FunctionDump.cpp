//===- FunctionDump.cpp - Every defined function, for measuring inference -===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionDump.h"

#include "output/Fingerprint.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace retcheck {

namespace {

const char *kindName(ValueKind::Kind K) {
  switch (K) {
  case ValueKind::Integer:
    return "int";
  case ValueKind::Bool:
    return "bool";
  case ValueKind::Pointer:
    return "pointer";
  case ValueKind::Other:
    break;
  }
  return "other";
}

struct Body {
  std::string File;
  uint32_t Line;
  const FunctionFact *Fact;
  bool operator<(const Body &O) const {
    return std::tie(File, Line) < std::tie(O.File, O.Line);
  }
};

} // namespace

void dumpFunctions(const std::vector<const TUFacts *> &TUs,
                   const std::string &SourceRoot, llvm::raw_ostream &OS) {
  // The facts keep each body once per run (FactDedup); bodies of one
  // exported name come from several files or targets.
  std::map<FunctionId, std::vector<Body>> Bodies;
  for (const TUFacts *TU : TUs)
    for (const FunctionFact &F : TU->Functions)
      Bodies[F.Id].push_back(
          {relativePath(TU->Files[F.Where.File].Path, SourceRoot), F.Where.Line,
           &F});
  OS << "name\tfile\tline\tkind\tresult_type\tlinkage\terror_param\tbodies"
        "\tstatic_file\n";
  for (auto &[Id, List] : Bodies) {
    std::sort(List.begin(), List.end());
    for (const Body &B : List)
      OS << Id.Name << '\t' << B.File << '\t' << B.Line << '\t'
         << kindName(B.Fact->Result.K) << '\t' << B.Fact->ResultType << '\t'
         << (Id.File.empty() ? "extern" : "static") << '\t'
         << B.Fact->ErrorParam << '\t' << List.size() << '\t'
         << (Id.File.empty() ? "" : relativePath(Id.File, SourceRoot)) << '\n';
  }
}

} // namespace retcheck
