#!/usr/bin/env bash
# Install the headless browser the HTML report tests drive (tests/test_browser.py).
# Idempotent: does nothing when Debian's chromium and the Playwright client are present.
# Never runs `playwright install` (no browser download): Playwright drives /usr/bin/chromium.
set -euo pipefail

PYTHON="${PYTHON:-.venv/bin/python}"

if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends chromium
fi

if ! "$PYTHON" -c "import playwright" >/dev/null 2>&1; then
    "$PYTHON" -m pip install --quiet "playwright>=1.40"
fi

echo "chromium: $(command -v chromium)"
"$PYTHON" -c "import playwright, importlib.metadata as m; print('playwright', m.version('playwright'))"
