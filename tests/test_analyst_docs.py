"""Runs every ```python example of docs/analysts.md against sample data,
so the documented queries cannot drift from the stored schema. Blocks
fenced ```py (the connection snippet) are not run."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest
from bson.codec_options import CodecOptions

from snapshots.store import runs
from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter

DOC = Path(__file__).resolve().parent.parent / "docs" / "analysts.md"
BLOCKS = re.findall(r"^### (.+?)$.*?^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"),
                    flags=re.M | re.S)


@pytest.fixture(scope="module")
def loaded(mongo_uri):
    import pymongo

    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    db = client["docs_examples"]
    client.drop_database(db.name)
    writer = StoreWriter(db)
    items = [make_item(i, site=site) for site in ("alpha", "beta") for i in range(60)]
    items[1] = replace(items[1], title="小米与雷军:新工厂投产")
    writer.write(items)
    first = items[0]
    writer.write([replace(first, title=first.title + "(更新)",
                          fetched_at=datetime(2025, 4, 1, tzinfo=timezone.utc))])
    writer.write([make_item(500, site="gamma", body=first.body[:-1] + ["本文转载自alpha。"])])
    run = runs.start_run(db, "tech", "job-1", ["alpha", "beta"])
    runs.finish_run(db, run, {"item_scraped_count": 121, "item_dropped_count": 2,
                              "snapshots/store/articles/new": 121}, "finished")
    yield db.with_options(codec_options=CodecOptions(tz_aware=True, tzinfo=timezone.utc))
    client.drop_database(db.name)
    client.close()


def test_docs_have_ten_examples():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("title, code", BLOCKS, ids=[t for t, _ in BLOCKS])
def test_example_runs(loaded, title, code):
    namespace = {"db": loaded, "pd": pd, "datetime": datetime, "timezone": timezone}
    exec(compile(code, f"analysts.md: {title}", "exec"), namespace)
    result = namespace["result"]
    assert len(result) > 0, title
