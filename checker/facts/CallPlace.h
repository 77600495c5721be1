//===- CallPlace.h - Where a call stands in its function ------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A maintainer reads an unchecked call by its place: a `close()` in the
// branch that already returns an error, after a `fail:` label or before
// `exit(1)` is cleanup on a path that has failed; a call in a void function
// without an `Error **` has nowhere to report. These facts feed the rank of
// a finding (rank/), not whether there is one.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_CALLPLACE_H
#define RETCHECK_FACTS_CALLPLACE_H

#include "FactContext.h"
#include "Facts.h"

namespace retcheck {

/// Where FC's call stands in FC's function.
CallPlaceFact describePlace(FactContext &FC);

} // namespace retcheck

#endif
