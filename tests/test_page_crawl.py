"""What is measured is what is stored: for the same page bytes, URL and
snapshot time, the fields a real crawl stored in MongoDB, those
``python -m snapshots extract`` prints and those the extraction benchmark
scores are the same (one entry point, snapshots.page)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import uuid

import pymongo
import pytest

from snapshots.cli.extract import record
from snapshots.demo import catalog as C
from snapshots.demo import server
from snapshots.page import SiteContext
from snapshots.sites import load_profiles
from snapshots.store.documents import decompress_html
from snapshots.store.commandline import project_settings
from tests.helpers import FAST, ROOT, scrapy_crawl


def _bench():
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
    module = sys.modules["extract_eval"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stored(mongo_uri, tmp_path_factory):
    site = server.start(port=0)
    db_name = f"page_{uuid.uuid4().hex[:8]}"
    # One worker process: the crawl's fields come back across a process boundary.
    result = scrapy_crawl(tmp_path_factory.mktemp("page"), settings={
        **FAST, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri, "MONGO_DATABASE": db_name,
        "SITES": "demo", "MAX_LISTING_PAGES": 1, "RELATED_DEPTH": 0, "WORKER_PROCESSES": 1},
        env={"PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"})
    assert result.returncode == 0, result.log[-3000:]
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    yield site, client[db_name]
    client.drop_database(db_name)
    client.close()
    site.stop()


def stored_record(doc) -> dict:
    published = doc["published_at"]
    return {"url": doc["url"], "title": doc["title"],
            "published_at": published.isoformat() if published else None,
            "published_at_raw": doc["published_at_raw"], "source": doc["source"],
            "authors": doc["authors"], "editor": doc["editor"], "category": doc["page_category"],
            "body": "\n".join(doc["body"]), "related": doc["related"]}


def test_crawl_cli_and_benchmark_give_the_same_fields(stored, tmp_path):
    site, db = stored
    relative = {site.url + a.path for a in site.catalog.case(C.RELATIVE_TIME)}
    docs = list(db.snapshots.find({"url": {"$in": sorted(relative)}}).limit(2))
    docs += list(db.snapshots.find({"url": {"$nin": sorted(relative)},
                                    "published_at": {"$ne": None}}).limit(3))
    assert len(docs) == 5 and len(relative & {d["url"] for d in docs}) == 2
    bench = _bench()
    demo = SiteContext.from_settings(project_settings(), load_profiles()["demo"], "tech")
    for n, doc in enumerate(docs):
        html = decompress_html(doc["html"], doc["html_codec"])
        page = tmp_path / f"{n}.html"
        page.write_bytes(html)
        fetched_at = doc["fetched_at"]
        proc = subprocess.run(
            [sys.executable, "-m", "snapshots", "extract", "--url", doc["url"],
             "--now", fetched_at.isoformat(), "--site", "demo", "--category", "tech", str(page)],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        cli = json.loads(proc.stdout)
        assert cli.pop("file") == str(page)
        measured = bench.ours(html, doc["url"], fetched_at, demo)
        assert stored_record(doc) == cli == record(measured), doc["url"]
        assert (doc["site"], doc["category"], doc["timezone"], doc["language"], doc["encoding"],
                doc["canonical_url"]) == (measured.site, measured.category, measured.timezone,
                                          measured.language, measured.encoding,
                                          measured.canonical_url)
    # The relative times ("3小时前") were read against the snapshot time:
    # the command ran later, and still agrees to the millisecond.
    assert all(d["published_at"] <= d["fetched_at"] for d in docs)
