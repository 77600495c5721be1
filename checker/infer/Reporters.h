//===- Reporters.h - A project's own error reporters, learned -------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every project reports errors through functions of its own: libvirt's
// virReportError() (a macro around virReportErrorHelper), systemd's
// log_error_errno() (around log_internal), QEMU's error_report(). A call to
// one at the top of a branch is the strongest sign that the branch handles
// a failure, and a constant returned after one is a failure: without them
// inference sees `virReportError(...); return -1;` as a plain -1. The
// built-in list knows C's, GLib's and QEMU's; the rest are learned here
// from how the tree tests its calls (error-handler mining, as in EESI and
// APEx): a function with a printf-like format that is called, across the
// tree, on the branches where a call failed far more often than where it
// succeeded. The failure of a call is judged by its written rule or, with
// none, by its shape (NULL, a negative number), so the statistics need no
// contracts yet. Debug logging (called on both kinds of branch) and
// cleanup (no format) stay out.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_INFER_REPORTERS_H
#define RETCHECK_INFER_REPORTERS_H

#include "contracts/Rules.h"
#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retcheck {

struct LearnedReporter {
  std::string Name;
  /// Test branches of a call, with the call's failure or success, on
  /// which it is called at the top level.
  unsigned OnFailure = 0, OnSuccess = 0;
  /// "virReportErrorHelper: called on 812 branches where a call failed, 3
  /// where one succeeded"
  std::string evidence() const;
};

struct ReporterLearning {
  /// At least this many failure branches, and at least this share of the
  /// branches it is called on (libvirt's virReportErrorHelper: 0.78; its
  /// success branches are mostly a lookup that found a duplicate, `goto
  /// cleanup` after the report).
  unsigned MinFailureBranches = 10;
  double MinFailureShare = 0.75;
};

/// The reporters \p TUs show that \p Written does not list yet, by name.
std::vector<LearnedReporter>
learnReporters(const std::vector<const TUFacts *> &TUs, const RuleSet &Written,
               const ReporterLearning &Options = ReporterLearning());

} // namespace retcheck

#endif
