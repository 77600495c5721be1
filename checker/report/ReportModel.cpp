//===- ReportModel.cpp - Many results merged into one report --------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ReportModel.h"

#include "output/Fingerprint.h"
#include "rank/Rank.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <set>
#include <tuple>

namespace retcheck {

namespace {

std::vector<std::string> components(const std::string &Path) {
  std::vector<std::string> Out;
  std::size_t Begin = 0;
  while (Begin <= Path.size()) {
    std::size_t End = Path.find('/', Begin);
    if (End == std::string::npos)
      End = Path.size();
    if (End > Begin)
      Out.push_back(Path.substr(Begin, End - Begin));
    Begin = End + 1;
  }
  return Out;
}

/// The last \p N components of \p Parts, joined by '/'.
std::string suffix(const std::vector<std::string> &Parts, std::size_t N) {
  std::string Out;
  for (std::size_t I = Parts.size() - std::min(N, Parts.size());
       I < Parts.size(); ++I)
    Out += (Out.empty() ? "" : "/") + Parts[I];
  return Out.empty() ? "/" : Out;
}

/// Labels for unlabelled source roots: the fewest trailing directories that
/// tell each root from the others (/x/qemu-7.2/src, /x/qemu-10.0/src ->
/// "qemu-7.2/src", "qemu-10.0/src").
std::map<std::string, std::string>
labelsForRoots(const std::vector<std::string> &Roots) {
  std::map<std::string, std::string> Labels;
  for (const std::string &Root : Roots) {
    std::vector<std::string> Parts = components(Root);
    std::size_t N = 1;
    for (; N < Parts.size(); ++N) {
      bool Unique = true;
      for (const std::string &Other : Roots)
        Unique &=
            Other == Root || suffix(components(Other), N) != suffix(Parts, N);
      if (Unique)
        break;
    }
    Labels[Root] = suffix(Parts, N);
  }
  return Labels;
}

/// The file name without directory and extension ("shard-1" for
/// "out/shard-1.json"), for a result that names no root.
std::string stem(const std::string &Path) {
  std::string Name = Path.substr(Path.rfind('/') + 1);
  std::size_t Dot = Name.rfind('.');
  return Dot == 0 || Dot == std::string::npos ? Name : Name.substr(0, Dot);
}

/// Sorted as the CLI sorts, each fingerprint once.
void sortAndDeduplicate(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end());
  std::set<std::string> Seen;
  Findings.erase(std::remove_if(Findings.begin(), Findings.end(),
                                [&](const Finding &F) {
                                  return !Seen.insert(F.Fingerprint).second;
                                }),
                 Findings.end());
}

/// For each of \p Added, the index in \p Gone of the finding at the same call
/// (buildReport's rules), or npos.
std::vector<std::size_t>
pairSameCalls(const std::vector<const Finding *> &Gone, bool GoneVerifiable,
              const std::vector<const Finding *> &Added, bool AddedVerifiable,
              const CallLineText &CallText) {
  constexpr std::size_t None = std::string::npos;
  std::vector<std::size_t> Pair(Added.size(), None);
  if (Gone.empty() || Added.empty())
    return Pair;
  auto TextOf = [&](const Finding &F, bool Verifiable) {
    return CallText && F.CallLine ? CallText(F, Verifiable) : std::string();
  };
  std::vector<std::string> GoneText, AddedText;
  // Only findings of the same file and function can pair.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>>
      GoneAt;
  for (std::size_t I = 0; I < Gone.size(); ++I) {
    GoneText.push_back(TextOf(*Gone[I], GoneVerifiable));
    GoneAt[{Gone[I]->RelativeFile, Gone[I]->Function}].push_back(I);
  }
  for (const Finding *F : Added)
    AddedText.push_back(TextOf(*F, AddedVerifiable));
  std::vector<bool> Taken(Gone.size());
  auto SameText = [&](std::size_t A, std::size_t G) {
    return !AddedText[A].empty() && AddedText[A] == GoneText[G];
  };
  auto SameEnclosing = [&](std::size_t A, std::size_t G) {
    return !Added[A]->EnclosingFunction.empty() &&
           Added[A]->EnclosingFunction == Gone[G]->EnclosingFunction;
  };
  const std::function<bool(std::size_t, std::size_t)> Tiers[] = {
      [&](std::size_t A, std::size_t G) {
        return SameText(A, G) && SameEnclosing(A, G);
      },
      SameText, SameEnclosing};
  for (const auto &Same : Tiers)
    for (std::size_t A = 0; A < Added.size(); ++A) {
      auto It = GoneAt.find({Added[A]->RelativeFile, Added[A]->Function});
      if (Pair[A] != None || It == GoneAt.end())
        continue;
      for (std::size_t G : It->second)
        if (!Taken[G] && Same(A, G)) {
          Pair[A] = G;
          Taken[G] = true;
          break;
        }
    }
  return Pair;
}

} // namespace

std::optional<std::vector<TreeResult>>
mergeResults(const std::vector<ReportInput> &Inputs, std::string &Error) {
  // First the label of every tree of every input.
  std::vector<std::vector<std::string>> Labels(Inputs.size());
  std::vector<std::string> Unlabelled;
  for (const ReportInput &In : Inputs) {
    if (!In.Label.empty() && In.Trees.size() > 1) {
      Error = In.Path + ": holds " + std::to_string(In.Trees.size()) +
              " trees; a label can only name a result of one tree";
      return std::nullopt;
    }
    for (const TreeResult &T : In.Trees)
      if (In.Label.empty() && T.Label.empty() && !T.Run.SourceRoot.empty() &&
          std::find(Unlabelled.begin(), Unlabelled.end(), T.Run.SourceRoot) ==
              Unlabelled.end())
        Unlabelled.push_back(T.Run.SourceRoot);
  }
  std::map<std::string, std::string> RootLabels = labelsForRoots(Unlabelled);
  for (std::size_t I = 0; I < Inputs.size(); ++I)
    for (const TreeResult &T : Inputs[I].Trees)
      Labels[I].push_back(!Inputs[I].Label.empty() ? Inputs[I].Label
                          : !T.Label.empty()       ? T.Label
                          : !T.Run.SourceRoot.empty()
                              ? RootLabels[T.Run.SourceRoot]
                              : stem(Inputs[I].Path));

  std::vector<TreeResult> Trees;
  std::vector<std::set<std::tuple<std::string, std::string, std::string>>>
      SeenProblems;
  for (std::size_t I = 0; I < Inputs.size(); ++I) {
    for (std::size_t J = 0; J < Inputs[I].Trees.size(); ++J) {
      const TreeResult &T = Inputs[I].Trees[J];
      auto It = std::find_if(Trees.begin(), Trees.end(), [&](const auto &M) {
        return M.Label == Labels[I][J];
      });
      if (It == Trees.end()) {
        Trees.emplace_back();
        Trees.back().Label = Labels[I][J];
        Trees.back().Run.SourceRoot = T.Run.SourceRoot;
        SeenProblems.emplace_back();
        It = Trees.end() - 1;
      }
      TreeResult &Into = *It;
      auto &Seen = SeenProblems[It - Trees.begin()];
      // A merged result stands for the files it was merged from; one that is
      // merged again with them counts once.
      std::vector<std::string> Sources = T.Inputs;
      if (Sources.empty())
        Sources.push_back(Inputs[I].Path);
      bool Counted = true;
      for (const std::string &Source : Sources)
        if (std::find(Into.Inputs.begin(), Into.Inputs.end(), Source) ==
            Into.Inputs.end()) {
          Into.Inputs.push_back(Source);
          Counted = false;
        }
      if (!Counted) {
        Into.Run.Stats += T.Run.Stats;
        Into.Run.Tally.merge(T.Run.Tally);
        Into.Run.WarningRank = T.Run.WarningRank;
      }
      Into.Verifiable &= T.Verifiable;
      Into.Run.Findings.insert(Into.Run.Findings.end(), T.Run.Findings.begin(),
                               T.Run.Findings.end());
      for (const TUProblem &P : T.Run.Problems)
        if (Seen.insert({P.File, P.Kind, P.Message}).second)
          Into.Run.Problems.push_back(P);
    }
  }
  for (TreeResult &T : Trees) {
    sortAndDeduplicate(T.Run.Findings);
    // Shards ranked with their own calls only: rank with all of them.
    rerank(T.Run.Findings, T.Run.Tally, T.Run.WarningRank);
  }
  return Trees;
}

const char *statusName(FindingStatus S) {
  switch (S) {
  case FindingStatus::Current:
    return "current";
  case FindingStatus::New:
    return "new";
  case FindingStatus::Unchanged:
    return "unchanged";
  case FindingStatus::Changed:
    return "changed";
  case FindingStatus::Fixed:
    return "fixed";
  }
  return "";
}

bool Report::compared() const {
  return std::any_of(ComparedWith.begin(), ComparedWith.end(),
                     [](const std::string &S) { return !S.empty(); });
}

unsigned Report::count(std::optional<std::size_t> Tree, FindingStatus S) const {
  return std::count_if(Findings.begin(), Findings.end(),
                       [&](const ReportFinding &F) {
                         return F.Status == S && (!Tree || F.Tree == *Tree);
                       });
}

std::vector<unsigned> Report::currentPerTree() const {
  std::vector<unsigned> Counts(Trees.size());
  for (const ReportFinding &F : Findings)
    Counts[F.Tree] += F.Status != FindingStatus::Fixed;
  return Counts;
}

std::optional<Report> buildReport(std::vector<TreeResult> Trees,
                                  const std::vector<TreeResult> *Old,
                                  std::string &Error,
                                  const CallLineText &CallText) {
  Report R;
  R.ComparedWith.resize(Trees.size());
  // The older tree matched with each tree, if any.
  std::vector<const TreeResult *> Match(Trees.size());
  if (Old && Old->size() == 1 && Trees.size() == 1) {
    Match[0] = &Old->front();
  } else if (Old) {
    for (const TreeResult &O : *Old) {
      auto It = std::find_if(Trees.begin(), Trees.end(),
                             [&](const auto &T) { return T.Label == O.Label; });
      if (It == Trees.end()) {
        Error = "--compare: the older results hold tree '" + O.Label +
                "', which no input has (label inputs as LABEL=FILE)";
        return std::nullopt;
      }
      Match[It - Trees.begin()] = &O;
    }
  }

  for (std::size_t I = 0; I < Trees.size(); ++I) {
    const std::vector<Finding> &Findings = Trees[I].Run.Findings;
    if (!Match[I]) {
      for (const Finding &F : Findings)
        R.Findings.push_back(
            {F, I, FindingStatus::Current, Trees[I].Verifiable, std::nullopt});
      continue;
    }
    R.ComparedWith[I] = Match[I]->Label;
    const std::vector<Finding> &Older = Match[I]->Run.Findings;
    std::set<std::string> Before, Now;
    for (const Finding &F : Older)
      Before.insert(F.Fingerprint);
    for (const Finding &F : Findings)
      Now.insert(F.Fingerprint);
    std::vector<const Finding *> Gone, Added;
    for (const Finding &F : Older)
      if (!Now.count(F.Fingerprint))
        Gone.push_back(&F);
    for (const Finding &F : Findings)
      if (!Before.count(F.Fingerprint))
        Added.push_back(&F);
    std::vector<std::size_t> Pair = pairSameCalls(
        Gone, Match[I]->Verifiable, Added, Trees[I].Verifiable, CallText);
    std::set<const Finding *> Paired;
    std::size_t A = 0;
    for (const Finding &F : Findings) {
      ReportFinding RF{F, I, FindingStatus::Unchanged, Trees[I].Verifiable,
                       std::nullopt};
      if (A < Added.size() && Added[A] == &F) {
        RF.Status = FindingStatus::New;
        if (Pair[A] != std::string::npos) {
          RF.Status = FindingStatus::Changed;
          RF.Previous = *Gone[Pair[A]];
          Paired.insert(Gone[Pair[A]]);
        }
        ++A;
      }
      R.Findings.push_back(std::move(RF));
    }
    for (const Finding *F : Gone)
      if (!Paired.count(F))
        R.Findings.push_back(
            {*F, I, FindingStatus::Fixed, Match[I]->Verifiable, std::nullopt});
  }
  R.Trees = std::move(Trees);
  return R;
}

std::map<std::string, std::vector<unsigned>>
tally(const Report &R, const std::function<std::string(const Finding &)> &Key) {
  std::map<std::string, std::vector<unsigned>> Counts;
  for (const ReportFinding &F : R.Findings) {
    if (F.Status == FindingStatus::Fixed)
      continue;
    std::vector<unsigned> &Row = Counts[Key(F.F)];
    Row.resize(R.Trees.size());
    ++Row[F.Tree];
  }
  return Counts;
}

std::map<std::string, std::vector<unsigned>> tallySections(const Report &R) {
  std::map<std::string, std::vector<unsigned>> Counts;
  for (const ReportFinding &F : R.Findings) {
    if (F.Status == FindingStatus::Fixed)
      continue;
    std::vector<unsigned> &Row =
        Counts[F.Section.empty() ? "(no section)" : F.Section];
    Row.resize(R.Trees.size());
    ++Row[F.Tree];
  }
  return Counts;
}

std::vector<unsigned>
excludePaths(std::vector<TreeResult> &Trees,
             const std::function<bool(const std::string &)> &Excluded) {
  std::vector<unsigned> Removed;
  for (TreeResult &T : Trees) {
    std::vector<Finding> &Findings = T.Run.Findings;
    std::size_t Before = Findings.size();
    Findings.erase(std::remove_if(Findings.begin(), Findings.end(),
                                  [&](const Finding &F) {
                                    return Excluded(F.RelativeFile);
                                  }),
                   Findings.end());
    Removed.push_back(Before - Findings.size());
    std::vector<TUProblem> &Problems = T.Run.Problems;
    Problems.erase(std::remove_if(Problems.begin(), Problems.end(),
                                  [&](const TUProblem &P) {
                                    return Excluded(
                                        relativePath(P.File, T.Run.SourceRoot));
                                  }),
                   Problems.end());
  }
  return Removed;
}

std::string linkTemplateError(const std::string &Template) {
  bool Scheme = false;
  for (const char *Prefix : {"http://", "https://", "file://"})
    Scheme |= Template.compare(0, std::strlen(Prefix), Prefix) == 0;
  if (!Scheme)
    return "must start with http://, https:// or file://";
  if (Template.find("{path}") == std::string::npos)
    return "names no {path}";
  for (std::size_t Open = Template.find('{'); Open != std::string::npos;
       Open = Template.find('{', Open + 1)) {
    std::size_t Close = Template.find('}', Open);
    std::string Name =
        Template.substr(Open, Close == std::string::npos ? std::string::npos
                                                         : Close + 1 - Open);
    if (Name != "{path}" && Name != "{line}" && Name != "{rev}")
      return "unknown placeholder '" + Name +
             "' (there are {path}, {line} and {rev})";
  }
  return "";
}

std::string expandLink(const std::string &Template, const std::string &Path,
                       unsigned Line, const std::string &Rev) {
  if (Path.empty() || Path[0] == '/')
    return "";
  // RFC 3986: unreserved characters and the path's slashes stay.
  auto Encode = [](const std::string &Text) {
    std::string Out;
    for (unsigned char C : Text) {
      if (std::isalnum(C) || std::strchr("-._~/", C))
        Out += char(C);
      else {
        char Hex[4];
        std::snprintf(Hex, sizeof Hex, "%%%02X", C);
        Out += Hex;
      }
    }
    return Out;
  };
  std::string Out;
  for (std::size_t I = 0; I < Template.size();) {
    auto At = [&](const char *Name) {
      return Template.compare(I, std::strlen(Name), Name) == 0;
    };
    if (At("{path}")) {
      Out += Encode(Path);
      I += 6;
    } else if (At("{line}")) {
      Out += std::to_string(Line);
      I += 6;
    } else if (At("{rev}")) {
      Out += Encode(Rev);
      I += 5;
    } else {
      Out += Template[I++];
    }
  }
  return Out;
}

std::vector<std::size_t> rankOrder(const Report &R) {
  std::vector<std::size_t> Order(R.Findings.size());
  std::iota(Order.begin(), Order.end(), 0);
  auto Key = [&](std::size_t I) {
    const Finding &F = R.Findings[I].F;
    // A level written by a rule outranks the rank: a warning it asks for
    // comes before every note, however low the finding ranks.
    return std::make_pair(F.Level == Severity::Warning, F.Rank);
  };
  std::stable_sort(
      Order.begin(), Order.end(),
      [&](std::size_t A, std::size_t B) { return Key(A) > Key(B); });
  return Order;
}

std::string directoryOf(const Finding &F) {
  std::size_t Slash = F.RelativeFile.rfind('/');
  if (Slash == std::string::npos)
    return ".";
  return Slash == 0 ? "/" : F.RelativeFile.substr(0, Slash);
}

} // namespace retcheck
