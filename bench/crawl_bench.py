"""Crawl benchmark: what a crawl of the demo site costs, against bare Scrapy.

    python bench/crawl_bench.py [--articles 5000] [--small 1000] [--json]

Serves a generated demo site from a separate process on 127.0.0.1, measures
that server alone (requests per second from this process), then crawls it
with, in one run:

1. bare Scrapy: bench/bare_spider.py, the same walk with no extraction and
   no items (the engine's ceiling on this machine);
2. ``scrapy crawl tech`` with extraction and every pipeline, storing into a
   local MongoDB-protocol server (snapshots.localdb, fresh data folder);
3. the same with the store's network writes replaced by a no-op
   (bench/sink.py): the crawler's own CPU, without the database's;
3i. run 3 with ``WORKER_PROCESSES=0`` (for comparison, not a target):
   extraction and the store's derived fields in the crawl process instead
   of worker processes (snapshots/processes.py);

and run 3 again on a ``--small`` site, for the memory growth between the
two sizes. Every crawl is a child process (``scrapy crawl`` as an operator
runs it); its CPU time and peak RSS come from ``os.wait4``, so the CPU
includes its worker processes, and the peak RSS is its largest process. Only the
benchmark lifts the politeness settings (no AutoThrottle, no delay,
concurrency 32); the crawls use a bench-only copy of the demo profile with
the plain /tech/ listing only (the JavaScript listing needs Chromium).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snapshots import localdb  # noqa: E402
from snapshots import settings as project_settings  # noqa: E402
from snapshots.demo import catalog as demo_catalog  # noqa: E402
from snapshots.sites import load_profiles  # noqa: E402

SINK_PIPELINE = "bench.sink.SinkStorePipeline"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Targets (ratios from one run, so they hold on any machine).
MIN_SINK_VS_BARE = 0.60
MAX_RSS_GROWTH_MB = 50


# -- the machine -------------------------------------------------------------

def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"nproc": os.cpu_count(), "cpu": model or platform.processor(),
            "ram_gb": round(ram / 2**30, 1), "python": platform.python_version()}


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class OwnCpu(threading.Thread):
    """Samples a process's own CPU (its children's not included) until it
    exits: the last sample is at most ``interval`` seconds short."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.seconds = 0.0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            sample = process_cpu_seconds(self.pid)
            if math.isnan(sample):
                return
            self.seconds = sample
            self.stopped.wait(self.interval)


# -- the demo site, in its own process ----------------------------------------

class DemoServer:
    """``python -m snapshots demo`` on a free loopback port."""

    def __init__(self, articles: int, now: datetime, delay_ms: float = 0):
        self.articles = articles
        self.catalog = demo_catalog.build(articles=articles, now=now)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "snapshots", "demo", "--port", "0",
             "--articles", str(articles), "--now", now.isoformat(), "--delay-ms", str(delay_ms)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"the demo site did not start: {line!r}")
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    @property
    def listing_pages(self) -> int:
        return len(self.catalog.listings["tech"].paths)

    def paths(self) -> list[str]:
        """Every page a tech crawl can ask for: listings, articles (and
        their mobile twins), the missing related link, robots.txt."""
        listing = self.catalog.listings["tech"]
        paths = ["/robots.txt", *listing.paths, self.catalog.missing_path]
        for article in self.catalog.tech:
            paths.append(article.path)
            if article.mobile_path:
                paths.append(article.mobile_path)
        return paths

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


async def _fetch(port: int, paths, deadline: float | None, done: list[int]) -> None:
    """One keep-alive connection: GET the next path until ``paths`` runs
    out (an iterator) or ``deadline`` passes."""
    reader = writer = None
    for path in paths:
        if deadline is not None and time.monotonic() > deadline:
            break
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)\r\ncontent-length: *(\d+)", head).group(1))
            await reader.readexactly(length)
            complete = b"connection: close" not in head.lower()
            done[0] += 1
            done[1] += len(head) + length
        except (asyncio.IncompleteReadError, ConnectionError):
            complete = False  # the demo's short-read pages hang up mid-body
        if not complete:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def _cycle(paths: list[str]):
    while True:
        yield from paths


async def _load(port: int, paths, connections: int, seconds: float | None) -> tuple[int, int]:
    deadline = time.monotonic() + seconds if seconds else None
    done = [0, 0]
    await asyncio.gather(*(_fetch(port, paths, deadline, done) for _ in range(connections)))
    return done[0], done[1]


def measure_server(server: DemoServer, connections: int, seconds: float) -> dict:
    """Render every page once (the site renders on first request), then
    fetch them round and round for ``seconds`` from this process."""
    paths = server.paths()
    asyncio.run(_load(server.port, iter(paths), connections, None))
    cpu = server.cpu_seconds()
    started = time.perf_counter()
    requests, size = asyncio.run(_load(server.port, _cycle(paths), connections, seconds))
    elapsed = time.perf_counter() - started
    return {"requests_per_second": round(requests / elapsed),
            "mb_per_second": round(size / elapsed / 2**20, 1),
            "server_cpu_percent": round(100 * (server.cpu_seconds() - cpu) / elapsed),
            "connections": connections, "pages": len(paths)}


# -- crawls -----------------------------------------------------------------

@dataclass
class Crawl:
    name: str
    site_articles: int
    returncode: int
    wall_seconds: float  # the crawl itself: Scrapy's elapsed_time_seconds
    cpu_seconds: float  # the whole crawler process, start-up included
    own_cpu_seconds: float  # of it, the crawl process alone (its workers' not included)
    peak_rss_mb: float
    pages: int  # responses received (retries included)
    articles: int  # article pages among them
    items: int
    server_cpu_percent: float  # the demo site's process, during the crawl
    db_cpu_percent: float | None = None
    workers: int = 0  # worker processes started (snapshots/workers/started)
    stats: dict = field(default_factory=dict, repr=False)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def cpu_per_1000_articles(self) -> float:
        return 1000 * self.cpu_seconds / self.articles if self.articles else math.nan

    @property
    def own_cpu_per_1000_articles(self) -> float:
        return 1000 * self.own_cpu_seconds / self.articles if self.articles else math.nan

    def row(self) -> dict:
        row = asdict(self)
        del row["stats"]
        row["articles_per_second"] = round(self.articles_per_second, 1)
        row["cpu_per_1000_articles"] = round(self.cpu_per_1000_articles, 2)
        row["own_cpu_per_1000_articles"] = round(self.own_cpu_per_1000_articles, 2)
        return row


def run_crawl(name: str, args: list[str], settings: dict, workdir: Path, server: DemoServer,
              db: localdb.LocalServer | None = None, timeout: float = 3600) -> Crawl:
    stats_file = workdir / f"{name}.stats.json"
    cmd = [sys.executable, "-m", "scrapy", *args]
    settings = {**settings, "STATS_JSON_FILE": stats_file, "LOG_FILE": workdir / f"{name}.log"}
    for key, value in settings.items():
        cmd += ["-s", f"{key}={json.dumps(value) if isinstance(value, (dict, list)) else value}"]
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    server_cpu, db_cpu = server.cpu_seconds(), db and process_cpu_seconds(db.process.pid)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(workdir / f"{name}.stderr", "wb"))
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    own = OwnCpu(proc.pid)
    own.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        watchdog.cancel()
        own.stopped.set()
        own.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    wall = float(stats.get("elapsed_time_seconds") or elapsed)
    pages = int(stats.get("response_received_count", 0))
    listing = int(stats.get("snapshots/listing/pages", 0))
    robots = int(stats.get("robotstxt/response_count", 0))
    return Crawl(
        name=name, site_articles=server.articles, returncode=proc.returncode,
        wall_seconds=round(wall, 2), cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        own_cpu_seconds=round(own.seconds, 2),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        pages=pages, articles=pages - listing - robots,
        items=int(stats.get("item_scraped_count", 0)),
        workers=int(stats.get("snapshots/workers/started", 0)),
        server_cpu_percent=round(100 * (server.cpu_seconds() - server_cpu) / elapsed),
        db_cpu_percent=round(100 * (process_cpu_seconds(db.process.pid) - db_cpu) / elapsed) if db else None,
        stats=stats)


def bench_profile(folder: Path) -> str:
    """A copy of the demo profile with only the /tech/ listing, so every
    crawl takes the production path (the profile's article URL pattern)
    without the JavaScript listing."""
    demo = load_profiles()["demo"]
    lines = [
        'name = "bench"',
        'title = "demo site, /tech/ listing only"',
        "enabled = false",
        f"base_url_setting = {json.dumps(demo.base_url_setting)}",
        f"timezone = {json.dumps(demo.timezone)}",
        f"article_url_pattern = {json.dumps(demo.article_url_pattern.pattern)}",
        "",
        "[categories.tech]",
        'name = "科技"',
        "[[categories.tech.listings]]",
        'url = "/tech/"',
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return demo.article_url_pattern.pattern


def crawl_settings(server: DemoServer, workdir: Path, concurrency: int) -> dict:
    pages = server.listing_pages
    related = project_settings.RELATED_DEPTH
    return {
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "SITES": "bench",
        "SITE_PROFILES_DIR": workdir / "profiles",
        "DEMO_SITE_URL": server.url,
        "MAX_LISTING_PAGES": pages,
        "RELATED_DEPTH": related,
        # Each listing page is one level deeper than the one before.
        "DEPTH_LIMIT": pages + related + 2,
        "MONGO_SPILL_FILE": workdir / "spill.jsonl",
        "LOG_LEVEL": "INFO",
    }


# The sink in the store pipeline's place (snapshots.addon adds validation).
SINK = {"STORE_ENABLED": False, "ITEM_PIPELINES": {SINK_PIPELINE: 500}}
# No pipeline at all.
NO_PIPELINES = {"STORE_ENABLED": False, "ITEM_PIPELINES": {"pipelines.validate.ValidatePipeline": None}}


def crawl_site(articles: int, now: datetime, workdir: Path, args, *, bare: bool, store: bool,
               pattern: str, label: str = "") -> tuple[dict | None, list[Crawl]]:
    server = DemoServer(articles, now)
    crawls: list[Crawl] = []
    try:
        load = measure_server(server, args.connections, args.load_seconds)
        settings = crawl_settings(server, workdir, args.concurrency)
        if bare:
            crawls.append(run_crawl(
                f"bare{label}", ["runspider", "bench/bare_spider.py",
                                 "-a", f"start_url={server.url}/tech/",
                                 "-a", f"article_pattern={pattern}",
                                 "-a", f"related_depth={settings['RELATED_DEPTH']}"],
                {**settings, **NO_PIPELINES}, workdir, server))
        if store:
            with localdb.start(workdir / f"db{label}", log_file=workdir / f"db{label}.log") as db:
                crawls.append(run_crawl(
                    f"store{label}", ["crawl", "tech"],
                    {**settings, "MONGO_URI": db.uri, "MONGO_DATABASE": "bench"},
                    workdir, server, db))
        crawls.append(run_crawl(f"sink{label}", ["crawl", "tech"],
                                {**settings, **SINK}, workdir, server))
        if bare:  # the main site only
            crawls.append(run_crawl(f"inline{label}", ["crawl", "tech"],
                                    {**settings, **SINK,
                                     "WORKER_PROCESSES": 0}, workdir, server))
    finally:
        server.stop()
    return load, crawls


LABELS = {"bare": "1 bare Scrapy", "store": "2 crawl tech -> localdb", "sink": "3 crawl tech -> sink",
          "inline": "3i sink, no workers"}


def report(result: dict) -> str:
    m = result["machine"]
    lines = [f"Crawl benchmark: demo site of {result['articles']} articles, "
             f"concurrency {result['concurrency']}",
             f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}"]
    load = result["server"]
    lines.append(f"demo server alone: {load['requests_per_second']:,} requests/s, "
                 f"{load['mb_per_second']} MB/s ({load['connections']} keep-alive connections, "
                 f"server at {load['server_cpu_percent']}% CPU)")
    lines.append("")
    header = (f"{'run':<26}{'site':>6}{'articles':>9}{'pages':>7}{'wall s':>8}{'art/s':>8}"
              f"{'CPU s/1k':>9}{'own s/1k':>9}{'RSS MB':>8}{'vs bare':>8}{'workers':>8}{'site CPU':>9}{'db CPU':>7}")
    lines += [header, "-" * len(header)]
    bare = next(row["articles_per_second"] for row in result["runs"] if row["name"] == "bare")
    for row in result["runs"]:
        label = LABELS[row["name"].split("_")[0]]
        # Only runs on the same site as bare Scrapy's compare with it.
        same_site = row["site_articles"] == result["articles"] and row["name"] != "bare"
        ratio = f"{row['articles_per_second'] / bare:.2f}" if bare and same_site else "-"
        db = f"{row['db_cpu_percent']}%" if row["db_cpu_percent"] is not None else "-"
        lines.append(f"{label:<26}{row['site_articles']:>6}{row['articles']:>9}{row['pages']:>7}"
                     f"{row['wall_seconds']:>8.1f}{row['articles_per_second']:>8.0f}"
                     f"{row['cpu_per_1000_articles']:>9.2f}{row['own_cpu_per_1000_articles']:>9.2f}"
                     f"{row['peak_rss_mb']:>8.0f}{ratio:>8}{row['workers']:>8}"
                     f"{row['server_cpu_percent']:>8}%{db:>7}")
    return "\n".join(lines + verdict_lines(result))


def verdict_lines(result: dict) -> list[str]:
    """A blank line, then each target with its verdict, then the warnings."""
    lines = [""]
    for target in result["targets"]:
        lines.append(f"{target['name']}: {target['value']} (target {target['target']}): "
                     f"{'met' if target['met'] else 'MISSED'}")
    lines += [f"warning: {warning}" for warning in result["warnings"]]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles on the demo site")
    parser.add_argument("--small", type=int, default=1000,
                        help="articles of the second, smaller site (memory growth); 0: skip")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--connections", type=int, default=32,
                        help="keep-alive connections of the server measurement")
    parser.add_argument("--load-seconds", type=float, default=5.0,
                        help="length of the server measurement")
    parser.add_argument("--skip-store", action="store_true",
                        help="skip run 2 (the local database server)")
    parser.add_argument("--keep", type=Path, help="keep logs and stats in this folder")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    for size in (args.articles, args.small):
        if size and size < demo_catalog.MIN_ARTICLES:
            parser.error(f"the demo site has at least {demo_catalog.MIN_ARTICLES} articles")

    # One clock for every site, so the small site is a prefix-like twin.
    now = demo_catalog.beijing(None)
    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        pattern = bench_profile(workdir / "profiles")
        load, crawls = crawl_site(args.articles, now, workdir, args, bare=True,
                                  store=not args.skip_store, pattern=pattern)
        if args.small:
            _, small = crawl_site(args.small, now, workdir, args, bare=False, store=False,
                                  pattern=pattern, label="_small")
            crawls += small
    result = summarize(args, load, crawls)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if all(c.returncode == 0 for c in crawls) else 1


def summarize(args, load: dict, crawls: list[Crawl]) -> dict:
    by_name = {c.name: c for c in crawls}
    bare, sink = by_name["bare"], by_name["sink"]
    targets, warnings = [], []
    ratios: dict = {}
    for name in ("store", "sink", "inline"):
        if name in by_name and bare.articles_per_second:
            ratios[f"{name}_vs_bare"] = round(by_name[name].articles_per_second / bare.articles_per_second, 3)
    if "sink_vs_bare" in ratios:
        targets.append({"name": "run 3 articles/s vs bare Scrapy", "value": ratios["sink_vs_bare"],
                        "target": f">= {MIN_SINK_VS_BARE}",
                        "met": ratios["sink_vs_bare"] >= MIN_SINK_VS_BARE})
    if "sink_small" in by_name:
        growth = round(sink.peak_rss_mb - by_name["sink_small"].peak_rss_mb, 1)
        ratios["rss_growth_mb"] = growth
        targets.append({"name": f"run 3 peak RSS growth, {args.small} -> {args.articles} articles",
                        "value": f"{growth:+} MB", "target": f"< {MAX_RSS_GROWTH_MB} MB",
                        "met": growth < MAX_RSS_GROWTH_MB})
    for crawl in crawls:
        if crawl.returncode:
            warnings.append(f"{crawl.name} exited with {crawl.returncode}")
        # The walks must visit the same pages, or the rates compare nothing.
        twin = by_name["bare"] if not crawl.name.endswith("_small") else None
        if twin is not None and crawl is not twin and abs(crawl.pages - twin.pages) > max(2, twin.pages // 100):
            warnings.append(f"{crawl.name} received {crawl.pages} pages, bare Scrapy {twin.pages}")
    if bare.server_cpu_percent >= 90:
        warnings.append(f"the demo server ran at {bare.server_cpu_percent}% CPU during the bare "
                        "crawl: it may be the bottleneck")
    return {"articles": args.articles, "small": args.small, "concurrency": args.concurrency,
            "machine": machine(), "server": load, "runs": [c.row() for c in crawls],
            "ratios": ratios, "targets": targets, "warnings": warnings}


if __name__ == "__main__":
    sys.exit(main())
