"""MongoDB gone for good in the middle of a crawl: after the first failed
call, the crawl stops asking the store per listing page and per batch (the
circuit breaker, snapshots/circuit.py), spills at once, probes now and then,
and loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pymongo

from snapshots.circuit import STATS
from snapshots.demo import server
from snapshots.urls import canonical_url
from tests.helpers import FAST, ROOT, start_crawl, wait_while_crawling
from tests.test_crawl_store_outage import own_server  # noqa: F401 - a fixture


def test_dead_store_opens_the_circuit_and_nothing_is_lost(tmp_path, own_server):  # noqa: F811
    holder, restart = own_server
    uri = holder["server"].uri
    spill = tmp_path / "spill.jsonl"
    stats_file = tmp_path / "stats.json"
    settings = {**FAST, "SITES": "demo", "MONGO_URI": uri, "MONGO_DATABASE": "circuit",
                "MONGO_BATCH_SIZE": 5, "MONGO_FLUSH_SECONDS": 0.5, "MONGO_RETRY_TIMES": 2,
                "MONGO_RETRY_BACKOFF": 0.2, "MONGO_CONNECT_TIMEOUT": 2, "STORE_PROBE_INTERVAL": 3,
                "MONGO_SPILL_FILE": str(spill), "STATS_JSON_FILE": str(stats_file),
                "MAX_LISTING_PAGES": 6, "RELATED_DEPTH": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "MONITOR_MAX_SPILLED": 10_000,
                "PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"}
    # The first listing page answers slowly; MongoDB goes away once the
    # crawl has opened the store, before any listing page is looked up.
    with server.start(port=0, delay=1.0) as site:
        settings["DEMO_SITE_URL"] = site.url
        crawl, _ = start_crawl(tmp_path, settings=settings)
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=2000)
        wait_while_crawling(crawl, lambda: client.circuit.runs.count_documents({}) >= 1, poll=0.05)
        client.close()
        holder["server"].stop()  # and it never comes back
        site.delay = 0.0
        log, _ = crawl.communicate(timeout=300)
        listed = {a.path for page in site.catalog.listings["tech"].pages[:6] for a in page}

    stats = json.loads(stats_file.read_text())
    assert "Traceback" not in log, log[log.find("Traceback") - 2000:][:4000]
    assert stats[STATS + "opened"] == 1
    # One listing page waited for the store; the five others did not ask.
    assert stats["snapshots/known_lookup_failed"] == 1
    assert stats[STATS + "short_circuited/lookup"] == 5
    # ... and batches went to the spill file without waiting, but for probes.
    assert stats.get(STATS + "short_circuited/batch", 0) >= 1
    assert stats.get(STATS + "closed", 0) == 0
    # Nothing lost: every item is stored or spilled, the pages add up.
    spilled = sum(1 for _ in spill.open(encoding="utf-8"))
    assert spilled == stats["snapshots/store/spilled"] >= 1
    stored = sum(stats.get(f"snapshots/store/{name}", 0)
                 for name in ("articles/new", "versions/new", "unchanged"))
    assert stored == 0 and spilled == stats["snapshots/store/items"]
    assert stats["snapshots/pages/unaccounted"] == 0
    spilled_paths = {urlsplit(json.loads(line)["item"]["url"]).path for line in spill.open(encoding="utf-8")}
    assert len(spilled_paths) >= len(listed) - 5  # the login walls and the cut page are dropped

    server_again = restart()
    env = {**env, "MONGO_URI": server_again.uri, "MONGO_DATABASE": "circuit"}
    replay = subprocess.run([sys.executable, "-m", "snapshots", "replay", str(spill)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert replay.returncode == 0, replay.stdout + replay.stderr
    with pymongo.MongoClient(server_again.uri) as client:
        aliases = {a for doc in client.circuit.articles.find({}, {"aliases": 1}) for a in doc["aliases"]}
    spilled_urls = {canonical_url(json.loads(line)["item"]["url"]) for line in spill.open(encoding="utf-8")}
    assert spilled_urls <= aliases, sorted(spilled_urls - aliases)[:5]
