//===- GitWorkTree.cpp - The git work trees that hold the sources ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GitWorkTree.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retcheck {

std::optional<std::string> gitWorkTreeTop(const std::string &Dir) {
  std::string D = Dir;
  while (!D.empty() && D.back() == '/' && D.size() > 1)
    D.pop_back();
  for (;;) {
    struct stat St;
    if (::stat((D == "/" ? "/.git" : D + "/.git").c_str(), &St) == 0)
      return D;
    std::size_t Slash = D.rfind('/');
    if (Slash == std::string::npos || D == "/")
      return std::nullopt;
    D = Slash == 0 ? "/" : D.substr(0, Slash);
  }
}

std::string shellQuote(const std::string &S) {
  std::string Q = "'";
  for (char C : S)
    Q += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Q + "'";
}

static std::string firstLine(const std::string &S) {
  return S.substr(0, S.find('\n'));
}

const char *const GitMissing = "git is not installed (no 'git' on PATH)";

std::optional<std::string> runGit(const std::string &Dir,
                                  const std::string &Args, std::string *Why) {
  // git's complaint, when the caller wants it, goes to a file of its own:
  // stdout is the answer.
  char ErrorFile[] = "/tmp/retcheck-git-XXXXXX";
  int ErrorFD = Why ? ::mkstemp(ErrorFile) : -1;
  std::string Command = "git -C " + shellQuote(Dir) + " " + Args + " 2>" +
                        (ErrorFD >= 0 ? shellQuote(ErrorFile) : "/dev/null");
  FILE *Pipe = popen(Command.c_str(), "r");
  std::string Out;
  int Status = -1;
  if (Pipe) {
    std::array<char, 65536> Buf;
    while (std::size_t N = fread(Buf.data(), 1, Buf.size(), Pipe))
      Out.append(Buf.data(), N);
    Status = pclose(Pipe);
  }
  bool Ok = Status != -1 && WIFEXITED(Status) && WEXITSTATUS(Status) == 0;
  if (ErrorFD >= 0) {
    std::string Said;
    std::array<char, 4096> Buf;
    ssize_t N;
    while ((N = ::read(ErrorFD, Buf.data(), Buf.size())) > 0)
      Said.append(Buf.data(), N);
    ::close(ErrorFD);
    ::unlink(ErrorFile);
    std::size_t Start = Said.find_first_not_of(" \n");
    // 127: the shell's "command not found".
    if (!Ok && Status != -1 && WIFEXITED(Status) && WEXITSTATUS(Status) == 127)
      *Why = GitMissing;
    else if (!Ok)
      *Why = Start == std::string::npos ? "git failed, saying nothing"
                                        : firstLine(Said.substr(Start));
  }
  if (!Ok)
    return std::nullopt;
  return Out;
}

std::string repositoryUri(const std::string &Url) {
  std::size_t Scheme = Url.find("://");
  if (Scheme == std::string::npos) {
    // scp-like "user@host:path" (no scheme, a colon before any slash).
    std::size_t Colon = Url.find(':');
    if (Colon != std::string::npos && Url.find('/') > Colon)
      return "ssh://" + Url.substr(0, Colon) + "/" + Url.substr(Colon + 1);
    return Url; // a local path: the caller makes it a file:// URI
  }
  std::size_t HostStart = Scheme + 3;
  std::size_t PathStart = Url.find('/', HostStart);
  std::size_t At = Url.rfind('@', PathStart);
  if (At == std::string::npos || At < HostStart)
    return Url;
  std::string UserInfo = Url.substr(HostStart, At - HostStart);
  // A password or token is never written out; a bare user name over ssh is.
  if (UserInfo.find(':') == std::string::npos &&
      Url.compare(0, Scheme, "ssh") == 0)
    return Url;
  return Url.substr(0, HostStart) + Url.substr(At + 1);
}

std::optional<GitProvenance> gitProvenance(const std::string &Top) {
  std::optional<std::string> Head = runGit(Top, "rev-parse --verify HEAD");
  if (!Head)
    return std::nullopt;
  GitProvenance P;
  P.RevisionId = firstLine(*Head);
  if (std::optional<std::string> Branch =
          runGit(Top, "symbolic-ref --quiet --short HEAD"))
    P.Branch = firstLine(*Branch);
  std::optional<std::string> Origin = runGit(Top, "remote get-url origin");
  P.RepositoryUri = Origin && !firstLine(*Origin).empty()
                        ? repositoryUri(firstLine(*Origin))
                        : repositoryUri(Top);
  return P;
}

} // namespace retcheck
