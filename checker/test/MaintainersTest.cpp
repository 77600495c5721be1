// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// MAINTAINERS sections as scripts/get_maintainer.pl reads them: titles,
// F: and X: patterns, directories named without their slash, N: regexes,
// and the most specific section winning.

#include "report/Maintainers.h"

#include <catch2/catch.hpp>

#include <set>

using namespace retcheck;

namespace {

// A cut-down QEMU MAINTAINERS: the preamble's indented example entries are
// not sections, headings are underlined.
const char *Text = R"(QEMU Maintainers
================

Descriptions of section entries:

	M: Mail patches to: FullName <address@domain>
	F: Files and directories with wildcard patterns.
	   F:	drivers/net/*	all files in drivers/net, but not below

General Project Administration
------------------------------
M: Peter Maydell <peter.maydell@linaro.org>

All patches CC here
L: qemu-devel@nongnu.org
F: *
F: */

MIPS Machines
-------------
Boston
M: Paul Burton <paulburton@kernel.org>
S: Odd Fixes
F: hw/mips/boston.c
F: hw/pci-host/xilinx-pcie.c

MIPS TCG CPUs
M: Philippe Mathieu-Daudé <philmd@linaro.org>
F: hw/mips/
F: target/mips/
X: hw/mips/loongson3*

# a comment does not end a section
Sensors
F: hw/sensor
F:	include/hw/sensor/*

Loongson
N: loongson[0-9]
)";

Maintainers qemu() {
  std::set<std::string> Dirs = {"hw/sensor", "hw/mips", "target/mips"};
  return Maintainers::parse(
      Text, [&](const std::string &P) { return Dirs.count(P) > 0; });
}

} // namespace

TEST_CASE("the most specific section covers a file", "[maintainers]") {
  Maintainers M = qemu();
  CHECK(M.size() == 5);
  CHECK(M.sectionOf("hw/mips/boston.c") == "Boston");
  CHECK(M.sectionOf("hw/mips/malta.c") == "MIPS TCG CPUs");
  CHECK(M.sectionOf("target/mips/op_helper.c") == "MIPS TCG CPUs");
  // Nothing else: the catch-all "F: */" (depth -1).
  CHECK(M.sectionOf("hw/arm/virt.c") == "All patches CC here");
  CHECK(M.sectionOf("vl.c") == "All patches CC here");
}

TEST_CASE("X: excludes, and N: regexes cover", "[maintainers]") {
  Maintainers M = qemu();
  CHECK(M.sectionOf("hw/mips/loongson3_virt.c") == "Loongson");
}

TEST_CASE("a directory named without its slash covers what is below it",
          "[maintainers]") {
  Maintainers M = qemu();
  CHECK(M.sectionOf("hw/sensor/tmp105.c") == "Sensors");
  CHECK(M.sectionOf("hw/sensor/sub/x.c") == "Sensors");
  // Without the directory check "hw/sensor" covers only that one path.
  Maintainers Flat = Maintainers::parse(Text, nullptr);
  CHECK(Flat.sectionOf("hw/sensor/tmp105.c") == "All patches CC here");
}

TEST_CASE("a pattern without a trailing slash covers one directory level",
          "[maintainers]") {
  Maintainers M = qemu();
  CHECK(M.sectionOf("include/hw/sensor/tmp105.h") == "Sensors");
  CHECK(M.sectionOf("include/hw/sensor/sub/x.h") == "All patches CC here");
}

TEST_CASE("a file without sections covers nothing", "[maintainers]") {
  Maintainers M = Maintainers::parse("just text\n\nM: nobody\n", nullptr);
  CHECK(M.size() == 0);
  CHECK(M.sectionOf("a.c").empty());
}
