"""Shared fixtures: the real servers integration tests talk to.

- ``mongo_uri``: a local MongoDB-protocol server (SecantusDB's secantusd-py)
  on a free loopback port, one per test session.
- ``mongo_db``: a fresh database on it for one test, dropped afterwards.
- ``demo_site``: the bundled demo news site served over HTTP on 127.0.0.1.
- ``redis_server``: Debian's redis-server on a free loopback port, one per test.
- ``run_crawl``: runs ``scrapy crawl`` in a child process, as an operator
  would, and returns its exit code, log and final stats.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pymongo
import pytest

from snapshots import localdb

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def mongo_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("localdb")
    server = localdb.start(data / "data", log_file=data / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mongo_uri(mongo_server) -> str:
    return mongo_server.uri


@pytest.fixture
def mongo_db(mongo_uri):
    client = pymongo.MongoClient(mongo_uri)
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield client[name]
    client.drop_database(name)
    client.close()


@pytest.fixture(scope="session")
def demo_site():
    from snapshots.demo import server

    site = server.start(port=0)
    yield site
    site.stop()


@pytest.fixture
def redis_server(tmp_path):
    """Debian's redis-server on a free loopback port, in its own folder, for one test."""
    from snapshots.frontier import devserver

    server = devserver.start(tmp_path / "redis")
    yield server
    server.stop()


@dataclass
class CrawlResult:
    returncode: int
    log: str
    stats: dict

    def stat(self, name: str, default=0):
        return self.stats.get(name, default)

    def log_lines(self, level: str) -> list[str]:
        return [line for line in self.log.splitlines() if f"] {level}:" in line]


def crawl_command(workdir: Path, spider: str = "tech", *, settings: dict | None = None,
                  args: dict | None = None, env: dict | None = None) -> tuple[list, dict, Path]:
    """The ``scrapy crawl SPIDER`` command line, its environment and the
    STATS_JSON_FILE it will write."""
    stats_file = Path(workdir) / f"stats-{uuid.uuid4().hex[:8]}.json"
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-s", f"STATS_JSON_FILE={stats_file}",
           # Failed monitors are reported beside the stats, not in the checkout.
           "-s", f"MONITOR_REPORT_FILE={Path(workdir) / 'monitors.jsonl'}"]
    for name, value in (settings or {}).items():
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        cmd += ["-s", f"{name}={value}"]
    for name, value in (args or {}).items():
        cmd += ["-a", f"{name}={value}"]
    full_env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    full_env.update(env or {})
    return cmd, full_env, stats_file


def read_stats(stats_file: Path) -> dict:
    return json.loads(stats_file.read_text()) if stats_file.exists() else {}


def scrapy_crawl(workdir: Path, spider: str = "tech", *, settings: dict | None = None,
                 args: dict | None = None, env: dict | None = None,
                 timeout: float = 600) -> CrawlResult:
    """Run ``scrapy crawl SPIDER`` from the project root in a child process,
    as an operator would; the final stats come from STATS_JSON_FILE."""
    cmd, full_env, stats_file = crawl_command(workdir, spider, settings=settings, args=args, env=env)
    proc = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=timeout)
    return CrawlResult(proc.returncode, proc.stdout + proc.stderr, read_stats(stats_file))


@pytest.fixture
def run_crawl(tmp_path):
    def run(spider: str = "tech", **kwargs) -> CrawlResult:
        return scrapy_crawl(tmp_path, spider, **kwargs)

    return run


# Settings for crawling our own loopback servers: no politeness delays.
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "INFO"}
