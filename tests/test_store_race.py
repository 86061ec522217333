"""Two writers at once against the local server: ``versions``, ``hashes``
and the stored snapshots agree after every interleaving.

Writer A is stopped after each of its commands in turn (a pymongo command
listener blocks its thread) while writer B writes its whole batch; then A
goes on. Every point where B can slip in between A's reads and writes is
tried, for new articles and new versions, with equal and different content.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pymongo
import pytest
from pymongo import monitoring

from tests.sample_items import make_item
from snapshots.store.writer import StoreWriter


class PauseAfter(monitoring.CommandListener):
    """Blocks the thread that ran the ``after``-th write or read command
    until ``resume`` is set."""

    def __init__(self, after: int):
        self.after = after
        self.seen = 0
        self.armed = False
        self.paused = threading.Event()
        self.resume = threading.Event()

    def started(self, event):
        pass

    def succeeded(self, event):
        if not self.armed or event.command_name not in {"find", "insert", "update", "delete"}:
            return
        self.seen += 1
        if self.seen == self.after:
            self.paused.set()
            self.resume.wait(30)

    def failed(self, event):
        self.succeeded(event)


def _agree(db) -> None:
    for article in db.articles.find({}, {"key": 1, "hashes": 1, "versions": 1, "content_hash": 1}):
        stored = {s["content_hash"] for s in db.snapshots.find({"key": article["key"]}, {"content_hash": 1})}
        assert set(article["hashes"]) == stored, article["key"]
        assert article["versions"] == len(article["hashes"]) == len(stored)
        assert article["content_hash"] in stored


def _interleave(mongo_uri, db, first, second, after: int):
    """A writes ``first`` and stops after its ``after``-th command, B writes
    ``second`` meanwhile; returns both results (None: A never got there)."""
    listener = PauseAfter(after)
    a_client = pymongo.MongoClient(mongo_uri, tz_aware=True, event_listeners=[listener])
    b_client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    try:
        a, b = StoreWriter(a_client[db.name], ensure=False), StoreWriter(b_client[db.name], ensure=False)
        listener.armed = True
        results = {}
        thread = threading.Thread(target=lambda: results.setdefault("a", a.write(first)))
        thread.start()
        while thread.is_alive() and not listener.paused.wait(0.02):
            pass
        reached = listener.paused.is_set()
        results["b"] = b.write(second)
        listener.resume.set()
        thread.join(60)
        assert not thread.is_alive()
        return results["a"], results["b"], reached
    finally:
        a_client.close()
        b_client.close()


SCENARIOS = ("new, different content", "new, same content", "versions, different content",
             "versions, same content")


def _batches(scenario: str, n: int):
    items = [make_item(i, site="race", html_padding=0) for i in range(n)]
    later = lambda hours, mark: [replace(i, title=i.title + mark,  # noqa: E731
                                         fetched_at=i.fetched_at + timedelta(hours=hours)) for i in items]
    if scenario == "new, different content":
        return [], later(1, "A"), later(2, "B")
    if scenario == "new, same content":
        return [], items, later(1, "")
    if scenario == "versions, different content":
        return items, later(1, "A"), later(2, "B")
    return items, later(1, "!"), later(2, "!")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_versions_and_hashes_agree_after_any_interleaving(mongo_uri, mongo_db, scenario):
    stops = 0
    for after in range(1, 10):
        name = f"{mongo_db.name}_{after}"
        db = mongo_db.client[name]
        try:
            StoreWriter(db)  # the schema, as a pipeline makes it at open
            before, first, second = _batches(scenario, 6)
            if before:
                StoreWriter(db, ensure=False).write(before)
            a, b, reached = _interleave(mongo_uri, db, first, second, after)
            stops += reached
            assert not a.failed and not b.failed
            _agree(db)
            expected = 6 * (len({x.title for x in first + second}) // 6) + len(before)
            assert db.snapshots.count_documents({}) == expected
            # Each snapshot stored is counted as new exactly once.
            stored_new = sum(r.counts["articles/new"] + r.counts["versions/new"] for r in (a, b))
            assert stored_new == expected - len(before)
        finally:
            mongo_db.client.drop_database(name)
    assert stops >= 4  # A was caught between each of its reads and writes
