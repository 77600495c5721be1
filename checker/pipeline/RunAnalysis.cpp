//===- RunAnalysis.cpp - A run's analysis: TUs to judged findings ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RunAnalysis.h"

#include "support/Console.h"
#include "support/Progress.h"

#include "facts/FactDedup.h"
#include "infer/InferenceFacts.h"
#include "output/Fingerprint.h"
#include "rank/Rank.h"
#include "run/CallSiteFilter.h"
#include "run/RepairVerifier.h"
#include "run/ResultCache.h"
#include "run/StatementSpan.h"
#include "run/TUResultCodec.h"
#include "run/WorkerPool.h"

#include "clang/Basic/Stack.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>

using namespace llvm;

namespace retcheck {

namespace {

/// A TU that is not parsed: proved free of rule calls, or unchanged.
TUResult skippedResult(const clang::tooling::CompileCommand &C) {
  TUResult R;
  R.File = commandFile(C);
  R.Analysed = R.Skipped = true;
  return R;
}

/// A TU that reads no changed file cannot have a finding on a changed line.
bool readsChangedFile(const std::vector<std::string> &Files,
                      const ChangedLines &Changes) {
  return std::any_of(Files.begin(), Files.end(), [&](const std::string &F) {
    return Changes.fileChanged(F);
  });
}

/// How each rules set's TUs are analysed: which calls' facts are gathered
/// and, for the cache, what a result depends on besides its command, the
/// files it read and retcheck itself (the prefilter's verdict depends on
/// the same names). Not the contracts: findings are judged from the facts
/// in every run.
struct AnalysisScopes {
  bool Inferring = false, Prefilter = false;
  std::vector<FactScope> Facts;   ///< per rules set
  std::vector<std::string> Cache; ///< per rules set
};

AnalysisScopes scopesOf(const AnalysisInputs &In, const RunOptions &O) {
  AnalysisScopes S;
  // Inference needs the facts of every call in every TU: no TU is skipped.
  S.Inferring = O.Infer.Enabled;
  S.Prefilter = O.Analysis.Prefilter && !S.Inferring;
  for (const LoadedRules &Set : In.RuleSets) {
    S.Facts.push_back(scopeOf(Set.Rules));
    S.Facts.back().AllCalls = S.Inferring;
    S.Cache.push_back(S.Facts.back().key() + "; prefilter " +
                      (S.Prefilter ? "on" : "off"));
  }
  return S;
}

/// Whether the configuration of TU \p I reports \p F.
bool reported(const AnalysisInputs &In, std::size_t I, const TUResult &R,
              const Finding &F) {
  const TUSettings &S = In.Settings[I];
  return (S.Enabled & checkBit(F.Check)) &&
         S.Headers.keepsFindingIn(F.File, R.File) &&
         In.Lines.allows(F.File, F.Line) && !excludedFile(In, F.File);
}

/// A change anywhere in the statement of the call or of the finding (its
/// test) counts, as the sources read now.
bool touchedByChange(
    const ChangedLines &Changes, const Finding &F,
    std::map<std::string, std::unique_ptr<MemoryBuffer>> &Texts) {
  if (Changes.lineChanged(F.File, F.Line))
    return true;
  if (!Changes.fileChanged(F.File))
    return false;
  std::unique_ptr<MemoryBuffer> &Text = Texts[F.File];
  if (!Text)
    if (ErrorOr<std::unique_ptr<MemoryBuffer>> Read =
            MemoryBuffer::getFile(F.File))
      Text = std::move(*Read);
  if (!Text)
    return false;
  StringRef Bytes = Text->getBuffer();
  for (unsigned Offset :
       {F.Offset, offsetOf(Bytes, F.CallLine, F.CallColumn)}) {
    auto [First, Last] = statementLines(Bytes, Offset);
    if (First && Changes.rangeChanged(F.File, First, Last))
      return true;
  }
  return false;
}

/// What a TU's repair verdicts depend on besides the TU itself: the
/// contracts they are judged with and the repairs, as text.
std::string verdictScope(const std::string &AnalysisScope,
                         const std::string &Contracts,
                         const std::vector<Finding *> &Findings) {
  std::string Text = Contracts;
  for (const Finding *F : Findings) {
    Text += '\0' + F->keyText() + '\0' + F->Proposed->Message;
    for (const TextEdit &E : F->Proposed->Fixes)
      Text += '\0' + E.File + ':' + std::to_string(E.Offset) + '+' +
              std::to_string(E.Length) + '=' + E.Text;
  }
  return AnalysisScope + "; repairs " +
         utohexstr(xxh3_64bits(arrayRefFromStringRef(Text)));
}

} // namespace

Analysis analyzeTranslationUnits(
    const AnalysisInputs &In, const RunOptions &O,
    llvm::function_ref<void(std::size_t, const TUResult &)> OnResult,
    llvm::function_ref<void(std::size_t, TUResult &)> Whole) {
  auto Start = std::chrono::steady_clock::now();
  // The cache knows the files on disk, not an editor's buffers.
  ResultCache *Cache = In.Unsaved.empty() ? In.Cache.get() : nullptr;
  AnalysisScopes Scopes = scopesOf(In, O);
  bool Prefilter = Scopes.Prefilter;
  const ChangedLines *Changes =
      Scopes.Inferring || !In.Changes ? nullptr : &*In.Changes;
  Progress Bar(In.Commands.size());
  // Per rules set: a shared header's call is judged with the rules of the
  // TU it is kept from.
  std::vector<FactDedup> Dedups(In.RuleSets.size());
  Analysis A;
  A.Results.resize(In.Commands.size());
  // Until the contracts are known, a run that infers holds every TU: only
  // what inference reads, the rest on disk when it judges too. A map stage
  // (Whole) keeps nothing.
  bool Slim = Scopes.Inferring && !Whole;
  if (Slim && !O.Infer.Only) {
    std::string Error;
    A.Spool = FactsSpool::create(In.Commands.size(), Error);
    if (!A.Spool) {
      message() << "retcheck: warning: the facts stay in memory (" << Error
                << ")\n";
      Slim = false;
    }
  }
  // The TU's facts as it is judged, after its seen facts are dropped.
  auto Keep = [&](std::size_t I, TUResult &R) {
    if (A.Spool)
      A.Spool->add(I, R);
    if (Slim)
      keepInferenceFacts(R.Facts);
  };

  // Lookups happen here, before any worker is forked: a warm run forks
  // little, and each file's digest is computed once.
  std::vector<std::size_t> ToAnalyse;
  for (std::size_t I = 0; I < In.Commands.size(); ++I) {
    std::optional<ResultCache::Hit> Hit;
    if (Cache)
      Hit = Cache->lookup(In.Commands[I], Scopes.Cache[In.Settings[I].Rules]);
    std::optional<TUResult> R;
    if (Hit)
      R = decodeTUResult(Hit->Bytes);
    if (!R) {
      ToAnalyse.push_back(I);
      continue;
    }
    // A hit read a changed file or is not skipped for one: within the change.
    R->OutsideChange = false;
    if (Changes && !readsChangedFile(Hit->Files, *Changes))
      R = skippedResult(In.Commands[I]);
    if (Whole)
      Whole(I, *R);
    Dedups[In.Settings[I].Rules].dropSeen(R->Facts);
    A.Results[I] = std::move(*R);
    if (OnResult)
      OnResult(I, A.Results[I]);
    Keep(I, A.Results[I]);
    Bar.step(A.Results[I].Skipped);
  }

  // Filters live in each worker (one per rules set): created there on first
  // use, so that their caches are filled by that worker's TUs.
  std::map<unsigned, std::unique_ptr<CallSiteFilter>> Filters;
  auto AnalyzeOne = [&](std::size_t I) {
    const clang::tooling::CompileCommand &C = In.Commands[I];
    const RuleSet &Rules = In.RuleSets[In.Settings[I].Rules].Rules;
    // Lets clang move deep recursion onto a fresh stack instead of crashing.
    clang::noteBottomOfStack();
    setBugReportMsg("retcheck: a worker crashed analysing the translation "
                    "unit below; the run goes on without it. Please report "
                    "it to retcheck's maintainers with this stack dump.\n");
    TUResult R;
    R.File = commandFile(C);
    if (!sys::fs::is_directory(C.Directory)) {
      R.Problems.push_back({R.File, "not-analysed",
                            "the directory of its compile command, '" +
                                C.Directory + "', does not exist"});
      return R;
    }
    std::unique_ptr<CallSiteFilter> &Filter = Filters[In.Settings[I].Rules];
    if (!Filter && (Prefilter || Changes))
      Filter = std::make_unique<CallSiteFilter>(Rules);
    // One scan lists the files for --changed-since and for the cache, and
    // serves the prefilter too. If they cannot be listed, the TU is
    // analysed. Without a scan, the cache keeps the files the parse read.
    std::optional<std::vector<std::string>> Files;
    if (Changes || (Cache && Prefilter))
      Files = Filter->includedFiles(C);
    // A TU that reads no changed file cannot have a finding on a changed
    // line. The skip is this run's alone, so it is not kept (no files).
    if (Changes && Files && !readsChangedFile(*Files, *Changes))
      return skippedResult(C);
    std::vector<std::string> Named;
    if (Prefilter &&
        !Filter->mayCallRuleFunction(C, &Named, Files ? &*Files : nullptr)) {
      R = skippedResult(C);
      R.RuleFunctions = std::move(Named);
    } else {
      R = analyzeCompileCommand(C, Scopes.Facts[In.Settings[I].Rules],
                                In.Unsaved);
      // Its problems count only when the change can reach it: through what
      // the parse read when the scan failed.
      if (Changes)
        R.OutsideChange =
            Files ? !readsChangedFile(*Files, *Changes)
                  : std::none_of(R.FilesRead.begin(), R.FilesRead.end(),
                                 [&](const std::string &F) {
                                   return Changes->fileChanged(
                                       absolutePath(F, C.Directory));
                                 });
    }
    // The parse's files stand in for a scan only when none was tried and
    // the parse was clean: a missing header is in neither list, and the
    // entry would be served after it appears.
    bool ScanTried = Changes || Prefilter;
    if (Files)
      R.FilesRead = std::move(*Files);
    else if (Cache && !ScanTried && R.Analysed && R.Problems.empty())
      for (std::string &F : R.FilesRead)
        F = absolutePath(F, C.Directory);
    else
      R.FilesRead.clear();
    return R;
  };
  auto Done = [&](std::size_t J, TUResult &R) {
    std::vector<std::string> Files = std::move(R.FilesRead);
    R.FilesRead.clear();
    // Crashed and timed-out TUs, and scans that failed, have no files.
    if (Cache && !Files.empty())
      Cache->store(In.Commands[ToAnalyse[J]],
                   Scopes.Cache[In.Settings[ToAnalyse[J]].Rules],
                   std::move(Files), encodeTUResult(R));
    if (Whole)
      Whole(ToAnalyse[J], R);
    Dedups[In.Settings[ToAnalyse[J]].Rules].dropSeen(R.Facts);
    if (OnResult)
      OnResult(ToAnalyse[J], R);
    Keep(ToAnalyse[J], R);
    Bar.step(R.Skipped);
  };

  WorkerPoolOptions Options;
  // No idle worker: never more than there are TUs.
  Options.Workers = std::min<std::size_t>(
      O.Analysis.Jobs, std::max<std::size_t>(1, ToAnalyse.size()));
  Options.TimeoutSeconds = O.Analysis.TimeoutSeconds;
  Options.Output = [](const std::string &Text) { relayWorkerOutput(Text); };
  std::vector<TUResult> Analysed = analyzeInWorkers(
      ToAnalyse.size(), Options,
      [&](std::size_t J) { return AnalyzeOne(ToAnalyse[J]); },
      [&](std::size_t J) { return In.Commands.file(ToAnalyse[J]); }, Done);
  for (std::size_t J = 0; J < ToAnalyse.size(); ++J)
    A.Results[ToAnalyse[J]] = std::move(Analysed[J]);
  if (Cache)
    Cache->finish();
  if (A.Spool && !A.Spool->finish(A.SpoolError))
    A.SpoolError =
        "cannot keep the facts of the run in a temporary file: " + A.SpoolError;
  A.Jobs = Options.Workers;
  A.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return A;
}

const TUResult *Analysis::whole(std::size_t I,
                                std::optional<TUResult> &Read) const {
  if (!Spool)
    return &Results[I];
  Read = Spool->read(I);
  return Read ? &*Read : nullptr;
}

std::string analysisScopeKey(const AnalysisInputs &In, const RunOptions &O) {
  std::string Key;
  for (const std::string &Scope : scopesOf(In, O).Cache)
    Key += Scope + '\n';
  return Key;
}

std::optional<Analysis> analysisFromFacts(const AnalysisInputs &In,
                                          const FactsReader &Facts,
                                          const JudgePlan::ShardPlan &Plan,
                                          std::string &Error) {
  auto Start = std::chrono::steady_clock::now();
  std::map<std::size_t, std::size_t> Place;
  for (std::size_t I = 0; I < In.Commands.size(); ++I)
    Place[In.UnshardedIndex[I]] = I;
  Analysis A;
  A.Results.resize(In.Commands.size());
  std::vector<bool> Read(In.Commands.size());
  auto Foreign = [&](const std::string &Why) {
    Error = "the facts are not those of this run's translation units (" + Why +
            "): give the map stage's options and compile database";
    return std::nullopt;
  };
  if (Plan.Kept.size() != Facts.records())
    return Foreign("the judge plan was written for other facts");
  for (std::size_t R = 0; R < Facts.records(); ++R) {
    std::optional<FactsRecord> Record = Facts.record(R);
    std::optional<TUResult> TU;
    if (Record)
      TU = decodeTUResult(Record->Bytes);
    if (!TU) {
      Error = "the facts of translation unit " + std::to_string(R + 1) +
              " do not decode";
      return std::nullopt;
    }
    auto It = Place.find(Record->Index);
    if (It == Place.end() || Read[It->second] ||
        Record->Command != commandDigest(In.Commands[It->second]))
      return Foreign("translation unit " + std::to_string(Record->Index + 1) +
                     " of the database differs");
    if (!FactDedup::keepOnly(TU->Facts, Plan.Kept[R]))
      return Foreign("the judge plan does not fit translation unit " +
                     std::to_string(Record->Index + 1));
    Read[It->second] = true;
    A.Results[It->second] = std::move(*TU);
  }
  if (std::size_t Missing = std::count(Read.begin(), Read.end(), false))
    return Foreign(std::to_string(Missing) + " of them have no facts");
  A.Jobs = 1;
  A.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return A;
}

TUJudge::TUJudge(const AnalysisInputs &In, const RunOptions &O)
    : In(In), MinConfidence(O.Report.MinConfidence), Ranking(In.Ranking) {
  AnalysisScopes Scopes = scopesOf(In, O);
  for (std::size_t Set = 0; Set < In.RuleSets.size(); ++Set)
    Pipelines.emplace_back(In.RuleSets[Set].Rules, Scopes.Facts[Set]);
  Ranking.SourceRoot = In.SourceRoot.Path;
}

TUJudge::~TUJudge() = default;

std::vector<Finding> TUJudge::judge(std::size_t I, const TUResult &R,
                                    CallerTally &Tally) const {
  return Pipelines[In.Settings[I].Rules].judge(R.Facts, Tally);
}

std::vector<Finding> TUJudge::report(std::size_t I, const TUResult &R,
                                     std::vector<Finding> Found,
                                     const CallerTally &Tally) {
  Pipelines[In.Settings[I].Rules].rank(Found, R.Facts, Tally, Ranking);
  std::vector<Finding> Reported;
  for (Finding &F : Found)
    if (reported(In, I, R, F) &&
        (!F.Inferred || F.Confidence >= MinConfidence) &&
        (!In.Changes || touchedByChange(*In.Changes, F, Texts)))
      Reported.push_back(std::move(F));
  std::sort(Reported.begin(), Reported.end());
  return Reported;
}

Gathered
gatherFindings(Analysis &A, const AnalysisInputs &In, const RunOptions &O,
               std::vector<std::optional<std::vector<Finding>>> &Judged,
               const CallerTally *RankWith) {
  Gathered G;
  RunResult &Run = G.Run;
  TUJudge Judge(In, O);
  std::set<std::string> Files;
  std::set<std::tuple<std::string, std::string>> SeenProblems;
  // Every TU is judged before any finding is ranked: the rank weighs how
  // the function's other calls, anywhere in the tree, are handled.
  CallerTally Tally;
  std::vector<std::vector<Finding>> Found(A.Results.size());
  // With a spool, each TU is read back whole as it is judged, and once
  // more if it has findings to rank. One that does not read back is a
  // problem of its TU, and yields no finding.
  auto Unreadable = [&](std::size_t I) {
    A.Results[I].Problems.push_back(
        {A.Results[I].File, "not-analysed",
         "its facts could not be read back from the run's temporary file"});
  };
  for (std::size_t I = 0; I < A.Results.size(); ++I)
    if (I >= Judged.size() || !Judged[I]) {
      std::optional<TUResult> Read;
      if (const TUResult *R = A.whole(I, Read))
        Found[I] = Judge.judge(I, *R, Tally);
      else
        Unreadable(I);
    }
  for (std::size_t I = 0; I < A.Results.size(); ++I) {
    TUResult &R = A.Results[I];
    std::vector<Finding> Reported;
    if (I < Judged.size() && Judged[I]) {
      Reported = std::move(*Judged[I]);
    } else if (!Found[I].empty()) {
      std::optional<TUResult> Read;
      if (const TUResult *Whole = A.whole(I, Read))
        Reported = Judge.report(I, *Whole, std::move(Found[I]),
                                RankWith ? *RankWith : Tally);
      else
        Unreadable(I);
    }
    Files.insert(R.File);
    G.DeclaredRuleFunctions.insert(R.RuleFunctions.begin(),
                                   R.RuleFunctions.end());
    if (!R.Problems.empty() && !R.OutsideChange)
      ++Run.Stats.Failed;
    Run.Stats.Skipped += R.Skipped;
    for (TUProblem &P : R.Problems)
      if (SeenProblems.insert({P.File, P.Message}).second)
        (R.OutsideChange ? G.Unreached : Run.Problems).push_back(std::move(P));
    for (Finding &F : Reported) {
      G.Origins.try_emplace(F.keyText(), I);
      Run.Findings.push_back(std::move(F));
    }
  }
  std::sort(Run.Findings.begin(), Run.Findings.end());
  // A file compiled by several entries (QEMU builds hw/ once per target)
  // yields each finding once.
  Run.Findings.erase(std::unique(Run.Findings.begin(), Run.Findings.end(),
                                 [](const Finding &A, const Finding &B) {
                                   return A.key() == B.key();
                                 }),
                     Run.Findings.end());
  assignFingerprints(Run.Findings, In.SourceRoot.Path);
  Run.Tally = std::move(Tally);
  Run.WarningRank = In.Ranking.WarnAt;
  Run.SourceRoot = In.SourceRoot.Path;
  Run.SourceRootInRepository = In.SourceRoot.InRepository;
  Run.Stats.TranslationUnits = In.Commands.size();
  Run.Stats.Files = Files.size();
  Run.Stats.Jobs = A.Jobs;
  Run.Stats.Seconds = A.Seconds;
  return G;
}

void verifyRepairsInWorkers(
    RunResult &Run, const AnalysisInputs &In, const RunOptions &O,
    const std::map<std::string, std::size_t> &Origins,
    llvm::function_ref<void(const std::vector<const Finding *> &)> Stream) {
  std::map<std::size_t, std::vector<Finding *>> ByCommand;
  // Streamed text: every finding of a TU, once its repairs are verified.
  std::map<std::size_t, std::vector<const Finding *>> ByOrigin;
  for (Finding &F : Run.Findings) {
    if (auto It = Origins.find(F.keyText()); It != Origins.end())
      ByOrigin[It->second].push_back(&F);
    if (!O.Analysis.Repairs) {
      F.Proposed.reset();
      F.NoRepair.clear();
    }
    if (!F.Proposed)
      continue;
    ++Run.Stats.RepairsProposed;
    auto It = Origins.find(F.keyText());
    if (It != Origins.end())
      ByCommand[It->second].push_back(&F);
  }
  if (ByCommand.empty())
    return;
  // Parsed and judged again as they were analysed and judged: with the
  // rules set of their TU (the inferred rules among them).
  AnalysisScopes Scopes = scopesOf(In, O);
  std::vector<TUPipeline> Pipelines;
  std::vector<std::string> Contracts;
  for (std::size_t Set = 0; Set < In.RuleSets.size(); ++Set) {
    const RuleSet &Rules = In.RuleSets[Set].Rules;
    Pipelines.emplace_back(Rules, Scopes.Facts[Set]);
    // Hashed once: with inferred rules the key is large.
    Contracts.push_back(
        utohexstr(xxh3_64bits(arrayRefFromStringRef(Rules.contractKey()))));
  }
  ResultCache *Cache = In.Unsaved.empty() ? In.Cache.get() : nullptr;
  struct Job {
    std::size_t Command;
    std::vector<Finding *> Findings;
    std::string Scope; ///< of its cached verdicts
  };
  std::vector<Job> Jobs;
  auto Apply = [&](const Job &J, TUResult &R) {
    std::vector<RepairVerdict> &Verdicts = R.Verdicts;
    if (Verdicts.size() != J.Findings.size()) {
      // The worker died: nothing it verified is offered.
      std::string Why = R.Problems.empty() ? "its verification failed"
                                           : "its verification failed: " +
                                                 R.Problems.front().Message;
      Verdicts.assign(J.Findings.size(), RepairVerdict{false, Why});
    }
    applyVerdicts(J.Findings, Verdicts);
    for (const RepairVerdict &V : Verdicts)
      Run.Stats.RepairsOffered += V.Offered;
    Run.Stats.RepairParses += R.VerifyParses;
    Run.Stats.RepairSeconds += R.VerifySeconds;
    // The TU's findings are final now.
    if (Stream)
      Stream(ByOrigin[J.Command]);
  };
  for (auto &[Command, Findings] : ByCommand) {
    unsigned Set = In.Settings[Command].Rules;
    Job J{Command, std::move(Findings), ""};
    if (Cache) {
      J.Scope = verdictScope(Scopes.Cache[Set], Contracts[Set], J.Findings);
      if (std::optional<ResultCache::Hit> Hit =
              Cache->lookup(In.Commands[Command], J.Scope, /*Counted=*/false))
        if (std::optional<TUResult> R = decodeTUResult(Hit->Bytes))
          if (R->Verdicts.size() == J.Findings.size()) {
            R->VerifyParses = 0;
            R->VerifySeconds = 0;
            Apply(J, *R);
            continue;
          }
    }
    Jobs.push_back(std::move(J));
  }
  auto Verify = [&](std::size_t I) {
    clang::noteBottomOfStack();
    const clang::tooling::CompileCommand &Command =
        In.Commands[Jobs[I].Command];
    unsigned Set = In.Settings[Jobs[I].Command].Rules;
    std::vector<const Finding *> Findings(Jobs[I].Findings.begin(),
                                          Jobs[I].Findings.end());
    VerificationCost Cost;
    TUResult R;
    R.File = commandFile(Command);
    R.Analysed = true;
    const TUPipeline &Pipeline = Pipelines[Set];
    R.Verdicts = Pipeline.verify(
        Findings,
        [&](const Overlay &Files) {
          return reparseCommand(Command, Pipeline.scope(), Files, In.Unsaved);
        },
        &Cost, In.Unsaved);
    R.VerifyParses = Cost.Parses;
    R.VerifySeconds = Cost.Seconds;
    return R;
  };
  // Kept under the files the TU's analysis read, as its cached result was.
  auto Done = [&](std::size_t I, TUResult &R) {
    const Job &J = Jobs[I];
    Apply(J, R);
    if (!Cache || R.Verdicts.size() != J.Findings.size())
      return;
    const clang::tooling::CompileCommand &Command = In.Commands[J.Command];
    if (std::optional<ResultCache::Hit> Analysed =
            Cache->lookup(Command, Scopes.Cache[In.Settings[J.Command].Rules],
                          /*Counted=*/false))
      Cache->store(Command, J.Scope, std::move(Analysed->Files),
                   encodeTUResult(R), /*Counted=*/false);
  };
  if (Jobs.empty())
    return;
  WorkerPoolOptions Options;
  Options.Workers = std::min<std::size_t>(O.Analysis.Jobs, Jobs.size());
  Options.TimeoutSeconds = O.Analysis.TimeoutSeconds;
  Options.Output = [](const std::string &Text) { relayWorkerOutput(Text); };
  analyzeInWorkers(
      Jobs.size(), Options, Verify,
      [&](std::size_t I) { return In.Commands.file(Jobs[I].Command); }, Done);
  if (Cache)
    Cache->finish();
}

} // namespace retcheck
