"""snapshots.addon: the crawl's wiring from settings and the spider's
listings; snapshots.known: the known-article lookup owns its client."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from pymongo.errors import InvalidOperation

from scrapy.crawler import AsyncCrawlerRunner
from scrapy.settings import Settings
from scrapy.utils.test import get_reactor_settings

from pipelines.store import MongoStorePipeline
from pipelines.validate import ValidatePipeline
from snapshots import settings as project_settings
from snapshots.addon import PLAYWRIGHT_HANDLER, playwright_installed
from snapshots.fingerprint import CanonicalRequestFingerprinter
from snapshots.known import KnownLookup
from snapshots.processes import WorkerProcesses
from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter
from spiders.tech import TechSpider


def crawler_for(spider_args=None, **values):
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    # No worker processes: they need the asyncio reactor of a real crawl.
    settings.setdict({**get_reactor_settings(), "SITES": "demo", "WORKER_PROCESSES": "0", **values},
                     priority="cmdline")
    crawler = AsyncCrawlerRunner(settings).create_crawler(TechSpider)
    crawler.spider = crawler._create_spider(**(spider_args or {}))
    crawler._apply_settings()
    return crawler


def pipelines(crawler):
    return {cls: order for cls, order in crawler.settings.getdict("ITEM_PIPELINES").items()
            if order is not None}


def test_the_store_follows_one_setting(tmp_path):
    on = crawler_for(PLAYWRIGHT_EXECUTABLE_PATH=str(tmp_path / "none"))
    assert pipelines(on) == {ValidatePipeline: 200, MongoStorePipeline: 500}
    assert KnownLookup.of(on) is not None
    off = crawler_for(STORE_ENABLED="False", PLAYWRIGHT_EXECUTABLE_PATH=str(tmp_path / "none"))
    assert pipelines(off) == {ValidatePipeline: 200}
    assert KnownLookup.of(off) is None


def test_components_and_fingerprinter_are_installed_and_can_be_disabled(tmp_path):
    crawler = crawler_for(STORE_ENABLED="False", EXTENSIONS={"snapshots.extensions.Progress": None},
                          PLAYWRIGHT_EXECUTABLE_PATH=str(tmp_path / "none"))
    assert isinstance(crawler.request_fingerprinter, CanonicalRequestFingerprinter)
    names = {type(e).__name__ for e in crawler.extensions.middlewares}
    assert {"Accounting", "ClosingSummary", "GcFreeze"} <= names
    assert "Progress" not in names  # an operator's None wins
    assert crawler.settings.getdict("EXTENSIONS")[WorkerProcesses] == 0  # installed; off at 0
    middlewares = crawler.settings.getdict("SPIDER_MIDDLEWARES")
    assert {cls.__name__ for cls in middlewares} >= {"PageAccounting", "CallbackErrorMiddleware"}


def test_playwright_only_when_a_listing_renders_and_the_browser_exists(tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("")
    # The demo profile has a JavaScript listing.
    crawler = crawler_for(STORE_ENABLED="False", PLAYWRIGHT_EXECUTABLE_PATH=str(browser))
    assert playwright_installed(crawler.settings)
    assert crawler.settings.getdict("DOWNLOAD_HANDLERS")["https"] == PLAYWRIGHT_HANDLER
    assert crawler.settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")["executable_path"] == str(browser)
    missing = crawler_for(STORE_ENABLED="False", PLAYWRIGHT_EXECUTABLE_PATH=str(tmp_path / "none"))
    assert not playwright_installed(missing.settings)
    plain = crawler_for({"start_url": "http://127.0.0.1:1/tech/"}, STORE_ENABLED="False",
                        PLAYWRIGHT_EXECUTABLE_PATH=str(browser))
    assert not playwright_installed(plain.settings)


def test_depth_limit_fits_the_walk(tmp_path):
    crawler = crawler_for(STORE_ENABLED="False", MAX_LISTING_PAGES="150", RELATED_DEPTH="2",
                          PLAYWRIGHT_EXECUTABLE_PATH=str(tmp_path / "none"))
    assert crawler.settings.getint("DEPTH_LIMIT") == 153
    assert crawler_for(STORE_ENABLED="False", DEPTH_LIMIT="0").settings.getint("DEPTH_LIMIT") == 0


class Stats(dict):
    def inc_value(self, key, count=1):
        self[key] = self.get(key, 0) + count


def test_known_lookup_survives_an_outage_counting_each_failure():
    lookup = KnownLookup(Stats(), uri="mongodb://127.0.0.1:1", database="x", connect_timeout=0.2,
                         tracking_parameters=(), batch_size=10, max_age=timedelta(hours=1))
    assert lookup.fresh(["http://a.test/1.html"]) == set()  # not open: nothing known
    lookup.open()
    assert lookup.fresh(["http://a.test/1.html"]) == set()
    assert lookup.fresh(["http://a.test/2.html"]) == set()
    assert lookup.stats == {"snapshots/known_lookup_failed": 2}
    lookup.close()


def test_known_lookup_answers_and_closes_its_client(mongo_uri, mongo_db):
    item = make_item(1, fetched_at=datetime.now(timezone.utc))
    StoreWriter(mongo_db).write([item])
    lookup = KnownLookup(Stats(), uri=mongo_uri, database=mongo_db.name, connect_timeout=2,
                         tracking_parameters=project_settings.TRACKING_QUERY_PARAMETERS,
                         batch_size=10, max_age=timedelta(hours=1))
    lookup.open()
    client = lookup._client
    assert lookup.fresh([item.url + "?spm=a.b", "https://www.example.com/new.html"]) == {
        item.url + "?spm=a.b"}
    lookup.close()
    assert lookup._client is None
    with pytest.raises(InvalidOperation):  # closed, not left open
        client[mongo_db.name].articles.find_one()
