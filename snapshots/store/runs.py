"""The ``runs`` collection: one document per crawl, with its final stats."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bson import ObjectId
from pymongo.database import Database

from snapshots.stats import MONITORS_FAILED, MONITORS_PASSED, accounting, failed_monitors

from .schema import RUNS

COUNT_PREFIX = "snapshots/store/"


def _bson_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return str(value)


def stats_list(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """Crawl stats as ``[{name, value}]``: stat names (which may contain
    dots or start with "$") are values, never field names."""
    return [{"name": str(name), "value": _bson_value(value)} for name, value in sorted(stats.items())]


def frontier_labels(stats: dict[str, Any]) -> dict[str, str] | None:
    """Which shared-frontier run and worker a crawl is (snapshots/frontier/)."""
    if not stats.get("frontier/run"):
        return None
    return {"run": str(stats["frontier/run"]), "worker": str(stats.get("frontier/worker"))}


def start_run(db: Database, spider_name: str, job: str | None, sites: list[str],
              frontier: dict[str, str] | None = None) -> ObjectId:
    doc = {
        "spider": spider_name, "job": job, "sites": [str(s) for s in sites],
        "started_at": datetime.now(timezone.utc), "finished_at": None,
        "status": "running", "reason": None,
    }
    if frontier:
        doc["frontier"] = frontier  # the workers of one run share "run"
    return db[RUNS].insert_one(doc).inserted_id


def finish_run(db: Database, run_id: ObjectId, stats: dict[str, Any], reason: str | None) -> None:
    counts = {name[len(COUNT_PREFIX):].replace("/", "_"): int(value)
              for name, value in stats.items()
              if name.startswith(COUNT_PREFIX) and isinstance(value, int)}
    counts["items_scraped"] = int(stats.get("item_scraped_count", 0))
    counts["items_dropped"] = int(stats.get("item_dropped_count", 0))
    numbers = accounting(stats)
    db[RUNS].update_one({"_id": run_id}, {"$set": {
        "finished_at": datetime.now(timezone.utc),
        # "failed": a monitor failed, no start URL answered ... (see "failed").
        "status": "failed" if numbers["failed"] else "finished",
        "reason": None if reason is None else str(reason),
        "counts": counts,
        # The numbers of the closing summary (snapshots.stats.accounting).
        "accounting": numbers,
        "monitors": {"passed": int(stats.get(MONITORS_PASSED, 0)),
                     "failed": {name: str(stats.get(f"{MONITORS_FAILED}/{name}"))
                                for name in failed_monitors(stats)}},
        "errors": int(stats.get("log_count/ERROR", 0)),
        "stats": stats_list(stats),
    }})
