"""A crawl of the demo site's hostile pages (``/hostile/``, see
snapshots/demo/README.md) over HTTP on 127.0.0.1, into the local
MongoDB-protocol server: every trap ends stored, dropped or skipped with
its reason, within the memory bound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass

import pymongo
import pytest

from snapshots.demo import hostile_pages as H
from snapshots.demo import server
from snapshots.extract.encoding import FALSE_ENCODING
from snapshots.urls import canonical_url
from tests.helpers import FAST, ROOT

# Runs the crawl as a child and reports the peak RSS of the largest process
# of its tree (the crawl or a worker), in kB.
_PEAK_RSS = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""
MAX_RSS_MB = 300
# Below the first Retry-After (2 s), above the second (1 s).
RETRY_AFTER_CAP = 1.5


@dataclass
class HostileCrawl:
    returncode: int
    log: str
    stats: dict
    peak_rss_mb: float
    site: server.DemoSite
    db: pymongo.database.Database

    def stat(self, name: str) -> int:
        return self.stats.get(name, 0)

    def article(self, trap: str) -> dict | None:
        return self.db.articles.find_one({"key": canonical_url(self.site.url + H.TRAPS[trap])})


@pytest.fixture(scope="module")
def crawl(tmp_path_factory, mongo_uri):
    tmp = tmp_path_factory.mktemp("hostile")
    database = f"hostile_{uuid.uuid4().hex[:8]}"
    stats_file, rss_file = tmp / "stats.json", tmp / "rss"
    settings = {**FAST, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database,
                "MONGO_SPILL_FILE": tmp / "spill.jsonl", "STATS_JSON_FILE": stats_file,
                "WORKER_PROCESSES": 1, "MONITOR_MAX_DROP_RATIO": 1.0,
                "RETRY_AFTER_MAX_DELAY": RETRY_AFTER_CAP}
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    with server.start(port=0) as site:
        cmd = [sys.executable, "-c", _PEAK_RSS, str(rss_file),
               sys.executable, "-m", "scrapy", "crawl", "tech", "-a", f"start_url={site.url}{H.LISTING}"]
        for name, value in settings.items():
            cmd += ["-s", f"{name}={value}"]
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        yield HostileCrawl(proc.returncode, proc.stdout + proc.stderr,
                           json.loads(stats_file.read_text()), int(rss_file.read_text()) / 1024,
                           site, client[database])
    client.drop_database(database)
    client.close()


def test_the_crawl_runs_clean_and_accounts_for_every_page(crawl):
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert "Traceback" not in crawl.log, crawl.log[crawl.log.find("Traceback") - 500:][:4000]
    assert crawl.stat("snapshots/pages/seen") == 1 + len(H.TRAPS)
    assert crawl.stat("snapshots/pages/unaccounted") == 0


def test_false_utf8_declaration_is_decoded_as_gbk_recorded_and_counted(crawl):
    article = crawl.article("false_utf8")
    story = crawl.site.site.hostile.stories["false_utf8"]
    assert article is not None
    assert article["title"] == story.title
    assert "\ufffd" not in article["title"] + "".join(article["body"])
    assert article["body"][0] == story.paragraphs[0]
    snapshot = crawl.db.snapshots.find_one({"key": article["key"]})
    assert snapshot["encoding"] == "gb18030"
    assert json.loads(snapshot["extras"])[FALSE_ENCODING] == "utf-8"
    assert crawl.stat("snapshots/encoding/false_declaration") == 1


def test_redirects_end_with_their_reasons(crawl):
    assert crawl.stat("snapshots/dropped/redirect_loop") == 1
    assert crawl.stat("snapshots/skipped/redirect_duplicate") == 1
    assert crawl.stat("snapshots/dropped/redirect_offsite") == 1
    assert crawl.stat("snapshots/skipped/duplicate_request") == 0
    assert crawl.article("redirect_loop") is None


def test_oversized_responses_are_dropped_within_the_memory_bound(crawl):
    # The gzip bomb (1 MB on the wire, 1 GiB inflated) and the 20 MB page.
    assert crawl.stat("snapshots/dropped/too_large") == 2
    assert crawl.article("gzip_bomb") is None and crawl.article("huge_page") is None
    assert crawl.peak_rss_mb < MAX_RSS_MB, crawl.peak_rss_mb


def test_deeply_nested_article_keeps_its_text(crawl):
    article = crawl.article("deep_nesting")
    story = crawl.site.site.hostile.stories["deep_nesting"]
    assert article is not None
    assert article["body"] == list(story.paragraphs)


def test_retry_after_pauses_the_site_before_each_retry_up_to_the_cap(crawl):
    times = crawl.site.site.hostile.request_times[H.TRAPS["retry_after"]]
    assert len(times) == 3  # 429, 503, then the article
    # A lower bound only: the crawl waited at least as long as it was asked
    # (or as the cap allows).
    for (_status, seconds), earlier, later in zip(H.RETRY_ANSWERS, times, times[1:]):
        assert later - earlier >= min(float(seconds), RETRY_AFTER_CAP) - 0.05
    assert crawl.stat("snapshots/retry_after/delayed") == 2
    assert crawl.stat("snapshots/retry_after/capped") == 1
    assert crawl.stat("snapshots/retry_after/seconds") == pytest.approx(RETRY_AFTER_CAP + 1.0)
    assert crawl.article("retry_after") is not None
