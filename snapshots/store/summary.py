"""What is stored, in a few numbers (used by ``demo-crawl`` and ``report``)."""

from __future__ import annotations

from typing import Any

from pymongo.database import Database

from .schema import ARTICLES, RUNS, SNAPSHOTS


def summary(db: Database) -> dict[str, Any]:
    """Counts of articles, snapshots (versions), clusters with more than one
    member and runs, and the latest run's drop and error counts."""
    clusters = list(db[ARTICLES].aggregate([
        {"$group": {"_id": "$cluster", "members": {"$sum": 1}}},
        {"$match": {"members": {"$gt": 1}}},
        {"$count": "n"},
    ]))
    latest = db[RUNS].find_one(sort=[("started_at", -1)]) or {}
    counts = latest.get("counts") or {}
    return {
        "articles": db[ARTICLES].count_documents({}),
        "snapshots": db[SNAPSHOTS].count_documents({}),
        "clusters": clusters[0]["n"] if clusters else 0,
        "runs": db[RUNS].count_documents({}),
        "latest_run": {
            "spider": latest.get("spider"),
            "job": latest.get("job"),
            "started_at": latest.get("started_at"),
            "finished_at": latest.get("finished_at"),
            "reason": latest.get("reason"),
            "status": latest.get("status"),
            # Every page dropped, whatever stage dropped it (older runs: items only).
            "dropped": (latest.get("accounting") or {}).get("dropped_total", counts.get("items_dropped", 0)),
            "skipped": (latest.get("accounting") or {}).get("skipped_total", 0),
            "stored": (latest.get("accounting") or {}).get("stored"),
            "errors": latest.get("errors", 0),
        } if latest else None,
    }
