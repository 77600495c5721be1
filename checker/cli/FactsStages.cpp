//===- FactsStages.cpp - --infer split across CI jobs: map, reduce, judge -===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FactsStages.h"
#include "InferStage.h"
#include "Options.h"

#include "facts/FactDedup.h"
#include "infer/InferenceFacts.h"
#include "run/TUResultCodec.h"
#include "support/Console.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <set>

using namespace llvm;

namespace retcheck {

namespace {

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

/// --shard K/N (already checked when the commands were read); "": 1/1.
std::pair<unsigned, unsigned> shardOf(const RunOptions &O) {
  unsigned K = 1, N = 1;
  if (!O.Inputs.Shard.empty()) {
    auto [KText, NText] = StringRef(O.Inputs.Shard).split('/');
    KText.getAsInteger(10, K);
    NText.getAsInteger(10, N);
  }
  return {K, N};
}

std::string shardName(unsigned K, unsigned N) {
  return std::to_string(K) + "/" + std::to_string(N);
}

/// A stage's one-line error about its facts or plan: exit 8.
int badFacts(const std::string &Why) {
  message() << "retcheck: error: " << Why << "\n";
  return ExitBadFacts;
}

/// Why facts with \p H cannot serve a run of this retcheck, or "".
std::string foreignFacts(const FactsHeader &H, const std::string &Dir,
                         const std::optional<std::string> &Identity) {
  if (!Identity || H.Identity != *Identity)
    return "--facts " + Dir +
           ": written by another retcheck (a different build, version or "
           "--debug-cache-identity); run every stage with one retcheck";
  return "";
}

/// The rules sets a map stage recorded, read back.
std::optional<std::vector<LoadedRules>>
ruleSetsOf(const FactsHeader &H, const std::string &Dir, std::string &Error) {
  std::vector<LoadedRules> Sets(H.RuleSets.size());
  for (std::size_t I = 0; I < Sets.size(); ++I) {
    if (H.RuleSets[I].empty())
      continue;
    if (std::optional<RulesError> E = parseRules(
            H.RuleSets[I], Dir + ": rules set " + std::to_string(I + 1),
            Sets[I].Rules)) {
      Error = E->str();
      return std::nullopt;
    }
  }
  return Sets;
}

/// How the runs that wrote \p A and \p B differ, or "". A shard without a
/// TU loaded no rules: its scope and rules are anyone's.
std::string differentRuns(const FactsHeader &A, const FactsHeader &B) {
  if (A.Shards != B.Shards)
    return "split into " + std::to_string(A.Shards) + " and " +
           std::to_string(B.Shards) + " shards";
  if (A.Commands != B.Commands)
    return "databases of " + std::to_string(A.Commands) + " and " +
           std::to_string(B.Commands) + " translation units";
  if (A.SourceRoot != B.SourceRoot)
    return "source roots '" + A.SourceRoot + "' and '" + B.SourceRoot + "'";
  if (A.RuleSets.empty() || B.RuleSets.empty())
    return "";
  if (A.Scope != B.Scope)
    return "other options (the facts' scope differs)";
  if (A.RuleSets != B.RuleSets)
    return "other rules";
  return "";
}

/// Every shard of one map, each once: their readers, in shard order.
std::optional<std::vector<std::unique_ptr<FactsReader>>>
openShards(const RunOptions &O, std::string &Error) {
  std::optional<std::string> Identity = runIdentity(O);
  std::vector<std::unique_ptr<FactsReader>> Shards;
  std::vector<std::string> Dirs;
  for (const std::string &Dir : O.Stages.Facts) {
    std::unique_ptr<FactsReader> F = FactsReader::open(Dir, Error);
    if (!F) {
      Error = "--facts " + Error;
      return std::nullopt;
    }
    if (std::string Why = foreignFacts(F->header(), Dir, Identity);
        !Why.empty()) {
      Error = Why;
      return std::nullopt;
    }
    for (std::size_t I = 0; I < Shards.size(); ++I)
      if (std::string Why = differentRuns(F->header(), Shards[I]->header());
          !Why.empty()) {
        Error = "--facts " + Dir + " and " + Dirs[I] +
                " are facts of different runs: " + Why;
        return std::nullopt;
      }
    Shards.push_back(std::move(F));
    Dirs.push_back(Dir);
  }
  std::vector<const std::string *> ByShard(Shards.front()->header().Shards);
  for (std::size_t I = 0; I < Shards.size(); ++I) {
    const std::string *&Slot = ByShard[Shards[I]->header().Shard - 1];
    if (Slot) {
      Error = "--facts " + *Slot + " and " + Dirs[I] + " are both shard " +
              shardName(Shards[I]->header().Shard, ByShard.size());
      return std::nullopt;
    }
    Slot = &Dirs[I];
  }
  for (std::size_t K = 0; K < ByShard.size(); ++K)
    if (!ByShard[K]) {
      Error = "--facts: the facts of shard " +
              shardName(K + 1, ByShard.size()) +
              " are missing: give every shard's";
      return std::nullopt;
    }
  std::sort(Shards.begin(), Shards.end(), [](const auto &A, const auto &B) {
    return A->header().Shard < B->header().Shard;
  });
  return Shards;
}

/// Every TU of the unsharded run, from every shard's facts.
struct Tree {
  std::vector<TUResult> Results; ///< in the unsharded run's order
  std::vector<uint32_t> RuleSet; ///< parallel to Results
  /// Where each came from: shard, record.
  std::vector<std::pair<std::size_t, std::size_t>> Origin;
  /// Calls in every TU's facts, and those kept (a header's once).
  uint64_t Calls = 0, KeptCalls = 0;
};

/// Where each TU of the unsharded run is in \p Shards: shard, record.
std::optional<std::vector<std::pair<std::size_t, std::size_t>>>
locateTUs(const std::vector<std::unique_ptr<FactsReader>> &Shards,
          std::string &Error) {
  uint64_t Commands = Shards.front()->header().Commands;
  std::vector<std::pair<std::size_t, std::size_t>> Origin(Commands,
                                                          {SIZE_MAX, 0});
  for (std::size_t S = 0; S < Shards.size(); ++S)
    for (std::size_t R = 0; R < Shards[S]->records(); ++R) {
      std::optional<uint64_t> Index = Shards[S]->index(R);
      if (!Index || *Index >= Commands || Origin[*Index].first != SIZE_MAX) {
        Error = "--facts " + shardName(S + 1, Shards.size()) +
                ": translation unit " + std::to_string(R + 1) +
                " is not one of the run's, or is there twice";
        return std::nullopt;
      }
      Origin[*Index] = {S, R};
    }
  std::size_t Missing = 0;
  for (const auto &[S, R] : Origin)
    Missing += S == SIZE_MAX;
  if (Missing) {
    Error = "--facts: " + std::to_string(Missing) + " of the " +
            std::to_string(Commands) +
            " translation units have no facts in any shard";
    return std::nullopt;
  }
  return Origin;
}

/// Every TU, read in the unsharded run's order and deduplicated as it is
/// read (a header's facts once, from the first TU in the database's order,
/// as the unsharded run keeps them), what stays of each recorded in \p Plan.
std::optional<Tree>
readTree(const std::vector<std::unique_ptr<FactsReader>> &Shards,
         std::size_t RuleSets, JudgePlan &Plan, std::string &Error) {
  Tree T;
  std::optional<std::vector<std::pair<std::size_t, std::size_t>>> Origin =
      locateTUs(Shards, Error);
  if (!Origin)
    return std::nullopt;
  T.Origin = std::move(*Origin);
  std::vector<FactDedup> Dedups(RuleSets);
  for (const auto &[S, R] : T.Origin) {
    std::optional<FactsRecord> Record = Shards[S]->record(R);
    std::optional<TUResult> TU;
    if (Record && Record->RuleSet < RuleSets)
      TU = decodeTUResult(Record->Bytes);
    if (!TU) {
      Error = "--facts " + shardName(S + 1, Shards.size()) +
              ": translation unit " + std::to_string(R + 1) +
              " does not decode";
      return std::nullopt;
    }
    FactSelection Kept = Dedups[Record->RuleSet].select(TU->Facts);
    T.Calls += TU->Facts.Calls.size();
    FactDedup::keepOnly(TU->Facts, Kept);
    T.KeptCalls += TU->Facts.Calls.size();
    // The rest is read again when the TU is judged for the tally.
    keepInferenceFacts(TU->Facts);
    Plan.Shards[S].Kept[R] = std::move(Kept);
    T.Results.push_back(std::move(*TU));
    T.RuleSet.push_back(Record->RuleSet);
  }
  return T;
}

/// TU \p I of \p T with all the facts the plan keeps of it, read again
/// from its shard; nullopt when it no longer reads as it did.
std::optional<TUResult>
wholeTU(const std::vector<std::unique_ptr<FactsReader>> &Shards, const Tree &T,
        const JudgePlan &Plan, std::size_t I) {
  auto [S, R] = T.Origin[I];
  std::optional<FactsRecord> Record = Shards[S]->record(R);
  std::optional<TUResult> TU;
  if (Record)
    TU = decodeTUResult(Record->Bytes);
  if (!TU || !FactDedup::keepOnly(TU->Facts, Plan.Shards[S].Kept[R]))
    return std::nullopt;
  return TU;
}

} // namespace

int writeFacts(const RunInputs &In, const RunOptions &O) {
  std::optional<std::string> Identity = runIdentity(O);
  if (!Identity)
    return badFacts("cannot read retcheck's executable to identify it");
  FactsHeader H;
  H.Identity = *Identity;
  H.Scope = analysisScopeKey(In, O);
  std::tie(H.Shard, H.Shards) = shardOf(O);
  H.Commands = In.UnshardedCount;
  H.SourceRoot = In.SourceRoot.Path;
  H.SourceRootInRepository = In.SourceRoot.InRepository.value_or("");
  for (const LoadedRules &Set : In.RuleSets)
    H.RuleSets.push_back(
        Set.Rules.empty() ? "" : rulesFileJson(Set.Rules, "seeds", ""));
  std::string Error;
  std::unique_ptr<FactsWriter> Out =
      FactsWriter::create(O.Stages.WriteFacts, H, Error);
  if (!Out) {
    message() << "retcheck: error: --write-facts: " << Error << "\n";
    return ExitOutputFailed;
  }
  // Each TU's whole facts go to disk as they arrive; the run keeps none.
  Analysis A =
      analyzeTranslationUnits(In, O, nullptr, [&](std::size_t I, TUResult &R) {
        Out->add({In.UnshardedIndex[I], commandDigest(In.Commands[I]),
                  In.Settings[I].Rules, encodeTUResult(R)});
        R.Facts = TUFacts();
      });
  if (!Out->commit(Error)) {
    message() << "retcheck: error: --write-facts: " << Error << "\n";
    return ExitOutputFailed;
  }
  unsigned Failed = 0;
  for (const TUResult &R : A.Results) {
    Failed += !R.Problems.empty();
    for (const TUProblem &P : R.Problems)
      message() << P.File << ": error: " << P.Kind << ": " << P.Message << "\n";
  }
  if (!O.Output.Quiet)
    message() << "retcheck: facts of " << A.Results.size()
              << " translation unit(s) (shard " << shardName(H.Shard, H.Shards)
              << ", " << Failed << " with errors) written to "
              << O.Stages.WriteFacts << " (" << Out->size() << " bytes); "
              << format("%.1f", A.Seconds) << " s\n";
  return Failed ? ExitTUFailed : ExitClean;
}

int reduceFacts(const RunOptions &O) {
  auto Start = std::chrono::steady_clock::now();
  std::string Error;
  std::optional<std::vector<std::unique_ptr<FactsReader>>> Shards =
      openShards(O, Error);
  if (!Shards)
    return badFacts(Error);
  // The rules sets of a shard that had TUs to load them for.
  const FactsHeader &H =
      (*std::max_element(Shards->begin(), Shards->end(),
                         [](const auto &A, const auto &B) {
                           return A->header().RuleSets.size() <
                                  B->header().RuleSets.size();
                         }))
          ->header();
  JudgePlan Plan;
  Plan.Identity = H.Identity;
  for (const std::unique_ptr<FactsReader> &S : *Shards)
    Plan.Shards.push_back(
        {S->header().Shard, S->id(), std::vector<FactSelection>(S->records())});
  std::optional<std::vector<LoadedRules>> Sets =
      ruleSetsOf(H, O.Stages.Facts.front(), Error);
  std::optional<Tree> T;
  if (Sets)
    T = readTree(*Shards, Sets->size(), Plan, Error);
  if (!T)
    return badFacts(Error);
  std::vector<const TUFacts *> Facts;
  for (const TUResult &R : T->Results)
    Facts.push_back(&R.Facts);
  InferenceResult Inferred = inferFrom(Facts, *Sets, H.SourceRoot, O);
  std::string RulesFile = inferredRulesFile(Inferred, H.Commands, H.SourceRoot);
  for (TUResult &R : T->Results)
    R.Facts = TUFacts();

  if (!O.Stages.JudgePlan.empty()) {
    // The ranks weigh every call of the tree: each judge stage ranks with
    // this tally, and keeps its own share of it in its result.
    RunInputs Whole;
    Whole.RuleSets = std::move(*Sets);
    Whole.SourceRoot.Path = H.SourceRoot;
    addInferredRules(RulesFile, "inferred rules", Whole);
    for (uint32_t Set : T->RuleSet)
      Whole.Settings.push_back({Set, 0, {}});
    TUJudge Judge(Whole, O);
    for (std::size_t I = 0; I < T->Results.size(); ++I) {
      std::optional<TUResult> TU = wholeTU(*Shards, *T, Plan, I);
      if (!TU)
        return badFacts(
            "--facts " + shardName(T->Origin[I].first + 1, Shards->size()) +
            ": translation unit " + std::to_string(T->Origin[I].second + 1) +
            " changed while it was read");
      Judge.judge(I, *TU, Plan.Tally);
    }
    Plan.RulesDigest = xxh3_64bits(arrayRefFromStringRef(RulesFile));
    if (!writeJudgePlan(O.Stages.JudgePlan, Plan, Error)) {
      message() << "retcheck: error: --judge-plan: " << Error << "\n";
      return ExitOutputFailed;
    }
  }
  if (!O.Output.Quiet) {
    uint64_t Bytes = 0;
    for (const std::unique_ptr<FactsReader> &S : *Shards)
      Bytes += S->size();
    message() << "retcheck: facts of " << Shards->size() << " shard(s), "
              << Bytes << " bytes: " << T->Calls << " calls, " << T->KeptCalls
              << " once each\n";
  }
  return writeInferredRules(RulesFile, Inferred, T->Results,
                            secondsSince(Start), O);
}

std::optional<int> readJudgeInputs(RunInputs &In, const RunOptions &O,
                                   Analysis &A, JudgePlan &Plan) {
  const std::string &Dir = O.Stages.Facts.front();
  std::string Error;
  std::unique_ptr<FactsReader> Facts = FactsReader::open(Dir, Error);
  if (!Facts)
    return badFacts("--facts " + Error);
  const FactsHeader &H = Facts->header();
  if (std::string Why = foreignFacts(H, Dir, runIdentity(O)); !Why.empty())
    return badFacts(Why);
  auto [K, N] = shardOf(O);
  if (H.Shard != K || H.Shards != N)
    return badFacts("--facts " + Dir + ": facts of shard " +
                    shardName(H.Shard, H.Shards) + ", but this run is shard " +
                    shardName(K, N));
  if (H.Commands != In.UnshardedCount || H.Scope != analysisScopeKey(In, O) ||
      H.SourceRoot != In.SourceRoot.Path)
    return badFacts("--facts " + Dir +
                    ": facts of another run (its database, options, rules "
                    "or source root differ from this run's)");

  std::optional<JudgePlan> Read = readJudgePlan(O.Stages.JudgePlan, Error);
  if (!Read)
    return badFacts("--judge-plan " + Error);
  Plan = std::move(*Read);
  const JudgePlan::ShardPlan *Mine = nullptr;
  for (const JudgePlan::ShardPlan &S : Plan.Shards)
    if (S.Shard == K && S.FactsId == Facts->id())
      Mine = &S;
  if (Plan.Identity != H.Identity || !Mine)
    return badFacts("--judge-plan " + O.Stages.JudgePlan +
                    " was written from other facts than " + Dir);

  ErrorOr<std::unique_ptr<MemoryBuffer>> Rules =
      MemoryBuffer::getFile(O.Stages.InferredRules);
  if (!Rules) {
    message() << "retcheck: error: --inferred-rules " << O.Stages.InferredRules
              << ": " << Rules.getError().message() << "\n";
    return ExitBadRules;
  }
  std::string Text = (*Rules)->getBuffer().str();
  if (xxh3_64bits(arrayRefFromStringRef(Text)) != Plan.RulesDigest)
    return badFacts("--inferred-rules " + O.Stages.InferredRules +
                    " is not the rules file written with --judge-plan " +
                    O.Stages.JudgePlan);
  if (std::optional<RulesError> E =
          addInferredRules(Text, O.Stages.InferredRules, In)) {
    message() << E->str() << "\n";
    return ExitBadRules;
  }

  std::optional<Analysis> Read2 = analysisFromFacts(In, *Facts, *Mine, Error);
  if (!Read2)
    return badFacts("--facts " + Dir + ": " + Error);
  A = std::move(*Read2);
  return std::nullopt;
}

} // namespace retcheck
