#!/usr/bin/env bash
# Regenerates every PNG of the icon set from the SVG sources in src/main/svg, plus the
# Windows .ico and macOS .icns that the installer hands to jpackage.
# Needs rsvg-convert (Debian: librsvg2-bin); the .ico needs ImageMagick, the .icns png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
svg=src/main/svg
out=src/main/resources/netmon/icons
platform=src/main/platform
mkdir -p "$out" "$platform"

command -v rsvg-convert >/dev/null || { echo "render.sh: rsvg-convert missing (apt-get install librsvg2-bin)" >&2; exit 1; }

render() { # svg size png
  rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio "$1" --output "$3"
}

# The full mark blurs below 32 px, so the two smallest sizes come from hand-tuned drawings.
for size in 16 24 32 48 64 128 256 512; do
  case $size in
    16) src=$svg/app-16.svg ;;
    24) src=$svg/app-24.svg ;;
    *)  src=$svg/app.svg ;;
  esac
  render "$src" "$size" "$out/app-$size.png"
done

# Service, state and action icons are drawn on a 16 px grid and also used at 24 px.
for name in service-echo service-chat service-udp-echo state-listening state-stopped state-failed action-start action-stop; do
  for size in 16 24; do
    render "$svg/$name.svg" "$size" "$out/$name-$size.png"
  done
done

# ImageMagick's real convert lives in /usr/bin; an unrelated "convert" may come first on PATH.
magick=/usr/bin/convert
if [ -x "$magick" ]; then
  "$magick" "$out/app-16.png" "$out/app-24.png" "$out/app-32.png" "$out/app-48.png" \
    "$out/app-64.png" "$out/app-128.png" "$out/app-256.png" "$platform/netmon.ico"
else
  echo "render.sh: ImageMagick missing, netmon.ico not regenerated" >&2
fi
if command -v png2icns >/dev/null; then
  png2icns "$platform/netmon.icns" "$out/app-16.png" "$out/app-32.png" "$out/app-48.png" \
    "$out/app-128.png" "$out/app-256.png" "$out/app-512.png" >/dev/null
else
  echo "render.sh: png2icns missing (apt-get install icnsutils), netmon.icns not regenerated" >&2
fi
echo "render.sh: icons written to $out and $platform"
