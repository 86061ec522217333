"""The store pipeline with its network replaced by a no-op, for benchmarks.

``SinkStorePipeline`` is ``pipelines.store.MongoStorePipeline`` whose
StoreWriter talks to :class:`NullDatabase` instead of MongoDB: items are
still batched, handed to the writer thread and turned into documents
(article key, content hash, search terms, near-duplicate signature and
bands, compressed page), but every read finds nothing and every bulk write
is dropped. What a crawl costs with this pipeline is the crawler's own CPU,
without the database server's. Select it with::

    -s STORE_ENABLED=False -s 'ITEM_PIPELINES={"bench.sink.SinkStorePipeline": 500}'

With the store off, the crawl does not ask MongoDB which articles it
already knows either (snapshots.known).
"""

from __future__ import annotations

from pipelines.store import MongoStorePipeline
from snapshots.store.writer import StoreWriter


class _NullBulkResult:
    bulk_api_result: dict = {}


class NullCollection:
    """Finds nothing, writes nothing."""

    def __init__(self, name: str):
        self.name = name

    def find(self, *args, **kwargs):
        return iter(())

    def bulk_write(self, requests, ordered: bool = True):
        return _NullBulkResult()


class NullDatabase:
    def __init__(self):
        self._collections: dict[str, NullCollection] = {}

    def __getitem__(self, name: str) -> NullCollection:
        return self._collections.setdefault(name, NullCollection(name))


class SinkStorePipeline(MongoStorePipeline):
    def _open(self, *args, **kwargs) -> None:
        # No client, no ping, no run document: only the writer, on nothing.
        self.writer = StoreWriter(NullDatabase(), self.tracking_parameters, ensure=False)
