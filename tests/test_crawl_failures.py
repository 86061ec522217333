"""The crawl's behaviour when parts are missing: MongoDB down, no browser;
and the spider contracts (``scrapy check``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from snapshots.localdb import free_port
from tests.helpers import FAST, ROOT, scrapy_crawl


def test_mongodb_down_gives_one_clear_line_and_nonzero_exit(tmp_path, demo_site):
    uri = f"mongodb://reader:secret@127.0.0.1:{free_port()}/"
    result = scrapy_crawl(tmp_path, settings={**FAST, "DEMO_SITE_URL": demo_site.url,
                                              "MONGO_URI": uri, "MONGO_CONNECT_TIMEOUT": 1})
    assert result.returncode != 0
    # Scrapy's own start-up lines, then exactly one error line.
    errors = [line for line in result.log.splitlines() if "ERROR" in line]
    assert len(errors) == 1, result.log
    assert "Traceback" not in result.log and "secret" not in result.log
    assert "mongodb://reader:***@127.0.0.1" in errors[0]
    assert "python -m snapshots localdb" in errors[0]
    assert "Spider opened" not in result.log


def test_missing_browser_skips_js_listings_and_counts_them(tmp_path, demo_site):
    result = scrapy_crawl(tmp_path, settings={
        **FAST, "DEMO_SITE_URL": demo_site.url, "SITES": "demo", "MAX_LISTING_PAGES": 1,
        "RELATED_DEPTH": 0, "PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium",
        "STORE_ENABLED": False})
    assert result.returncode == 0, result.log[-2000:]
    assert result.stat("snapshots/dropped/no_browser") == 1
    assert not [k for k in result.stats if k.startswith("playwright/")]
    assert result.log.count("No browser at /nonexistent/chromium") == 1
    assert result.stat("item_scraped_count") >= 15


def test_spider_contracts(demo_site):
    # The contracts read the plain listing and an article: no browser.
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "check", "tech", "-s", f"DEMO_SITE_URL={demo_site.url}",
         "-s", "STORE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=False",
         "-s", "PLAYWRIGHT_EXECUTABLE_PATH=/nonexistent/chromium"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    # @returns on both callbacks and @scrapes on the article callback.
    assert "Ran 3 contracts" in output
    assert output.rstrip().endswith("OK")


def test_spider_contracts_with_no_spider_named(demo_site, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    env.update(DEMO_SITE_URL=demo_site.url, MONITOR_REPORT_FILE=str(tmp_path / "monitors.jsonl"))
    proc = subprocess.run([sys.executable, "-m", "scrapy", "check", "-s",
                           "PLAYWRIGHT_EXECUTABLE_PATH=/nonexistent/chromium"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert "Not checked without -a category=SLUG: category" in output
    assert output.rstrip().endswith("OK") and "Traceback" not in output
    assert not (tmp_path / "monitors.jsonl").exists()


def test_an_unknown_category_is_one_line_and_exit_1(tmp_path):
    result = scrapy_crawl(tmp_path, "category", args={"category": "finance"},
                          settings={"STORE_ENABLED": False})
    assert result.returncode == 1
    errors = result.log_lines("ERROR")
    assert errors and errors[0].endswith("no site has a 'finance' category: add a profile "
                                         "or pass -a start_url=URL"), result.log
    assert len(errors) == 1 and "Traceback" not in result.log


def _worker_pids(parent: int | None = None) -> set[int]:
    """Live worker processes (of ``parent`` only, if given: other crawls
    may run on the machine at the same time)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        try:
            if not (entry.name.isdigit() and b"snapshots.worker" in (entry / "cmdline").read_bytes()):
                continue
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent is None or ppid == parent:
                pids.add(int(entry.name))
        except (OSError, ValueError, IndexError):
            pass
    return pids


def test_ctrl_c_stops_the_crawl_and_its_workers_cleanly(tmp_path, demo_site, mongo_uri):
    """Ctrl-C reaches the crawl's whole process group: Scrapy shuts down
    gracefully, the worker processes do not die mid-page, none is left."""
    stats_file = tmp_path / "stats.json"
    settings = {**FAST, "DEMO_SITE_URL": demo_site.url, "MONGO_URI": mongo_uri,
                "MONGO_DATABASE": f"ctrl_c_{uuid.uuid4().hex[:8]}", "WORKER_PROCESSES": 2,
                "DOWNLOAD_DELAY": 0.05, "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
                "STATS_JSON_FILE": stats_file}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "tech"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(workers := _worker_pids(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # a few pages in
    os.killpg(proc.pid, signal.SIGINT)
    output, _ = proc.communicate(timeout=120)

    assert proc.returncode == 0, output[-3000:]
    stats = json.loads(stats_file.read_text())
    assert stats["finish_reason"] == "shutdown"
    # A run stopped by hand is not judged by the monitors, nor failed.
    assert stats["snapshots/monitors/failed"] == stats["snapshots/monitors/passed"] == 0
    assert stats["snapshots/monitors/skipped"] == 7
    assert stats["snapshots/workers/started"] == 2
    assert "snapshots/workers/restarts" not in stats
    assert 0 < stats["item_scraped_count"] < 200
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert len(workers) == 2 and workers & _worker_pids() == set()
