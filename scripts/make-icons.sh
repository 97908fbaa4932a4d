#!/usr/bin/env bash
# Renders every app icon from the one source image, icons/icon.svg: the PNGs Linux and Tauri
# use, icon.ico (Windows, for the .msi and the app's resource file) and icon.icns (macOS, for the
# .app and the .dmg). Needs rsvg-convert (librsvg2-bin), ImageMagick's convert (for the ICO) and
# python3 (the ICNS is a few PNGs in a container, written here).
#   make-icons.sh          write them into icons/
#   make-icons.sh --check  render them afresh and fail if the PNGs or the ICNS in icons/ differ
#                          (the ICO is left out: ImageMagick versions encode it differently)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$root/icons"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

render() { rsvg-convert -w "$1" -h "$1" "$icons/icon.svg" -o "$2"; }
for size in 32 64 128; do render "$size" "$work/${size}x${size}.png"; done
render 256 "$work/128x128@2x.png"
render 512 "$work/icon.png"
for size in 16 24 48 256 1024; do render "$size" "$work/$size.png"; done
cp "$work/32x32.png" "$work/32.png"
cp "$work/64x64.png" "$work/64.png"
cp "$work/128x128.png" "$work/128.png"
cp "$work/icon.png" "$work/512.png"

# ICNS: the magic, the total length, then one chunk per size (type, length, PNG bytes).
python3 - "$work" <<'PY'
import struct, sys
work = sys.argv[1]
chunks = b""
for kind, size in [(b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)]:
    data = open(f"{work}/{size}.png", "rb").read()
    chunks += kind + struct.pack(">I", 8 + len(data)) + data
open(f"{work}/icon.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
PY

made=(32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.icns)
if [[ "${1:-}" == --check ]]; then
  for file in "${made[@]}"; do
    cmp -s "$work/$file" "$icons/$file" || {
      echo "make-icons.sh: icons/$file is not what icons/icon.svg renders to; run scripts/make-icons.sh" >&2
      exit 1
    }
  done
  echo "icons: every PNG and the ICNS match icons/icon.svg"
  exit 0
fi
for file in "${made[@]}"; do cp "$work/$file" "$icons/$file"; done
convert "$work"/{16,24,32,48,64,256}.png "$icons/icon.ico"
echo "icons: written into icons/ from icons/icon.svg"
