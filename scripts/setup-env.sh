#!/usr/bin/env bash
# Prepare a fresh machine: Debian's chromium (for JavaScript listings) and a
# virtualenv in .venv with the project's development requirements.
# Source it (". scripts/setup-env.sh") to keep the venv active.
set -e
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null \
        || echo "chromium could not be installed: JavaScript listings will be skipped" >&2
fi
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -r requirements-dev.txt
