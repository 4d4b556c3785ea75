#!/usr/bin/env bash
# Regenerates the README's configuration and feature tables from the code (ReadmeTest checks them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./segstream config --markdown > "$tmp/config.md"
./segstream features --markdown > "$tmp/features.md"
# Each table follows its "Generated:" marker and runs to the next blank line.
awk -v config="$tmp/config.md" -v features="$tmp/features.md" '
  function dump(f,   line) { while ((getline line < f) > 0) print line; close(f) }
  skipping && /^$/ { skipping = 0 }
  skipping { next }
  { print }
  /<!-- Generated: .\/segstream config --markdown/   { dump(config); skipping = 1 }
  /<!-- Generated: .\/segstream features --markdown/ { dump(features); skipping = 1 }
' README.md > "$tmp/README.md"
mv "$tmp/README.md" README.md
echo "README tables regenerated"
