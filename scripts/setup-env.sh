#!/usr/bin/env bash
# Prepare a fresh machine: Debian's chromium (for JavaScript listings) and
# redis-server (the shared frontier's tests and benchmark), and a virtualenv
# in .venv with the project's development requirements.
# Source it (". scripts/setup-env.sh") to keep the venv active.
set -e
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium"
command -v redis-server >/dev/null 2>&1 || MISSING="$MISSING redis-server"
if [ -n "$MISSING" ] && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq || true
    for pkg in $MISSING; do
        $SUDO apt-get install -y -qq "$pkg" >/dev/null \
            || echo "$pkg could not be installed (without chromium JavaScript listings are" \
                    "skipped; without redis-server the frontier tests fail)" >&2
    done
fi
# A CJK font, so that Chromium draws the viewer's pages (and their test
# screenshots) in Chinese rather than as empty boxes.
if ! fc-list :lang=zh 2>/dev/null | grep -q . && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 \
        || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null; }; } \
        || echo "no CJK font could be installed: screenshots will show boxes" >&2
fi
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -r requirements-dev.txt
