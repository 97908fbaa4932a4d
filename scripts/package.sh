#!/usr/bin/env bash
# Builds Rapport's Linux packages, a .deb and an .rpm of rapport-desktop (release build, the app
# icon from icons/ as listed in src-tauri/tauri.conf.json), then checks what went into them and
# that each is at most 10 MB. The packages are written to
# $CARGO_TARGET_DIR (or ./target)/release/bundle/deb/ and .../bundle/rpm/.
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

# Old packages would be reported as new ones below.
rm -f "$bundle_dir"/deb/*.deb "$bundle_dir"/rpm/*.rpm
(cd "$root/src-tauri" && npx --yes "@tauri-apps/cli@$tauri_cli_version" build --ci --bundles deb,rpm)

shopt -s nullglob
debs=("$bundle_dir"/deb/*.deb)
rpms=("$bundle_dir"/rpm/*.rpm)
if ((${#debs[@]} != 1 || ${#rpms[@]} != 1)); then
  echo "package.sh: expected one .deb and one .rpm in $bundle_dir" >&2
  exit 1
fi
deb="${debs[0]}"
rpm="${rpms[0]}"

failed=0
check() { # check DESCRIPTION COMMAND...: runs the command, says which check failed
  if ! "${@:2}" >/dev/null 2>&1; then
    echo "package.sh: $1" >&2
    failed=1
  fi
}
# The files of the .deb, without directories; dpkg-deb shows paths as "./usr/..." or "usr/...".
contents="$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $NF); print $NF }')"
check "the .deb holds no usr/bin/rapport-desktop" grep -qx 'usr/bin/rapport-desktop' <<<"$contents"
check "the .deb holds no .desktop file" grep -q '^usr/share/applications/.*\.desktop$' <<<"$contents"
for size in 32x32 128x128 512x512; do
  check "the .deb holds no $size icon" grep -q "^usr/share/icons/hicolor/$size/apps/.*\.png$" <<<"$contents"
done
if command -v rpm >/dev/null 2>&1; then
  rpm_files="$(rpm -qlp "$rpm" 2>/dev/null)"
  check "the .rpm holds no /usr/bin/rapport-desktop" grep -qx '/usr/bin/rapport-desktop' <<<"$rpm_files"
  check "the .rpm holds no .desktop file" grep -q '^/usr/share/applications/.*\.desktop$' <<<"$rpm_files"
  check "the .rpm holds no icons" grep -q '^/usr/share/icons/hicolor/.*\.png$' <<<"$rpm_files"
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
