#!/usr/bin/env bash
# Set up PlanWatch on a fresh Debian machine: a virtualenv in .venv with the package and its
# dev tools. Idempotent: a second run only checks. Usage: scripts/setup.sh [--system-test-deps]
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "PlanWatch needs Python >= 3.11 (found: $("$PY" --version 2>&1))" >&2
    exit 1
fi

apt_install() {
    # Install Debian packages that are missing (needs root or sudo).
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo ">> apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        apt_install python3-venv
        "$PY" -m venv .venv
    fi
fi

stamp=.venv/.planwatch-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    touch "$stamp"
fi

# The English edition of the web interface: compile the gettext catalog (planwatch/web/locale) with
# GNU gettext's msgfmt, as Django's compilemessages does. Without it the interface stays Chinese.
if ! command -v msgfmt >/dev/null 2>&1; then
    apt_install gettext || echo "!! could not install gettext: the English edition stays untranslated" >&2
fi
if command -v msgfmt >/dev/null 2>&1; then
    .venv/bin/python -m planwatch.web.manage compilemessages --ignore=.venv -v 0
fi

# Browser libraries for the web UI, from the npm registry (served locally).
bash scripts/vendor-js.sh

# The report PDF maps the four official faces (小标宋/仿宋/黑体/楷体) to free fonts from these
# packages (planwatch/reports/fonts/fonts.conf); without them LibreOffice falls back to one face.
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    apt_install fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai \
        || echo "!! could not install the report fonts (fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai)" >&2
fi

if [ "${1:-}" = "--system-test-deps" ]; then
    # Servers and tools the full test suite uses: PostgreSQL (tested for real), Chromium for
    # Playwright, CJK fonts for charts and reports, LibreOffice for .docx -> .pdf.
    apt_install ${PLANWATCH_APT_TEST_DEPS:-}
fi
