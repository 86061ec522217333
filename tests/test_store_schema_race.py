"""Schema set-up under concurrency: two crawls starting at once on a fresh
database both run, and a crawl that cannot use its store never exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid

import pymongo

from snapshots.store import schema
from tests.helpers import FAST, ROOT, scrapy_crawl

ROUNDS = 10
# A crawl of a listing page and two articles, without browser or workers:
# what matters is its start-up.
SMALL = {**FAST, "SITES": "demo", "MAX_LISTING_PAGES": 1, "RELATED_DEPTH": 0, "MAX_ARTICLES": 2,
         "WORKER_PROCESSES": 0, "PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"}


def test_concurrent_schema_setup_on_fresh_databases_never_fails(mongo_uri):
    client = pymongo.MongoClient(mongo_uri)
    try:
        for _ in range(ROUNDS):
            name = f"race_{uuid.uuid4().hex[:10]}"
            errors: list[BaseException] = []
            barrier = threading.Barrier(3)

            def setup():
                own = pymongo.MongoClient(mongo_uri)
                try:
                    barrier.wait()
                    schema.ensure_schema(own[name])
                except BaseException as exc:  # what a crawl would have died of
                    errors.append(exc)
                finally:
                    own.close()

            threads = [threading.Thread(target=setup) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors, errors
            db = client[name]
            options = {c["name"]: c.get("options", {}) for c in db.list_collections()}
            for collection in schema.VALIDATORS:
                assert "$jsonSchema" in options[collection]["validator"]
                assert {i.document["name"] for i in schema.INDEXES[collection]} <= set(
                    db[collection].index_information())
            client.drop_database(name)
    finally:
        client.close()


def _crawl_command(stats_file, settings: dict) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "tech", "-s", f"STATS_JSON_FILE={stats_file}"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def test_two_crawls_starting_at_once_on_a_fresh_database_both_run(tmp_path, mongo_uri, demo_site):
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    client = pymongo.MongoClient(mongo_uri)
    try:
        for round_no in range(ROUNDS):
            database = f"race_{uuid.uuid4().hex[:10]}"
            settings = {**SMALL, "DEMO_SITE_URL": demo_site.url, "MONGO_URI": mongo_uri,
                        "MONGO_DATABASE": database,
                        "MONGO_SPILL_FILE": tmp_path / f"spill-{round_no}.jsonl"}
            stats_files = [tmp_path / f"stats-{round_no}-{n}.json" for n in range(2)]
            crawls = [subprocess.Popen(_crawl_command(f, settings), cwd=ROOT, env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                      for f in stats_files]
            logs = [c.communicate(timeout=300)[0] for c in crawls]
            for crawl, log, stats_file in zip(crawls, logs, stats_files):
                assert crawl.returncode == 0, log[-3000:]
                assert "MongoDB unavailable" not in log, log[-3000:]
                stats = json.loads(stats_file.read_text())
                assert stats["finish_reason"] == "finished"
                assert not stats.get("snapshots/store/unavailable")
                assert stats.get("snapshots/store/items", 0) >= 1
            runs = list(client[database].runs.find({}, {"status": 1}))
            assert [r["status"] for r in runs] == ["finished", "finished"]
            client.drop_database(database)
    finally:
        client.close()


def test_crawl_whose_store_fails_while_opening_exits_nonzero(tmp_path, mongo_uri, mongo_db, demo_site):
    # The server answers the start-up check, but the schema cannot be set
    # up (an index of the same name and other keys is in the way): the
    # pipeline closes the spider with store_unavailable.
    mongo_db.articles.create_index([("url", 1)], name="key_unique")
    result = scrapy_crawl(tmp_path, settings={
        **SMALL, "DEMO_SITE_URL": demo_site.url, "MONGO_URI": mongo_uri,
        "MONGO_DATABASE": mongo_db.name})
    assert result.returncode == 1, result.log[-3000:]
    assert result.stat("finish_reason") == "store_unavailable"
    assert "MongoDB unavailable" in result.log
