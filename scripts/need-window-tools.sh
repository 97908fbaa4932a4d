#!/usr/bin/env bash
# Checks that the tools for driving the app in a real window are installed (tauri-driver,
# WebKitWebDriver, Xvfb, a private D-Bus session with gnome-keyring), and says how to get the
# missing ones. Used by tests/e2e/run.sh and scripts/bench-desktop.sh; `scripts/install-deps.sh
# test` installs them all.
set -euo pipefail

missing=()
for tool in tauri-driver WebKitWebDriver xvfb-run xauth dbus-run-session gnome-keyring-daemon fuser; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "${1:-need-window-tools.sh}: missing ${missing[*]}" >&2
  echo "  scripts/install-deps.sh test, or by hand:" >&2
  echo "  apt-get install webkit2gtk-driver xvfb xauth dbus-daemon gnome-keyring psmisc" >&2
  echo "  cargo install tauri-driver --locked" >&2
  exit 1
fi
