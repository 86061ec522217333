"""Smoke test of bench/web_bench.py at a tiny size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_web_bench_runs(mongo_uri):
    proc = subprocess.run(
        [sys.executable, "bench/web_bench.py", "--pages", "25", "--grow", "100", "--mongo-uri", mongo_uri],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    small, grown = result["demo_store"], result["grown_store"]
    assert small["pages"] == grown["pages"] == 25
    assert grown["articles"] == small["articles"] + 100
    # Grown within the demo's span, where the page's time windows read.
    assert result["published_span"]["grown_articles"] == 100
    assert 0 < small["median_ms"] <= small["p95_ms"]
    # A snapshot page's queries are bounded (docs/viewer.md: at most 13).
    assert 1 <= small["max_queries_per_page"] <= 13 and grown["max_queries_per_page"] <= 13
