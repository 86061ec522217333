"""Newest-first lists read the nearest time window that holds a page: a
busy category its last hour, a quiet one wider windows, up to no bound."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from snapshots.store import queries
from snapshots.store.writer import StoreWriter
from tests.helpers import recorded_finds
from tests.sample_items import make_item

NOW = datetime(2025, 3, 20, 12, tzinfo=timezone.utc)


def _store(db, times):
    items = [replace(make_item(n), published_at=at) for n, at in enumerate(times)]
    StoreWriter(db).write(items)
    return items


def test_a_busy_category_reads_its_last_hour_only(mongo_db):
    # 20 articles in the last hour, then a day's gap: a page of 16 is in the hour.
    items = _store(mongo_db, [NOW - timedelta(minutes=3 * i) for i in range(20)]
                   + [NOW - timedelta(hours=30 + i) for i in range(5)])
    with recorded_finds(mongo_db) as (db, finds):
        entries = queries.latest_in_category(db, "tech", 16, now=NOW)
    assert [e["key"] for e in entries] == [item.url for item in items[:16]]
    [find] = [f for f in finds if f["find"] == "articles"]
    assert find["filter"]["published_at"]["$gte"] == NOW - queries.WINDOWS[0]


def test_a_quiet_category_widens_to_no_bound(mongo_db):
    items = _store(mongo_db, [NOW - timedelta(days=10 * (i + 1)) for i in range(3)]
                   + [NOW - timedelta(days=2000)])
    with recorded_finds(mongo_db) as (db, finds):
        entries = queries.latest_in_category(db, "tech", 16, now=NOW)
    assert [e["key"] for e in entries] == [item.url for item in items]
    windows = [f["filter"]["published_at"].get("$gte") for f in finds if f["find"] == "articles"]
    assert windows == [None if w is None else NOW - w for w in queries.WINDOWS]
