"""Every documented analyst query that selects documents is answered from
an index on the local server (``explain()``); docs/analysts.md states the
plan a real MongoDB uses for each."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from tests.sample_items import make_item
from snapshots.store.terms import query
from snapshots.store.writer import StoreWriter

SINCE = datetime(2025, 3, 24, tzinfo=timezone.utc)
KEY = "https://www.alpha.com/tech/2025/000000.html"


@pytest.fixture(scope="module")
def db(mongo_uri):
    import pymongo

    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    database = client["analyst_plans"]
    client.drop_database(database.name)
    StoreWriter(database).write([make_item(i, site=s, html_padding=0)
                                 for s in ("alpha", "beta") for i in range(40)])
    yield database
    client.drop_database(database.name)
    client.close()


# (example of docs/analysts.md, the cursor, the index that must answer it)
FINDS = [
    ("1 latest in a category", lambda db: db.articles.find({"category": "tech"}).sort("published_at", -1)
     .limit(20), "category_published"),
    ("2 a site in a time range", lambda db: db.articles.find(
        {"site": "alpha", "published_at": {"$gte": SINCE}}).sort("published_at", 1), "site_published"),
    ("3 keyword", lambda db: db.articles.find(query("芯片")).sort("published_at", -1), "terms_published"),
    ("5 a cluster's snapshots", lambda db: db.snapshots.find({"cluster": KEY}).sort("fetched_at", -1),
     "cluster_fetched"),
    # SecantusDB plans two ranges as a scan: the docs give the hint.
    ("7 changed since", lambda db: db.articles.find({"latest_at": {"$gte": SINCE}, "versions": {"$gt": 1}})
     .hint("latest_at"), "latest_at"),
    ("3 several keywords", lambda db: db.articles.find(query("大模型 芯片")).hint("terms_published"),
     "terms_published"),
    ("7 snapshots since", lambda db: db.snapshots.find({"fetched_at": {"$gte": SINCE}}), "fetched"),
    # MongoDB takes key_fetched (it gives the order too); SecantusDB either.
    ("9 history", lambda db: db.snapshots.find({"key": KEY}).sort("fetched_at", -1),
     ("key_fetched", "key_content_hash_unique")),
    ("10 latest runs", lambda db: db.runs.find().sort("started_at", -1).limit(10), "started"),
    ("11 known URL", lambda db: db.articles.find({"aliases": {"$in": [KEY]}}), "aliases_last_seen"),
]


@pytest.mark.parametrize("name, cursor, index", FINDS, ids=[f[0] for f in FINDS])
def test_documented_query_uses_its_index(db, name, cursor, index):
    plan = json.dumps(cursor(db).explain()["queryPlanner"]["winningPlan"], default=str)
    assert '"COLLSCAN"' not in plan, plan
    names = (index,) if isinstance(index, str) else index
    assert any(f'"indexName": "{n}"' in plan for n in names), plan


def test_retired_indexes_are_dropped(db):
    from snapshots.store import schema

    db.articles.create_index("lsh", name="lsh")
    schema.ensure_schema(db)
    assert "lsh" not in db.articles.index_information()
