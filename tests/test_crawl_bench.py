"""Smoke test of bench/crawl_bench.py at a tiny size: it runs, every crawl
visits the same pages, and the numbers are sane. No timing thresholds."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    spec = importlib.util.spec_from_file_location("crawl_bench", ROOT / "bench" / "crawl_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("crawl-bench")


@pytest.fixture(scope="module")
def result(workdir):
    proc = subprocess.run(
        [sys.executable, "bench/crawl_bench.py", "--articles", "120", "--small", "100",
         "--load-seconds", "0.5", "--keep", str(workdir), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def test_every_run_is_measured(result):
    runs = {row["name"]: row for row in result["runs"]}
    assert list(runs) == ["bare", "store", "sink", "inline", "sink_small"]
    for row in runs.values():
        assert row["returncode"] == 0
        assert row["articles"] > 0 and row["articles_per_second"] > 0
        assert row["cpu_seconds"] > 0 and row["cpu_per_1000_articles"] > 0
        # The crawl process alone: part of the whole.
        assert 0 < row["own_cpu_seconds"] <= row["cpu_seconds"]
        assert 10 < row["peak_rss_mb"] < 4096
    assert runs["bare"]["items"] == 0
    assert runs["store"]["items"] > 0 and runs["store"]["items"] == runs["sink"]["items"] == runs["inline"]["items"]
    assert runs["inline"]["workers"] == 0 and runs["bare"]["workers"] == 0
    # Without workers the crawl process is nearly all of it (the last
    # sample of its own CPU may be a moment short).
    assert runs["inline"]["own_cpu_seconds"] >= 0.8 * runs["inline"]["cpu_seconds"]
    assert runs["store"]["db_cpu_percent"] is not None
    assert result["server"]["requests_per_second"] > 0


def test_all_walks_visit_the_same_pages(result):
    runs = {row["name"]: row for row in result["runs"]}
    # Which of an article's two URLs (mobile twin, original) comes first
    # depends on timing, and a rel=canonical spares the other: +-2 pages.
    for name in ("store", "sink", "inline"):
        assert abs(runs[name]["pages"] - runs["bare"]["pages"]) <= 2
    assert runs["sink_small"]["pages"] < runs["sink"]["pages"]
    assert not result["warnings"]


def test_sink_writes_every_item_through_the_writer(result, workdir):
    sink = json.loads((workdir / "sink.stats.json").read_text())
    store = json.loads((workdir / "store.stats.json").read_text())
    # The null database knows nothing: every item is a new article.
    assert sink["snapshots/store/articles/new"] == sink["item_scraped_count"]
    assert store["snapshots/store/articles/new"] == store["item_scraped_count"]
    assert sink["snapshots/store/batches"] >= 1


def test_report_is_a_table_with_targets(result):
    table = load_bench().report(result)
    assert "1 bare Scrapy" in table and "2 crawl tech -> localdb" in table
    assert "articles/s vs bare Scrapy" in table and "peak RSS growth" in table
    assert result["ratios"]["sink_vs_bare"] > 0 and "rss_growth_mb" in result["ratios"]
