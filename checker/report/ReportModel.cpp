//===- ReportModel.cpp - Many results merged into one report --------------===//

#include "ReportModel.h"

#include <algorithm>
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
      if (!Counted)
        Into.Run.Stats += T.Run.Stats;
      Into.Verifiable &= T.Verifiable;
      Into.Run.Findings.insert(Into.Run.Findings.end(), T.Run.Findings.begin(),
                               T.Run.Findings.end());
      for (const TUProblem &P : T.Run.Problems)
        if (Seen.insert({P.File, P.Kind, P.Message}).second)
          Into.Run.Problems.push_back(P);
    }
  }
  for (TreeResult &T : Trees)
    sortAndDeduplicate(T.Run.Findings);
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
                                  std::string &Error) {
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
    std::set<std::string> Before, Now;
    if (Match[I]) {
      R.ComparedWith[I] = Match[I]->Label;
      for (const Finding &F : Match[I]->Run.Findings)
        Before.insert(F.Fingerprint);
    }
    for (const Finding &F : Trees[I].Run.Findings) {
      Now.insert(F.Fingerprint);
      FindingStatus S = !Match[I]                     ? FindingStatus::Current
                        : Before.count(F.Fingerprint) ? FindingStatus::Unchanged
                                                      : FindingStatus::New;
      R.Findings.push_back({F, I, S, Trees[I].Verifiable});
    }
    if (Match[I])
      for (const Finding &F : Match[I]->Run.Findings)
        if (!Now.count(F.Fingerprint))
          R.Findings.push_back(
              {F, I, FindingStatus::Fixed, Match[I]->Verifiable});
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

std::string directoryOf(const Finding &F) {
  std::size_t Slash = F.RelativeFile.rfind('/');
  if (Slash == std::string::npos)
    return ".";
  return Slash == 0 ? "/" : F.RelativeFile.substr(0, Slash);
}

} // namespace retcheck
