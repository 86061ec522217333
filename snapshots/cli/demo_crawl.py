"""``python -m snapshots demo-crawl``: the whole job on the bundled defaults.

Serves the demo site, starts the local MongoDB-protocol server (unless
``--mongo-uri`` names a running MongoDB), runs ``scrapy crawl tech`` against
the site exactly as an operator would, then prints what was stored. The data
folder is kept, so a second run shows an incremental crawl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pymongo

HELP = "serve the demo site and local server, crawl, print a summary"


def add_arguments(parser) -> None:
    parser.add_argument("--mongo-uri", help="use this MongoDB instead of starting the local server")
    parser.add_argument("--db", default="snapshots", help="database name (default: snapshots)")
    parser.add_argument("--data-dir", default=".demo-run", help="local server data and logs")
    parser.add_argument("--articles", type=int, default=240, help="size of the demo site")
    parser.add_argument("--port", type=int, default=8765,
                        help="demo site port (a free one if taken); keep it for incremental runs")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="extra Scrapy setting for the crawl")


def run(args) -> int:
    from snapshots import localdb
    from snapshots.demo import server as demo_server
    from snapshots.store import summary

    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    site = _start_site(demo_server, data_dir, args.port, args.articles)
    db_server = None
    try:
        uri = args.mongo_uri
        if not uri:
            db_server = localdb.start(data_dir / "db", log_file=data_dir / "localdb.log")
            uri = db_server.uri
        print(f"demo site at {site.url}\nMongoDB at {uri} (database {args.db})", flush=True)
        stats_file = Path(tempfile.mkdtemp()) / "stats.json"
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        env.update(MONGO_URI=uri, MONGO_DATABASE=args.db, DEMO_SITE_URL=site.url)
        cmd = [sys.executable, "-m", "scrapy", "crawl", "tech",
               "-s", f"STATS_JSON_FILE={stats_file}",
               "-s", f"MONGO_SPILL_FILE={data_dir / 'spill.jsonl'}",
               # The demo site is our own server on loopback: no need to be polite.
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
               "-s", "LOG_LEVEL=INFO", "-s", f"LOG_FILE={data_dir / 'crawl.log'}"]
        for extra in args.set:
            cmd += ["-s", extra]
        print("running: scrapy crawl tech (log in %s)" % (data_dir / "crawl.log"), flush=True)
        code = subprocess.call(cmd, env=env)
        stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        with pymongo.MongoClient(uri, tz_aware=True) as client:
            _print_summary(summary(client[args.db]), stats, args.db, data_dir, args.mongo_uri)
            _print_viewer(client[args.db], args.db, args.mongo_uri)
        return code
    finally:
        site.stop()
        if db_server is not None:
            db_server.stop()


def _start_site(demo_server, data_dir: Path, port: int, articles: int):
    """The demo site as the previous run of this data folder saw it (same
    clock, same port when free), so a second run is an incremental crawl of
    the same site rather than a crawl of a new one."""
    clock_file = data_dir / "site-clock.txt"
    if clock_file.exists():
        now = datetime.fromisoformat(clock_file.read_text().strip())
    else:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        clock_file.write_text(now.isoformat())
    try:
        return demo_server.start(port=port, articles=articles, now=now)
    except OSError:
        print(f"port {port} is taken: serving on a free port (URLs differ from earlier runs)")
        return demo_server.start(port=0, articles=articles, now=now)


def _print_summary(stored: dict, stats: dict, db: str, data_dir: Path, mongo_uri: str | None) -> None:
    from snapshots.extensions import summary_table

    for name in ("start_time", "finish_time"):
        if isinstance(stats.get(name), str):
            stats[name] = datetime.fromisoformat(stats[name])
    print("\n== this crawl (the crawl log's closing summary) ==")
    print(summary_table(stats, stats.get("finish_reason", "?")).split("\n", 1)[1])
    print("  (the demo site breaks some pages on purpose: those are the drops and the error)")
    print("== stored in MongoDB ==")
    for key in ("articles", "snapshots", "clusters", "runs"):
        print(f"  {key:<20} {stored.get(key)}")
    python = _python()
    print("== query it ==")
    if mongo_uri:
        print(f"  the data is in {mongo_uri} (database {db}):")
        env = f"MONGO_URI='{mongo_uri}' "
    else:
        print(f"  serve the data again (it stays in {data_dir / 'db'}), in another shell:")
        print(f"  {python} -m snapshots localdb --storage-path {data_dir / 'db'}   # 127.0.0.1:27017")
        print("  then:")
        env = ""
    print(f"  {env}{python} -m snapshots report --db {db}")
    print(f"  {env}{python} -m snapshots export --db {db} --since 7d | head -3")
    print(f"  (docs/analysts.md has queries for pymongo, pandas and mongosh)")


def _print_viewer(db, name: str, mongo_uri: str | None) -> None:
    """The viewer's command and the address of one stored snapshot."""
    from snapshots.store import queries
    from snapshots.store.commandline import project_settings
    from snapshots.web import snapshot_query

    port = project_settings().getint("VIEWER_PORT")
    newest = next((entry for category in queries.categories(db)
                   for entry in queries.latest_in_category(db, category, 1)), None)
    env = f"MONGO_URI='{mongo_uri}' " if mongo_uri else ""
    print("== view it (with the data served as above) ==")
    print(f"  {env}{_python()} -m snapshots web --db {name}   # http://127.0.0.1:{port}/")
    if newest is not None:
        print(f"  one snapshot: http://127.0.0.1:{port}/snapshot?{snapshot_query(newest['key'])}")


def _python() -> str:
    """How to run this interpreter from the current folder (the venv's
    python works without activating the venv)."""
    exe = Path(sys.executable)
    try:
        return str(exe.relative_to(Path.cwd()))
    except ValueError:
        return str(exe)
