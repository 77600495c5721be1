//===- StatusCodes.h - Status codes: 0 is OK, every other code fails ------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Many functions fail by returning a named status rather than an errno:
// QEMU's `CP_ACCESS_OK`/`CP_ACCESS_TRAP_EL3`, `MEMTX_OK`/`MEMTX_ERROR`, the
// NVMe device's `NVME_SUCCESS`/`NVME_INVALID_FIELD | NVME_DNR`. No reporter
// precedes those returns and no test of a callee guards them, so the
// evidence is the names: a family of codes whose member 0 is spelled
// `PREFIX_OK` or `PREFIX_SUCCESS` makes every other member of the family
// (`PREFIX_...`, non-zero) a failure. A result type of its own
// (`MemTxResult`, `CPAccessResult`, not `int` or `uint16_t`) that some
// function uses for such a family is a status type: every non-zero value
// of it is a failure, also where a body returns a computed status. Where a
// negative member is named for an error (vmdk's `VMDK_ERROR`), the other
// negative members are outcomes (`VMDK_UNALLOC`, "not allocated").
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_STATUSCODES_H
#define RETCHECK_INFER_STATUSCODES_H

#include "facts/Facts.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retcheck {

/// The family of status codes a function returns: the prefix its `_OK`
/// (or `_SUCCESS`) member is spelled with, and that member.
struct StatusFamily {
  std::string Prefix;  ///< "CP_ACCESS_"
  std::string Success; ///< "CP_ACCESS_OK"
  /// Some negative member is named for an error (`VMDK_ERROR`): then the
  /// other negative members are outcomes (`VMDK_UNALLOC`, `VMDK_ZEROED`).
  bool NegativeErrorNamed = false;
  /// Whether \p Spelling (a returned constant, as written) is a member.
  bool member(const std::string &Spelling) const;
  /// Whether the non-zero constant \p Value spelt \p Spelling is one of
  /// the family's failures.
  bool fails(const std::string &Spelling, int64_t Value) const;
};

/// The family of \p F's returns: a zero constant spelled `PREFIX_OK` or
/// `PREFIX_SUCCESS` and a non-zero constant spelled `PREFIX_...`.
std::optional<StatusFamily> statusFamilyOf(const FunctionFact &F);

/// The code of \p FailureCodes (as written) that is \p Code or whose family
/// of names \p Code is of, making \p Code a failure too: a function that
/// returns a fault cause where a callee failed returns the others of its family
/// for failures as well, though no reporter or failed test marks their returns
/// (`RISCV_IOMMU_FQ_CAUSE_DDT_LOAD_FAULT` and `..._PDT_INVALID`). A family
/// shares at least two words, and half the words of the longer name (not
/// `RISCV_EXCP_..` and `RISCV_IOMMU_..`). Nullopt where none is, and where
/// a code of the family among \p Returned is named for an error and \p
/// Code is not: beside `VIR_CPU_COMPARE_ERROR` the others are outcomes.
std::optional<std::string>
failingKin(const std::string &Code,
           const std::vector<std::string> &FailureCodes,
           const std::vector<std::string> &Returned);

/// The project's status types, learned from the functions' families.
class StatusTypes {
public:
  void add(const FunctionFact &F);
  bool isStatusType(const std::string &ResultType) const {
    return Types.count(ResultType) != 0;
  }

private:
  std::set<std::string> Types;
};

} // namespace retcheck

#endif
