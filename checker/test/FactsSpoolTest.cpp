// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// An --infer run keeps each TU's facts in a temporary facts file until it
// judges the TU: what is read back is what was kept, in any order, and
// nothing is left in the temporary directory.

#include "run/FactsSpool.h"
#include "run/TUResultCodec.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace retcheck;

namespace {

TUResult resultOf(const std::string &File, unsigned Calls) {
  TUResult R;
  R.File = File;
  R.Analysed = true;
  R.Facts.Files = {{File, 7, {}}};
  for (unsigned I = 0; I < Calls; ++I) {
    CallFact C;
    C.Callee = {"callee_" + std::to_string(I), ""};
    C.Names.edit().Caller = {"caller", File};
    C.Call = {0, 100 + I, I + 1, 3};
    RepairSiteFact &Site = C.Repair.edit();
    Site.Known = true;
    Site.CallText = "callee_" + std::to_string(I) + "()";
    R.Facts.Calls.push_back(C);
  }
  return R;
}

/// Files in \p Dir whose name starts with \p Prefix.
unsigned filesNamed(llvm::StringRef Dir, llvm::StringRef Prefix) {
  unsigned Count = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    Count += llvm::sys::path::filename(It->path()).starts_with(Prefix);
  return Count;
}

} // namespace

TEST_CASE("spooled facts read back whole, in any order", "[spool]") {
  std::string Error;
  std::unique_ptr<FactsSpool> Spool = FactsSpool::create(4, Error);
  REQUIRE(Spool);
  // Workers finish out of order; TU 2 is never kept.
  TUResult A = resultOf("/src/a.c", 3), B = resultOf("/src/b.c", 0),
           D = resultOf("/src/d.c", 40);
  Spool->add(3, D);
  Spool->add(0, A);
  Spool->add(1, B);
  // Nothing reads back before the spool is finished.
  CHECK_FALSE(Spool->read(0));
  REQUIRE(Spool->finish(Error));
  for (auto [Index, Kept] : {std::pair{0, &A}, {1, &B}, {3, &D}}) {
    std::optional<TUResult> Read = Spool->read(Index);
    REQUIRE(Read);
    CHECK(encodeTUResult(*Read) == encodeTUResult(*Kept));
  }
  // Twice: the judge reads each TU once to judge, once to rank.
  CHECK(encodeTUResult(*Spool->read(3)) == encodeTUResult(D));
  CHECK_FALSE(Spool->read(2));
  CHECK_FALSE(Spool->read(4));
}

TEST_CASE("the spool leaves nothing behind", "[spool]") {
  llvm::SmallString<256> Dir;
  REQUIRE_FALSE(
      llvm::sys::fs::createUniqueDirectory("retcheck-spool-test", Dir));
  const char *Old = std::getenv("TMPDIR");
  std::string Saved = Old ? Old : "";
  setenv("TMPDIR", Dir.c_str(), 1);
  std::string Error;
  {
    std::unique_ptr<FactsSpool> Spool = FactsSpool::create(1, Error);
    REQUIRE(Spool);
    Spool->add(0, resultOf("/src/a.c", 2));
    CHECK(filesNamed(Dir, "retcheck-facts-") == 1);
    REQUIRE(Spool->finish(Error));
    // Removed once written: the descriptor keeps it readable.
    CHECK(filesNamed(Dir, "retcheck-facts-") == 0);
    CHECK(Spool->read(0));
  }
  {
    // Dropped before it is finished (a run that stops): no temporary left.
    std::unique_ptr<FactsSpool> Spool = FactsSpool::create(1, Error);
    REQUIRE(Spool);
    Spool->add(0, resultOf("/src/a.c", 2));
  }
  CHECK(filesNamed(Dir, "retcheck-facts-") == 0);
  // A temporary directory that cannot be written: no spool, and why.
  setenv("TMPDIR", (std::string(Dir) + "/missing").c_str(), 1);
  CHECK_FALSE(FactsSpool::create(1, Error));
  CHECK(Error.find("missing") != std::string::npos);
  if (Old)
    setenv("TMPDIR", Saved.c_str(), 1);
  else
    unsetenv("TMPDIR");
  llvm::sys::fs::remove(Dir);
}
