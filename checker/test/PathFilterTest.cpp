// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The globs of --exclude, .retcheckignore and report --exclude-path: paths
// relative to the source root, read as .gitignore reads them.

#include "support/PathFilter.h"

#include <catch2/catch.hpp>

using namespace retcheck;

namespace {

PathFilter filterOf(std::initializer_list<const char *> Patterns) {
  PathFilter F;
  std::string Error;
  for (const char *P : Patterns) {
    INFO(P);
    REQUIRE(F.add(P, Error));
  }
  return F;
}

} // namespace

TEST_CASE("a directory leaves out everything below it", "[pathfilter]") {
  PathFilter F = filterOf({"hw/mips/"});
  CHECK(F.matches("hw/mips/malta.c"));
  CHECK(F.matches("hw/mips/sub/deep.c"));
  CHECK_FALSE(F.matches("hw/mips.c"));
  CHECK_FALSE(F.matches("hw/arm/virt.c"));
  // A trailing slash: directories only, never the file itself.
  CHECK_FALSE(filterOf({"hw/mips/"}).matches("hw/mips"));
  // `tests/*` names the directories in tests/ too: all below them.
  CHECK(filterOf({"tests/*"}).matches("tests/unit/test-aio.c"));
}

TEST_CASE("a slash anchors; none matches at any depth", "[pathfilter]") {
  CHECK(filterOf({"*.inc"}).matches("hw/core/gen.inc"));
  CHECK(filterOf({"generated"}).matches("a/generated/b.c"));
  CHECK_FALSE(filterOf({"hw/*.c"}).matches("x/hw/a.c"));
  CHECK(filterOf({"/hw/*.c"}).matches("hw/a.c"));
  CHECK_FALSE(filterOf({"/mips/"}).matches("hw/mips/malta.c"));
  // `*` stays within one component; `**` crosses them.
  CHECK_FALSE(filterOf({"hw/*/x.c"}).matches("hw/a/b/x.c"));
  CHECK(filterOf({"hw/**/x.c"}).matches("hw/a/b/x.c"));
  CHECK(filterOf({"hw/**/x.c"}).matches("hw/x.c"));
  CHECK(filterOf({"**/x.c"}).matches("x.c"));
  CHECK(filterOf({"third_party/**"}).matches("third_party/a/b.c"));
}

TEST_CASE("globs: sets, alternatives, escapes", "[pathfilter]") {
  CHECK(filterOf({"util/{c,l}*"}).matches("util/cutils.c"));
  CHECK(filterOf({"util/{c,l}*"}).matches("util/log.c"));
  CHECK_FALSE(filterOf({"util/{c,l}*"}).matches("util/mmap.c"));
  CHECK(filterOf({"hw/[a-m]*/"}).matches("hw/mips/malta.c"));
  CHECK_FALSE(filterOf({"hw/[a-m]*/"}).matches("hw/ppc/e500.c"));
  CHECK(filterOf({"a\\*b.c"}).matches("a*b.c"));
  CHECK_FALSE(filterOf({"a\\*b.c"}).matches("axb.c"));
}

TEST_CASE("the last matching pattern decides; ! takes back", "[pathfilter]") {
  PathFilter F = filterOf({"hw/", "!hw/mips/", "hw/mips/boston.c"});
  CHECK(F.matches("hw/arm/virt.c"));
  CHECK_FALSE(F.matches("hw/mips/malta.c"));
  CHECK(F.matches("hw/mips/boston.c"));
}

TEST_CASE("paths outside the root never match", "[pathfilter]") {
  CHECK_FALSE(filterOf({"**"}).matches("/usr/include/stdio.h"));
  CHECK_FALSE(PathFilter().matches("a.c"));
}

TEST_CASE("bad patterns and .retcheckignore lines", "[pathfilter]") {
  PathFilter F;
  std::string Error;
  CHECK_FALSE(F.add("/", Error));
  CHECK(Error.find("empty pattern") != std::string::npos);
  CHECK_FALSE(F.add("a//b", Error));
  CHECK_FALSE(F.add("src/[z-a]", Error));
  CHECK(Error.find("'src/[z-a]'") == 0);
  CHECK(F.addLines("# comment\n\n  \nhw/mips/ \t\r\n*.inc\n", ".retcheckignore",
                   Error));
  CHECK(F.matches("hw/mips/malta.c"));
  CHECK(F.matches("a.inc"));
  CHECK_FALSE(F.addLines("ok/\nsrc/{a\n", "ign", Error));
  CHECK(Error.find("ign:2: 'src/{a'") == 0);
}

TEST_CASE("the old --exclude regular expressions are told apart",
          "[pathfilter]") {
  CHECK(regexLookalike("^hw/mips/") == "'^'");
  CHECK(regexLookalike("/sub/|inline\\.h") == "'|'");
  CHECK(regexLookalike("inline\\.h") == "'\\.'");
  CHECK(regexLookalike("hw/mips/") == "");
  CHECK(regexLookalike("third_party/**") == "");
  CHECK(regexLookalike("config.*") == "");
}

TEST_CASE("patterns outlive the text they were read from", "[pathfilter]") {
  // .retcheckignore is read into a buffer that is freed after addLines;
  // the filter must own its patterns (GlobPattern keeps a StringRef to
  // a pattern's literal prefix).
  PathFilter F;
  std::string Error;
  {
    std::string Text = "generated/\nhw/mips/malta*.c\n";
    REQUIRE(F.addLines(Text, ".retcheckignore", Error));
    std::fill(Text.begin(), Text.end(), 'x');
  }
  PathFilter Copy = F;
  CHECK(Copy.matches("hw/mips/malta_board.c"));
  CHECK(Copy.matches("a/generated/b.c"));
  CHECK_FALSE(Copy.matches("hw/mips/boston.c"));
}
