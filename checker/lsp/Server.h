//===- Server.h - `retcheck lsp`: the language server ---------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LSP 3.17 over stdin and stdout, beside clangd: diagnostics on open, save
// and (debounced) change, quick fixes, hover, watched rules files, progress
// for the first parse. One thread: it reads messages, starts and kills
// analysis jobs (JobProcess.h) and publishes their results, never older
// than the document's version. Logs go to stderr.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_LSP_SERVER_H
#define RETCHECK_LSP_SERVER_H

#include "DocumentAnalysis.h"

#include <string>

namespace retcheck::lsp {

struct ServerOptions {
  /// Analyses a document (cli/AnalyzeDocument.h, for the command line's
  /// options); called in a job process.
  DocumentAnalyzer Analyze;
  /// --compile-commands-dir: the database of every file ("": as clangd).
  std::string CompileCommandsDir;
  /// How long typing must pause before the buffer is analysed.
  unsigned DebounceMs = 500;
  /// Documents analysed at once.
  unsigned MaxJobs = 1;
};

/// Serves one client until `exit` or the end of stdin; the exit code.
int runLanguageServer(const ServerOptions &Options);

} // namespace retcheck::lsp

#endif
