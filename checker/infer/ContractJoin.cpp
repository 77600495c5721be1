//===- ContractJoin.cpp - One contract for many bodies or bound functions -===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ContractJoin.h"

#include <algorithm>

namespace retcheck {

namespace {

/// Whether \p Evidence names a place (`hw/core/loader.c:95: returns -1`).
bool placed(const std::string &Evidence) {
  std::size_t Colon = Evidence.find(": ");
  if (Colon == std::string::npos)
    return false;
  std::size_t Line = Evidence.rfind(':', Colon - 1);
  return Line != std::string::npos && Line + 1 < Colon &&
         std::all_of(Evidence.begin() + Line + 1, Evidence.begin() + Colon,
                     [](char C) { return C >= '0' && C <= '9'; });
}

} // namespace

void ContractJoin::add(const std::string &Name, const std::string &Where,
                       const Rule *R) {
  ++Members;
  if (!R)
    return;
  std::optional<Contract> C = resolveContract(*R, T, {});
  if (!C || C->Errors.empty())
    return;
  ++Failing;
  Errors = Errors.unite(C->Errors);
  Success = Success.unite(C->Success);
  SuccessKnown &= C->SuccessKnown;
  Strength = std::max(Strength, R->Inferred ? R->Inferred->Confidence : 0.9);
  AllReport &= R->Inferred && R->Inferred->ReportsItself;
  AllComment &= R->Inferred && R->Inferred->FromComment;
  if (R->FailsWhen.empty())
    AnyCall = true;
  else
    Cases.insert(Cases.end(), R->FailsWhen.begin(), R->FailsWhen.end());
  if (!R->ErrorOut || (ErrorOut && ErrorOut->Index != R->ErrorOut->Index)) {
    ErrorOutAgrees = false;
  } else if (!ErrorOut) {
    ErrorOut = R->ErrorOut;
  } else {
    ErrorOut->SetOnFailure &= R->ErrorOut->SetOnFailure;
  }

  // Its evidence, saying which member it is about (a body's places say it
  // already); its own failure cases are the join's to say.
  std::string Member =
      Name.empty() ? ""
                   : "'" + Name + "'" +
                         (Where.empty() ? "" : " (bound at " + Where + ")");
  if (!R->Inferred) {
    Evidence.push_back((Member.empty() ? "a body" : Member) +
                       " has a written contract (" + R->Origin + ")");
    return;
  }
  unsigned Taken = 0;
  for (const std::string &E : R->Inferred->Evidence) {
    if (Taken == 2)
      break;
    if (placed(E)) {
      Evidence.push_back(Member.empty() ? E : E + ", in " + Member);
    } else if (E.rfind("fails only when", 0) == 0) {
      continue;
    } else {
      Evidence.push_back(Member.empty() ? E : Member + ": " + E);
    }
    ++Taken;
  }
}

std::optional<ValueSet> ContractJoin::success() const {
  if (!SuccessKnown)
    return std::nullopt;
  return Success.intersect(Errors.complement(T));
}

std::vector<FailureCase> ContractJoin::failsWhen() const {
  if (AnyCall || Cases.size() > 4)
    return {};
  return Cases;
}

std::optional<ErrorOutParam> ContractJoin::errorOut() const {
  return ErrorOutAgrees ? ErrorOut : std::nullopt;
}

} // namespace retcheck
