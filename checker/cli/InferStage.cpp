//===- InferStage.cpp - The global step: contracts from every TU's facts --===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferStage.h"
#include "Options.h"

#include "output/OutputFile.h"
#include "support/Console.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace retcheck {

namespace {

/// The learned reporters and their evidence, for the rules file's
/// description (its "error_reporters" holds the names).
std::string learnedReportersText(const std::vector<LearnedReporter> &Learned) {
  if (Learned.empty())
    return "";
  std::string Text = " Error reporters learned from the tree:";
  for (const LearnedReporter &L : Learned)
    Text += (&L == &Learned.front() ? " " : "; ") + L.evidence();
  return Text + ".";
}

} // namespace

RuleSet seedsOf(const std::vector<LoadedRules> &Sets) {
  RuleSet Seeds;
  for (const LoadedRules &Set : Sets) {
    for (const Rule &R : Set.Rules.rules())
      if (!Seeds.find(R.Function, R.File))
        Seeds.add(R);
    for (const std::string &Reporter : Set.Rules.errorReporters())
      Seeds.addErrorReporter(Reporter);
  }
  return Seeds;
}

InferenceResult inferFrom(const std::vector<const TUFacts *> &TUs,
                          const std::vector<LoadedRules> &Sets,
                          const std::string &SourceRoot, const RunOptions &O) {
  InferenceOptions Options;
  Options.MinCallers = O.Infer.MinCallers;
  Options.MinCheckingShare = O.Infer.MinShare;
  Options.SourceRoot = SourceRoot;
  return inferContracts(TUs, seedsOf(Sets), Options);
}

std::string inferredRulesFile(const InferenceResult &Inferred, std::size_t TUs,
                              const std::string &SourceRoot) {
  return inferredRulesJson(Inferred.Rules,
                           "Error contracts inferred by retcheck from " +
                               std::to_string(TUs) +
                               " translation units under " + SourceRoot +
                               ". Review, correct (a rule without \"inferred\" "
                               "wins; \"convention\": \"none\" removes one) "
                               "and commit." +
                               learnedReportersText(Inferred.Reporters));
}

std::optional<RulesError> addInferredRules(const std::string &Text,
                                           const std::string &Name,
                                           RunInputs &In) {
  RuleSet Inferred;
  if (std::optional<RulesError> Error = parseRules(Text, Name, Inferred))
    return Error;
  for (LoadedRules &Set : In.RuleSets)
    Set.Rules.addInferred(Inferred);
  In.InferredRules = Inferred.rules().size();
  return std::nullopt;
}

int writeInferredRules(const std::string &RulesFile,
                       const InferenceResult &Inferred,
                       const std::vector<TUResult> &Results, double Seconds,
                       const RunOptions &O) {
  std::string Error;
  if (O.Output.Path.empty()) {
    outs() << RulesFile;
    outs().flush();
    if (outs().has_error()) {
      // A reader that stopped reading (`| head`) needs no message.
      if (outs().error() != std::errc::broken_pipe)
        message() << "retcheck: error: cannot write the rules to stdout: "
                  << outs().error().message() << "\n";
      outs().clear_error();
      return ExitOutputFailed;
    }
  } else {
    std::unique_ptr<OutputFile> Out = OutputFile::open(O.Output.Path, Error);
    if (Out)
      Out->os() << RulesFile;
    if (!Out || !Out->commit(Error)) {
      message() << "retcheck: error: cannot write '" << O.Output.Path
                << "': " << Error << "\n";
      return ExitOutputFailed;
    }
  }
  std::map<std::string, unsigned> ByConvention;
  for (const Rule &R : Inferred.Rules.rules())
    if (R.Conv != Convention::None)
      ++ByConvention[std::string(conventionName(R.Conv)) + " (" +
                     R.Inferred->Basis + ")"];
  unsigned Failed = 0;
  for (const TUResult &R : Results) {
    Failed += !R.Problems.empty();
    for (const TUProblem &P : R.Problems)
      message() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  }
  if (!O.Output.Quiet) {
    raw_ostream &OS = message();
    OS << "retcheck: inferred "
       << Inferred.Rules.rules().size() - Inferred.ValidArgsOnly
       << " contract(s) for " << Inferred.FunctionsSeen << " function(s) seen ("
       << Inferred.WithBody << " with a body), " << Inferred.Iterations
       << " round(s):";
    for (const auto &[Kind, Count] : ByConvention)
      OS << " " << Kind << " " << Count << ";";
    if (Inferred.ValidArgsOnly)
      OS << " and " << Inferred.ValidArgsOnly
         << " function(s) without one that dereference an argument;";
    OS << " " << Results.size() << " translation unit(s), " << Failed
       << " with errors, " << format("%.1f", Seconds) << " s\n";
    for (const LearnedReporter &L : Inferred.Reporters)
      OS << "retcheck: error reporter learned: " << L.evidence() << "\n";
  }
  return Failed ? ExitTUFailed : ExitClean;
}

} // namespace retcheck
