"""``reextract`` on a real demo crawl stored in the local MongoDB-protocol
server: one rule changed in the test (with the version bumped), re-run,
and what changed checked in both collections; then the real rules again,
in worker processes, through the command; every second run is a no-op.
Then ``extras`` and near-duplicate clusters recomputed, and a crawl writing
the same article at every point of a run."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pymongo
import pytest

from snapshots.demo import server
from snapshots.extract import version as version_module
from snapshots.normalize import article as normalize_article
from snapshots.page import SiteContext, article_item
from snapshots.store.documents import Record, content_hash
from snapshots.store.reextract import changed_fields, run_reextraction
from snapshots.store.writer import StoreWriter
from tests.helpers import FAST, ROOT, scrapy_crawl
from tests.sample_items import make_item
from tests.test_store_race import PauseAfter

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


def _with_extra(real):
    """``extract_article`` under a rule that adds a reading to ``extras``."""
    def extract(*args, **kwargs):
        out = real(*args, **kwargs)
        out.extras["test_rule"] = "a new reading"
        return out
    return extract


# What a broken rule might read on every page: one stock text.
STOCK = ["本站所有文章均来自网络，仅供学习交流，不代表本站观点，如有侵权请联系删除，我们将在第一时间处理。"] * 3


def test_reextract_recomputes_extras_and_clusters(stored, monkeypatch):
    before_snapshots, before_articles = _state(stored.db)
    before_signatures = {d["key"]: d for d in stored.db.signatures.find({}, {"_id": 0})}
    # A crawl run by scrapyd records its job: re-extraction keeps that key.
    job_id = next(iter(before_snapshots))
    extras = json.loads(before_snapshots[job_id]["extras"])
    stored.db.snapshots.update_one({"_id": job_id}, {"$set": {"extras": json.dumps({**extras, "job": "job-1"})}})

    from snapshots import page as page_module
    current = version_module.extractor_version()
    monkeypatch.setattr(page_module, "extract_article", _with_extra(page_module.extract_article))
    monkeypatch.setattr(normalize_article, "normalize_body", lambda value: list(STOCK))
    monkeypatch.setattr(version_module, "RULES_REVISION", version_module.RULES_REVISION + 2000)
    version_module.extractor_version.cache_clear()
    try:
        report = run_reextraction(stored.db, workers=0, default_site=SITE, batch_size=4)
    finally:
        monkeypatch.undo()
        version_module.extractor_version.cache_clear()
    assert report.fields["extras"] == report.seen == len(before_snapshots) and report.failed == 0

    snapshots, articles = _state(stored.db)
    for _id, doc in snapshots.items():
        now, old = json.loads(doc["extras"]), json.loads(before_snapshots[_id]["extras"])
        assert now == {**old, "test_rule": "a new reading", **({"job": "job-1"} if _id == job_id else {})}
        assert doc["history"][-1]["fields"]["extras"] == (
            stored.db.snapshots.find_one({"_id": _id})["history"][-1]["fields"]["extras"])
        assert json.loads(doc["history"][-1]["fields"]["extras"]).get("test_rule") is None
    # Every article now reads as the same text: one cluster, named after the
    # earliest copy, in all three collections.
    earliest = min(articles.values(), key=lambda a: (a.get("published_at") or a["first_seen"], a["key"]))
    assert {a["cluster"] for a in articles.values()} == {earliest["key"]}
    assert {s["cluster"] for s in snapshots.values()} == {earliest["key"]}
    signatures = {d["key"]: d for d in stored.db.signatures.find({}, {"_id": 0})}
    assert signatures.keys() == articles.keys()
    assert {s["cluster"] for s in signatures.values()} == {earliest["key"]}
    assert len({bytes(s["minhash"]) for s in signatures.values()}) == 1
    moved = sum(1 for key, a in before_articles.items() if a["cluster"] != earliest["key"])
    assert moved == len(articles) - 1  # each was its own cluster
    assert report.reclustered + report.clusters_renamed >= 1 and "cluster" in report.table()

    # The real rules again: every article back in the cluster the crawl gave
    # it, with its own signature, and its extras as the crawl stored them.
    back = run_reextraction(stored.db, workers=0, default_site=SITE)
    # All but the earliest leave its cluster; none is renamed.
    assert back.seen == len(before_snapshots) and (back.reclustered, back.clusters_renamed) == (moved, 0)
    snapshots, articles = _state(stored.db)
    assert {k: a["cluster"] for k, a in articles.items()} == {k: a["cluster"] for k, a in before_articles.items()}
    for _id, doc in snapshots.items():
        assert doc["cluster"] == before_snapshots[_id]["cluster"]
        assert json.loads(doc["extras"]) == {**json.loads(before_snapshots[_id]["extras"]),
                                             **({"job": "job-1"} if _id == job_id else {})}
        assert doc["extractor_version"] == current
    signatures = {d["key"]: d for d in stored.db.signatures.find({}, {"_id": 0})}
    for key, doc in signatures.items():
        old = before_signatures[key]
        assert (doc["cluster"], bytes(doc["minhash"]), doc["bands"]) == (
            old["cluster"], bytes(old["minhash"]), old["bands"])
    assert run_reextraction(stored.db, workers=0, default_site=SITE).seen == 0


# --- a crawl writing the same article while re-extraction runs ----------------------


def _stored_pages(db, count: int = 3):
    """Articles stored as the crawl stores them: the real entry point on
    made-up pages, then the real writer."""
    items = [article_item(make_item(n, site="reextract-race", html_padding=0).html,
                          make_item(n, site="reextract-race").url,
                          make_item(n, site="reextract-race").fetched_at, SITE) for n in range(count)]
    StoreWriter(db).write(items)
    return items


def _newer_version(item):
    """The same page fetched a day later, a paragraph added at the top."""
    html = item.html.replace("</div><p>".encode(), "</div><p>更新：记者稍后从有关部门获悉，相关工作已经全面展开。</p><p>".encode(), 1)
    return article_item(html, item.url, item.fetched_at + timedelta(days=1), SITE)


@pytest.mark.parametrize("after", range(1, 9))
def test_a_crawl_writing_meanwhile_keeps_its_hash_and_its_fields(mongo_uri, mongo_db, monkeypatch, after):
    items = _stored_pages(mongo_db)
    real_body = normalize_article.normalize_body
    monkeypatch.setattr(normalize_article, "normalize_body", lambda value: real_body(value)[:-1])
    monkeypatch.setattr(version_module, "RULES_REVISION", version_module.RULES_REVISION + 3000)
    version_module.extractor_version.cache_clear()
    try:
        newer = _newer_version(items[0])  # read by the same (changed) rules as the run
        listener = PauseAfter(after)
        client = pymongo.MongoClient(mongo_uri, tz_aware=True, event_listeners=[listener])
        try:
            listener.armed = True
            result = {}
            thread = threading.Thread(target=lambda: result.setdefault("report", run_reextraction(
                client[mongo_db.name], workers=0, default_site=SITE, batch_size=10)))
            thread.start()
            while thread.is_alive() and not listener.paused.wait(0.02):
                pass
            # Meanwhile a crawl stores a newer version of the first article.
            written = StoreWriter(mongo_db, ensure=False).write([newer])
            listener.resume.set()
            thread.join(60)
            assert not thread.is_alive() and not written.failed
        finally:
            client.close()
    finally:
        monkeypatch.undo()
        version_module.extractor_version.cache_clear()
    assert result["report"].failed == 0

    for article in mongo_db.articles.find({}):
        hashes = {s["content_hash"] for s in mongo_db.snapshots.find({"key": article["key"]})}
        assert set(article["hashes"]) == hashes  # no hash lost, none left over
        assert article["versions"] == len(hashes)
    key = Record(newer).key
    article = mongo_db.articles.find_one({"key": key})
    # The crawl's newer version keeps the article's fields.
    assert newer.body[0].startswith("更新")
    assert article["content_hash"] == Record(newer).content_hash and article["body"] == newer.body
    assert mongo_db.articles.count_documents({}) == len(items)


# --- a profile's selectors changed -------------------------------------------------------


def _profile(selectors) -> SiteContext:
    return SiteContext(timezone="Asia/Shanghai", max_future_skew=timedelta(minutes=10), name="profiled",
                       selectors=selectors)


def test_a_changed_profile_selector_reextracts_that_site_only(mongo_db):
    profile = _profile({"title": "article h1"})
    pages = [(make_item(n, site="profiled", html_padding=0), profile) for n in range(3)] + \
            [(make_item(n, site="plain", html_padding=0), SITE) for n in range(2)]
    StoreWriter(mongo_db).write([article_item(item.html, item.url, item.fetched_at, site) for item, site in pages])
    base = version_module.extractor_version()
    versions = {d["site"]: d["extractor_version"] for d in mongo_db.snapshots.find({})}
    assert versions == {"profiled": f"{base}.s{profile.selectors_digest}", "plain.com": base}
    assert run_reextraction(mongo_db, workers=0, default_site=SITE, sites={"profiled": profile}).seen == 0

    # The same title by another selector: the version moves, the fields do not.
    same = _profile({"title": "h1"})
    report = run_reextraction(mongo_db, workers=0, default_site=SITE, sites={"profiled": same})
    assert (report.seen, report.changed, report.unchanged) == (3, 0, 3)
    # The body now from its first paragraph only.
    first = _profile({"title": "h1", "body": "article p:first-of-type"})
    report = run_reextraction(mongo_db, workers=0, default_site=SITE, sites={"profiled": first})
    assert (report.seen, report.changed, report.fields["body"]) == (3, 3, 3)
    for doc in mongo_db.snapshots.find({}):
        if doc["site"] == "profiled":
            assert doc["extractor_version"] == f"{base}.s{first.selectors_digest}"
            assert len(doc["body"]) == 1 and doc["history"][-1]["fields"]["body"][1:]
        else:
            assert doc["extractor_version"] == base and "history" not in doc
    assert run_reextraction(mongo_db, workers=0, default_site=SITE, sites={"profiled": first}).seen == 0
