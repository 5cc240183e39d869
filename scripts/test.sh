#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite: lint, type check, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system-test-deps
export PATH="$PWD/.venv/bin:$PATH"

echo ">> ruff";  ruff check planwatch tests bench
echo ">> mypy";  mypy
echo ">> pytest"
python -m pytest -q "$@"
