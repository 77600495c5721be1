// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Which returned codes are failures by their family of names
// (infer/StatusCodes.h).

#include "infer/StatusCodes.h"

#include <catch2/catch.hpp>

using namespace retcheck;

TEST_CASE("a code of a failure's family of names fails", "[infer]") {
  std::vector<std::string> Failures = {"RISCV_IOMMU_FQ_CAUSE_DDT_LOAD_FAULT"};
  // Four words shared, of seven: kin.
  CHECK(failingKin("RISCV_IOMMU_FQ_CAUSE_PDT_INVALID", Failures, {}) ==
        Failures[0]);
  // Only the project's prefix: another family.
  CHECK_FALSE(failingKin("RISCV_EXCP_ILLEGAL_INST", Failures, {}));
  // The shorter name's last word counts as shared.
  CHECK(failingKin("FOO_BAR", {"FOO_BAR_BAZ"}, {}) == "FOO_BAR_BAZ");
  // The same code, returned where a callee failed.
  CHECK(failingKin("IO_ERROR", {"IO_ERROR"}, {}) == "IO_ERROR");
  // Beside a member named for an error the others are outcomes.
  CHECK_FALSE(failingKin("VIR_CPU_COMPARE_IDENTICAL",
                         {"VIR_CPU_COMPARE_INCOMPATIBLE"},
                         {"VIR_CPU_COMPARE_ERROR"}));
  CHECK(failingKin("VIR_CPU_COMPARE_ERROR", {"VIR_CPU_COMPARE_INCOMPATIBLE"},
                   {"VIR_CPU_COMPARE_ERROR"}) ==
        "VIR_CPU_COMPARE_INCOMPATIBLE");
  // Not a macro-like name.
  CHECK_FALSE(failingKin("count", {"count_max"}, {}));
}
