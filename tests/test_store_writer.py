"""The write path against the local server: the three dedup levels,
versions, validators, literal storage of operator-looking values."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta, timezone

import pytest
from bson.codec_options import CodecOptions
from pymongo.errors import WriteError

from snapshots.store import schema, summary
from snapshots.store.documents import decompress_html
from tests.sample_items import make_item, paragraphs
from snapshots.store.writer import StoreWriter


@pytest.fixture
def db(mongo_db):
    return mongo_db.with_options(codec_options=CodecOptions(tz_aware=True, tzinfo=timezone.utc))


@pytest.fixture
def writer(db):
    return StoreWriter(db)


def test_first_write_stores_article_and_snapshot(writer, db):
    item = make_item(1)
    result = writer.write([item])
    assert result.counts["articles/new"] == 1 and not result.failed
    article = db.articles.find_one({"key": item.url})
    assert article["versions"] == 1 and article["hashes"] == [article["content_hash"]]
    assert article["first_seen"] == article["last_seen"] == item.fetched_at
    assert article["cluster"] == item.url and article["terms"]
    snap = db.snapshots.find_one({"key": item.url})
    assert decompress_html(snap["html"], snap["html_codec"]) == item.html
    assert snap["body"] == item.body and snap["published_at"] == item.published_at


def test_level1_url_aliases_are_one_article(writer, db):
    item = make_item(2)
    tracked = replace(item, url=item.url + "?spm=a1.b2&utm_source=wx", canonical_url=None,
                      fetched_at=item.fetched_at + timedelta(hours=1))
    mobile = replace(item, url=item.url.replace("www.", "m."), canonical_url=item.url,
                     fetched_at=item.fetched_at + timedelta(hours=2))
    counts = writer.write([item]).counts + writer.write([tracked, mobile]).counts
    assert db.articles.count_documents({}) == 1
    assert db.snapshots.count_documents({}) == 1
    assert counts["dedup/url_alias"] == 2 and counts["unchanged"] == 2
    article = db.articles.find_one()
    assert set(article["aliases"]) == {item.url, item.url.replace("www.", "m.")}
    assert article["last_seen"] == mobile.fetched_at


def test_canonical_on_another_site_is_ignored(writer, db):
    item = replace(make_item(3), canonical_url="https://www.elsewhere.com/original.html")
    writer.write([item])
    assert db.articles.find_one()["key"] == item.url


def test_level2_unchanged_moves_last_seen_changed_adds_version(writer, db):
    item = make_item(4)
    writer.write([item])
    later = replace(item, fetched_at=item.fetched_at + timedelta(days=1))
    assert writer.write([later]).counts["unchanged"] == 1
    article = db.articles.find_one()
    assert article["last_seen"] == later.fetched_at and article["first_seen"] == item.fetched_at
    assert db.snapshots.count_documents({}) == 1

    changed = replace(item, title=item.title + "(更新)", fetched_at=item.fetched_at + timedelta(days=2))
    assert writer.write([changed]).counts["versions/new"] == 1
    article = db.articles.find_one()
    assert article["versions"] == 2 and article["title"] == changed.title
    assert db.snapshots.count_documents({}) == 2
    titles = {s["title"] for s in db.snapshots.find()}
    assert titles == {item.title, changed.title}


def test_older_version_replayed_late_does_not_overwrite_latest(writer, db):
    old = make_item(5)
    new = replace(old, body=old.body + ["补充一段。"], fetched_at=old.fetched_at + timedelta(days=1))
    writer.write([new])
    writer.write([old])
    article = db.articles.find_one()
    assert article["body"] == new.body and article["versions"] == 2
    assert article["first_seen"] == old.fetched_at and article["last_seen"] == new.fetched_at


def test_page_changing_back_is_a_counted_duplicate_key(writer, db):
    a = make_item(6)
    b = replace(a, title="B", fetched_at=a.fetched_at + timedelta(hours=1))
    a2 = replace(a, fetched_at=a.fetched_at + timedelta(hours=2))
    writer.write([a])
    writer.write([b])
    counts = writer.write([a2]).counts
    assert counts["dedup/duplicate_key"] == 1 and counts["unchanged"] == 1
    article = db.articles.find_one()
    assert article["title"] == a.title and article["versions"] == 2
    assert db.snapshots.count_documents({}) == 2


def test_same_article_twice_in_one_batch(writer, db):
    a = make_item(7)
    b = replace(a, body=a.body[:-1], fetched_at=a.fetched_at + timedelta(minutes=5))
    counts = writer.write([a, replace(a), b]).counts
    assert counts["articles/new"] == 1 and counts["unchanged"] == 1 and counts["versions/new"] == 1
    assert db.articles.find_one()["versions"] == 2


def test_level3_near_duplicate_joins_earliest_cluster(writer, db):
    original = make_item(8, site="origin")
    writer.write([original])
    body = list(original.body)
    body[0] = body[0][:20] + "(记者 张三)" + body[0][20:]
    repost = make_item(1, site="repost", body=body[:-1] + ["本文转载自origin,版权归原作者所有。"],
                       fetched_at=original.fetched_at + timedelta(hours=3))
    repost = replace(repost, published_at=original.published_at + timedelta(hours=2))
    unrelated = make_item(9, site="repost", fetched_at=original.fetched_at + timedelta(hours=3))
    counts = writer.write([repost, unrelated]).counts
    assert counts["dedup/near_duplicate"] == 1 and counts["articles/new"] == 2
    assert db.articles.find_one({"key": repost.url})["cluster"] == original.url
    assert db.articles.find_one({"key": unrelated.url})["cluster"] == unrelated.url
    # A copy of the copy joins the same cluster.
    third = replace(make_item(2, site="third", body=body[:-1]),
                    published_at=original.published_at + timedelta(hours=1))
    writer.write([third])
    assert db.articles.find_one({"key": third.url})["cluster"] == original.url
    assert summary(db)["clusters"] == 1


def test_near_duplicate_lookup_uses_the_band_index(writer, db):
    writer.write([make_item(10)])
    plan = db.signatures.find({"bands": {"$in": [1, 2]}}).explain()["queryPlanner"]["winningPlan"]
    assert "IXSCAN" in str(plan)


def test_operator_looking_values_are_stored_literally(writer, db):
    item = replace(make_item(11), title="$set", authors=["$where", "a.b"], source="$gt",
                   body=['{"$gt": 1}', "$title", "$$ROOT"] + paragraphs(__import__("random").Random(1), 3),
                   extras={"$where": "1", "a.b": {"$ne": None}},
                   related=[{"url": "$x", "title": "$y", "$bad": "z"}])
    writer.write([item])
    changed = replace(item, title="$unset", body=item.body + ["$literal"],
                      fetched_at=item.fetched_at + timedelta(hours=1))
    writer.write([changed])  # the update-pipeline path
    article = db.articles.find_one({"title": "$unset"})
    assert article["authors"] == ["$where", "a.b"] and article["source"] == "$gt"
    assert article["body"][:3] == ['{"$gt": 1}', "$title", "$$ROOT"] and article["body"][-1] == "$literal"
    snap = db.snapshots.find_one({"title": "$set"})
    assert snap["related"] == [{"url": "$x", "title": "$y"}]
    assert '"$where"' in snap["extras"]


def test_validators_refuse_malformed_documents(writer, db):
    options = {c["name"]: c.get("options", {}) for c in db.list_collections()}
    for name in (schema.ARTICLES, schema.SNAPSHOTS, schema.RUNS):
        assert "$jsonSchema" in options[name]["validator"]
    with pytest.raises(WriteError) as exc:
        db.articles.insert_one({"key": "not a url", "title": 1})
    assert exc.value.code == 121
    with pytest.raises(WriteError):
        db.snapshots.insert_one({"key": "https://x.com/1", "content_hash": "zz"})


def test_schema_is_idempotent_and_updates_existing_collections(db):
    db.create_collection(schema.ARTICLES)  # made earlier, without validator
    schema.ensure_schema(db)
    schema.ensure_schema(db)
    options = {c["name"]: c.get("options", {}) for c in db.list_collections()}
    assert "validator" in options[schema.ARTICLES]
    names = set(db.articles.index_information())
    assert {"key_unique", "terms_published", "aliases_last_seen"} <= names
    assert {"key_unique", "bands", "cluster"} <= set(db.signatures.index_information())
    assert db.snapshots.index_information()["key_content_hash_unique"]["unique"]


def test_keyword_search_by_terms(writer, db):
    item = replace(make_item(12), title="小米汽车工厂迎来三星访客")
    writer.write([item, make_item(13)])
    keys = [a["key"] for a in db.articles.find({"terms": "三星"})]
    assert item.url in keys


def test_two_concurrent_writers_store_each_version_once(mongo_uri, db):
    import pymongo

    items = [make_item(i, site="race") for i in range(60)]
    changed = [replace(i, title=i.title + "!", fetched_at=i.fetched_at + timedelta(hours=1)) for i in items]
    StoreWriter(db)  # schema first, as the pipeline does at open
    totals = []

    def run():
        client = pymongo.MongoClient(mongo_uri, tz_aware=True)
        w = StoreWriter(client[db.name], ensure=False)
        counts = w.write(items).counts + w.write(changed).counts
        totals.append(counts)
        client.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.articles.count_documents({}) == 60
    assert db.snapshots.count_documents({}) == 120
    assert all(a["versions"] == 2 for a in db.articles.find())
    new = sum(c["articles/new"] for c in totals) + sum(c["versions/new"] for c in totals)
    assert new == 120  # each version counted new exactly once across both writers
