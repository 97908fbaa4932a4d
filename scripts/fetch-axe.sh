#!/usr/bin/env bash
# Prints the path of axe-core's axe.min.js, downloading the pinned release from the npm registry
# the first time (into the build directory) and checking it against its pinned SHA-256. The
# accessibility journeys (tests/e2e/tests/it/accessibility.rs) inject it into the real window.
set -euo pipefail

version=4.14.1
sha256=e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
dir="$target_dir/axe-core-$version"
if [[ ! -s "$dir/axe.min.js" ]]; then
  mkdir -p "$dir"
  tarball="$dir/axe-core.tgz"
  curl -fsSL --retry 3 -o "$tarball" "https://registry.npmjs.org/axe-core/-/axe-core-$version.tgz"
  echo "$sha256  $tarball" | sha256sum --check --quiet - >&2
  tar -xzf "$tarball" -C "$dir" --strip-components=1 package/axe.min.js package/LICENSE
  rm -f "$tarball"
fi
echo "$dir/axe.min.js"
