//===- GitWorkTree.h - The git work trees that hold the sources -----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Source roots, --changed-since and SARIF's versionControlProvenance all
// ask git about the tree that holds the analysed files, which need not be
// the tree the build directory is in (QEMU builds beside its source). No
// LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_SUPPORT_GITWORKTREE_H
#define RETCHECK_SUPPORT_GITWORKTREE_H

#include <optional>
#include <string>
#include <vector>

namespace retcheck {

/// The top of the git work tree holding \p Dir (an absolute directory): the
/// nearest directory at or above it with a `.git` entry (a directory, or a
/// file as in submodules and linked work trees); nullopt outside git.
std::optional<std::string> gitWorkTreeTop(const std::string &Dir);

/// Runs `git -C DIR ARGS` (ARGS already shell-quoted); its stdout, or
/// nullopt when git fails or is missing. Then \p Why, if given, says why in
/// one line: that git is not installed, or the first line git wrote on
/// stderr (which is otherwise discarded).
std::optional<std::string> runGit(const std::string &Dir,
                                  const std::string &Args,
                                  std::string *Why = nullptr);

/// What runGit's \p Why says when there is no git to run.
extern const char *const GitMissing;

/// \p S quoted for the shell.
std::string shellQuote(const std::string &S);

/// Where a tree's sources come from, for SARIF's versionControlProvenance.
struct GitProvenance {
  /// Remote "origin" without credentials, or the work tree's absolute path
  /// (for the caller to make a file:// URI).
  std::string RepositoryUri;
  std::string RevisionId; ///< the commit checked out
  std::string Branch;     ///< "" when detached
};
std::optional<GitProvenance> gitProvenance(const std::string &Top);

/// \p Url as an absolute URI without user information: `user:token@` is
/// dropped, scp-like `git@host:path` becomes `ssh://git@host/path` (the user
/// name alone is kept there, it is no secret); a local path stays a path.
std::string repositoryUri(const std::string &Url);

} // namespace retcheck

#endif
