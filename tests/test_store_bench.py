"""Smoke test of bench/store_bench.py at a tiny size."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.sample_items import BASE_TIME

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from store_bench import growth_items  # noqa: E402


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


def test_growth_items_keep_their_ten_days_by_default():
    items = list(growth_items(600, padding=0))
    assert {i.category for i in items} == {"tech"}
    assert min(i.published_at for i in items) == BASE_TIME
    assert max(i.published_at for i in items) < BASE_TIME + timedelta(days=10, hours=2)


def test_growth_items_spread_over_a_given_span():
    last = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=1)
    first = last - timedelta(days=20)
    items = list(growth_items(1000, padding=0, span=(first, last)))
    started = datetime.now(timezone.utc)
    assert all(first <= i.published_at <= last for i in items)
    # Fetched after publishing, never after the moment they were made.
    assert all(i.published_at <= i.fetched_at <= started for i in items)
    recent = list(growth_items(50, padding=0, span=(last - timedelta(minutes=30), last)))
    assert all(i.published_at <= i.fetched_at <= datetime.now(timezone.utc) for i in recent)
    assert all(i.published_at_raw == i.published_at.astimezone(timezone(timedelta(hours=8)))
               .strftime("%Y-%m-%d %H:%M:%S") for i in items)
    # Scrambled, not in order, yet every tenth of the span holds its share
    # of the first 200 articles, and of all of them.
    assert [i.published_at for i in items] != sorted(i.published_at for i in items)
    for some in (items[:200], items):
        tenths = Counter(int((i.published_at - first) / (last - first) * 10) for i in some)
        assert all(0.07 * len(some) <= tenths[t] <= 0.13 * len(some) for t in range(10)), tenths
    # A repost is two hours after its source (or at the span's end).
    repost, source = items[111], items[11]
    assert repost.body[0].startswith("(转载)")
    assert repost.published_at == min(source.published_at + timedelta(hours=2), last)
