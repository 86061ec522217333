"""Newest-first lists read the nearest time window that holds a page: a
busy category its last hour, a middling one the window its density asks
for, a quiet one wider windows, up to no bound."""

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


def _latest(db, limit=16):
    with recorded_finds(db) as (client_db, finds):
        entries = queries.latest_in_category(client_db, "tech", limit, now=NOW)
    lower = [f["filter"]["published_at"].get("$gte") for f in finds if f["find"] == "articles"]
    return [e["key"] for e in entries], lower


def test_a_busy_category_reads_its_last_hour_only(mongo_db):
    # 20 articles in the last hour, then a day's gap: a page of 16 is in the hour.
    items = _store(mongo_db, [NOW - timedelta(minutes=3 * i) for i in range(20)]
                   + [NOW - timedelta(hours=30 + i) for i in range(5)])
    keys, lower = _latest(mongo_db)
    assert keys == [item.url for item in items[:16]]
    assert lower == [NOW - queries.WINDOWS[0]]


def test_a_middling_category_reads_the_window_its_density_asks_for(mongo_db):
    # 6 an hour: the first hour holds 6 of the 18 asked for (16, the one
    # left out, one more for the next page), so the next read is twice the
    # 3 hours that hold them: 6 hours, not the next day.
    items = _store(mongo_db, [NOW - timedelta(minutes=10 * i + 5) for i in range(60)])
    keys, lower = _latest(mongo_db)
    assert keys == [item.url for item in items[:16]]
    assert lower == [NOW - queries.WINDOWS[0], NOW - timedelta(hours=6)]


def test_a_quiet_category_widens_to_no_bound(mongo_db):
    items = _store(mongo_db, [NOW - timedelta(days=10 * (i + 1)) for i in range(3)]
                   + [NOW - timedelta(days=2000)])
    keys, lower = _latest(mongo_db)
    assert keys == [item.url for item in items]
    # Empty windows step along WINDOWS; the last query has no lower bound.
    assert lower[:3] == [NOW - w for w in queries.WINDOWS[:3]]
    assert len(lower) == queries.MAX_WINDOW_QUERIES and lower[-1] is None
    assert lower[:-1] == sorted(lower[:-1], reverse=True)


def test_a_cursor_at_the_start_of_time_lists_nothing_older(mongo_db):
    # Cursors come from URLs: the earliest one is an empty page, not an overflow.
    _store(mongo_db, [NOW - timedelta(hours=i) for i in range(3)])
    cursor = queries.Cursor.decode("00010101T000000.000000Z~0")
    page = queries.category_page(mongo_db, "tech", 20, cursor=cursor, now=NOW)
    assert page.entries == [] and page.next is None
