//===- ChangedLines.cpp - What a merge request changed, from git ----------===//

#include "ChangedLines.h"

#include <array>
#include <cstdio>
#include <sstream>
#include <sys/wait.h>

namespace retcheck {

namespace {

/// Runs a shell command; its stdout, or nullopt on a non-zero exit.
std::optional<std::string> run(const std::string &Command) {
  FILE *Pipe = popen(Command.c_str(), "r");
  if (!Pipe)
    return std::nullopt;
  std::string Out;
  std::array<char, 65536> Buf;
  while (std::size_t N = fread(Buf.data(), 1, Buf.size(), Pipe))
    Out.append(Buf.data(), N);
  int Status = pclose(Pipe);
  if (Status == -1 || !WIFEXITED(Status) || WEXITSTATUS(Status) != 0)
    return std::nullopt;
  return Out;
}

std::string quote(const std::string &S) {
  std::string Q = "'";
  for (char C : S)
    Q += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Q + "'";
}

} // namespace

std::optional<ChangedLines> ChangedLines::fromGit(const std::string &Rev,
                                                  const std::string &Dir,
                                                  std::string &Error) {
  std::optional<std::string> Top =
      run("git -C " + quote(Dir) + " rev-parse --show-toplevel 2>/dev/null");
  if (!Top || Top->empty()) {
    Error = Dir + " is not inside a git repository";
    return std::nullopt;
  }
  std::string Root = Top->substr(0, Top->find('\n'));
  std::optional<std::string> Diff =
      run("git -C " + quote(Root) +
          " diff --unified=0 --no-color --no-ext-diff --no-renames " +
          quote(Rev) + " -- 2>/dev/null");
  if (!Diff) {
    Error = "git diff " + Rev + " failed (unknown revision?)";
    return std::nullopt;
  }
  return fromDiff(*Diff, Root);
}

ChangedLines ChangedLines::fromDiff(const std::string &Diff,
                                    const std::string &Root) {
  ChangedLines Result;
  std::istringstream In(Diff);
  std::string Line, File;
  while (std::getline(In, Line)) {
    if (Line.rfind("+++ ", 0) == 0) {
      std::string Path = Line.substr(4);
      File = Path == "/dev/null"        ? ""
             : Path.rfind("b/", 0) == 0 ? Root + "/" + Path.substr(2)
                                        : Root + "/" + Path;
      if (!File.empty())
        Result.Ranges[File];
      continue;
    }
    if (Line.rfind("@@ ", 0) != 0 || File.empty())
      continue;
    // @@ -a[,b] +c[,d] @@: d lines from c on the new side (d may be 0).
    std::size_t Plus = Line.find(" +");
    if (Plus == std::string::npos)
      continue;
    unsigned Start = 0, Count = 1;
    std::istringstream Hunk(Line.substr(Plus + 2));
    Hunk >> Start;
    if (Hunk.peek() == ',') {
      Hunk.get();
      Hunk >> Count;
    }
    // A pure deletion touches the line after it, where the code joined.
    unsigned Last = Count == 0 ? Start + 1 : Start + Count - 1;
    Result.Ranges[File].push_back({Start, Last});
  }
  return Result;
}

bool ChangedLines::lineChanged(const std::string &AbsolutePath,
                               unsigned Line) const {
  auto It = Ranges.find(AbsolutePath);
  if (It == Ranges.end())
    return false;
  for (const auto &[First, Last] : It->second)
    if (First <= Line && Line <= Last)
      return true;
  return false;
}

} // namespace retcheck
