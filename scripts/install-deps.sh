#!/usr/bin/env bash
# Installs what Rapport needs on Debian/Ubuntu and is not there yet.
#   install-deps.sh app   build and run the desktop app and the CLI
#   install-deps.sh test  also everything the test suite needs (Xvfb, WebKitWebDriver,
#                         gnome-keyring on a private D-Bus session, tauri-driver, xdotool to
#                         answer the native file dialog, pdftotext to read PDF summaries, curl
#                         to fetch the pinned axe-core the accessibility journeys inject,
#                         python3-venv for check-jsonschema, which checks the CI workflow,
#                         rsvg-convert to check the icons are rendered from icons/icon.svg)
# Runs apt-get (through sudo when not root) only when a package is missing.
set -euo pipefail

what="${1:-app}"
packages=(
  # Tauri 2 / WebKitGTK and the bundled SQLCipher (needs OpenSSL's headers) and keychain (D-Bus).
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  libssl-dev libdbus-1-dev pkg-config build-essential file
)
if [[ "$what" == test ]]; then
  # dbus-bin: dbus-send, with which the crash journey waits for a killed app's bus name to go.
  packages+=(webkit2gtk-driver xvfb xauth gnome-keyring dbus-daemon dbus-bin dbus-x11 psmisc xdotool poppler-utils
    curl ca-certificates python3 python3-venv librsvg2-bin)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ "$what" == test ]] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
