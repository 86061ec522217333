"""The shared frontier (snapshots/frontier/): real ``redis-server``, real
``scrapy crawl`` processes against the demo site, the local MongoDB-protocol
server. Two workers download each page once and store what one process
stores; a worker killed with SIGKILL loses nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pymongo
import pytest
import redis
from scrapy import Request

from snapshots.demo import server
from snapshots.fingerprint import CanonicalRequestFingerprinter
from snapshots.frontier.dupefilter import ExpiringDupeFilter
from snapshots.frontier.leases import Leases
from tests.helpers import FAST, ROOT, CrawlResult, crawl_command, read_stats, scrapy_crawl

# In-process extraction keeps two crawls to two processes on a small
# machine; no browser, so the JavaScript listing is skipped (and counted)
# the same way by every crawl here.
SETTINGS = {**FAST, "WORKER_PROCESSES": 0, "MONGO_FLUSH_SECONDS": 1,
            "PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"}
# No store and no pipeline: the frontier alone.
NO_PIPELINES = {"STORE_ENABLED": False, "ITEM_PIPELINES": {"pipelines.validate.ValidatePipeline": None}}


class Worker:
    """``scrapy crawl tech`` in the background, its log in a file."""

    def __init__(self, workdir: Path, settings: dict, name: str):
        cmd, env, self.stats_file = crawl_command(workdir, settings=settings)
        self.log_file = workdir / f"{name}.log"
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_file.read_text(errors="replace")

    def crawled(self) -> int:
        """Pages downloaded so far (logged at DEBUG)."""
        return self.log().count("] DEBUG: Crawled (")

    def wait(self, timeout: float = 300) -> CrawlResult:
        returncode = self.process.wait(timeout=timeout)
        return CrawlResult(returncode, self.log(), read_stats(self.stats_file))


def _start_workers(demo, redis_server, workers: dict[str, tuple[Path, dict]]) -> dict[str, Worker]:
    """Start the crawls one after the other, each once the one before has
    joined the run (the first has seeded it: later ones join a run under
    way), on a site slowed to a crawl until all have joined, however slowly
    the machine starts Python; then at 0.1 s per response."""
    client = redis.Redis.from_url(redis_server.url)
    demo.site.delay = 1.0
    started: dict[str, Worker] = {}
    for name, (workdir, settings) in workers.items():
        started[name] = Worker(workdir, settings, name)
        deadline = time.monotonic() + 120
        while client.zcard("tech:workers") < len(started) and time.monotonic() < deadline:
            assert all(w.process.poll() is None for w in started.values()), \
                [w.log()[-2000:] for w in started.values()]
            time.sleep(0.05)
    demo.site.delay = 0.1
    return started


def _page_hits(site) -> Counter:
    return Counter({path: n for path, n in site.hits.items() if path != "/robots.txt"})


def _stored(db) -> dict[str, int]:
    """Snapshots per stored article key."""
    keys = [d["key"] for d in db.articles.find({}, {"key": 1})]
    assert len(keys) == len(set(keys))
    return {key: db.snapshots.count_documents({"key": key}) for key in keys}


@pytest.fixture(scope="module")
def demo(mongo_uri, tmp_path_factory):
    """The demo site and what one process without the frontier does on it."""
    site = server.start(port=0)
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    name = f"single_{uuid.uuid4().hex[:8]}"
    settings = {**SETTINGS, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri, "MONGO_DATABASE": name}
    single = scrapy_crawl(tmp_path_factory.mktemp("single"), settings=settings)
    assert single.returncode == 0, single.log[-3000:]
    yield SimpleNamespace(site=site, client=client, settings=settings, single=single,
                          hits=_page_hits(site), stored=_stored(client[name]))
    client.drop_database(name)
    client.close()
    site.stop()


@pytest.fixture
def frontier_db(demo):
    name = f"frontier_{uuid.uuid4().hex[:8]}"
    yield demo.client[name]
    demo.client.drop_database(name)


def _worker_settings(demo, db, redis_server, **extra) -> dict:
    return {**demo.settings, "MONGO_DATABASE": db.name, "FRONTIER_URL": redis_server.url, **extra}


def test_two_workers_download_each_page_once_and_store_what_one_process_stores(
        demo, frontier_db, redis_server, tmp_path):
    demo.site.reset()
    try:
        settings = _worker_settings(demo, frontier_db, redis_server)
        workers = _start_workers(demo, redis_server, {f"worker{i}": (tmp_path, settings) for i in (1, 2)})
        results = [w.wait() for w in workers.values()]
    finally:
        demo.site.delay = 0
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert result.stat("finish_reason") == "finished"
        assert result.stat("scheduler/dequeued/redis") > 0  # both did some of the work
    assert len({r.stat("frontier/run") for r in results}) == 1
    assert len({r.stat("frontier/worker") for r in results}) == 2
    seeder, joiner = results  # the second joined the run the first seeded
    assert (seeder.stat("frontier/seeder"), joiner.stat("frontier/seeder")) == (1, 0)
    assert joiner.stat("frontier/start_requests/skipped") == 2  # /tech/ and /mirror/tech/

    # Every page downloaded as often as by one process (once; twice for the
    # pages that fail once), counted by the site itself.
    assert _page_hits(demo.site) == demo.hits
    assert sum(demo.hits.values()) > 250
    crawled = sum(r.stat("downloader/response_count") for r in results)
    assert crawled == demo.single.stat("downloader/response_count") + 1  # one robots.txt each
    assert sum(r.stat("item_scraped_count") for r in results) == demo.single.stat("item_scraped_count")

    stored = _stored(frontier_db)
    assert stored == demo.stored
    assert len(stored) >= 200 and set(stored.values()) == {1}

    runs = list(frontier_db.runs.find())
    assert len(runs) == 2 and {r["status"] for r in runs} == {"finished"}
    assert {r["frontier"]["worker"] for r in runs} == {r.stat("frontier/worker") for r in results}
    assert {r["frontier"]["run"] for r in runs} == {seeder.stat("frontier/run")}
    # The last worker to leave clears the run; fingerprints stay, bounded.
    client = redis.Redis.from_url(redis_server.url)
    assert not client.exists("tech:run", "tech:requests", "tech:workers")
    assert client.ttl("tech:dupefilter") > 0


def test_a_killed_worker_loses_nothing(demo, frontier_db, redis_server, tmp_path):
    demo.site.reset()
    try:
        settings = _worker_settings(demo, frontier_db, redis_server, FRONTIER_LEASE_SECONDS=3)
        workers = _start_workers(demo, redis_server, {
            "survivor": (tmp_path, settings), "victim": (tmp_path, {**settings, "LOG_LEVEL": "DEBUG"})})
        survivor, victim = workers["survivor"], workers["victim"]
        deadline = time.monotonic() + 120
        while victim.crawled() < 30 and victim.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert victim.process.poll() is None, victim.log()[-3000:]
        os.kill(victim.process.pid, signal.SIGKILL)
        killed = victim.wait()
        result = survivor.wait()
    finally:
        demo.site.delay = 0
    assert killed.returncode == -signal.SIGKILL and not killed.stats
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("finish_reason") == "finished"
    assert result.stat("frontier/dead_workers") == 1
    assert result.stat("frontier/requeued") > 0
    assert "Re-queued" in result.log

    stored = _stored(frontier_db)
    assert stored == demo.stored  # every article, each with one snapshot
    runs = {r["frontier"]["worker"]: r["status"] for r in frontier_db.runs.find()}
    assert runs[result.stat("frontier/worker")] == "finished"
    assert sorted(runs.values()) == ["finished", "running"]  # the killed one never finished


NO_FRONTIER_PROBE = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
settings.setdict(json.loads(sys.argv[1]), priority="cmdline")
process = CrawlerProcess(settings)
crawler = process.create_crawler("tech")
process.crawl(crawler)
process.start()
print(json.dumps({"redis": "redis" in sys.modules, "scrapy_redis": "scrapy_redis" in sys.modules,
                  "scheduler": crawler.settings["SCHEDULER"],
                  "items": crawler.stats.get_value("item_scraped_count", 0)}))
"""


@pytest.mark.parametrize("frontier", [False, True])
def test_redis_is_imported_only_with_frontier_url(demo, redis_server, frontier):
    settings = {**SETTINGS, "DEMO_SITE_URL": demo.site.url, **NO_PIPELINES,
                "MAX_ARTICLES": 5, "LOG_LEVEL": "WARNING"}
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "FRONTIER_URL")}
    if frontier:
        env["FRONTIER_URL"] = redis_server.url  # the environment variable turns it on too
    proc = subprocess.run([sys.executable, "-c", NO_FRONTIER_PROBE, json.dumps(settings)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["items"] == 5
    assert seen["redis"] is seen["scrapy_redis"] is frontier
    assert seen["scheduler"].endswith("FrontierScheduler") is frontier


def test_unreachable_frontier_stops_the_crawl_with_one_clear_line(demo, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    result = scrapy_crawl(tmp_path, settings={
        **SETTINGS, "DEMO_SITE_URL": demo.site.url, **NO_PIPELINES,
        "FRONTIER_URL": f"redis://:secret@127.0.0.1:{port}/0"})
    assert result.stat("finish_reason") == "frontier_unavailable"
    assert result.returncode == 1
    assert result.stat("downloader/request_count") == 0
    errors = result.log_lines("ERROR")
    assert "The frontier at redis://:***@127.0.0.1" in errors[0], errors
    assert "secret" not in result.log


def test_fingerprints_ignore_tracking_parameters_and_expire(redis_server):
    client = redis.Redis.from_url(redis_server.url)

    def worker(run: str) -> ExpiringDupeFilter:
        df = ExpiringDupeFilter(client, "t:dupefilter", fingerprinter=CanonicalRequestFingerprinter(),
                                ttl_seconds=1, stats=SimpleNamespace(inc_value=lambda *a, **k: None))
        df.run_key = f"t:dupefilter:run:{run}"
        return df

    one, other = worker("1"), worker("1")
    article = "http://news.example/tech/2025/03/01/1.html"
    assert not one.request_seen(Request(article + "?spm=a.b.c&utm_source=x"))
    assert one.request_seen(Request(article))
    assert other.request_seen(Request(article))  # shared by the workers
    assert not other.request_seen(Request(article + "?page=2"))
    listing = Request("http://news.example/tech/?p=2", meta={"kind": "listing"})
    assert not one.request_seen(listing)
    assert other.request_seen(listing.replace())
    assert not worker("2").request_seen(listing.replace())  # the next run walks the listings again
    assert worker("2").request_seen(Request(article))       # but not the articles

    time.sleep(1.2)  # past the TTL: an article is fetched again, and trimmed
    assert client.zcard("t:dupefilter") == 2
    assert one.trim() == 2
    assert client.zcard("t:dupefilter") == 0
    assert not worker("3").request_seen(Request(article))
    assert client.ttl("t:dupefilter") > 0


class _Item(dict):
    __hash__ = None  # like scrapy.Item


def test_a_lease_ends_when_its_request_is_done_and_its_items_stored():
    leases = Leases()
    leases.wait_for_store = True
    listing, article, stored_at_once = Request("http://a/l"), Request("http://a/1"), Request("http://a/2")
    for request, member in ((listing, b"l"), (article, b"1"), (stored_at_once, b"2")):
        leases.add(request, member)
    engine = {listing, article, stored_at_once}
    assert leases.finished(engine) == []

    item, early = _Item(url="http://a/1"), _Item(url="http://a/2")
    leases.item_passed(item, article)
    leases.stored([early])            # a full batch written inside process_item ...
    leases.item_passed(early, stored_at_once)  # ... before item_scraped
    assert leases.finished({article}) == [b"l", b"2"]  # no items to wait for
    assert leases.finished(set()) == []               # done, its item not stored yet
    leases.stored([item])
    assert leases.finished(set()) == [b"1"]
    assert len(leases) == 0


def _open_scheduler(url: str):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from snapshots import settings as project_settings
    from snapshots.addon import FINGERPRINTER
    from snapshots.frontier.scheduler import FrontierScheduler

    names = ("FRONTIER_LEASE_SECONDS", "RESNAPSHOT_INTERVAL_HOURS", "TRACKING_QUERY_PARAMETERS")
    settings = {name: getattr(project_settings, name) for name in names}
    crawler = get_crawler(Spider, {**settings, "FRONTIER_URL": url,
                                   "REQUEST_FINGERPRINTER_CLASS": FINGERPRINTER})
    spider = Spider.from_crawler(crawler, name="tech")
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return crawler, scheduler


def test_requests_the_frontier_cannot_take_are_counted_drops(redis_server):
    crawler, scheduler = _open_scheduler(redis_server.url)
    try:
        assert scheduler.run.seeder
        start = Request("http://news.example/tech/", meta={"is_start_request": True}, dont_filter=True)
        assert scheduler.enqueue_request(start)
        assert "is_start_request" not in start.meta  # its retries are not start requests
        assert scheduler.enqueue_request(Request("http://news.example/tech/2025/03/01/1.html"))
        assert not scheduler.enqueue_request(Request("http://news.example/tech/2025/03/01/1.html?spm=x"))
        assert scheduler.has_pending_requests()
        popped = scheduler.next_request()
        assert popped.url == "http://news.example/tech/"  # a lease now, not gone
        client = redis.Redis.from_url(redis_server.url)
        assert client.zcard(f"tech:leases:{scheduler.worker}") == 1
        redis_server.stop()
        assert not scheduler.enqueue_request(Request("http://news.example/tech/2025/03/01/2.html"))
        assert scheduler.next_request() is None
        stats = crawler.stats.get_stats()
        assert stats["snapshots/dropped/frontier_unavailable"] == 1
        assert stats["frontier/redis_errors"] == 2
    finally:
        scheduler.close("finished")


def test_the_shared_queue_keeps_priorities_listings_first(redis_server):
    from spiders.rules import LISTING_PRIORITY

    crawler, scheduler = _open_scheduler(redis_server.url)
    try:
        for i in range(3):
            scheduler.enqueue_request(Request(f"http://news.example/tech/2025/03/01/{i}.html", priority=-1))
        scheduler.enqueue_request(Request("http://news.example/tech/?p=2", priority=LISTING_PRIORITY - 1,
                                          meta={"kind": "listing"}))
        scheduler.enqueue_request(Request("http://news.example/tech/2025/03/01/9.html", priority=-2))
        urls = [scheduler.next_request().url for _ in range(5)]
        assert urls[0] == "http://news.example/tech/?p=2"
        assert urls[-1].endswith("/9.html")
        assert scheduler.next_request() is None
    finally:
        scheduler.close("finished")
