"""Store write benchmark: the pipeline's write path against raw bulk_write.

    python bench/store_bench.py [--items 20000] [--mongo-uri URI] [--batch-size 100]
    python bench/store_bench.py --grow 50000 [--block 10000]

Writes ``--items`` article-shaped items through StoreWriter (the code the
pipeline runs in its thread, batch by batch) three times: first writes,
unchanged re-crawls, changed pages. The ceiling is the same server's
bulk_write(InsertOne, ordered=False) of exactly the documents the first
pass stored (one article and one snapshot per item), into collections with
the same indexes and validators, in batches of the same size. Starts its
own local server (snapshots.localdb) unless --mongo-uri is given.

``--grow N`` instead grows one store to N articles, batch by batch, and
prints the write latency per batch for each ``--block`` of articles,
against the first block's. One article in seven is a templated page (the
same stock paragraphs and one of its own: their band keys are shared by
thousands, the boilerplate case) and one in twenty a repost of an earlier
article (a near duplicate to find).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

import random
import statistics

import pymongo
from pymongo import InsertOne

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from snapshots import localdb  # noqa: E402
from snapshots.store import schema  # noqa: E402
from snapshots.store import clusters  # noqa: E402
from tests.sample_items import make_item, paragraphs  # noqa: E402
from snapshots.store.writer import StoreWriter  # noqa: E402

# Growth target: every block's mean batch latency within this of the first's.
MAX_DRIFT = 0.5
# 1 / golden ratio: n times it, mod 1, spreads any first k articles evenly.
_GOLDEN = (5 ** 0.5 - 1) / 2
_BEIJING = ZoneInfo("Asia/Shanghai")


def batches(seq, size):
    for start in range(0, len(seq), size):
        yield seq[start: start + size]


def timed_writes(writer: StoreWriter, items, size: int) -> tuple[float, dict]:
    counts: dict = {}
    started = time.perf_counter()
    for batch in batches(items, size):
        for name, n in writer.write(batch).counts.items():
            counts[name] = counts.get(name, 0) + n
    return time.perf_counter() - started, counts


def raw_ceiling(db, source_db, size: int) -> float:
    """Seconds to bulk-insert the stored documents, per item pair."""
    schema.ensure_schema(db)
    articles = list(source_db[schema.ARTICLES].find({}, {"_id": 0}))
    snapshots = {d["key"]: d for d in source_db[schema.SNAPSHOTS].find({}, {"_id": 0})}
    pairs = [(snapshots[a["key"]], a) for a in articles]
    started = time.perf_counter()
    for batch in batches(pairs, size):
        db[schema.SNAPSHOTS].bulk_write([InsertOne(s) for s, _ in batch], ordered=False)
        db[schema.ARTICLES].bulk_write([InsertOne(a) for _, a in batch], ordered=False)
    return time.perf_counter() - started


def run(uri: str, count: int, size: int, profile: str | None = None, padding: int = 800) -> dict:
    client = pymongo.MongoClient(uri, tz_aware=True)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    db, raw_db = client[name], client[name + "_raw"]
    try:
        items = [make_item(i, site=f"site{i % 5}", category=("tech", "finance")[i % 2],
                           html_padding=padding)
                 for i in range(count)]
        recrawl = [replace(i, fetched_at=i.fetched_at + timedelta(days=1)) for i in items]
        changed = [replace(i, title=i.title + "(更新)", body=i.body + ["更新:补充了一段内容。"],
                           fetched_at=i.fetched_at + timedelta(days=2)) for i in items]
        writer = StoreWriter(db)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        first, c1 = timed_writes(writer, items, size)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").dump_stats(profile)
        ceiling = raw_ceiling(raw_db, db, size)
        stored_html = sum(len(d["html"]) for d in db[schema.SNAPSHOTS].find({}, {"html": 1})) / count
        again, c2 = timed_writes(writer, recrawl, size)
        change, c3 = timed_writes(writer, changed, size)
        assert c1.get("articles/new") == count, c1
        assert c2.get("unchanged") == count, c2
        assert c3.get("versions/new") == count, c3
        html = sum(len(i.html) for i in items) / count
        rate = {k: round(count / v) for k, v in
                {"first_writes": first, "unchanged_recrawls": again, "changed_pages": change,
                 "raw_bulk_write_ceiling": ceiling}.items()}
        return {
            "items": count, "batch_size": size, "avg_html_bytes": round(html),
            "avg_stored_html_bytes": round(stored_html),
            "items_per_second": rate,
            "first_writes_vs_ceiling": round(rate["first_writes"] / rate["raw_bulk_write_ceiling"], 3),
            "server": client.server_info().get("version"),
        }
    finally:
        client.drop_database(name)
        client.drop_database(name + "_raw")
        client.close()


def growth_items(count: int, padding: int,
                 span: tuple[datetime, datetime] | None = None):
    """Made-up articles for the growth run, made one at a time (50,000
    pages do not fit in memory): plain ones, templated pages, reposts.

    Without ``span`` they are published in make_item's ten days. With
    ``span`` (first, last), article ``n`` is published at the fraction
    ``n / golden ratio`` (mod 1) of it: scrambled, yet every stretch of
    the span holds its share of any first ``k`` articles. Each is fetched
    an hour after it was published, but never later than now."""
    stock = paragraphs(random.Random("template"), 6)
    now = datetime.now(timezone.utc)

    def dated(item, n: int, published: datetime | None = None):
        if span is None:
            return item if published is None else replace(item, published_at=published)
        first, last = span
        if published is None:
            published = first + (last - first) * ((n * _GOLDEN) % 1.0)
        published = min(max(published.replace(microsecond=0), first), last)
        shown = published.astimezone(_BEIJING)
        return replace(item, published_at=published,
                       published_at_raw=shown.strftime("%Y-%m-%d %H:%M:%S"),
                       fetched_at=min(published + timedelta(hours=1), now))

    for n in range(count):
        site = f"site{n % 5}"
        if n % 7 == 3:
            own = paragraphs(random.Random(f"template/{n}"), 1)
            yield dated(make_item(n, site=site, body=stock + own, html_padding=padding), n)
        elif n % 20 == 11 and n > 100:
            source = dated(make_item(n - 100, site=f"site{(n - 100) % 5}", html_padding=0), n - 100)
            body = ["(转载)" + source.body[0], *source.body[1:], "本文转载自其他网站。"]
            yield dated(make_item(n, site=site, body=body, html_padding=padding), n,
                        source.published_at + timedelta(hours=2))
        else:
            yield dated(make_item(n, site=site, html_padding=padding), n)


def _block(seconds: list[float], first_article: int, size: int) -> dict:
    ms = [x * 1000 for x in seconds]
    return {"articles": f"{first_article:,}-{first_article + len(ms) * size:,}",
            "batches": len(ms), "mean_ms": round(statistics.fmean(ms), 1),
            "median_ms": round(statistics.median(ms), 1),
            "p90_ms": round(sorted(ms)[int(len(ms) * 0.9)], 1)}


def grow(uri: str, count: int, size: int, block: int, padding: int = 800) -> dict:
    """Latency of each batch written while one store grows to ``count``."""
    client = pymongo.MongoClient(uri, tz_aware=True)
    name = f"grow_{uuid.uuid4().hex[:8]}"
    try:
        writer = StoreWriter(client[name])
        latencies: list[float] = []
        counts: dict = {}
        batch: list = []
        for item in growth_items(count, padding):
            batch.append(item)
            if len(batch) == size:
                started = time.perf_counter()
                result = writer.write(batch)
                latencies.append(time.perf_counter() - started)
                for key, n in result.counts.items():
                    counts[key] = counts.get(key, 0) + n
                if len(latencies) * size % block == 0:
                    # Each block as it completes: a run cut short still says something.
                    print(json.dumps(_block(latencies[-(block // size):], len(latencies) * size - block,
                                            size)), file=sys.stderr, flush=True)
                batch = []
        per_block = max(1, block // size)
        blocks = [_block(latencies[start: start + per_block], start * size, size)
                  for start in range(0, len(latencies), per_block)]
        first = blocks[0]["mean_ms"]
        for b in blocks:
            b["vs_first"] = round(b["mean_ms"] / first, 2)
        return {
            "articles": count, "batch_size": size, "blocks": blocks,
            "target": f"each block's mean within +-{MAX_DRIFT:.0%} of the first's",
            "met": all(abs(b["vs_first"] - 1) <= MAX_DRIFT for b in blocks),
            "counts": {k: counts.get(k, 0) for k in (
                "articles/new", "dedup/near_duplicate", clusters.BOILERPLATE_MARKED,
                clusters.BOILERPLATE_SKIPPED, clusters.CANDIDATES, clusters.MOVED)},
            "server": client.server_info().get("version"),
        }
    finally:
        client.drop_database(name)
        client.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--mongo-uri", help="default: start a local server")
    parser.add_argument("--html-padding", type=int, default=800,
                        help="navigation links per page: sets the page size (800: about 40 KB)")
    parser.add_argument("--profile", help="write cProfile stats of the first-write pass here")
    parser.add_argument("--grow", type=int, metavar="N",
                        help="instead: grow one store to N articles, latency per batch by block")
    parser.add_argument("--block", type=int, default=10_000, help="articles per block of --grow")
    args = parser.parse_args(argv)

    def bench(uri: str) -> dict:
        if args.grow:
            return grow(uri, args.grow, args.batch_size, args.block, args.html_padding)
        return run(uri, args.items, args.batch_size, args.profile, args.html_padding)

    if args.mongo_uri:
        result = bench(args.mongo_uri)
    else:
        with tempfile.TemporaryDirectory() as tmp, localdb.start(Path(tmp) / "data") as server:
            result = bench(server.uri)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
