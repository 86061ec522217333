"""Snapshot viewer benchmark: time per snapshot page, small store against grown store.

    python bench/web_bench.py [--pages 200] [--grow 50000] [--mongo-uri URI]

Crawls the demo site into a fresh database (``scrapy crawl tech``, as
demo-crawl does), then renders the snapshot page of ``--pages`` of its
articles through the viewer's WSGI app (handlers, store queries, templates;
no HTTP), once each after a warm-up, and records the time and the number
of MongoDB commands of each page. Then it grows the same store by
``--grow`` articles written through the store's writer (the store
benchmark's growth items: plain articles, templated pages, reposts, in the
demo's category ``tech``) and renders the same pages again. The grown
articles are published over the same span as the demo's articles (its
first to its last ``published_at``), scrambled so that every stretch of it
gets its share as the store grows: the time windows the snapshot page
queries (latest in the category, related within RELATED_WINDOW_DAYS) hold
the grown articles, as in a store that crawls more of the same days.
Prints the median and 95th percentile of each run and their ratio
(target: within 2x), and the server time per page of each query shape.
Starts its own local server (snapshots.localdb) unless --mongo-uri is
given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import pymongo
from pymongo import monitoring

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from snapshots import localdb  # noqa: E402
from snapshots import settings as defaults  # noqa: E402
from snapshots.demo import server as demo_server  # noqa: E402
from snapshots.store.connection import client as mongo_client  # noqa: E402
from snapshots.store.commandline import project_settings  # noqa: E402
from snapshots.store.writer import StoreWriter  # noqa: E402
from snapshots.web import config_from_settings, create_app, snapshot_query  # noqa: E402
from store_bench import growth_items  # noqa: E402

# The two runs' medians and 95th percentiles must be within this of each other.
MAX_RATIO = 2.0
WARM_UP = 20
# The demo's crawl category, which the grown articles join (make_item's default).
CATEGORY = "tech"


class CommandCounter(monitoring.CommandListener):
    """Counts the read commands the viewer sends (find, aggregate, distinct …)
    and sums their server time by shape (command, filter fields, sort), so
    that a page that slows down as the store grows names its query."""

    def __init__(self):
        self.count = 0
        self.seconds: dict[str, float] = {}
        self._shapes: dict[int, str] = {}

    def started(self, event):
        if event.command_name not in ("endSessions", "ping", "hello", "isMaster"):
            self.count += 1
            self._shapes[event.request_id] = shape(event.command_name, event.command)

    def succeeded(self, event):
        label = self._shapes.pop(event.request_id, None)
        if label is not None:
            self.seconds[label] = self.seconds.get(label, 0.0) + event.duration_micros / 1e6

    def failed(self, event):
        self._shapes.pop(event.request_id, None)


def shape(name: str, command) -> str:
    """``find articles {category,published_at} sort published_at``: what a query asks, not its values."""
    if name == "getMore":  # the rest of a find's results: its value is a cursor id
        return f"getMore {command.get('collection')}"
    fields = ",".join(command.get("filter", command.get("query")) or {})
    sort = ",".join(command.get("sort") or {})
    return f"{name} {command.get(name)} {{{fields}}}" + (f" sort {sort}" if sort else "")


def demo_crawl(uri: str, name: str, workdir: Path) -> None:
    site = demo_server.start(port=0)
    try:
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        cmd = [sys.executable, "-m", "scrapy", "crawl", "tech"]
        for setting in (f"DEMO_SITE_URL={site.url}", f"MONGO_URI={uri}", f"MONGO_DATABASE={name}",
                        "AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "LOG_LEVEL=WARNING",
                        f"LOG_FILE={workdir / 'crawl.log'}", f"MONGO_SPILL_FILE={workdir / 'spill.jsonl'}",
                        "PLAYWRIGHT_EXECUTABLE_PATH=/nonexistent/chromium"):
            cmd += ["-s", setting]
        subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    finally:
        site.stop()


def published_span(db) -> tuple[datetime, datetime]:
    """The first and last publish time of the demo's articles in ``CATEGORY``."""
    dated = {"category": CATEGORY, "published_at": {"$ne": None}}
    first, last = (db.articles.find_one(dated, {"published_at": 1}, sort=[("published_at", order)])
                   for order in (pymongo.ASCENDING, pymongo.DESCENDING))
    return first["published_at"], last["published_at"]


def grow(db, count: int, every: int, on_step, span: tuple[datetime, datetime],
         batch: int = defaults.MONGO_BATCH_SIZE) -> float:
    """Writes ``count`` growth items through the writer, published over
    ``span``, calling ``on_step(n)`` after each ``every`` of them; returns
    the seconds taken."""
    writer = StoreWriter(db)
    started = time.perf_counter()
    items = []
    try:
        for n, item in enumerate(growth_items(count, padding=40, span=span), 1):
            items.append(item)
            if len(items) == batch or n == count:
                writer.write(items)
                items = []
            if n % every == 0 and n < count:
                on_step(n)
    finally:
        writer.close()
    return time.perf_counter() - started


def measure(client, counter: CommandCounter, keys: list[str]) -> dict:
    def page(key: str) -> tuple[float, int]:
        before = counter.count
        started = time.perf_counter()
        response = client.get("/snapshot?" + snapshot_query(key))
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (key, response.status_code)
        return elapsed, counter.count - before

    for key in keys[:WARM_UP]:
        page(key)
    counter.seconds.clear()
    times, queries = zip(*(page(key) for key in keys))
    ms = sorted(t * 1000 for t in times)
    per_query = {label: round(seconds * 1000 / len(ms), 2)
                 for label, seconds in sorted(counter.seconds.items(), key=lambda kv: -kv[1])}
    return {"pages": len(ms), "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 1), "max_queries_per_page": max(queries),
            "server_ms_per_page": per_query}


def run(uri: str, pages: int, extra: int, every: int) -> dict:
    name = f"web_{uuid.uuid4().hex[:8]}"
    counter = CommandCounter()
    settings = project_settings()
    config = config_from_settings(settings, uri, name)
    mongo = mongo_client(uri, config.timeout, event_listeners=[counter])
    admin = pymongo.MongoClient(uri, tz_aware=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            demo_crawl(uri, name, Path(tmp))
        db = admin[name]
        keys = sorted(d["key"] for d in db.articles.find({}, {"key": 1}))
        keys = random.Random(0).sample(keys, min(pages, len(keys)))
        client = create_app(config, mongo).test_client()
        def step(label: str) -> dict:
            row = {"articles": db.articles.estimated_document_count(), **measure(client, counter, keys)}
            print(f"  {label}: {json.dumps(row)}", file=sys.stderr, flush=True)
            return row

        first, last = published_span(db)
        in_span = {"category": CATEGORY, "published_at": {"$gte": first, "$lte": last}}
        demo_in_span = db.articles.count_documents(in_span)
        small = step("demo store")
        # Intermediate sizes on the way (stderr), so a long run shows its trend.
        grow_seconds = grow(db, extra, every, lambda n: step(f"grown by {n:,}"), (first, last))
        grown = step(f"grown by {extra:,}")
        ratios = {"median": round(grown["median_ms"] / small["median_ms"], 2),
                  "p95": round(grown["p95_ms"] / small["p95_ms"], 2)}
        return {"demo_store": small, "grown_store": grown, "grown_vs_demo": ratios,
                "grow_seconds": round(grow_seconds), "target": f"within {MAX_RATIO:g}x",
                # The grown articles are all within the demo's span.
                "published_span": {"first": first.isoformat(), "last": last.isoformat(),
                                   "demo_articles": demo_in_span,
                                   "grown_articles": db.articles.count_documents(in_span) - demo_in_span},
                "met": all(1 / MAX_RATIO <= r <= MAX_RATIO for r in ratios.values()),
                "server": admin.server_info().get("version")}
    finally:
        admin.drop_database(name)
        admin.close()
        mongo.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="snapshot pages per run")
    parser.add_argument("--grow", type=int, default=50_000, help="articles added for the second run")
    parser.add_argument("--every", type=int, default=10_000,
                        help="also measure (on stderr) after each this many added articles")
    parser.add_argument("--mongo-uri", help="default: start a local server")
    args = parser.parse_args(argv)
    if args.mongo_uri:
        result = run(args.mongo_uri, args.pages, args.grow, args.every)
    else:
        with tempfile.TemporaryDirectory() as tmp, localdb.start(Path(tmp) / "data") as server:
            result = run(server.uri, args.pages, args.grow, args.every)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
