"""``reextract`` on a real demo crawl stored in the local MongoDB-protocol
server: one rule changed in the test (with the version bumped), re-run,
and what changed checked in both collections; then the real rules again,
in worker processes, through the command; every second run is a no-op."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pymongo
import pytest

from snapshots.demo import server
from snapshots.extract import version as version_module
from snapshots.normalize import article as normalize_article
from snapshots.store.documents import content_hash
from snapshots.store.reextract import changed_fields, run_reextraction
from snapshots.page import SiteContext
from tests.helpers import FAST, ROOT, scrapy_crawl

SITE = SiteContext(timezone="Asia/Shanghai", max_future_skew=timedelta(minutes=10))


@pytest.fixture(scope="module")
def stored(mongo_uri, tmp_path_factory):
    site = server.start(port=0)
    db_name = f"reextract_{uuid.uuid4().hex[:8]}"
    settings = {**FAST, "MONGO_URI": mongo_uri, "MONGO_DATABASE": db_name, "MONGO_FLUSH_SECONDS": 1,
                "WORKER_PROCESSES": 1, "RELATED_DEPTH": 0, "MAX_ARTICLES": 10}
    result = scrapy_crawl(tmp_path_factory.mktemp("crawl"), settings=settings,
                          args={"start_url": site.url + "/tech/"})
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    yield SimpleNamespace(result=result, db=client[db_name], uri=mongo_uri, name=db_name)
    client.drop_database(db_name)
    client.close()
    site.stop()


def _state(db):
    snapshots = {d["_id"]: d for d in db.snapshots.find({}, {"html": 0})}
    articles = {d["key"]: d for d in db.articles.find({})}
    return snapshots, articles


def _command(stored, *args):
    return subprocess.run([sys.executable, "-m", "snapshots", "reextract", "--mongo-uri", stored.uri,
                           "--db", stored.name, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_reextract_changes_what_a_rule_changes_and_nothing_else(stored, monkeypatch):
    assert stored.result.returncode == 0, stored.result.log[-3000:]
    current = version_module.extractor_version()
    before_snapshots, before_articles = _state(stored.db)
    assert len(before_snapshots) >= 5
    assert {d["extractor_version"] for d in before_snapshots.values()} == {current}
    assert {d["extractor_version"] for d in before_articles.values()} == {current}
    with_source = {i for i, d in before_snapshots.items() if d.get("source")}
    assert with_source

    # Nothing to do while the stored version is the current one.
    assert run_reextraction(stored.db, workers=0, default_site=SITE).seen == 0

    # A rule changes: sources are no longer read, the last paragraph is lost.
    real_body = normalize_article.normalize_body
    monkeypatch.setattr(normalize_article, "normalize_source", lambda value: None)
    monkeypatch.setattr(normalize_article, "normalize_body", lambda value: real_body(value)[:-1])
    monkeypatch.setattr(version_module, "RULES_REVISION", version_module.RULES_REVISION + 1000)
    version_module.extractor_version.cache_clear()
    try:
        bumped = version_module.extractor_version()
        assert bumped != current
        report = run_reextraction(stored.db, workers=0, default_site=SITE, batch_size=3)
        assert report.seen == report.changed == len(before_snapshots) and report.failed == 0
        assert report.fields["source"] == report.emptied["source"] == len(with_source)
        assert report.fields["body"] == len(before_snapshots)
        assert "source" in report.table() and f"{len(before_snapshots)} changed" in report.table()

        snapshots, articles = _state(stored.db)
        assert snapshots.keys() == before_snapshots.keys()  # never a new snapshot
        assert articles.keys() == before_articles.keys()
        for _id, doc in snapshots.items():
            old = before_snapshots[_id]
            assert doc["source"] is None and doc["body"] == old["body"][:-1]
            assert doc["extractor_version"] == bumped
            assert doc["content_hash"] == content_hash(doc["title"], doc["body"]) != old["content_hash"]
            [entry] = doc["history"]
            assert entry["extractor_version"] == current and entry["content_hash"] == old["content_hash"]
            assert entry["fields"]["body"] == old["body"]
            assert entry["fields"].get("source") == old.get("source") or _id not in with_source
        for key, doc in articles.items():
            old = before_articles[key]
            assert doc["versions"] == old["versions"] and len(doc["hashes"]) == len(old["hashes"])
            assert doc["content_hash"] in doc["hashes"]
            latest = next(s for s in snapshots.values() if s["key"] == key and s["content_hash"] == doc["content_hash"])
            assert doc["body"] == latest["body"] and doc["source"] is None
            assert doc["extractor_version"] == bumped
            assert doc["history"][0]["fields"]["body"] == old["body"]

        # A second run with the same rules changes nothing, even over everything.
        assert run_reextraction(stored.db, workers=0, default_site=SITE).seen == 0
        again = run_reextraction(stored.db, workers=0, default_site=SITE, everything=True)
        assert again.seen == len(before_snapshots) and again.changed == 0
        assert _state(stored.db) == (snapshots, articles)
    finally:
        monkeypatch.undo()
        version_module.extractor_version.cache_clear()

    # The real rules again, through the command, in worker processes.
    dry = _command(stored, "--dry-run", "--workers", "1")
    assert dry.returncode == 0, dry.stderr
    assert f"{len(before_snapshots)} would change" in dry.stdout
    assert _state(stored.db) == (snapshots, articles)  # a dry run writes nothing

    done = _command(stored, "--workers", "1", "--batch-size", "4")
    assert done.returncode == 0, done.stderr
    assert f"re-extracted {len(before_snapshots)}/{len(before_snapshots)}" in done.stderr
    assert "source" in done.stdout and "body" in done.stdout
    snapshots, articles = _state(stored.db)
    for _id, doc in snapshots.items():
        old = before_snapshots[_id]
        assert not changed_fields(old, doc)  # back to what the crawl stored
        assert doc["content_hash"] == old["content_hash"] and len(doc["history"]) == 2
        assert doc["extractor_version"] == current
    for key, doc in articles.items():
        assert doc["content_hash"] == before_articles[key]["content_hash"]
        assert sorted(doc["hashes"]) == sorted(before_articles[key]["hashes"])
        assert doc["terms"] == before_articles[key]["terms"]

    second = _command(stored, "--workers", "1")
    assert second.returncode == 0 and second.stdout.startswith("0 snapshots re-extracted")
    assert _state(stored.db) == (snapshots, articles)
