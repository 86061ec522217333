"""The store after real crawls of the demo site (loopback HTTP, the local
MongoDB-protocol server): keyword search against a plain regular
expression, and clusters whose representative is the original although the
mirror's copy was stored first.
"""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace

import pymongo
import pytest

from snapshots.demo import server
from snapshots.store import terms
from snapshots.urls import canonical_url
from tests.helpers import FAST, scrapy_crawl

# What a reader of tech news types: dictionary words, words no dictionary
# has, compounds, Latin names in any case.
WORDS = (
    "人工智能", "大模型", "芯片", "新能源汽车", "AI", "Nova", "自动驾驶", "折叠屏", "手机",
    "电动汽车", "机器人", "人形机器人", "云计算", "数据中心", "固态电池", "智能手表", "量子计算",
    "卫星通信", "供应链", "发布会", "融资", "半导体", "led", "pro", "CEO", "端侧AI", "操作系统",
    "快充", "无人机", "物联网",
)


@pytest.fixture(scope="module")
def demo_store(mongo_uri, tmp_path_factory):
    site = server.start(port=0)
    db_name = f"store_{uuid.uuid4().hex[:8]}"
    # No browser: the JavaScript listing is skipped (and counted), the
    # rest of the demo is crawled. The mirror first, so that the copies of
    # republished stories are stored before their originals.
    settings = {**FAST, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri,
                "MONGO_DATABASE": db_name, "MONGO_FLUSH_SECONDS": 1, "WORKER_PROCESSES": 0}
    env = {"PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"}
    workdir = tmp_path_factory.mktemp("store-demo")
    mirror = scrapy_crawl(workdir, settings={**settings, "SITES": "demo-mirror"}, env=env)
    main = scrapy_crawl(workdir, settings={**settings, "SITES": "demo"}, env=env)
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    yield SimpleNamespace(site=site, catalog=site.catalog, mirror=mirror, main=main,
                          db=client[db_name])
    client.drop_database(db_name)
    client.close()
    site.stop()


def test_both_crawls_store_articles(demo_store):
    for run in (demo_store.mirror, demo_store.main):
        assert run.returncode == 0, run.log[-3000:]
        assert run.stat("snapshots/store/articles/new") > 0
    assert demo_store.db.articles.count_documents({}) >= 100


@pytest.mark.parametrize("word", WORDS)
def test_terms_query_finds_what_a_regex_finds(demo_store, word):
    articles = demo_store.db.articles
    regex = {"$regex": re.escape(word), "$options": "i"}
    expected = {d["key"] for d in articles.find({"$or": [{"title": regex}, {"body": regex}]},
                                                {"key": 1})}
    found = {d["key"] for d in articles.find(terms.query(word), {"key": 1})}
    assert expected, word  # every word chosen occurs in the demo
    assert found == expected


def test_terms_query_of_several_words_finds_articles_with_all(demo_store):
    articles = demo_store.db.articles
    both = set()
    for doc in articles.find({}, {"key": 1, "title": 1, "body": 1}):
        text = "\n".join([doc["title"], *doc["body"]]).lower()
        if "大模型" in text and "芯片" in text:
            both.add(doc["key"])
    assert both
    assert {d["key"] for d in articles.find(terms.query("大模型  芯片"), {"key": 1})} == both


def test_clusters_are_named_after_the_original_stored_second(demo_store):
    site, articles = demo_store.site, demo_store.db.articles
    copies = [a for a in demo_store.catalog.mirror if a.original]
    assert copies
    assert demo_store.main.stat("snapshots/store/clusters/moved") > 0
    linked = 0
    for copy in copies:
        doc = articles.find_one({"key": canonical_url(site.url + copy.path)})
        original = articles.find_one({"key": canonical_url(site.url + copy.original)})
        assert doc and original, copy.path
        assert doc["first_seen"] < original["first_seen"]  # the copy was stored first
        if doc["cluster"] == original["key"]:
            linked += 1
    assert linked >= len(copies) - 1  # near-duplicate detection is probabilistic
    # Every cluster is named after its member published first.
    for group in articles.aggregate([
            {"$group": {"_id": "$cluster", "members": {"$push": {
                "key": "$key", "at": {"$ifNull": ["$published_at", "$first_seen"]}}}}},
            {"$match": {"members.1": {"$exists": True}}}]):
        first = min(group["members"], key=lambda m: (m["at"], m["key"]))
        assert group["_id"] == first["key"]
