#!/usr/bin/env bash
# Run by `./segstream test` (and so by CI) before the tests: the dashboard's browser test drives Debian's headless
# Chromium through chromedriver. When they are missing and we are root (CI on a fresh Debian machine), install them;
# otherwise say how. The browser test itself fails with the same instruction if they are still missing: it never skips.
set -euo pipefail
driver=/usr/bin/chromedriver
browser=/usr/bin/chromium
if [ -x "$driver" ] && [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "segstream: installing chromium and chromium-driver for the dashboard's browser test (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
  echo "segstream: $("$browser" --version 2>/dev/null || echo chromium) installed" >&2
else
  echo "segstream: the dashboard's browser test needs Chromium and chromedriver: run 'apt-get install -y chromium chromium-driver' as root (the test will fail until then)." >&2
fi
