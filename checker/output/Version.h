//===- Version.h - retcheck's version, as results and --version show it ---===//

#ifndef RETCHECK_OUTPUT_VERSION_H
#define RETCHECK_OUTPUT_VERSION_H

namespace retcheck {

/// "0.1.0", followed by " (git <commit>)" when built from a git work tree
/// (", modified" when it had uncommitted changes). Generated at build time
/// (cli/Version.cmake).
const char *retcheckVersion();

} // namespace retcheck

#endif
