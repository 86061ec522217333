"""Smoke test of bench/store_bench.py at a tiny size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs(mongo_uri):
    proc = subprocess.run(
        [sys.executable, "bench/store_bench.py", "--items", "200", "--html-padding", "50",
         "--mongo-uri", mongo_uri],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    rates = result["items_per_second"]
    assert result["items"] == 200 and all(rates[k] > 0 for k in rates)


def test_growth_bench_runs(mongo_uri):
    proc = subprocess.run(
        [sys.executable, "bench/store_bench.py", "--grow", "600", "--block", "200",
         "--html-padding", "20", "--mongo-uri", mongo_uri],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert [b["batches"] for b in result["blocks"]] == [2, 2, 2]
    assert result["counts"]["articles/new"] == 600 and result["counts"]["dedup/near_duplicate"] > 0
