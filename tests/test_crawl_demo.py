"""``scrapy crawl tech`` end to end: the demo site over real HTTP on
127.0.0.1, the local MongoDB-protocol server for storage. The same crawl
runs twice to check the incremental run.

The crawl has no browser, as on a machine without Chromium: the demo's
JavaScript listing is skipped and counted. Only the test of that listing
renders it in Chromium, in a crawl of its own.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

import pymongo
import pytest

from snapshots.demo import catalog as C
from snapshots.demo import server
from snapshots.urls import canonical_url
from tests.helpers import FAST, scrapy_crawl

UNSTORABLE = {C.SHORT_READ, C.LOGIN_WALL}
NO_BROWSER = "/nonexistent/chromium"


@pytest.fixture(scope="module")
def crawls(mongo_uri, tmp_path_factory):
    site = server.start(port=0)
    db_name = f"crawl_{uuid.uuid4().hex[:8]}"
    # Two worker processes, whatever the machine's CPU count, so that
    # extraction and the store's derived fields cross a process boundary.
    settings = {**FAST, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri,
                "MONGO_DATABASE": db_name, "MONGO_FLUSH_SECONDS": 1, "WORKER_PROCESSES": 2,
                "PLAYWRIGHT_EXECUTABLE_PATH": NO_BROWSER}
    workdir = tmp_path_factory.mktemp("crawl")
    first = scrapy_crawl(workdir, settings=settings)
    hits_first = Counter(site.hits)
    second = scrapy_crawl(workdir, settings=settings)
    hits_second = Counter(site.hits)
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    yield SimpleNamespace(site=site, catalog=site.catalog, first=first, second=second,
                          hits_first=hits_first, hits_second=hits_second, db=client[db_name],
                          client=client, settings=settings, workdir=workdir)
    client.drop_database(db_name)
    client.close()
    site.stop()


def _key(site, path: str) -> str:
    return canonical_url(site.url + path)


def _listed(catalog) -> list:
    """The main site's listed articles: what a crawl without a browser
    reaches (the JavaScript listing adds only its live-only ones)."""
    return catalog.listings["tech"].articles


def test_first_crawl_finishes_without_unexpected_errors(crawls):
    first = crawls.first
    assert first.returncode == 0, first.log[-3000:]
    assert first.stat("finish_reason") == "finished"
    # The only error: the page whose connection always closes early, after retries.
    short_read = [a.path for a in crawls.catalog.case(C.SHORT_READ)]
    errors = first.log_lines("ERROR")
    assert len(errors) == first.stat("log_count/ERROR") == len(short_read)
    assert all("Gave up retrying" in e and any(p in e for p in short_read) for e in errors)
    assert first.stat("snapshots/dropped/response_data_loss_error") == len(short_read)
    assert first.stat("snapshots/dropped/no_browser") == 1
    assert first.stat("item_scraped_count") >= 200
    assert first.stat("snapshots/workers/started") == 2
    assert first.stat("snapshots/store/derive_failed") == 0


def test_every_listing_page_is_fetched_once(crawls):
    for key in ("tech", "mirror"):
        paths = crawls.catalog.listings[key].paths
        assert len(paths) > 1
        assert {p: crawls.hits_first[p] for p in paths} == {p: 1 for p in paths}
    assert crawls.first.stat("snapshots/listing/pages") == sum(
        len(crawls.catalog.listings[k].paths) for k in ("tech", "mirror"))


def test_every_listed_article_is_stored_once(crawls):
    articles = crawls.db.articles
    expected = [a for a in _listed(crawls.catalog) if not a.cases & UNSTORABLE]
    assert len(expected) >= 150
    for article in expected:
        assert articles.count_documents({"key": _key(crawls.site, article.path)}) == 1, article.path
    assert articles.count_documents({}) >= 150
    # One document per key: no article stored twice under two URLs.
    keys = [d["key"] for d in articles.find({}, {"key": 1})]
    assert len(keys) == len(set(keys))


def test_stored_fields_match_what_the_pages_say(crawls):
    checked = 0
    for article in _listed(crawls.catalog):
        if article.cases & (UNSTORABLE | {C.TRUNCATED}):
            continue
        doc = crawls.db.articles.find_one({"key": _key(crawls.site, article.path)})
        assert doc["title"] == article.title
        assert doc["source"] == article.source
        assert doc["site"] == "demo" and doc["category"] == "tech"
        assert doc["body"][0] == article.paragraphs[0]
        assert [p for p in doc["body"] if p in article.paragraphs] == list(article.paragraphs)
        if article.authors:
            assert doc["authors"] == list(article.authors)
        if C.RELATIVE_TIME not in article.cases:
            assert abs(doc["published_at"] - article.published) < timedelta(minutes=1), article.path
        checked += 1
    assert checked >= 150


def test_gbk_and_relative_time_pages_are_read_right(crawls):
    for case in C.GBK_CASES:
        for article in crawls.catalog.case(case):
            doc = crawls.db.articles.find_one({"key": _key(crawls.site, article.path)})
            assert doc is not None and doc["title"] == article.title, case
    relative = [a for a in crawls.catalog.case(C.RELATIVE_TIME) if a.listing_href]
    assert relative
    for article in relative:
        doc = crawls.db.articles.find_one({"key": _key(crawls.site, article.path)})
        # Relative times are read against the fetch time, so within a day.
        assert abs(doc["published_at"] - article.published) < timedelta(days=1), article.published_text


def test_related_links_are_followed_to_the_configured_depth_only(tmp_path):
    """One listing page, related depth 1: the related articles of listed
    articles are fetched, theirs are not."""
    with server.start(port=0) as site:
        result = scrapy_crawl(tmp_path, settings={
            **FAST, "MAX_LISTING_PAGES": 1, "RELATED_DEPTH": 1,
            "STORE_ENABLED": False},
            args={"start_url": f"{site.url}/tech/"})
        assert result.returncode == 0, result.log[-2000:]
        catalog = site.catalog
        listed = {a.path for a in catalog.listings["tech"].pages[0]}

        def related_of(paths):
            # Pages that never arrive whole cannot show their related block.
            readable = [catalog.article(p) for p in paths
                        if not catalog.article(p).cases & (UNSTORABLE | {C.TRUNCATED})]
            return {catalog.article(h).path for a in readable for h in a.related
                    if catalog.article(h) is not None}

        def fetched(path):  # under its own URL or its mobile twin's
            article = catalog.article(path)
            return site.hits[path] + (site.hits[article.mobile_path] if article.mobile_path else 0)

        depth1 = related_of(listed) - listed
        depth2 = related_of(depth1) - listed - depth1
        assert depth1 and depth2
        assert {p for p in depth1 if not fetched(p)} == set()
        assert {p for p in depth2 if fetched(p)} == set()
        assert site.hits["/tech/index_2.html"] == 0


def test_javascript_listing_is_skipped_without_a_browser(crawls):
    assert crawls.hits_first["/tech/live/"] == crawls.hits_second["/tech/live/"] == 0
    only_live = [a for a in crawls.catalog.live if C.LIVE_ONLY in a.cases]
    assert only_live
    for article in only_live:
        assert crawls.db.articles.count_documents({"key": _key(crawls.site, article.path)}) == 0
    assert not [k for k in crawls.first.stats if k.startswith("playwright/")]


@pytest.mark.browser
def test_javascript_listing_is_rendered_in_chromium(demo_site, mongo_uri, mongo_db, tmp_path):
    """The demo profile's first listing page and its JavaScript listing,
    rendered in Chromium: the articles only the latter links are stored."""
    result = scrapy_crawl(tmp_path, settings={
        **FAST, "DEMO_SITE_URL": demo_site.url, "SITES": "demo", "MAX_LISTING_PAGES": 1,
        "RELATED_DEPTH": 0, "MONGO_URI": mongo_uri, "MONGO_DATABASE": mongo_db.name,
        "MONGO_FLUSH_SECONDS": 1, "WORKER_PROCESSES": 0})
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("playwright/page_count") >= 1
    assert result.stat("snapshots/dropped/no_browser") == 0
    only_live = [a for a in demo_site.catalog.live if C.LIVE_ONLY in a.cases]
    assert only_live
    for article in only_live:
        assert mongo_db.articles.count_documents({"key": _key(demo_site, article.path)}) == 1


def test_url_variants_make_one_article(crawls):
    site, articles = crawls.site, crawls.db.articles
    for article in crawls.catalog.case(C.TRACKING) + crawls.catalog.case(C.MOBILE):
        if article.cases & UNSTORABLE or not article.listing_href:
            continue
        assert articles.count_documents({"key": _key(site, article.path)}) == 1
    mobile = [a for a in crawls.catalog.case(C.MOBILE) if crawls.hits_first[a.mobile_path]]
    assert mobile, "some mobile twin was linked and fetched"
    for article in mobile:
        assert articles.count_documents({"key": _key(site, article.path)}) == 1
        assert articles.count_documents({"key": _key(site, article.mobile_path)}) == 0


def test_bad_pages_are_counted_not_lost(crawls):
    stats, catalog = crawls.first.stats, crawls.catalog
    assert stats.get("snapshots/dropped/http_404", 0) >= 1  # the deleted related article
    assert crawls.hits_first[catalog.missing_path] >= 1
    error_once = catalog.case(C.ERROR_ONCE)
    assert error_once and stats.get("retry/reason_count/500 Internal Server Error", 0) >= 1
    for article in error_once:
        assert crawls.db.articles.count_documents({"key": _key(crawls.site, article.path)}) == 1
    walls = [a for a in catalog.case(C.LOGIN_WALL) if crawls.hits_first[a.path]]
    dropped_short = sum(v for k, v in stats.items()
                        if k.startswith("snapshots/dropped/") and ("body" in k or "title" in k))
    assert dropped_short >= len(walls)
    # Calendar trap pages are never article-shaped: not one is requested.
    assert not [p for p in crawls.hits_first if p.startswith("/tech/calendar/")]
    for article in catalog.case(C.LOOP):
        assert crawls.hits_first[article.path] == 1


def test_second_run_downloads_only_listings(crawls):
    second = crawls.second
    assert second.returncode == 0, second.log[-3000:]
    stored = {d["url"] for d in crawls.db.articles.find({}, {"url": 1})}
    paths = {re.sub(r"^https?://[^/]+", "", u).split("?")[0] for u in stored}
    again = {p for p in paths if crawls.hits_second[p] > crawls.hits_first[p]}
    assert again == set()
    assert second.stat("snapshots/skipped/known") > 0
    assert second.stat("downloader/request_count") < crawls.first.stat("downloader/request_count") / 5
    # Listing pages are always fetched: at least the first page of each.
    assert crawls.hits_second["/tech/"] == 2 and crawls.hits_second["/mirror/tech/"] == 2


def test_republished_story_joins_the_original_cluster(crawls):
    site, articles = crawls.site, crawls.db.articles
    copies = [a for a in crawls.catalog.mirror if a.original]
    assert copies
    linked = 0
    for copy in copies:
        doc = articles.find_one({"key": _key(site, copy.path)})
        original = articles.find_one({"key": _key(site, copy.original)})
        if doc and original:
            assert doc["cluster"] == original["cluster"], copy.path
            linked += 1
    assert linked >= len(copies) // 2


# Fields that do not depend on when or in which order pages were fetched.
STABLE_ARTICLE_FIELDS = ("title", "body", "terms", "content_hash", "source",
                         "authors", "editor", "page_category", "language")


def test_worker_processes_store_what_the_crawl_process_would(crawls):
    db_name = f"inline_{uuid.uuid4().hex[:8]}"
    inline = scrapy_crawl(crawls.workdir, settings={
        **crawls.settings, "MONGO_DATABASE": db_name, "WORKER_PROCESSES": 0})
    try:
        assert inline.returncode == 0, inline.log[-3000:]
        assert inline.stat("snapshots/workers/started") == 0
        db = crawls.client[db_name]
        projection = {"_id": 0, "key": 1, **dict.fromkeys(STABLE_ARTICLE_FIELDS, 1)}
        here = {d["key"]: d for d in db.articles.find({}, projection)}
        there = {d["key"]: d for d in crawls.db.articles.find({}, projection)}
        assert len(here) >= 200 and here == there
        signature = {"_id": 0, "key": 1, "minhash": 1, "bands": 1}
        here = {d["key"]: d for d in db.signatures.find({}, signature)}
        assert here == {d["key"]: d for d in crawls.db.signatures.find({}, signature)}
        pages = {"_id": 0, "key": 1, "content_hash": 1, "html": 1, "html_codec": 1, "html_size": 1}
        here = {(d["key"], d["content_hash"]): d for d in db.snapshots.find({}, pages)}
        there = {(d["key"], d["content_hash"]): d for d in crawls.db.snapshots.find({}, pages)}
        assert here.keys() == there.keys()
        assert all(here[k] == there[k] for k in here)
    finally:
        crawls.client.drop_database(db_name)


def test_both_crawls_account_for_every_page_in_the_runs_document(crawls):
    from snapshots.stats import accounting

    runs = list(crawls.db.runs.find().sort("started_at", 1))
    assert len(runs) == 2
    for result, run in zip((crawls.first, crawls.second), runs):
        numbers = accounting(result.stats)
        assert numbers["unaccounted"] == 0, numbers
        assert run["accounting"] == numbers and run["status"] == "finished"
        assert result.stat("snapshots/monitors/failed") == 0
    # The second crawl stores nothing new: its articles are known.
    assert accounting(crawls.second.stats)["skipped"]["known"] > 0
