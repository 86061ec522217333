"""The scheduler against a stand-in scrapyd: ticks, the overlap guard, errors.

The same guard against a real scrapyd is in test_scrapyd.py.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from snapshots import scheduling
from snapshots.scheduling import ScheduledSpider, Scrapyd, Ticker

ROOT = Path(__file__).resolve().parent.parent


class FakeScrapyd(ThreadingHTTPServer):
    """Keeps jobs the way scrapyd does: scheduled ones stay ``running`` until
    ``finish()``; ``error`` makes every answer ``{"status": "error"}``."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.spiders = ["tech"]
        self.running: list[dict] = []
        self.finished: list[dict] = []
        self.scheduled: list[list[tuple[str, str]]] = []
        self.error: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def finish(self) -> None:
        self.finished += self.running
        self.running = []

    def answer(self, method: str, path: str, fields: list[tuple[str, str]]) -> dict:
        if self.error:
            return {"status": "error", "message": self.error}
        if path == "/listspiders.json":
            return {"status": "ok", "spiders": self.spiders}
        if path == "/listjobs.json":
            return {"status": "ok", "pending": [], "running": self.running,
                    "finished": self.finished}
        if path == "/schedule.json" and method == "POST":
            self.scheduled.append(fields)
            job = {"id": f"job{len(self.scheduled)}", "spider": dict(fields)["spider"]}
            self.running.append(job)
            return {"status": "ok", "jobid": job["id"]}
        return {"status": "error", "message": f"no {method} {path}"}


class _Handler(BaseHTTPRequestHandler):
    def _reply(self, method: str, fields: list[tuple[str, str]]):
        url = urlsplit(self.path)
        fields += parse_qs(url.query, keep_blank_values=True).items()
        fields = [(k, v) for k, vs in fields for v in (vs if isinstance(vs, list) else [vs])]
        body = json.dumps(self.server.answer(method, url.path, fields)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._reply("GET", [])

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self._reply("POST", [(k, v) for k, vs in parse_qs(body).items() for v in vs])

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    server = FakeScrapyd()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("text, seconds", [
    ("30m", 1800), ("1h30m", 5400), ("45s", 45), ("0.5s", 0.5), ("90", 90), ("1d", 86400),
])
def test_parse_duration(text, seconds):
    assert scheduling.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "30x", "1h 30m", "-5s", "0s"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        scheduling.parse_duration(text)


@pytest.mark.parametrize("field, days", [
    ("*", "*"), ("1-5", "mon,tue,wed,thu,fri"), ("0", "sun"), ("7", "sun"),
    ("*/2", "sun,tue,thu,sat"), ("sat,sun", "sun,sat"), ("5-7", "sun,fri,sat"),
])
def test_crontab_weekdays(field, days):
    assert scheduling.crontab_weekdays(field) == days


def test_cron_trigger_follows_crontab_weekdays():
    # In crontab, 1 is Monday (APScheduler 3 alone would read Tuesday).
    trigger = scheduling.make_trigger(cron="0 9 * * 1", timezone="UTC")
    sunday = datetime(2025, 3, 23, 10, tzinfo=timezone.utc)
    assert trigger.get_next_fire_time(None, sunday) == datetime(2025, 3, 24, 9, tzinfo=timezone.utc)


def test_tick_schedules_with_args_and_settings(fake):
    target = ScheduledSpider("snapshots", "tech", {"start_url": "http://a.test/"},
                             {"MAX_ARTICLES": "30", "SITE_BASE_URLS": '{"demo": "http://x"}'})
    assert Ticker(Scrapyd(fake.url), target)() == "job1"
    fields = fake.scheduled[0]
    assert ("project", "snapshots") in fields and ("spider", "tech") in fields
    assert ("start_url", "http://a.test/") in fields
    assert ("setting", "MAX_ARTICLES=30") in fields
    assert ("setting", 'SITE_BASE_URLS={"demo": "http://x"}') in fields


def test_tick_skipped_while_last_job_runs(fake, caplog):
    ticker = Ticker(Scrapyd(fake.url), ScheduledSpider("snapshots", "tech"))
    caplog.set_level(logging.INFO, logger="snapshots.scheduling")
    assert ticker() == "job1"
    assert ticker() is None
    assert "Skipped tick 2: job job1 of snapshots/tech is still running" in caplog.text
    fake.finish()
    assert ticker() == "job2"
    assert len(fake.scheduled) == 2


def test_other_spiders_do_not_block(fake):
    fake.running.append({"id": "other", "spider": "finance"})
    assert Ticker(Scrapyd(fake.url), ScheduledSpider("snapshots", "tech"))() == "job1"


def test_error_answer_counts_as_failed_tick(fake, caplog):
    fake.error = "project 'snapshots' not found"
    ticker = Ticker(Scrapyd(fake.url), ScheduledSpider("snapshots", "tech"))
    assert ticker() is None
    assert ticker.failures == 1
    assert "project 'snapshots' not found" in caplog.text


def test_run_stops_after_max_ticks(fake, caplog):
    caplog.set_level(logging.INFO, logger="snapshots.scheduling")
    trigger = scheduling.make_trigger(every="0.2s")
    ticker = scheduling.run(Scrapyd(fake.url), ScheduledSpider("snapshots", "tech"),
                            trigger, max_ticks=3)
    assert (ticker.ticks, ticker.scheduled, ticker.failures) == (3, ["job1"], 0)
    assert caplog.text.count("Skipped tick") == 2


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snapshots", "schedule", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_cli_runs_bounded_ticks(fake):
    proc = run_cli("--scrapyd", fake.url, "--spider", "tech", "--every", "0.2s",
                   "--max-ticks", "2", "-d", "start_url=http://a.test/",
                   "-d", "setting=DOWNLOAD_DELAY=2", "--setting", "MAX_ARTICLES=5")
    assert proc.returncode == 0, proc.stderr
    [fields] = fake.scheduled
    assert ("start_url", "http://a.test/") in fields
    assert ("setting", "DOWNLOAD_DELAY=2") in fields
    assert ("setting", "MAX_ARTICLES=5") in fields
    assert "Skipped tick 2" in proc.stderr


def test_cli_rejects_unknown_spider(fake):
    proc = run_cli("--scrapyd", fake.url, "--spider", "sports", "--every", "1s")
    assert proc.returncode == 1
    assert "No spider 'sports'" in proc.stderr
    assert not fake.scheduled


@pytest.mark.parametrize("args, message", [
    (["--every", "soon"], "not a duration"),
    (["--cron", "*/30 * * *"], "5 fields"),
    (["--every", "1s", "-d", "novalue"], "expected NAME=VALUE"),
])
def test_cli_rejects_bad_arguments(fake, args, message):
    proc = run_cli("--scrapyd", fake.url, "--spider", "tech", *args)
    assert proc.returncode != 0
    assert message in proc.stderr
