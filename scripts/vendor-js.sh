#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry into the static files
# (they are committed, so a normal setup does not need this; run it to upgrade them).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --no-audit --no-fund --silent echarts@6 htmx.org@2)
dest=planwatch/web/ui/static/vendor
cp "$tmp/node_modules/echarts/dist/echarts.min.js" "$tmp/node_modules/htmx.org/dist/htmx.min.js" "$dest/"
cp "$tmp/node_modules/echarts/LICENSE" "$dest/LICENSE-echarts.txt"
cp "$tmp/node_modules/htmx.org/LICENSE" "$dest/LICENSE-htmx.txt"
echo "vendored: echarts $(node -p "require('$tmp/node_modules/echarts/package.json').version"), htmx $(node -p "require('$tmp/node_modules/htmx.org/package.json').version")"
