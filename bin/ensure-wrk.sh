#!/usr/bin/env bash
# Run by `./segstream bench serving` before the benchmark: it drives the REST API with wrk, Debian's HTTP load
# generator. When wrk is missing and we are root (a fresh Debian machine), install it; otherwise say how.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "segstream: installing wrk for the serving benchmark (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends wrk >&2
  echo "segstream: $(command -v wrk) installed" >&2
else
  echo "segstream: the serving benchmark needs wrk: run 'apt-get install -y wrk' as root." >&2
  exit 1
fi
