"""No item is lost when MongoDB goes away in the middle of a crawl: what
cannot be written lands in the spill file, and ``python -m snapshots replay``
stores it later, exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pymongo
import pytest

from snapshots import localdb
from snapshots.demo import catalog as C
from snapshots.demo import server
from snapshots.urls import canonical_url
from tests.helpers import FAST, ROOT, start_crawl, wait_while_crawling


@pytest.fixture
def own_server(tmp_path):
    """A server this test may stop and start again on the same port and data."""
    port = localdb.free_port()
    data = tmp_path / "db"
    holder = {"server": localdb.start(data, port=port)}

    def restart():
        holder["server"] = localdb.start(data, port=port)
        return holder["server"]

    yield holder, restart
    holder["server"].stop()


def test_store_outage_mid_crawl_then_replay_stores_every_article_once(tmp_path, own_server):
    holder, restart = own_server
    uri = holder["server"].uri
    spill = tmp_path / "spill.jsonl"
    settings = {**FAST, "DOWNLOAD_DELAY": 0.03, "SITES": "demo", "MONGO_URI": uri,
                "MONGO_DATABASE": "outage", "MONGO_BATCH_SIZE": 5, "MONGO_FLUSH_SECONDS": 0.5,
                "MONGO_RETRY_TIMES": 2, "MONGO_RETRY_BACKOFF": 0.2, "MONGO_CONNECT_TIMEOUT": 1,
                "MONGO_SPILL_FILE": str(spill), "STATS_JSON_FILE": str(tmp_path / "stats.json"),
                "MAX_LISTING_PAGES": 4, "RELATED_DEPTH": 0}
    with server.start(port=0) as site:
        settings["DEMO_SITE_URL"] = site.url
        crawl, _ = start_crawl(tmp_path, settings=settings)
        client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=2000)
        wait_while_crawling(crawl, lambda: client.outage.articles.count_documents({}) >= 10, poll=0.2)
        client.close()
        holder["server"].stop()  # MongoDB goes away mid-crawl
        log, _ = crawl.communicate(timeout=300)
        expected = {canonical_url(site.url + a.path)
                    for page in site.catalog.listings["tech"].pages[:4] for a in page
                    if not a.cases & {C.SHORT_READ, C.LOGIN_WALL}}
        expected |= {canonical_url(site.url + a.path) for a in site.catalog.live
                     if not a.cases & {C.SHORT_READ, C.LOGIN_WALL}}

    # Items waiting in the spill file fail the run (the store monitor), so
    # that the operator knows to replay them.
    assert crawl.returncode == 1, log[-3000:]
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["snapshots/failed/monitors"] == 1
    assert "spilled to the spill file" in stats["snapshots/monitors/failed/store/writes"]
    assert stats["snapshots/pages/unaccounted"] == 0
    assert spill.exists() and spill.stat().st_size > 0
    spilled = sum(1 for _ in spill.open(encoding="utf-8"))
    assert spilled >= 1
    assert "Traceback" not in log, log[log.find("Traceback") - 2000:log.find("Traceback") + 3000]

    server_again = restart()
    env = {**os.environ, "MONGO_URI": server_again.uri, "MONGO_DATABASE": "outage"}
    for _ in range(2):  # replaying twice changes nothing the second time
        replay = subprocess.run([sys.executable, "-m", "snapshots", "replay", str(spill)],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert replay.returncode == 0, replay.stdout + replay.stderr
    with pymongo.MongoClient(server_again.uri) as client:
        articles = client.outage.articles
        keys = [d["key"] for d in articles.find({}, {"key": 1})]
        assert len(keys) == len(set(keys))
        assert expected <= set(keys), sorted(expected - set(keys))[:5]
        assert client.outage.snapshots.count_documents({}) == len(keys)
    assert stats.get("item_scraped_count", 0) >= len(expected) - 2
