#!/usr/bin/env bash
# Checks Cargo.lock against the RustSec advisory database, offline: the plain copy in
# ../shared/advisory-db (beside the repository; refreshed from time to time). Prints the date of
# the snapshot, then fails on any advisory — vulnerability, unsound or unmaintained — that is not
# in the reviewed ignore list, .cargo/audit.toml (each one with its reason).
# Installs cargo-audit when it is missing (cargo install, ~5 minutes once).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${RAPPORT_ADVISORY_DB:-$root/../shared/advisory-db}"
if [[ ! -d "$db/crates" ]]; then
  echo "audit.sh: no advisory database at $db (a copy of rustsec/advisory-db; set RAPPORT_ADVISORY_DB)" >&2
  exit 1
fi
if ! cargo audit --version >/dev/null 2>&1; then
  echo "Installing cargo-audit"
  cargo install cargo-audit --locked
fi
if [[ -f "$db/SNAPSHOT.txt" ]]; then
  sed -n '1,2p' "$db/SNAPSHOT.txt" | sed 's/^/advisory database: /'
fi
cd "$root"
# --no-fetch: the database is used as it is, never updated from the network. The ignore list is
# read from .cargo/audit.toml.
cargo audit --no-fetch --db "$db" --deny warnings
