//===- StatusCodes.cpp - Status codes: 0 is OK, every other code fails ----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "StatusCodes.h"

#include <algorithm>
#include <cctype>

namespace retcheck {

namespace {

/// The spelling without leading parentheses and spaces: `(NVME_X | Y)`.
std::string bare(const std::string &Spelling) {
  std::size_t Start = Spelling.find_first_not_of("( \t");
  return Start == std::string::npos ? "" : Spelling.substr(Start);
}

bool isMacroLikeName(const std::string &S) {
  if (S.empty() || !std::isupper(static_cast<unsigned char>(S[0])))
    return false;
  for (char C : S)
    if (!(std::isupper(static_cast<unsigned char>(C)) ||
          std::isdigit(static_cast<unsigned char>(C)) || C == '_'))
      return false;
  return true;
}

/// "CP_ACCESS_" of "CP_ACCESS_OK"; empty when the name is no success name
/// with a prefix of its own (a lone `OK` could be anything's).
std::string successPrefix(const std::string &Name) {
  if (!isMacroLikeName(Name))
    return "";
  for (const char *Suffix : {"_OK", "_SUCCESS"}) {
    std::string S(Suffix);
    if (Name.size() > S.size() + 1 &&
        Name.compare(Name.size() - S.size(), S.size(), S) == 0)
      return Name.substr(0, Name.size() - S.size() + 1);
  }
  return "";
}

/// A type that says what it holds: a typedef or enum of the project's own
/// (`MemTxResult`), not a machine integer (`int`, `uint16_t`) that any
/// number may live in.
bool isOwnType(const std::string &Type) {
  if (Type.rfind("enum ", 0) == 0)
    return true;
  bool Upper = false;
  for (char C : Type)
    Upper |= std::isupper(static_cast<unsigned char>(C)) != 0;
  return Upper && Type != "BOOL" && Type != "Bool";
}

/// `VMDK_ERROR`, `UFS_REQUEST_FAIL`: a name that says it failed.
bool namedForError(const std::string &Spelling) {
  return Spelling.find("ERR") != std::string::npos ||
         Spelling.find("FAIL") != std::string::npos;
}

} // namespace

bool StatusFamily::fails(const std::string &Spelling, int64_t Value) const {
  if (!member(Spelling))
    return false;
  return Value > 0 || !NegativeErrorNamed || namedForError(Spelling);
}

bool StatusFamily::member(const std::string &Spelling) const {
  std::string Name = bare(Spelling);
  return Name.size() > Prefix.size() &&
         Name.compare(0, Prefix.size(), Prefix) == 0 &&
         std::isupper(static_cast<unsigned char>(Name[Prefix.size()]));
}

std::optional<StatusFamily> statusFamilyOf(const FunctionFact &F) {
  if (F.Result.K != ValueKind::Integer)
    return std::nullopt;
  std::optional<StatusFamily> Family;
  for (const ReturnFact &R : F.Returns)
    if (R.K == ReturnFact::Constant && R.Value == 0)
      if (std::string Prefix = successPrefix(bare(R.Spelling));
          !Prefix.empty()) {
        Family = StatusFamily{Prefix, bare(R.Spelling)};
        break;
      }
  if (!Family)
    return std::nullopt;
  bool Member = false;
  for (const ReturnFact &R : F.Returns)
    if (R.K == ReturnFact::Constant && R.Value != 0 &&
        Family->member(R.Spelling)) {
      Member = true;
      Family->NegativeErrorNamed |= R.Value < 0 && namedForError(R.Spelling);
    }
  if (!Member)
    return std::nullopt;
  return Family;
}

namespace {

/// Macro-like names that share at least two whole words from the front,
/// and half the words of the longer.
bool sameCodeFamily(const std::string &A, const std::string &B) {
  std::string Left = bare(A), Right = bare(B);
  if (!isMacroLikeName(Left) || !isMacroLikeName(Right) || Left == Right)
    return false;
  auto Words = [](const std::string &Name) {
    return 1 + std::count(Name.begin(), Name.end(), '_');
  };
  long Shared = 0;
  std::size_t I = 0;
  for (; I < Left.size() && I < Right.size() && Left[I] == Right[I]; ++I)
    Shared += Left[I] == '_';
  // `FOO_BAR` against `FOO_BAR_BAZ`: the shorter one's last word is shared.
  if (I == std::min(Left.size(), Right.size()) &&
      (I == Left.size() ? Right : Left)[I] == '_')
    ++Shared;
  long Longer = std::max(Words(Left), Words(Right));
  return Shared >= 2 && 2 * Shared >= Longer;
}

} // namespace

std::optional<std::string>
failingKin(const std::string &Code,
           const std::vector<std::string> &FailureCodes,
           const std::vector<std::string> &Returned) {
  // The same code, returned elsewhere where a callee failed.
  for (const std::string &Failure : FailureCodes)
    if (bare(Failure) == bare(Code) && isMacroLikeName(bare(Code)))
      return Failure;
  if (!namedForError(Code) &&
      std::any_of(Returned.begin(), Returned.end(), [&](const std::string &R) {
        return namedForError(R) && sameCodeFamily(R, Code);
      }))
    return std::nullopt;
  for (const std::string &Failure : FailureCodes)
    if (sameCodeFamily(Failure, Code))
      return Failure;
  return std::nullopt;
}

void StatusTypes::add(const FunctionFact &F) {
  if (isOwnType(F.ResultType) && statusFamilyOf(F))
    Types.insert(F.ResultType);
}

} // namespace retcheck
