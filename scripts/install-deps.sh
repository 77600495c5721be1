#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what retcheck needs to build and test, from Debian bookworm's
# own packages (LLVM/Clang 19 are in bookworm main). Idempotent.
#   install-deps.sh           everything: build, tests, the package
#   install-deps.sh --build   only what scripts/package.sh needs (a CI job
#                             that builds the .deb)
set -euo pipefail
BUILD_ONLY=
case ${1:-} in
--build) BUILD_ONLY=1 ;;
"") ;;
*) echo "usage: $0 [--build]" >&2; exit 2 ;;
esac
PACKAGES=(
  cmake ninja-build g++ python3
  clang-19 libclang-19-dev llvm-19-dev clang-tidy-19 clang-tools-19
  libclang-rt-19-dev # ASan/UBSan runtimes for scripts/test-sanitized.sh
  nlohmann-json3-dev catch2
  python3-jsonschema
  python3-yaml # the CI-job test reads the recipes
  reuse # `reuse lint` in the licence test
  chromium fonts-dejavu-core
  neovim # a real LSP client drives `retcheck lsp` (checker/test/lsp_neovim_test.sh)
  libicu72 # the SARIF multitool (.NET) loads ICU
  # the Debian package (cpack -G DEB: dpkg-shlibdeps, file) and retcheck(1)
  dpkg-dev file man-db groff-base bsdextrautils
)
if [ -n "$BUILD_ONLY" ]; then
  PACKAGES=(cmake ninja-build g++ clang-19 libclang-19-dev llvm-19-dev
            nlohmann-json3-dev dpkg-dev file)
fi
# npm fetches the SARIF schema and playwright-core below; the machine's
# Node.js may bring it.
[ -n "$BUILD_ONLY" ] || command -v npm >/dev/null || PACKAGES+=(npm)
# install_missing PACKAGE...: those not installed yet, with apt.
install_missing() {
  local p missing=() SUDO=
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
}
install_missing "${PACKAGES[@]}"

[ -z "$BUILD_ONLY" ] || exit 0

# The CI-job test (checker/test/ci_job_test.sh) simulates the recipes'
# images from this machine's packages: every package ci/gitlab-ci.yml's
# jobs install must be installed here too.
mapfile -t image_packages < <(python3 - "$(dirname "$0")/../ci/gitlab-ci.yml" <<'PY'
import sys, yaml
variables = yaml.safe_load(open(sys.argv[1]))[".retcheck"]["variables"]
print("\n".join((variables["RETCHECK_QEMU_TOOLS"] + " " + variables["RETCHECK_QEMU_HEADERS"]).split()))
PY
)
install_missing "${image_packages[@]}"

# The SARIF 2.1.0 JSON schema, for the test that validates --format sarif.
# Debian packages none; Microsoft's @microsoft/jest-sarif (npm) ships it.
SCHEMA_DIR=${RETCHECK_SCHEMA_DIR:-/usr/local/share/retcheck-test}
if [ ! -f "$SCHEMA_DIR/sarif-schema-2.1.0.json" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null &&
    tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json)
  mkdir -p "$SCHEMA_DIR"
  cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SCHEMA_DIR/sarif-schema-2.1.0.json"
  rm -rf "$tmp"
fi

# playwright-core (no dependencies, no browser download) drives Debian's
# chromium in the test of the HTML report (checker/test/report_browser_test.js).
PLAYWRIGHT=playwright-core@1.65.1
if [ ! -f "$SCHEMA_DIR/node_modules/playwright-core/.retcheck-$PLAYWRIGHT" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$PLAYWRIGHT" >/dev/null && tar xzf playwright-core-*.tgz)
  mkdir -p "$SCHEMA_DIR/node_modules"
  rm -rf "$SCHEMA_DIR/node_modules/playwright-core"
  mv "$tmp/package" "$SCHEMA_DIR/node_modules/playwright-core"
  touch "$SCHEMA_DIR/node_modules/playwright-core/.retcheck-$PLAYWRIGHT"
  rm -rf "$tmp"
fi

# Microsoft's SARIF multitool validates --format sarif with GitHub's rules
# (checker/test/sarif_validate_test.sh). npm ships it as a self-contained
# Linux executable (no .NET runtime needed), in its own package.
MULTITOOL=@microsoft/sarif-multitool-linux@5.7.0
MULTITOOL_DIR=$SCHEMA_DIR/node_modules/@microsoft/sarif-multitool-linux
if [ ! -f "$MULTITOOL_DIR/.retcheck-${MULTITOOL##*@}" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$MULTITOOL" >/dev/null && tar xzf microsoft-sarif-multitool-linux-*.tgz)
  mkdir -p "$(dirname "$MULTITOOL_DIR")"
  rm -rf "$MULTITOOL_DIR"
  mv "$tmp/package" "$MULTITOOL_DIR"
  chmod +x "$MULTITOOL_DIR/Sarif.Multitool"
  touch "$MULTITOOL_DIR/.retcheck-${MULTITOOL##*@}"
  rm -rf "$tmp"
fi
