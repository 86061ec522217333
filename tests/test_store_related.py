"""Related articles by shared terms read the articles nearest in time:
a busy store its nearest hours, a sparse one the whole window."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from snapshots.store import queries
from snapshots.store.writer import StoreWriter
from tests.helpers import recorded_finds
from tests.sample_items import make_item

TITLE = "星海鲲鹏发布量子原型机"


def _doc(db, item):
    return db.articles.find_one({"key": item.url})


def _store(db, items):
    StoreWriter(db).write(items)


def test_a_sparse_store_reads_the_whole_window(mongo_db):
    article = replace(make_item(1, title=TITLE), site="a")
    far = replace(make_item(2, title="星海鲲鹏量子原型机亮相"),
                  published_at=article.published_at + timedelta(days=10))
    _store(mongo_db, [article, far])
    listed = queries.sharing_terms(mongo_db, _doc(mongo_db, article), 10)
    assert [d["key"] for d in listed] == [far.url]


def test_a_busy_store_reads_the_nearest_hours_only(mongo_db):
    article = make_item(1, title=TITLE)
    near = [replace(make_item(100 + i), published_at=article.published_at + timedelta(minutes=2 * i - 40))
            for i in range(queries.MIN_RELATED_CANDIDATES)]
    close_match = replace(make_item(3, title="星海鲲鹏量子原型机亮相"),
                          published_at=article.published_at + timedelta(hours=1))
    far_match = replace(make_item(2, title="星海鲲鹏量子原型机上市"),
                        published_at=article.published_at + timedelta(days=10))
    _store(mongo_db, [article, *near, close_match, far_match])
    with recorded_finds(mongo_db) as (db, commands):
        listed = queries.sharing_terms(db, _doc(db, article), 10)
    assert [d["key"] for d in listed] == [close_match.url]
    # One read, of the first window: the match ten days away is not read.
    [find] = [c for c in commands if c["find"] == "articles" and "category" in c["filter"]]
    bounds = find["filter"]["published_at"]
    assert bounds["$lte"] - bounds["$gte"] == 2 * timedelta(hours=queries.RELATED_WINDOWS_HOURS[0])
