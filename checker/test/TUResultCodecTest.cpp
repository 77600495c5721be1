// Results cross from worker processes to the CLI as bytes: every field
// survives, and a truncated or padded message is refused, not misread.

#include "run/TUResultCodec.h"

#include <catch2/catch.hpp>

using namespace retcheck;

static TUResult sample() {
  TUResult R;
  R.File = "/src/hw/a.c";
  R.Analysed = true;
  Finding F;
  F.Check = CheckKind::LossyStore;
  F.File = "/src/hw/a.h";
  F.Line = 12;
  F.Column = 7;
  F.Offset = 345;
  F.Message = std::string("msg with \0 and \xff bytes", 22);
  F.Function = "load_image_targphys";
  F.EnclosingFunction = "board_init";
  F.CallLine = 11;
  F.CallColumn = 20;
  F.Fixes = {{"/src/hw/a.h", 340, 5, "< 0", 0x1234567890abcdefULL},
             {"/src/hw/a.h", 400, 0, "", 1}};
  R.Findings = {F, Finding()};
  R.Problems = {{"/src/hw/a.c", "compile-error", "2 compile error(s)"}};
  R.Files = {"/src/hw/a.c", "/src/hw/a.h"};
  return R;
}

TEST_CASE("a TUResult survives encoding", "[codec]") {
  TUResult In = sample();
  std::optional<TUResult> Out = decodeTUResult(encodeTUResult(In));
  REQUIRE(Out);
  CHECK(Out->File == In.File);
  CHECK(Out->Analysed);
  CHECK_FALSE(Out->Skipped);
  REQUIRE(Out->Findings.size() == 2);
  const Finding &A = In.Findings[0], &B = Out->Findings[0];
  CHECK(B.Check == A.Check);
  CHECK(B.key() == A.key());
  CHECK(std::tie(B.Line, B.Column, B.Function, B.EnclosingFunction) ==
        std::tie(A.Line, A.Column, A.Function, A.EnclosingFunction));
  CHECK(B.Fixes == A.Fixes);
  CHECK(B.Fixes[0].FileDigest == 0x1234567890abcdefULL);
  REQUIRE(Out->Problems.size() == 1);
  CHECK(Out->Problems[0].Kind == "compile-error");
  CHECK(Out->Files == In.Files);
}

TEST_CASE("a damaged encoding is refused", "[codec]") {
  std::string Bytes = encodeTUResult(sample());
  for (std::size_t Cut :
       {std::size_t(0), std::size_t(1), Bytes.size() / 2, Bytes.size() - 1})
    CHECK_FALSE(decodeTUResult(Bytes.substr(0, Cut)));
  CHECK_FALSE(decodeTUResult(Bytes + "x"));
  // A list length far beyond the message.
  std::string Huge = Bytes;
  Huge.replace(8 + sample().File.size(), 8, std::string(8, '\x7f'));
  CHECK_FALSE(decodeTUResult(Huge));
}
