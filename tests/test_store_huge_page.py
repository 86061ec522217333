"""A page over MongoDB's 16 MB document limit (24 MB of HTML, 18 MB once
compressed): crawled with DOWNLOAD_MAXSIZE raised, its snapshot keeps the
compressed start of the page with the cap recorded, the article's fields are
stored whole, and ``replay`` of such an item stores it too."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone

import pymongo

from snapshots.demo import hostile_pages as H
from snapshots.store.documents import HTML_MAX_STORED, decompress_html
from snapshots.store.spill import SpillFile
from snapshots.urls import canonical_url
from tests.conftest import FAST, ROOT, scrapy_crawl


def test_huge_page_is_stored_with_its_page_capped(tmp_path, mongo_uri, demo_site):
    database = f"huge_{uuid.uuid4().hex[:8]}"
    result = scrapy_crawl(tmp_path, settings={
        **FAST, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, "WORKER_PROCESSES": 0,
        "MONGO_SPILL_FILE": tmp_path / "spill.jsonl", "MONITOR_MAX_DROP_RATIO": 1.0,
        "DOWNLOAD_MAXSIZE": 64 << 20, "DOWNLOAD_WARNSIZE": 0},
        args={"start_url": demo_site.url + H.LISTING})
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("snapshots/store/failed") == 0 and result.stat("snapshots/store/spilled") == 0
    page = demo_site.site.get(H.TRAPS["huge_page"]).body
    story = demo_site.site.hostile.stories["huge_page"]
    with pymongo.MongoClient(mongo_uri) as client:
        db = client[database]
        key = canonical_url(demo_site.url + H.TRAPS["huge_page"])
        article = db.articles.find_one({"key": key})
        snapshot = db.snapshots.find_one({"key": key})
        client.drop_database(database)
    assert article["title"] == story.title and article["body"] == list(story.paragraphs)
    assert snapshot["html_size"] == len(page) > 16 << 20
    assert len(snapshot["html"]) <= HTML_MAX_STORED
    kept = decompress_html(snapshot["html"], snapshot["html_codec"])
    assert len(kept) == snapshot["html_capped_at"] < len(page)
    assert page.startswith(kept)


def test_replay_stores_a_spilled_huge_page(tmp_path, mongo_uri, demo_site):
    database = f"huge_{uuid.uuid4().hex[:8]}"
    page = demo_site.site.get(H.TRAPS["huge_page"]).body
    url = demo_site.url + H.TRAPS["huge_page"]
    spill = tmp_path / "spill.jsonl"
    SpillFile(spill).append([{
        "url": url, "site": "demo", "category": "tech", "title": "一个超大的页面",
        "fetched_at": datetime.now(timezone.utc), "body": ["正文" * 600_000],  # 1.2 M characters
        "html": page, "encoding": "utf-8", "status": 200, "extras": {}}])
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database}
    replay = subprocess.run([sys.executable, "-m", "snapshots", "replay", str(spill)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "1 new articles" in replay.stdout and "0 refused" in replay.stdout
    with pymongo.MongoClient(mongo_uri) as client:
        db = client[database]
        article = db.articles.find_one({"key": canonical_url(url)})
        snapshot = db.snapshots.find_one({"key": canonical_url(url)})
        client.drop_database(database)
    assert sum(map(len, article["body"])) == snapshot["body_capped_at"] == 1_000_000
    assert snapshot["html_capped_at"] < snapshot["html_size"] == len(page)
