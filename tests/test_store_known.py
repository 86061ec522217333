"""KnownArticles: which listing URLs need no new fetch."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from snapshots.store.known import KnownArticles
from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter
from tests.helpers import project_settings


def test_fresh_urls_include_aliases_and_respect_age(mongo_uri, mongo_db):
    now = datetime(2025, 4, 1, tzinfo=timezone.utc)
    recent = make_item(1, fetched_at=now - timedelta(hours=2))
    old = make_item(2, fetched_at=now - timedelta(days=3))
    mobile = replace(recent, url=recent.url.replace("www.", "m."), canonical_url=recent.url)
    StoreWriter(mongo_db).write([recent, old, mobile])

    known = KnownArticles.from_settings(project_settings(
        MONGO_URI=mongo_uri, MONGO_DATABASE=mongo_db.name, MONGO_CONNECT_TIMEOUT="2",
        KNOWN_URL_BATCH_SIZE="2"))
    try:
        asked = [recent.url + "?utm_source=feed#top", mobile.url, old.url,
                 "https://www.example.com/tech/2025/999999.html"]
        assert known.fresh(asked, timedelta(hours=24), now=now) == set(asked[:2])
        assert known.fresh(asked, timedelta(days=7), now=now) == set(asked[:3])
        assert known.fresh([], timedelta(days=1)) == set()
        assert known.known([old.url]) == {old.url}
    finally:
        known.close()


def test_lookup_uses_the_aliases_index(mongo_db):
    StoreWriter(mongo_db)
    plan = mongo_db.articles.find({"aliases": {"$in": ["https://a.com/1"]}}).explain()
    assert "aliases_last_seen" in str(plan["queryPlanner"]["winningPlan"])
