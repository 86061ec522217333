"""Helpers shared by the tests: running ``scrapy crawl`` as an operator
would, the project's settings for components built in a test, and the
commands a store query sends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pymongo
from pymongo import monitoring
from scrapy.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# Settings for crawling our own loopback servers: no politeness delays.
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "INFO"}


def project_settings(**values) -> Settings:
    """snapshots/settings.py, then ``values`` over it (as ``-s`` would)."""
    from snapshots import settings as module

    settings = Settings()
    settings.setmodule(module, priority="project")
    settings.setdict(values, priority="cmdline")
    return settings


def project_settings_dict(**values) -> dict:
    """The project's setting values as a plain dict for
    scrapy.utils.test.get_crawler, for a component tested alone: with the
    test reactor settings (a unit test runs no reactor) and without the
    add-ons (no crawl is wired)."""
    from scrapy.utils.test import get_reactor_settings

    return {**project_settings().copy_to_dict(), **get_reactor_settings(), "ADDONS": {}, **values}


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


def start_crawl(workdir: Path, spider: str = "tech", *, settings: dict | None = None
                ) -> tuple[subprocess.Popen, Path]:
    """``scrapy crawl SPIDER`` started in a child process, for a test that
    acts while it runs; its log is on ``stdout``. Returns it and its
    STATS_JSON_FILE."""
    cmd, env, stats_file = crawl_command(workdir, spider, settings=settings)
    crawl = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    return crawl, stats_file


def wait_while_crawling(crawl: subprocess.Popen, done, timeout: float = 120,
                        poll: float = 0.1) -> None:
    """Wait until ``done()`` is true; fail if the crawl ends first or
    ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not done():
        assert crawl.poll() is None, crawl.stdout.read()[-3000:]
        assert time.monotonic() < deadline, f"not done after {timeout}s"
        time.sleep(poll)


class _FindRecorder(monitoring.CommandListener):
    def __init__(self) -> None:
        self.finds: list[dict] = []

    def started(self, event) -> None:
        if event.command_name == "find":
            self.finds.append(event.command)

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


@contextmanager
def recorded_finds(db) -> Iterator[tuple[pymongo.database.Database, list[dict]]]:
    """The database ``db`` through a second client, and the ``find``
    commands sent through it, as sent."""
    recorder = _FindRecorder()
    host, port = db.client.address
    client = pymongo.MongoClient(host, port, tz_aware=True, event_listeners=[recorder])
    try:
        yield client[db.name], recorder.finds
    finally:
        client.close()
