// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// A call's often empty parts are kept out of line (facts/Boxed.h), and read
// and copy as members would.

#include "facts/Facts.h"

#include <catch2/catch.hpp>

#include <type_traits>

using namespace retcheck;

// Vectors of calls move their items on growth only when a move cannot throw.
static_assert(std::is_nothrow_move_constructible_v<CallFact>);

TEST_CASE("an empty box reads as T() and allocates on the first edit",
          "[boxed]") {
  Boxed<StoreFact> Store;
  CHECK(Store.empty());
  CHECK(Store->Name.empty());
  CHECK(Store->Dest.K == ValueKind::Other);
  CHECK_FALSE(Store->Followed);
  Store.edit().Name = "ret";
  CHECK_FALSE(Store.empty());
  CHECK(Store->Name == "ret");
  Store.reset();
  CHECK(Store.empty());
  CHECK(Store->Name.empty());
}

TEST_CASE("a boxed part copies as a member would", "[boxed]") {
  CallFact A;
  A.Store.edit().Name = "ret";
  A.Place.edit().CallerErrorParam = "errp";
  CallFact B = A;
  B.Store.edit().Name = "rc";
  CHECK(A.Store->Name == "ret");
  CHECK(B.Store->Name == "rc");
  CHECK(B.Place->CallerErrorParam == "errp");
  CHECK(B.Repair.empty());

  // Assignment: into an allocated box, into an empty one, and of an empty
  // one (which frees).
  B = A;
  CHECK(B.Store->Name == "ret");
  CallFact Empty;
  Empty = A;
  CHECK(Empty.Place->CallerErrorParam == "errp");
  B = CallFact();
  CHECK(B.Store.empty());
  CHECK(B.Place.empty());

  const StoreFact *Held = &*A.Store;
  CallFact Moved = std::move(A);
  CHECK(&*Moved.Store == Held);
}
