//===- ReportCommand.h - `retcheck report`: one report over many results --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// retcheck report [LABEL=]RESULT.json... -o DIR [--compare [LABEL=]OLD.json]
//                 [--keep-going] [--title TEXT]
//
// Merges JSON results (shards of a run, runs on several trees) and writes
// DIR/report.html, DIR/summary.md and DIR/merged.json. Exit codes: 0 written,
// 2 usage error or an unreadable input, 3 written without the inputs that
// --keep-going dropped.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_REPORTCOMMAND_H
#define RETCHECK_CLI_REPORTCOMMAND_H

#include "llvm/Support/CommandLine.h"

namespace retcheck {

/// The subcommand; its options are registered with it.
extern llvm::cl::SubCommand ReportCommand;
extern llvm::cl::OptionCategory ReportCategory;

/// Runs the subcommand once the command line is parsed; the exit code.
int runReportCommand();

} // namespace retcheck

#endif
