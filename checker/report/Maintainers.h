//===- Maintainers.h - Sections of a QEMU/Linux MAINTAINERS file ----------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `retcheck report --by-maintainers` groups findings by the section of the
// tree's MAINTAINERS file that covers their file, with the rules of the
// kernel's and QEMU's scripts/get_maintainer.pl: a section is a title line
// followed by "X: value" entries; "F:" patterns (a trailing slash: the
// directory and everything below it; otherwise "*" and "?" as in a shell,
// the pattern matching a prefix of the path with as many slashes) say which
// files it covers, "X:" patterns which it does not, "N:" regular expressions
// also cover a file. Of the sections that cover a file, the most specific
// wins: the one whose matching pattern has the most directory levels (the
// order get_maintainer.pl lists them in), the first in the file on a tie.
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_REPORT_MAINTAINERS_H
#define RETCHECK_REPORT_MAINTAINERS_H

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace retcheck {

class Maintainers {
public:
  /// Reads MAINTAINERS text. \p IsDirectory tells whether a pattern without
  /// wildcards or a trailing slash names a directory (relative to the file's
  /// own directory): get_maintainer.pl then reads it with the slash.
  static Maintainers
  parse(const std::string &Text,
        const std::function<bool(const std::string &)> &IsDirectory);

  /// The title of the most specific section that covers \p Path (relative
  /// to the MAINTAINERS file's directory), or "" when none does.
  std::string sectionOf(const std::string &Path) const;

  /// Sections that cover some file (they have F: or N: entries).
  std::size_t size() const { return Sections.size(); }

private:
  struct Pattern {
    std::string Glob; ///< as written, a trailing slash added to directories
    int Depth = 0;    ///< get_maintainer.pl's pattern depth
  };
  /// An N: pattern (std::regex, kept out of this header: the LLVM side
  /// builds without RTTI).
  struct Regex;
  struct Section {
    std::string Title;
    std::vector<Pattern> Files, Excludes;
    std::vector<std::shared_ptr<const Regex>> Regexes;
  };
  std::vector<Section> Sections;
};

} // namespace retcheck

#endif
