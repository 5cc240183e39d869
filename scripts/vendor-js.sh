#!/usr/bin/env bash
# Install the web UI's browser libraries (ECharts, htmx) from the npm registry — versions pinned
# in package.json / package-lock.json — and copy them into the Django static files, from where
# the application serves them itself (government intranets are offline: no CDN).
# Called by scripts/setup.sh; idempotent. Needs Node.js + npm (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=planwatch/web/ui/static/vendor
if [ -f "$dest/echarts.min.js" ] && [ -f "$dest/htmx.min.js" ] && [ "$dest/echarts.min.js" -nt package-lock.json ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo ">> apt-get install nodejs npm"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
npm ci --no-audit --no-fund --silent
mkdir -p "$dest"
cp node_modules/echarts/dist/echarts.min.js node_modules/htmx.org/dist/htmx.min.js "$dest/"
cp node_modules/echarts/LICENSE "$dest/LICENSE-echarts.txt"
cp node_modules/htmx.org/LICENSE "$dest/LICENSE-htmx.txt"
echo ">> browser libraries: echarts $(node -p "require('./node_modules/echarts/package.json').version"), htmx $(node -p "require('./node_modules/htmx.org/package.json').version")"
