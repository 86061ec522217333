"""report, export and replay as an operator runs them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.sample_items import make_item
from snapshots.store.spill import SpillFile
from snapshots.store.writer import StoreWriter

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snapshots", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def stored(mongo_db):
    items = [make_item(i, site=site) for site in ("alpha", "beta") for i in range(5)]
    writer = StoreWriter(mongo_db)
    writer.write(items)
    writer.write([replace(items[0], title="新标题", fetched_at=items[0].fetched_at + timedelta(days=1))])
    return items


def test_report(mongo_uri, mongo_db, stored):
    proc = cli("report", "--mongo-uri", mongo_uri, "--db", mongo_db.name)
    assert proc.returncode == 0, proc.stderr
    assert "10 articles, 11 snapshots" in proc.stdout
    assert "per site" in proc.stdout and "alpha" in proc.stdout and "per source" in proc.stdout


def test_export_formats(mongo_uri, mongo_db, stored, tmp_path):
    base = ["export", "--mongo-uri", mongo_uri, "--db", mongo_db.name, "--since", "2025-01-01"]
    proc = cli(*base, "--format", "jsonl")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 10 and {r["site"] for r in rows} == {"alpha", "beta"}
    assert isinstance(rows[0]["body"], list)

    assert cli(*base, "--format", "csv", "--out", str(tmp_path / "a.csv")).returncode == 0
    with open(tmp_path / "a.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 10

    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    assert cli(*base, "--format", "parquet", "--out", str(tmp_path / "a.parquet")).returncode == 0
    frame = pd.read_parquet(tmp_path / "a.parquet")
    assert len(frame) == 10 and str(frame["last_seen"].dtype).startswith("datetime64")

    assert len(cli(*base[:-1], "2030-01-01").stdout.splitlines()) == 0


def test_replay_cli(mongo_uri, mongo_db, tmp_path):
    path = tmp_path / "spill.jsonl"
    SpillFile(path).append([make_item(i, site="spilled") for i in range(4)])
    args = ["replay", str(path), "--mongo-uri", mongo_uri, "--db", mongo_db.name]
    first, second = cli(*args), cli(*args)
    assert first.returncode == 0 and "4 new articles" in first.stdout
    assert second.returncode == 0 and "4 already stored" in second.stdout
    assert mongo_db.articles.count_documents({}) == 4


def test_unreachable_store_is_one_line(tmp_path):
    proc = cli("report", "--mongo-uri", "mongodb://u:pw@127.0.0.1:9", "--db", "x")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "u:***@" in proc.stderr and "localdb" in proc.stderr
