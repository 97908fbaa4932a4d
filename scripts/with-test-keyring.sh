#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests use
# a real Secret Service keychain without touching the person's own keyring or data.
set -euo pipefail
session="$(mktemp -d "${TMPDIR:-/tmp}/rapport-keyring.XXXXXX")"
mkdir -m 700 "$session/data" "$session/run"
cleanup() {
  # gnome-keyring-daemon outlives the D-Bus session: stop it explicitly.
  fuser -k -TERM "$session/run/keyring/control" >/dev/null 2>&1 || true
  rm -rf "$session"
}
trap cleanup EXIT
export XDG_DATA_HOME="$session/data" XDG_RUNTIME_DIR="$session/run"
dbus-run-session -- bash -euo pipefail -c '
  eval "$(printf %s rapport-test | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"
' with-test-keyring "$@"
