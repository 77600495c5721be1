#!/usr/bin/env bash
# Installs what retcheck needs to build and test, from Debian bookworm's
# own packages (LLVM/Clang 19 are in bookworm main). Idempotent.
set -euo pipefail
PACKAGES=(
  cmake ninja-build g++ python3
  clang-19 libclang-19-dev llvm-19-dev clang-tidy-19 clang-tools-19
  nlohmann-json3-dev catch2
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
