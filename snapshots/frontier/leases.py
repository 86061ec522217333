"""Which of this worker's leased requests are done, and when to let them go.

A lease may end once the request is finished (its callback's requests are in
the shared queue, its items through the pipelines) *and* its items are
stored: the store writes in batches, and an item waiting for its batch is
lost if the worker is killed. The store pipeline sends
``snapshots.signals.items_stored`` for each batch written (or spilled);
until then the request's lease stays, and a survivor would fetch the page
again.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from scrapy import Request


class Leases:
    def __init__(self) -> None:
        self.wait_for_store = False  # set when a pipeline sends items_stored
        self._active: dict[Request, bytes] = {}   # handed to the engine
        self._done: dict[Request, bytes] = {}     # finished, items not yet stored
        self._waiting: dict[Request, int] = {}    # items not yet stored, per request
        self._owner: dict[int, tuple[Any, Request]] = {}  # id(item) -> (item, request)
        # Items stored before item_scraped was sent for them: the pipeline
        # writes a full batch inside process_item.
        self._stored_early: set[int] = set()

    def __len__(self) -> int:
        return len(self._active) + len(self._done)

    def add(self, request: Request, member: bytes) -> None:
        self._active[request] = member

    def item_passed(self, item: Any, request: Request | None) -> None:
        """An item of ``request`` left the pipelines (item_scraped)."""
        if id(item) in self._stored_early:
            self._stored_early.discard(id(item))
            return
        if not self.wait_for_store or request is None:
            return
        if request in self._active or request in self._done:
            self._owner[id(item)] = (item, request)
            self._waiting[request] = self._waiting.get(request, 0) + 1

    def stored(self, items: Iterable[Any]) -> None:
        for item in items:
            owned = self._owner.pop(id(item), None)
            if owned is None:
                self._stored_early.add(id(item))
                continue
            request = owned[1]
            left = self._waiting[request] - 1
            if left:
                self._waiting[request] = left
            else:
                del self._waiting[request]

    def finished(self, in_progress: Container[Request]) -> list[bytes]:
        """Members of the leases that may end now. ``in_progress``: the
        requests the engine is still working on."""
        for request in [r for r in self._active if r not in in_progress]:
            self._done[request] = self._active.pop(request)
        ended = [r for r in self._done if r not in self._waiting]
        return [self._done.pop(r) for r in ended]
