#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite: lint, type check, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the full suite needs: PostgreSQL (tested for real), CJK fonts for charts and
# reports, LibreOffice (.docx -> .pdf) and poppler (PDF pages -> images) for the report tests,
# Chromium for the Playwright browser tests (Playwright's own browser download is not used), Redis
# for the scale-out run (job broker).
export PLANWATCH_APT_TEST_DEPS="${PLANWATCH_APT_TEST_DEPS:-postgresql redis-server fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai libreoffice-writer-nogui poppler-utils chromium}"
bash scripts/setup.sh --system-test-deps
export PATH="$PWD/.venv/bin:$PATH"

echo ">> ruff";  ruff check planwatch tests bench
echo ">> mypy";  mypy
echo ">> pytest"
python -m pytest -q "$@"

echo ">> pytest tests/web against a real PostgreSQL server"
bash scripts/test-postgres.sh

echo ">> the scale-out set: PostgreSQL + Redis + S3 (moto) + 2 job workers + gunicorn, browser and job tests"
bash scripts/scaleout.sh test
