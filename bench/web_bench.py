"""Snapshot viewer benchmark: time per snapshot page, small store against grown store.

    python bench/web_bench.py [--pages 200] [--grow 50000] [--mongo-uri URI]

Crawls the demo site into a fresh database (``scrapy crawl tech``, as
demo-crawl does), then renders the snapshot page of ``--pages`` of its
articles through the viewer's WSGI app (handlers, store queries, templates;
no HTTP), once each after a warm-up, and records the time and the number
of MongoDB commands of each page. Then it grows the same store by
``--grow`` articles written through the store's writer (the store
benchmark's growth items: plain articles, templated pages, reposts, in the
same category, published before the demo's articles) and renders the same
pages again. Prints the median and 95th percentile of each run and their
ratio (target: within 2x). Starts its own local server (snapshots.localdb)
unless --mongo-uri is given.
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
from pathlib import Path

import pymongo
from pymongo import monitoring

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from snapshots import localdb  # noqa: E402
from snapshots.demo import server as demo_server  # noqa: E402
from snapshots.store.connection import client as mongo_client  # noqa: E402
from snapshots.store.commandline import project_settings  # noqa: E402
from snapshots.store.writer import StoreWriter  # noqa: E402
from snapshots.web import config_from_settings, create_app, snapshot_query  # noqa: E402
from store_bench import growth_items  # noqa: E402

# The two runs' medians and 95th percentiles must be within this of each other.
MAX_RATIO = 2.0
WARM_UP = 20


class CommandCounter(monitoring.CommandListener):
    """Counts the read commands the viewer sends (find, aggregate, distinct …)."""

    def __init__(self):
        self.count = 0

    def started(self, event):
        if event.command_name not in ("endSessions", "ping", "hello", "isMaster"):
            self.count += 1

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


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


def grow(db, count: int, every: int, on_step, batch: int = 500) -> float:
    """Writes ``count`` growth items through the writer, calling
    ``on_step(n)`` after each ``every`` of them; returns the seconds taken."""
    writer = StoreWriter(db)
    started = time.perf_counter()
    items = []
    try:
        for n, item in enumerate(growth_items(count, padding=40), 1):
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
    times, queries = zip(*(page(key) for key in keys))
    ms = sorted(t * 1000 for t in times)
    return {"pages": len(ms), "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 1), "max_queries_per_page": max(queries)}


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

        small = step("demo store")
        # Intermediate sizes on the way (stderr), so a long run shows its trend.
        grow_seconds = grow(db, extra, every, lambda n: step(f"grown by {n:,}"))
        grown = step(f"grown by {extra:,}")
        ratios = {"median": round(grown["median_ms"] / small["median_ms"], 2),
                  "p95": round(grown["p95_ms"] / small["p95_ms"], 2)}
        return {"demo_store": small, "grown_store": grown, "grown_vs_demo": ratios,
                "grow_seconds": round(grow_seconds), "target": f"within {MAX_RATIO:g}x",
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
