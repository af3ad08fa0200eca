#!/usr/bin/env bash
# Screenshots and performance figures of the desktop app on a virtual display.
#   scripts/app-harness.sh screenshots docs/screenshots   -> gallery, detail, models, evaluate, live, people and teach .png
#                                                            at 1600x1000, and the same in docs/screenshots/1000x700
#   scripts/app-harness.sh measure 1000                   -> memory with 1,000 cards, scrolling frame rate
#   RAUT_LANG=id scripts/app-harness.sh screenshots DIR   -> the screenshots in Bahasa Indonesia (the harness starts
#                                                            from empty settings, so the app follows RAUT_LANG)
# Needs xvfb (apt-get install xvfb) and the sample photos (the build fetches them).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Draut.skipFetch=true test-compile dependency:build-classpath -Dmdep.outputFile=target/harness.classpath
xvfb-run -a -s '-screen 0 1600x1000x24' java -Xmx2g \
  -cp "target/classes:target/test-classes:$(cat target/harness.classpath)" dev.raut.app.AppHarness "$@"
if [[ "$1" == screenshots ]] && command -v convert >/dev/null; then
  # 256-colour PNGs keep the README light (ImageMagick: apt-get install imagemagick)
  for png in "$2"/*.png "$2"/1000x700/*.png; do convert "$png" -colors 256 +dither -strip "$png"; done
  ls -l "$2" "$2"/1000x700
fi
