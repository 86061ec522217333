"""Frontier benchmark: one and two crawl processes sharing a Redis frontier.

    python bench/frontier_bench.py [--articles 2000] [--sites 4] [--delay-ms 100] [--concurrency 8] [--json]

Serves ``--sites`` generated demo sites (each in its own process, the
articles split between them) that wait ``--delay-ms`` before every
response (slow sites: crawls wait rather than compute). Several sites, as
a frontier serves: one site's listing is a chain of pages fetched one after
the other, which no number of workers walks faster. Starts Debian's
redis-server on a free loopback port, and crawls the site three times, each
``scrapy crawl tech`` at the same per-process concurrency, with the store's
network writes replaced by a no-op (bench/sink.py; the database is not what
is measured):

1. one process, no frontier (Scrapy's own scheduler);
2. one process on the frontier (FRONTIER_URL);
3. two processes on the frontier, started together.

Articles per second are the articles downloaded over the run's span, from
the first worker's start to the last worker's finish (Scrapy's start_time
and finish_time). Target: run 3 reaches 1.8 times run 2. Redis's CPU time
(from /proc) and memory (INFO memory: what the fingerprints and queue hold
after the run) are printed per 10,000 requests. Each run gets a fresh Redis.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.crawl_bench import (SINK, DemoServer, bench_profile, crawl_settings, machine,  # noqa: E402
                               run_crawl, verdict_lines)
from snapshots.demo import catalog as demo_catalog  # noqa: E402
from snapshots.frontier import devserver  # noqa: E402

MIN_TWO_VS_ONE = 1.8


def site_profiles(folder: Path, servers: list[DemoServer]) -> str:
    """crawl_bench's profile once per site, each with its server's address;
    returns the SITES value."""
    bench_profile(folder)
    template = (folder / "bench.toml").read_text(encoding="utf-8")
    (folder / "bench.toml").unlink()
    names = []
    for i, server in enumerate(servers, 1):
        name = f"bench{i}"
        text = template.replace('name = "bench"', f'name = "{name}"').replace("enabled = false", "enabled = true")
        text = re.sub(r"(?m)^base_url_setting = .*$", f"base_url = {json.dumps(server.url)}", text)
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
        names.append(name)
    return ",".join(names)


def _time(stats: dict, name: str) -> datetime:
    return datetime.fromisoformat(stats[name])


def run(label: str, workers: int, frontier: bool, settings: dict, workdir: Path,
        server: DemoServer) -> dict:
    redis = devserver.start(workdir / f"redis-{label}") if frontier else None
    try:
        if redis is not None:
            settings = {**settings, "FRONTIER_URL": redis.url}
            cpu_before = redis.cpu_seconds()
            memory_before = _used_memory(redis)
        crawls: list = [None] * workers

        def crawl(i: int) -> None:
            crawls[i] = run_crawl(f"{label}-{i + 1}", ["crawl", "tech"], settings, workdir, server)

        threads = [threading.Thread(target=crawl, args=(i,)) for i in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        row = {"run": label, "workers": workers, "frontier": frontier,
               "returncodes": [c.returncode for c in crawls],
               "articles": sum(c.articles for c in crawls),
               "articles_per_worker": [c.articles for c in crawls],
               "pages": sum(c.pages for c in crawls),
               "cpu_seconds": round(sum(c.cpu_seconds for c in crawls), 2),
               "requeued": sum(int(c.stats.get("frontier/requeued", 0)) for c in crawls)}
        starts = [_time(c.stats, "start_time") for c in crawls if c.stats]
        ends = [_time(c.stats, "finish_time") for c in crawls if c.stats]
        span = (max(ends) - min(starts)).total_seconds() if starts and ends else 0.0
        row["span_seconds"] = round(span, 2)
        row["articles_per_second"] = round(row["articles"] / span, 1) if span else 0.0
        if redis is not None:
            requests = sum(int(c.stats.get("scheduler/dequeued/redis", 0)) for c in crawls)
            row["redis_requests"] = requests
            row["redis_cpu_s_per_10k"] = round((redis.cpu_seconds() - cpu_before) * 10_000 / requests, 3) \
                if requests else None
            row["redis_memory_mb_per_10k"] = round(
                (_used_memory(redis) - memory_before) * 10_000 / requests / 2**20, 2) if requests else None
            row["redis_peak_memory_mb"] = round(_info(redis)["used_memory_peak"] / 2**20, 1)
        return row
    finally:
        if redis is not None:
            redis.stop()


def _info(server) -> dict:
    import redis

    client = redis.Redis.from_url(server.url)
    try:
        return client.info("memory")
    finally:
        client.close()


def _used_memory(server) -> int:
    return int(_info(server)["used_memory"])


def report(result: dict) -> str:
    m = result["machine"]
    lines = [f"Frontier benchmark: {result['sites']} demo sites, {result['articles']} articles, "
             f"{result['delay_ms']:.0f} ms per response, concurrency {result['concurrency']} per process",
             f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}", ""]
    header = (f"{'run':<28}{'articles':>9}{'per worker':>14}{'span s':>8}{'art/s':>8}{'vs 1':>6}"
              f"{'CPU s':>7}{'Redis CPU s/10k':>16}{'Redis MB/10k':>13}{'peak MB':>8}")
    lines += [header, "-" * len(header)]
    one = next(r for r in result["runs"] if r["run"] == "frontier-1")["articles_per_second"]
    for row in result["runs"]:
        ratio = f"{row['articles_per_second'] / one:.2f}" if one else "-"
        per = "/".join(str(a) for a in row["articles_per_worker"])
        cpu = row.get("redis_cpu_s_per_10k")
        mem = row.get("redis_memory_mb_per_10k")
        peak = row.get("redis_peak_memory_mb")
        lines.append(f"{LABELS[row['run']]:<28}{row['articles']:>9}{per:>14}{row['span_seconds']:>8.1f}"
                     f"{row['articles_per_second']:>8.1f}{ratio:>6}{row['cpu_seconds']:>7.1f}"
                     f"{'-' if cpu is None else cpu:>16}{'-' if mem is None else mem:>13}"
                     f"{'-' if peak is None else peak:>8}")
    return "\n".join(lines + verdict_lines(result))


LABELS = {"single": "1 process, no frontier", "frontier-1": "2 frontier, 1 worker",
          "frontier-2": "3 frontier, 2 workers"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles on the demo sites, in all")
    parser.add_argument("--sites", type=int, default=4, help="demo sites (each a profile)")
    parser.add_argument("--delay-ms", type=float, default=100, help="wait before each response")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent requests per process")
    parser.add_argument("--keep", type=Path, help="keep logs and stats in this folder")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    per_site = args.articles // max(1, args.sites)
    if per_site < demo_catalog.MIN_ARTICLES:
        parser.error(f"each demo site has at least {demo_catalog.MIN_ARTICLES} articles")

    now = demo_catalog.beijing(None)
    with tempfile.TemporaryDirectory(prefix="frontier-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        servers: list[DemoServer] = []
        try:
            for _ in range(args.sites):
                servers.append(DemoServer(per_site, now, delay_ms=args.delay_ms))
            settings = {**crawl_settings(servers[0], workdir, args.concurrency),
                        "SITES": site_profiles(workdir / "profiles", servers),
                        **SINK, "MONGO_FLUSH_SECONDS": 1}
            runs = [run("single", 1, False, settings, workdir, servers[0]),
                    run("frontier-1", 1, True, settings, workdir, servers[0]),
                    run("frontier-2", 2, True, settings, workdir, servers[0])]
        finally:
            for server in servers:
                server.stop()
    result = summarize(args, runs)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if all(code == 0 for r in runs for code in r["returncodes"]) else 1


def summarize(args, runs: list[dict]) -> dict:
    by_run = {r["run"]: r for r in runs}
    one, two = by_run["frontier-1"], by_run["frontier-2"]
    ratio = round(two["articles_per_second"] / one["articles_per_second"], 2) if one["articles_per_second"] else 0
    targets = [{"name": "2 workers vs 1, articles/s", "value": ratio, "target": f">= {MIN_TWO_VS_ONE}",
                "met": ratio >= MIN_TWO_VS_ONE}]
    warnings = []
    for row in runs:
        if any(row["returncodes"]):
            warnings.append(f"{row['run']} exited with {row['returncodes']}")
        # Every run must download the same articles, or the rates compare nothing.
        if row["articles"] != by_run["single"]["articles"]:
            warnings.append(f"{row['run']} downloaded {row['articles']} articles, "
                            f"one process without the frontier {by_run['single']['articles']}")
    return {"articles": args.articles, "sites": args.sites, "delay_ms": args.delay_ms, "concurrency": args.concurrency,
            "machine": machine(), "runs": runs, "ratio_two_vs_one": ratio,
            "targets": targets, "warnings": warnings}


if __name__ == "__main__":
    sys.exit(main())
