"""Small things of the command-line tools: a closed pipe, relative dates,
help with defaults, report columns with Chinese text."""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from snapshots.cli.export import since
from snapshots.cli.report import _width, table
from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter

ROOT = Path(__file__).resolve().parent.parent


def test_since_reads_dates_and_words():
    now = datetime(2026, 12, 3, 10, 30, tzinfo=timezone.utc)
    assert since("yesterday", now) == datetime(2026, 12, 2, tzinfo=timezone.utc)
    assert since("today", now) == datetime(2026, 12, 3, tzinfo=timezone.utc)
    assert since("7d", now) == now - timedelta(days=7)
    assert since("2026-11-01", now) == datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert since("2026-11-01T08:00+08:00", now) == datetime(2026, 11, 1, tzinfo=timezone.utc)
    with pytest.raises(argparse.ArgumentTypeError, match="not a date: use YYYY-MM-DD"):
        since("last week", now)


def test_export_into_a_closed_pipe_and_since_yesterday(mongo_uri, mongo_db):
    items = [make_item(i, site="alpha") for i in range(5)]
    now = datetime.now(timezone.utc)
    StoreWriter(mongo_db).write([replace(item, fetched_at=now) for item in items])
    cmd = [sys.executable, "-m", "snapshots", "export", "--mongo-uri", mongo_uri,
           "--db", mongo_db.name, "--since", "yesterday"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first row, as `| head` would be
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 5, done.stderr


def test_a_bad_since_is_one_clear_line():
    proc = subprocess.run([sys.executable, "-m", "snapshots", "export", "--since", "someday"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "'someday' is not a date" in proc.stderr and "_date" not in proc.stderr


def test_localdb_help_shows_its_defaults():
    proc = subprocess.run([sys.executable, "-m", "snapshots", "localdb", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "default: 27017" in proc.stdout and "default: .localdb" in proc.stdout


def test_report_columns_line_up_with_chinese_text():
    text = table("per source", ["source", "articles"],
                 [["新华社", 12], ["IT之家（北京）", 3], ["Reuters", 140]])
    lines = text.splitlines()[1:]
    assert len({_width(line) for line in lines}) == 1, lines
    assert _width("新华社") == 6 and _width("（") == 2 and _width("e\u0301") == 1
