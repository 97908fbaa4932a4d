#!/usr/bin/env bash
# Builds Rapport's Linux packages, a .deb and an .rpm of rapport-desktop (release build, the app
# icon from icons/ as listed in src-tauri/tauri.conf.json) with the `rapport` command line, its
# manual pages and its bash, zsh and fish completions, then checks what went into them and that
# each is at most 10 MB. The packages are written to
# $CARGO_TARGET_DIR (or ./target)/release/bundle/deb/ and .../bundle/rpm/.
#
# `rapport` is a two-line script running `rapport-desktop --cli` (src-tauri/src/main.rs): one
# copy of the core in the package, not two. The manual pages and completions are made by the
# command line itself (`rapport manual`, `rapport completions`) from its clap definitions.
#
# Needs the build dependencies of the app (scripts/install-deps.sh app) and Node.js for `npx`:
# the Tauri CLI comes from npm at the exact version below (it carries its own binary; nothing is
# compiled for it). AppImage is not offered: its bundler downloads linuxdeploy while building.
set -euo pipefail

tauri_cli_version=2.12.5
max_bytes=$((10 * 1000 * 1000))

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"
bundle_dir="$target_dir/release/bundle"

command -v npx >/dev/null 2>&1 || {
  echo "package.sh: npx is missing; install Node.js (apt-get install nodejs npm)" >&2
  exit 1
}

# What the packages carry besides the app, made here and named in a configuration merged into
# tauri.conf.json for this build only.
extra="$target_dir/release/package-extra"
rm -rf "$extra"
mkdir -p "$extra/man1" "$extra/completions"
printf '#!/bin/sh\n# The Rapport command line (see `man rapport`).\nexec /usr/bin/rapport-desktop --cli "$@"\n' >"$extra/rapport"
chmod 0755 "$extra/rapport"
cli=(cargo run --quiet --manifest-path "$root/Cargo.toml" -p rapport-cli --)
"${cli[@]}" manual "$extra/man1" >/dev/null
gzip -9n "$extra"/man1/*.1
"${cli[@]}" completions bash >"$extra/completions/rapport.bash"
"${cli[@]}" completions zsh >"$extra/completions/_rapport"
"${cli[@]}" completions fish >"$extra/completions/rapport.fish"
# zsh looks in vendor-completions on Debian and Ubuntu, in site-functions on Fedora and SUSE.
files() { # files ZSH_DIR: the JSON map of package paths to the files above
  printf '{"/usr/bin/rapport": "%s", "/usr/share/man/man1": "%s/", ' "$extra/rapport" "$extra/man1"
  printf '"/usr/share/bash-completion/completions/rapport": "%s", ' "$extra/completions/rapport.bash"
  printf '"%s/_rapport": "%s", ' "$1" "$extra/completions/_rapport"
  printf '"/usr/share/fish/vendor_completions.d/rapport.fish": "%s"}' "$extra/completions/rapport.fish"
}
printf '{"bundle": {"linux": {"deb": {"files": %s}, "rpm": {"files": %s}}}}\n' \
  "$(files /usr/share/zsh/vendor-completions)" "$(files /usr/share/zsh/site-functions)" \
  >"$extra/tauri.package.json"

# Old packages would be reported as new ones below.
rm -f "$bundle_dir"/deb/*.deb "$bundle_dir"/rpm/*.rpm
(cd "$root/src-tauri" && npx --yes "@tauri-apps/cli@$tauri_cli_version" build --ci --bundles deb,rpm \
  --config "$extra/tauri.package.json")

shopt -s nullglob
debs=("$bundle_dir"/deb/*.deb)
rpms=("$bundle_dir"/rpm/*.rpm)
if ((${#debs[@]} != 1 || ${#rpms[@]} != 1)); then
  echo "package.sh: expected one .deb and one .rpm in $bundle_dir" >&2
  exit 1
fi
deb="${debs[0]}"
rpm="${rpms[0]}"
# The bundler compresses a .deb with gzip and has no setting for it (the .rpm's is xz, in
# tauri.conf.json): packed again with xz, as dpkg itself does by default, it is a third smaller.
repack="$(mktemp -d)"
dpkg-deb -R "$deb" "$repack/root"
dpkg-deb --root-owner-group -Zxz -z9 --build "$repack/root" "$deb" >/dev/null
rm -rf "$repack"

failed=0
check() { # check DESCRIPTION COMMAND...: runs the command, says which check failed
  if ! "${@:2}" >/dev/null 2>&1; then
    echo "package.sh: $1" >&2
    failed=1
  fi
}
# The files of the .deb, without directories; dpkg-deb shows paths as "./usr/..." or "usr/...".
contents="$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $NF); print $NF }')"
cli_files=(usr/bin/rapport usr/share/man/man1/rapport.1.gz usr/share/man/man1/rapport-note.1.gz
  usr/share/bash-completion/completions/rapport usr/share/fish/vendor_completions.d/rapport.fish)
check "the .deb holds no usr/bin/rapport-desktop" grep -qx 'usr/bin/rapport-desktop' <<<"$contents"
check "the .deb holds no .desktop file" grep -q '^usr/share/applications/.*\.desktop$' <<<"$contents"
for size in 32x32 128x128 512x512; do
  check "the .deb holds no $size icon" grep -q "^usr/share/icons/hicolor/$size/apps/.*\.png$" <<<"$contents"
done
for file in "${cli_files[@]}" usr/share/zsh/vendor-completions/_rapport; do
  check "the .deb holds no $file" grep -qx "$file" <<<"$contents"
done
# The command line runs from the unpacked .deb, and says the package's version.
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
check "usr/bin/rapport in the .deb is not an executable script running rapport-desktop --cli" \
  grep -qx 'exec /usr/bin/rapport-desktop --cli "$@"' "$unpacked/usr/bin/rapport"
[[ -x "$unpacked/usr/bin/rapport" ]] || { echo "package.sh: usr/bin/rapport is not executable" >&2; failed=1; }
version="$(sed -n 's/^ *"version": "\(.*\)".*/\1/p' "$root/src-tauri/tauri.conf.json")"
check "rapport-desktop --cli --version does not say rapport $version" \
  grep -qx "rapport $version" <<<"$("$unpacked/usr/bin/rapport-desktop" --cli --version 2>&1)"
check "the manual page rapport.1.gz does not read" \
  grep -q 'rapport' <<<"$(gzip -dc "$unpacked/usr/share/man/man1/rapport.1.gz")"
check "the bash completions in the .deb are not valid bash" \
  bash -n "$unpacked/usr/share/bash-completion/completions/rapport"
if command -v rpm >/dev/null 2>&1; then
  rpm_files="$(rpm -qlp "$rpm" 2>/dev/null)"
  check "the .rpm holds no /usr/bin/rapport-desktop" grep -qx '/usr/bin/rapport-desktop' <<<"$rpm_files"
  check "the .rpm holds no .desktop file" grep -q '^/usr/share/applications/.*\.desktop$' <<<"$rpm_files"
  check "the .rpm holds no icons" grep -q '^/usr/share/icons/hicolor/.*\.png$' <<<"$rpm_files"
  for file in "${cli_files[@]}" usr/share/zsh/site-functions/_rapport; do
    check "the .rpm holds no /$file" grep -qx "/$file" <<<"$rpm_files"
  done
fi

echo
echo "| package | size | budget |"
echo "|---|---|---|"
for package in "$deb" "$rpm"; do
  bytes="$(stat -c %s "$package")"
  awk -v name="$(basename "$package")" -v bytes="$bytes" \
    'BEGIN { printf "| %s | %.2f MB (%d bytes) | 10 MB |\n", name, bytes / 1e6, bytes }'
  if ((bytes > max_bytes)); then
    echo "package.sh: $(basename "$package") is larger than 10 MB" >&2
    failed=1
  fi
done
echo
echo "Files in the .deb:"
sed 's/^/  /' <<<"$contents"
exit "$failed"
