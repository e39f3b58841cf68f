#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png, the cards shown in the README: the test ScreenshotCards writes them as
# JSON (tidy demo data, checked by the official Adaptive Cards library), then tests/js/render-cards.mjs
# renders each with the same library in headless Chromium (Debian's chromium; loopback-only network).
#   bash scripts/screenshots.sh
# Needs: .NET SDK, Node.js 20+, chromium, and `npm ci` in tests/js (bash scripts/test.sh installs all).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="$root/docs/screenshots"
cards=$(mktemp -d)
trap 'rm -rf "$cards"' EXIT

[ -d tests/js/node_modules/adaptivecards ] || (cd tests/js && npm ci --no-audit --no-fund)
export KINERJABOT_CARDCHECK_DIR="$root/tests/js" KINERJABOT_NODE="${KINERJABOT_NODE:-$(command -v node)}"
dotnet build tests/KinerjaBot.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
KINERJABOT_SCREENSHOT_CARDS="$cards" dotnet test tests/KinerjaBot.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~ScreenshotCards" >/dev/null
mkdir -p "$out"
rm -f "$out"/*.png
node tests/js/render-cards.mjs "$cards" "$out" --width 460 >/dev/null
ls "$out"
