#!/usr/bin/env bash
# Runs Rapport's end-to-end tests in a real window, from any shell (no display or keyring needed).
#
# 1. Builds the desktop app (debug) and the test binary.
# 2. Runs the `window` tests of rapport-e2e inside an X display from Xvfb (`xvfb-run -a`) and
#    scripts/with-test-keyring.sh: a private D-Bus session whose gnome-keyring is unlocked with a
#    throwaway password, in a temporary XDG_DATA_HOME and XDG_RUNTIME_DIR, so the person's own
#    keyring and data are never touched.
#
# Needs (Debian): webkit2gtk-driver xvfb xauth dbus-daemon gnome-keyring psmisc, the Tauri build
# dependencies (libwebkit2gtk-4.1-dev ...), and `cargo install tauri-driver --locked`.
# The app binary defaults to $CARGO_TARGET_DIR (or ./target)/debug/rapport-desktop; set
# RAPPORT_DESKTOP_BIN to test another build. Arguments go to the test binary (the scan of WebKit's
# storage, webkit.rs, runs after them either way), e.g.
# `tests/e2e/run.sh first_run`. Screenshots of every screen are written to tests/artifacts/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

scripts/need-window-tools.sh run.sh

# Built with the same package selection as `cargo test --workspace` in scripts/test.sh: cargo
# resolves features per invocation, and a `-p rapport-desktop` build would compile the whole
# GTK/Tauri stack a second time (twice the disk, which CI machines may not have). The debug
# binary therefore carries tauri's `test` feature (its mock runtime module, unused when the app
# runs); release builds and bundles are built on their own and do not.
cargo build --workspace --all-targets

target_dir="${CARGO_TARGET_DIR:-target}"
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"
export RAPPORT_DESKTOP_BIN="${RAPPORT_DESKTOP_BIN:-$target_dir/debug/rapport-desktop}"
# axe-core, injected into the window by the accessibility journeys (pinned, checked by hash).
RAPPORT_AXE_JS="$(scripts/fetch-axe.sh)"
export RAPPORT_AXE_JS

# One test at a time: each drives a whole WebKit app, and the machines have two cores. The scan of
# WebKit's storage (webkit.rs) runs last, in the same keyring session and XDG_DATA_HOME, so that it
# also sees what every other journey left there.
last="after_all_journeys"
xvfb-run -a -s "-screen 0 1280x800x24" \
  scripts/with-test-keyring.sh bash -euo pipefail -c '
    cargo test --workspace --test window -- --test-threads=1 --skip "$0" "$@"
    cargo test --workspace --test window -- --test-threads=1 "$0"
  ' "$last" "$@"
