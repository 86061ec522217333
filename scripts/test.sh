#!/usr/bin/env bash
# Fresh machine to a finished test run (the command README gives and CI runs).
set -e
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup-env.sh
exec python -m pytest "$@"
