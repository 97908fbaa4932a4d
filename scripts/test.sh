#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, clippy, unit and
# integration tests, the CLI end to end (real SQLCipher, real keychain in a private
# gnome-keyring), the UI's pure modules, and the desktop app in a real window under Xvfb.
set -euo pipefail
# A one-shot build gains nothing from incremental compilation, which would add ~1 GB to the
# build directory (CI machines may be short of disk).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

step "System packages and tools"
df -h . | sed 's/^/disk: /'
scripts/install-deps.sh test

step "Dependencies against the RustSec advisories (offline snapshot, reviewed ignore list)"
scripts/audit.sh

step "The CI workflow for GitHub, checked without running it"
scripts/check-workflow.sh

step "The icons, rendered from icons/icon.svg"
scripts/make-icons.sh --check

step "Formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# The real-window journeys are marked `test = false` (tests/e2e/Cargo.toml), which
# `--all-targets` leaves out: they are linted by name, with the same workspace selection.
cargo clippy --workspace --test window -- -D warnings

step "Unit, integration and CLI end-to-end tests (real SQLCipher, real keychain)"
scripts/with-test-keyring.sh cargo test --workspace

if compgen -G "tests/ui/*.test.js" >/dev/null; then
  step "UI modules (node --test)"
  node --test tests/ui/
fi

step "Desktop app in a real window (tauri-driver, WebKitWebDriver, Xvfb)"
tests/e2e/run.sh

step "All tests passed"
du -sh "${CARGO_TARGET_DIR:-target}" 2>/dev/null | sed 's/^/build directory: /' || true
