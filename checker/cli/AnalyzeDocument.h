//===- AnalyzeDocument.h - One open document through the CLI's stages -----===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What `retcheck -p DB FILE` does, for an editor's buffer: the inputs read
// as the command line reads them (.clang-tidy, rules files, the compile
// database, the cache), the TU analysed in a worker process with the
// unsaved text over the file, judged, ranked and its repairs verified
// (pipeline/RunAnalysis.h), the findings in the main file viewed for the
// editor. `retcheck lsp` runs it in a job process of the server
// (lsp/JobProcess.h), with the server's options made for this one file.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_CLI_ANALYZEDOCUMENT_H
#define RETCHECK_CLI_ANALYZEDOCUMENT_H

#include "lsp/DocumentAnalysis.h"
#include "pipeline/RunOptions.h"

namespace retcheck {

/// \p R analysed as `retcheck -p DB FILE` with the server's options
/// \p Server would analyse it.
lsp::DocumentResult analyzeDocument(const RunOptions &Server,
                                    const lsp::DocumentRequest &R);

} // namespace retcheck

#endif
