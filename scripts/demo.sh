#!/usr/bin/env bash
# Fresh machine to a finished demo crawl: install, serve the demo site and
# the local MongoDB-protocol server, run `scrapy crawl tech`, print a summary.
set -e
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup-env.sh
exec python -m snapshots demo-crawl "$@"
