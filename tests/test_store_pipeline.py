"""MongoStorePipeline under a real reactor (run in a thread), including a
server that dies mid-crawl: nothing is lost, the spill file is replayed."""

from __future__ import annotations

import argparse
import json
import logging
import threading
import time
from dataclasses import replace
from datetime import timedelta

import pymongo
import pytest
from scrapy import Spider
from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler
from twisted.internet import threads

from pipelines.store import MongoStorePipeline
from snapshots import localdb
from snapshots.cli import replay
from snapshots.store import spill
from tests.sample_items import make_item


@pytest.fixture(scope="module")
def reactor():
    from twisted.internet import reactor as installed

    if not installed.running:
        threading.Thread(target=installed.run, kwargs={"installSignalHandlers": False},
                         daemon=True).start()
        deadline = time.monotonic() + 10
        while not installed.running and time.monotonic() < deadline:
            time.sleep(0.01)
    return installed


def call(reactor, method, *args):
    """Run a pipeline coroutine method in the reactor thread and wait for it."""
    return threads.blockingCallFromThread(reactor, lambda: deferred_from_coro(method(*args)))


class NewsSpider(Spider):
    name = "news"
    sites = ["example"]


def make_pipeline(uri, db_name, spill_file, **settings):
    crawler = get_crawler(NewsSpider, {
        "MONGO_URI": uri, "MONGO_DATABASE": db_name, "MONGO_SPILL_FILE": str(spill_file),
        "MONGO_BATCH_SIZE": "10", "MONGO_FLUSH_SECONDS": "0", "MONGO_RETRY_TIMES": "2",
        "MONGO_RETRY_BACKOFF": "0.05", "MONGO_CONNECT_TIMEOUT": "1", **settings})
    crawler.spider = NewsSpider()
    crawler.spider._job = "job-42"
    return crawler, MongoStorePipeline.from_crawler(crawler)


def feed(reactor, pipeline, items):
    # Sequential: the same order a spider's items arrive in.
    for item in items:
        call(reactor, pipeline.process_item, item)


def test_batches_stats_and_run_document(reactor, mongo_uri, mongo_db, tmp_path):
    crawler, pipeline = make_pipeline(mongo_uri, mongo_db.name, tmp_path / "spill.jsonl")
    call(reactor, pipeline.open_spider)
    items = [make_item(i) for i in range(25)]
    feed(reactor, pipeline, items)
    assert mongo_db.articles.count_documents({}) == 20  # two full batches, five buffered
    feed(reactor, pipeline, [replace(items[0], fetched_at=items[0].fetched_at + timedelta(days=1))])
    call(reactor, pipeline.close_spider)
    call(reactor, pipeline.spider_closed, crawler.spider, "finished")
    stats = crawler.stats.get_stats()
    assert stats["snapshots/store/items"] == 26
    assert stats["snapshots/store/articles/new"] == 25
    assert stats["snapshots/store/unchanged"] == 1
    assert stats["snapshots/store/batches"] == 3
    assert mongo_db.articles.count_documents({}) == 25
    run = mongo_db.runs.find_one()
    assert run["spider"] == "news" and run["job"] == "job-42" and run["status"] == "finished"
    assert run["counts"]["articles_new"] == 25 and run["sites"] == ["example"]
    assert {"name": "snapshots/store/items", "value": 26} in run["stats"]
    assert not (tmp_path / "spill.jsonl").exists()


def test_time_based_flush(reactor, mongo_uri, mongo_db, tmp_path):
    crawler, pipeline = make_pipeline(mongo_uri, mongo_db.name, tmp_path / "s.jsonl",
                                      MONGO_FLUSH_SECONDS="0.2", MONGO_BATCH_SIZE="1000")
    call(reactor, pipeline.open_spider)
    feed(reactor, pipeline, [make_item(i) for i in range(3)])
    deadline = time.monotonic() + 10
    while mongo_db.articles.count_documents({}) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mongo_db.articles.count_documents({}) == 3
    call(reactor, pipeline.close_spider)
    call(reactor, pipeline.spider_closed, crawler.spider, "finished")


def test_unreachable_at_open_is_one_error_line(reactor, tmp_path, caplog):
    port = localdb.free_port()
    crawler, pipeline = make_pipeline(f"mongodb://user:secret@127.0.0.1:{port}", "x",
                                      tmp_path / "s.jsonl", MONGO_CONNECT_TIMEOUT="0.3")
    with caplog.at_level(logging.ERROR, logger="pipelines.store"):
        with pytest.raises(CloseSpider) as exc:
            call(reactor, pipeline.open_spider)
    assert exc.value.reason == "store_unavailable"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is None
    message = errors[0].getMessage()
    assert "secret" not in message and "user:***@" in message
    assert "python -m snapshots localdb" in message


def test_server_dies_mid_crawl_spill_then_replay(reactor, tmp_path):
    port = localdb.free_port()
    storage = tmp_path / "data"
    server = localdb.start(storage, port=port, log_file=tmp_path / "server.log")
    spill_file = tmp_path / "spill.jsonl"
    try:
        crawler, pipeline = make_pipeline(server.uri, "crawl", spill_file)
        call(reactor, pipeline.open_spider)
        items = [make_item(i, site="dies") for i in range(50)]
        feed(reactor, pipeline, items[:25])
        server.stop()
        feed(reactor, pipeline, items[25:])
        call(reactor, pipeline.close_spider)
        call(reactor, pipeline.spider_closed, crawler.spider, "finished")
        stats = crawler.stats.get_stats()
        assert stats["snapshots/store/articles/new"] == 20
        assert stats["snapshots/store/spilled"] == 30
        assert stats["snapshots/store/retries"] >= 2
        lines = spill_file.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 30
        first = spill.loads(lines[0])
        assert first["html"] == items[20].html and first["fetched_at"] == items[20].fetched_at

        server = localdb.start(storage, port=port, log_file=tmp_path / "server.log")
        args = argparse.Namespace(file=str(spill_file), mongo_uri=server.uri, db="crawl", batch_size=7)
        assert replay.run(args) == 0
        assert replay.run(args) == 0  # idempotent
        db = pymongo.MongoClient(server.uri)["crawl"]
        assert db.articles.count_documents({}) == 50
        assert db.snapshots.count_documents({}) == 50
        keys = [a["key"] for a in db.articles.find({}, {"key": 1})]
        assert sorted(keys) == sorted(i.url for i in items)
        assert all(a["versions"] == 1 for a in db.articles.find())
    finally:
        server.stop()


def test_spill_encoding_is_lossless():
    item = make_item(1)
    item.extras = {"__type__": "x", "raw": b"\x00\xff", 3: (1, 2)}
    decoded = spill.loads(spill.dumps(item))
    assert decoded["extras"] == item.extras and decoded["html"] == item.html
    assert decoded["published_at"] == item.published_at and decoded["published_at"].tzinfo
    assert json.loads(spill.dumps(item))["format"] == 1
