#!/usr/bin/env bash
# Set up PlanWatch and run the main job on the built-in Harbin example plans.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/planwatch serve "$@"
