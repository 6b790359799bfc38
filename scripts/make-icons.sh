#!/usr/bin/env bash
# Renders the drawn icon, assets/icon.svg, into the set electron-builder packs (buildResources is
# assets/): PNGs from 16 to 1024 px in assets/icons/ (Linux: AppImage, deb), assets/icon.ico
# (Windows) and assets/icon.icns (macOS). The outputs are committed; run this after editing the SVG.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || {
    echo "make-icons: $tool is missing: apt-get install librsvg2-bin icoutils icnsutils" >&2
    exit 1
  }
done
src=assets/icon.svg
out=assets/icons
rm -rf "$out"
mkdir -p "$out"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" "$src" -o "$out/${size}x${size}.png"
done
# Windows shows 16-48 in lists and 256 in large views; the 256 entry is kept as PNG (-r), as Vista+ expect.
icotool -c -o assets/icon.ico "$out"/16x16.png "$out"/24x24.png "$out"/32x32.png "$out"/48x48.png \
  "$out"/64x64.png "$out"/128x128.png -r "$out"/256x256.png
png2icns assets/icon.icns "$out"/16x16.png "$out"/32x32.png "$out"/48x48.png "$out"/128x128.png \
  "$out"/256x256.png "$out"/512x512.png "$out"/1024x1024.png
