#!/usr/bin/env bash
# Set up PlanWatch and run the main job on the built-in Harbin example plans: gunicorn serving the
# web application and a background-job worker beside it, on the embedded SQLite store (var/).
# Options: --host H --port P --no-demo --workers N --threads N --job-concurrency N
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/planwatch serve --production "$@"
