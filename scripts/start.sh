#!/usr/bin/env bash
# Installs what is missing, builds Rapport (release) and opens it on the default vault
# ($RAPPORT_DATA_DIR, else $XDG_DATA_HOME/rapport). Also builds the `rapport` CLI beside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh app
cargo build --release -p rapport-desktop -p rapport-cli
echo "The CLI is at $root/target/release/rapport"
exec "$root/target/release/rapport-desktop" "$@"
