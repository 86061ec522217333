"""One accounting and the monitors, over real crawls of the demo site on
127.0.0.1 into the local MongoDB-protocol server: every page seen is one
outcome, the numbers are the same in the closing summary, the stats, the
``runs`` document and ``report``; each monitor passes on the demo crawl and
fails on a crawl that breaks it, and a failed run exits 1."""

from __future__ import annotations

import json
import re
import uuid

import pymongo
import pytest

from snapshots.cli import report
from snapshots.demo import server
from snapshots.localdb import free_port
from snapshots.stats import accounting
from tests.helpers import FAST, scrapy_crawl

NO_BROWSER = {"PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"}
MONITORS = {"min_articles/stored", "error_drop_ratio/errors", "error_drop_ratio/drops",
            "field_coverage/fields", "start_urls/reachable", "store/writes", "accounting/identity"}


@pytest.fixture(scope="module")
def site():
    demo = server.start(port=0)
    yield demo
    demo.stop()


@pytest.fixture(scope="module")
def client(mongo_uri):
    with pymongo.MongoClient(mongo_uri, tz_aware=True) as mongo:
        yield mongo


def crawl(workdir, site, mongo_uri, spider="tech", **settings):
    db = f"acct_{uuid.uuid4().hex[:8]}"
    report_file = workdir / f"monitors-{db}.jsonl"
    result = scrapy_crawl(workdir, spider, settings={
        **FAST, **NO_BROWSER, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri,
        "MONGO_DATABASE": db, "MONGO_FLUSH_SECONDS": 1, "WORKER_PROCESSES": 1,
        "PROGRESS_INTERVAL": 0.5, "MONITOR_REPORT_FILE": report_file,
        "SPIDER_MODULES": "spiders,tests.lossy_spider", **settings})
    result.db, result.report_file = db, report_file
    return result


def summary_lines(log: str) -> dict[str, str]:
    block = log[log.index("Crawl summary:"):].splitlines()[1:]
    rows = {}
    for line in block:
        match = re.match(r"  (\w[\w ]*?)  +(.*)$", line)
        if not match:
            break
        rows[match.group(1)] = match.group(2)
    return rows


@pytest.fixture(scope="module")
def demo_crawl(site, mongo_uri, tmp_path_factory):
    return crawl(tmp_path_factory.mktemp("demo"), site, mongo_uri)


def test_demo_crawl_accounts_for_every_page(demo_crawl):
    result = demo_crawl
    assert result.returncode == 0, result.log[-3000:]
    n = accounting(result.stats)
    assert n["unaccounted"] == 0, n
    assert n["seen"] == result.stat("snapshots/pages/seen") > 0
    assert n["seen"] == (n["listings"] + sum(n["stored"].values()) + n["spilled"]
                         + n["dropped_total"] + n["skipped_total"])
    # The total is the sum of the reasons, the validate pipeline's included.
    assert result.stat("snapshots/dropped/total") == sum(n["dropped"].values())
    assert n["dropped"]["short_body"] >= 1 and n["dropped"]["no_browser"] == 1
    assert sum(n["stored"].values()) == result.stat("item_scraped_count") >= 200
    assert n["failed"] == []


def test_summary_runs_document_and_report_show_the_same_numbers(demo_crawl, client):
    result = demo_crawl
    n = accounting(result.stats)
    rows = summary_lines(result.log)
    assert rows["pages seen"].startswith(f"{n['seen']} (")
    assert rows["stored"] == f"{n['stored']['new']} new, 0 new versions, 0 unchanged"
    assert rows["dropped"].startswith(f"{n['dropped_total']}: ")
    assert f"short_body {n['dropped']['short_body']}" in rows["dropped"]
    assert rows["skipped"].startswith(f"{n['skipped_total']}")
    assert rows["monitors"] == "7 passed, 0 failed"
    run = client[result.db].runs.find_one()
    assert run["status"] == "finished"
    assert run["accounting"] == n
    assert run["monitors"] == {"passed": 7, "failed": {}}
    text = report.build(client[result.db])
    assert (f"finished (finished), {n['stored']['new']} new, 0 new versions, 0 unchanged, "
            f"{n['dropped_total']} dropped, {n['skipped_total']} skipped") in text


def test_progress_lines_and_one_line_per_drop(demo_crawl, site):
    result = demo_crawl
    progress = [line for line in result.log.splitlines() if "Progress: " in line]
    assert progress, result.log[-2000:]
    assert re.search(r"\] INFO: Progress: \d+ pages, \d+ articles, \d+ dropped, \d+ errors, "
                     r"[\d.]+ pages/s, \d+ queued$", progress[-1])
    # No stats dump at INFO; the closing summary instead.
    assert "Dumping Scrapy stats" not in result.log
    from snapshots.demo import catalog as C

    for article in site.catalog.case(C.LOGIN_WALL):
        url = site.url + article.path.split("?")[0]
        lines = [line for line in result.log.splitlines() if url in line]
        if lines:
            assert len(lines) == 1 and "] INFO: Dropped: short_body" in lines[0], lines


def test_demo_crawl_passes_every_monitor(demo_crawl):
    result = demo_crawl
    assert result.stat("snapshots/monitors/passed") == len(MONITORS)
    assert result.stat("snapshots/monitors/failed") == 0
    assert not result.report_file.exists()
    assert "Spider.log() is deprecated" not in result.log


def test_each_monitor_fails_past_its_threshold(site, mongo_uri, client, tmp_path):
    """One crawl that breaks five monitors: one listing site unreachable, and
    thresholds the demo crawl cannot meet (it has drops, errors and pages
    without an editor)."""
    dead = f"http://127.0.0.1:{free_port()}"
    result = crawl(tmp_path, site, mongo_uri, SITE_BASE_URLS={"demo-mirror": dead},
                   MONITOR_MIN_ARTICLES=100000, MONITOR_MAX_ERROR_RATIO=0,
                   MONITOR_MAX_DROP_RATIO=0,
                   MONITOR_MIN_FIELD_COVERAGE={"editor": 1.0, "published_at": 1.0},
                   MONITOR_FAILED_ACTIONS=["tests.monitor_actions.WriteNotification"],
                   NOTIFY_FILE=tmp_path / "notified.txt")
    assert result.returncode == 1, result.log[-3000:]
    failed = {"min_articles/stored", "error_drop_ratio/errors", "error_drop_ratio/drops",
              "field_coverage/fields", "start_urls/reachable"}
    stats_failed = {k.split("/", 3)[3] for k in result.stats if k.startswith("snapshots/monitors/failed/")}
    assert stats_failed == failed
    assert result.stat("snapshots/failed/monitors") == 1
    assert "1 of 2 start URLs unreachable" in result.stat("snapshots/monitors/failed/start_urls/reachable")
    assert "editor" in result.stat("snapshots/monitors/failed/field_coverage/fields")
    run = client[result.db].runs.find_one()
    assert run["status"] == "failed" and set(run["monitors"]["failed"]) == failed
    assert run["monitors"]["passed"] == len(MONITORS) - len(failed)
    lines = result.report_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and set(json.loads(lines[0])["failed"]) == failed
    assert summary_lines(result.log)["run"].startswith("FAILED (monitors)")
    # The notification action of MONITOR_FAILED_ACTIONS ran (none by default).
    assert set((tmp_path / "notified.txt").read_text().split()) == failed
    assert accounting(result.stats)["unaccounted"] == 0
    assert "Traceback" not in result.log


def test_a_crawl_whose_every_start_url_failed_is_a_failed_run(mongo_uri, client, tmp_path):
    dead = server.start(port=0)
    dead.stop()  # the demo site is down
    result = crawl(tmp_path, dead, mongo_uri)
    assert result.returncode == 1, result.log[-3000:]
    assert result.stat("finish_reason") == "finished"
    assert result.stat("snapshots/failed/start_urls_unreachable") == 1
    assert result.stat("snapshots/start_urls/failed") == result.stat("snapshots/start_urls/requested") == 2
    assert accounting(result.stats)["unaccounted"] == 0
    assert "Traceback" not in result.log
    run = client[result.db].runs.find_one()
    assert run["status"] == "failed"
    assert "start_urls_unreachable" in run["accounting"]["failed"]


def test_the_accounting_monitor_catches_a_page_lost_silently(site, mongo_uri, tmp_path):
    result = crawl(tmp_path, site, mongo_uri, spider="lossy_tech", SITES="demo",
                   MAX_LISTING_PAGES=2, RELATED_DEPTH=0)
    assert result.returncode == 1, result.log[-3000:]
    n = accounting(result.stats)
    assert n["unaccounted"] > 0
    assert set(k.split("/", 3)[3] for k in result.stats
               if k.startswith("snapshots/monitors/failed/")) == {"accounting/identity"}
    assert f"{n['unaccounted']} NOT ACCOUNTED FOR" in summary_lines(result.log)["pages seen"]


def test_passing_runs_of_the_store_and_accounting_monitors_without_a_store(site, tmp_path, mongo_uri):
    """Without the store pipeline the store monitor is skipped, not failed."""
    result = crawl(tmp_path, site, mongo_uri, SITES="demo", MAX_LISTING_PAGES=1, RELATED_DEPTH=0,
                   STORE_ENABLED=False)
    assert result.returncode == 0, result.log[-3000:]
    n = accounting(result.stats)
    assert n["unaccounted"] == 0 and n["scraped"] == result.stat("item_scraped_count") > 0
    assert result.stat("snapshots/monitors/failed") == 0
    assert result.stat("snapshots/monitors/skipped") == 1  # store/writes
