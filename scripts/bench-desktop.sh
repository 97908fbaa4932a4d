#!/usr/bin/env bash
# Benchmarks the desktop app against a hello-world Tauri app built here the same way (issue 3's
# "Measure"): time from launch to the first screen being rendered, and idle memory (PSS of the
# app and every process under it: WebKitWebProcess, WebKitNetworkProcess), with an empty vault
# and with 100k entries. Prints Markdown tables for docs/benchmarks.md; exits 1 when a budget
# is missed (launch ≤ 1.15× hello world, memory ≤ hello world + 40 MB).
#
# 1. Builds rapport-desktop and the hello-world app (tests/bench/hello-world) in release, in one
#    cargo run so that both use one Tauri build with the same features, including the
#    custom-protocol feature that `tauri build` (scripts/package.sh) adds for release bundles.
# 2. Builds the measuring program (tests/bench/desktop) and runs it inside an X display from
#    Xvfb and scripts/with-test-keyring.sh (a private, unlocked gnome-keyring), so the person's
#    own keyring, data and configuration are never touched. It makes the two vaults through
#    rapport-core, then launches each app through tauri-driver: one warm-up launch each, then
#    7 measured launches each, taking turns (each round starting one case further on).
#
# Options go to the measuring program: --runs N, --idle-seconds S, --entries N, and
# --compare BINARY, another rapport-desktop build measured in the same run, taking turns with
# this one (see --help and docs/benchmarks.md, "Comparing two builds").
# Needs what tests/e2e/run.sh needs (scripts/install-deps.sh test).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/need-window-tools.sh bench-desktop.sh

cargo build --release -p rapport-desktop -p hello-world-bench --features tauri/custom-protocol
cargo build --release -p rapport-desktop-bench

target_dir="${CARGO_TARGET_DIR:-target}"
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"

webkit="$(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
memory="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $memory, $(. /etc/os-release && echo "$PRETTY_NAME"), WebKitGTK $webkit, Xvfb"
echo

xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-test-keyring.sh \
  "$target_dir/release/rapport-desktop-bench" \
  --app "$target_dir/release/rapport-desktop" \
  --hello-world "$target_dir/release/hello-world-bench" "$@"
