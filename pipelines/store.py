"""Item pipeline that writes articles and snapshots to MongoDB.

Items are buffered and written in batches (by size, by age, and at close)
through :class:`snapshots.store.writer.StoreWriter`, in a thread so that
the reactor never waits on the network. A batch that fails because MongoDB
is unreachable is retried with exponential backoff; once the retries are
spent its items are appended to the spill file (``MONGO_SPILL_FILE``) for
``python -m snapshots replay``. No item is dropped by this pipeline.

Stats (``snapshots/store/...``, see docs/storage.md): ``items``,
``articles/new``, ``versions/new``, ``unchanged``, ``dedup/url_alias``,
``dedup/near_duplicate``, ``dedup/duplicate_key``, ``failed``, ``batches``,
``retries``, ``spilled``, ``unavailable``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from itemadapter import ItemAdapter
from pymongo.errors import ConnectionFailure, PyMongoError
from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, task, threads

from snapshots import signals as snapshots_signals
from snapshots.circuit import StoreCircuit
from snapshots.jobs import job_id
from snapshots.processes import WorkerProcesses
from snapshots.store import runs
from snapshots.store.connection import StoreUnavailable, client, mask_uri, unavailable_message
from snapshots.store.documents import Derived
from snapshots.store.spill import SpillFile
from snapshots.store.writer import FAILED, StoreWriter
from snapshots.urls import DEFAULT_TRACKING_PARAMETERS

logger = logging.getLogger(__name__)

PREFIX = "snapshots/store/"


class MongoStorePipeline:
    # Sends snapshots.signals.items_stored after each batch (the shared
    # frontier waits for it before it lets a request go).
    sends_items_stored = True

    def __init__(self, crawler, *, uri: str, database: str, connect_timeout: float,
                 batch_size: int, flush_seconds: float, retry_times: int,
                 retry_backoff: float, spill_file: str, tracking_parameters=DEFAULT_TRACKING_PARAMETERS,
                 band_limit: int):
        self.crawler = crawler
        self.stats = crawler.stats
        self.uri = uri
        self.database = database
        self.connect_timeout = connect_timeout
        self.batch_size = max(1, batch_size)
        self.flush_seconds = flush_seconds
        self.retry_times = max(0, retry_times)
        self.retry_backoff = max(0.0, retry_backoff)
        self.spill = SpillFile(spill_file)
        self.tracking_parameters = tuple(tracking_parameters)
        self.band_limit = band_limit
        self.client = None
        self.writer: StoreWriter | None = None
        self.run_id = None
        self.available = False
        # Open while MongoDB is known to be unreachable (shared with the spider).
        self.circuit = StoreCircuit.of(crawler)
        self.pool: WorkerProcesses | None = None  # the crawl's worker processes
        # Items waiting for the next batch, each with what a worker process
        # derived of it (None: the writer derives it, if it needs to).
        self._buffer: list[tuple[Any, Derived | None]] = []
        self._buffer_since = 0.0
        self._lock = defer.DeferredLock()  # one batch in flight, in order
        self._timer: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        pipeline = cls(
            crawler,
            uri=s.get("MONGO_URI"),
            database=s.get("MONGO_DATABASE"),
            connect_timeout=s.getfloat("MONGO_CONNECT_TIMEOUT"),
            batch_size=s.getint("MONGO_BATCH_SIZE"),
            flush_seconds=s.getfloat("MONGO_FLUSH_SECONDS"),
            retry_times=s.getint("MONGO_RETRY_TIMES"),
            retry_backoff=s.getfloat("MONGO_RETRY_BACKOFF"),
            spill_file=s.get("MONGO_SPILL_FILE"),
            tracking_parameters=s.getlist("TRACKING_QUERY_PARAMETERS"),
            band_limit=s.getint("NEARDUP_BAND_LIMIT"),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # -- start -------------------------------------------------------------

    async def open_spider(self) -> None:
        spider = self.crawler.spider
        sites = getattr(spider, "sites", None) or self.crawler.settings.getlist("SITES")
        try:
            await maybe_deferred_to_future(threads.deferToThread(
                self._open, spider.name, job_id(spider), [getattr(s, "name", s) for s in sites]))
        except StoreUnavailable as exc:
            # One clear line instead of a traceback; the spider closes
            # before it fetches anything.
            logger.error("%s", exc)
            self.stats.set_value(PREFIX + "unavailable", 1)
            raise CloseSpider("store_unavailable") from None
        self.available = True
        self.pool = WorkerProcesses.of(self.crawler)
        self.pool.preload(self.writer.derive)
        if self.flush_seconds > 0:
            self._timer = task.LoopingCall(self._flush_if_old)
            self._timer.start(min(1.0, self.flush_seconds), now=False)

    def _open(self, spider_name: str, job: str | None, sites: list[str]) -> None:
        mongo = client(self.uri, self.connect_timeout)
        try:
            mongo.admin.command("ping")
            db = mongo[self.database]
            self.writer = StoreWriter(db, self.tracking_parameters, band_limit=self.band_limit)
            self.run_id = runs.start_run(db, spider_name, job, [str(s) for s in sites],
                                         runs.frontier_labels(self.stats.get_stats()))
        except PyMongoError as exc:
            mongo.close()
            raise StoreUnavailable(unavailable_message(self.uri, exc)) from None
        self.client = mongo

    # -- items -------------------------------------------------------------

    async def process_item(self, item: Any) -> Any:
        self.stats.inc_value(PREFIX + "items")
        if not self.available:  # only if open_spider failed: keep the item
            self._spill([item], "store unavailable")
            self._handed_over([(item, None)])
            return item
        derived = await self._derive(item)
        if not self._buffer:
            self._buffer_since = time.monotonic()
        self._buffer.append((item, derived))
        if len(self._buffer) >= self.batch_size:
            # Waiting here slows the crawl down to the store's pace.
            await maybe_deferred_to_future(self._flush())
        return item

    async def _derive(self, item: Any) -> Derived | None:
        """Terms, signature and compressed page, from a worker process (off
        the crawl's core). Without workers the writer computes them, and
        only for pages that changed."""
        if not self.pool.processes:
            return None
        adapter = ItemAdapter(item)
        try:
            return await self.pool.run(self.writer.derive, *self.writer.derive_args(adapter))
        except Exception as exc:  # the writer computes them instead
            self.stats.inc_value(PREFIX + "derive_failed")
            logger.debug("deriving %s in a worker failed: %s", adapter.get("url"), exc)
            return None

    def _flush_if_old(self) -> None:
        if self._buffer and time.monotonic() - self._buffer_since >= self.flush_seconds:
            self._flush()

    def _flush(self) -> defer.Deferred:
        batch, self._buffer = self._buffer, []
        if not batch:
            return self._lock.run(defer.succeed, None)  # waits for writes in flight
        d = self._lock.run(threads.deferToThread, self._write_batch, batch)
        d.addCallback(self._count)
        d.addErrback(self._unexpected, batch)
        d.addBoth(lambda _: self._handed_over(batch))
        return d

    def _handed_over(self, batch: list[tuple[Any, Derived | None]]) -> None:
        """The batch is in MongoDB or the spill file."""
        self.crawler.signals.send_catch_log(snapshots_signals.items_stored,
                                            items=[item for item, _ in batch])

    def _write_batch(self, batch: list[tuple[Any, Derived | None]]):
        """Runs in a thread: write, retrying while MongoDB is unreachable.

        While the store's circuit is open (snapshots.circuit) a batch goes
        to the spill file without a try, but for a probe now and then, which
        gets one attempt (one server-selection timeout)."""
        if not self.circuit.allow("batch", probe=True):
            return None, 0, batch, "store unreachable (circuit open)"
        items = [ItemAdapter(item) for item, _ in batch]
        derived = [ahead for _, ahead in batch]
        probing = self.circuit.is_open
        attempts = 1 if probing else 1 + self.retry_times
        delay = self.retry_backoff
        retries = 0
        for attempt in range(attempts):
            try:
                result = self.writer.write(items, derived)
            except ConnectionFailure as exc:
                error = exc
                # No more tries once a lookup has found the store down too.
                if attempt + 1 < attempts and not self.circuit.is_open:
                    retries += 1
                    time.sleep(delay)
                    delay *= 2
                    continue
                break
            if probing:
                logger.info("MongoDB at %s is reachable again", mask_uri(self.uri))
            self.circuit.succeeded()
            return result, retries, batch, None
        if not self.circuit.is_open:
            logger.warning("%s; spilling batches to %s until it is back",
                           unavailable_message(self.uri, error), self.spill.path)
        self.circuit.failed(error)
        return None, retries, batch, error

    def _count(self, outcome) -> None:
        result, retries, batch, error = outcome
        self.stats.inc_value(PREFIX + "batches")
        if retries:
            self.stats.inc_value(PREFIX + "retries", retries)
        if result is None:
            self._spill([item for item, _ in batch],
                        str(error).splitlines()[0] if str(error) else "unreachable")
            return
        for name, count in result.counts.items():
            if count:
                self.stats.inc_value(PREFIX + name, count)
        if result.failed:
            for _item, message in result.failed[:3]:
                logger.error("MongoDB refused an item: %s", message)
            self._spill([item for item, _ in result.failed], "refused")
            self.stats.inc_value(PREFIX + FAILED, len(result.failed))

    def _unexpected(self, failure, batch) -> None:
        logger.error("storing a batch failed: %s", failure.getErrorMessage(),
                     exc_info=(failure.type, failure.value, failure.getTracebackObject()))
        self._spill([item for item, _ in batch], "error")

    def _spill(self, items: list[Any], reason: str) -> None:
        items = [getattr(i, "item", i) for i in items]  # ItemAdapter -> item
        count = self.spill.append(items)
        self.stats.inc_value(PREFIX + "spilled", count)
        logger.debug("spilled %d items to %s (%s)", count, self.spill.path, reason)

    # -- close -------------------------------------------------------------

    async def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        if self.available:
            await maybe_deferred_to_future(self._flush())
        spilled = self.stats.get_value(PREFIX + "spilled", 0)
        if spilled:
            logger.warning("%d items could not be stored and are in %s: "
                           "run `python -m snapshots replay %s` once MongoDB is back",
                           spilled, self.spill.path, self.spill.path)

    async def spider_closed(self, spider, reason: str) -> None:
        """Record the run with its final stats, then let go of the client."""
        if self.client is None:
            return
        try:
            if self.run_id is not None and not self.circuit.allow("run", probe=True):
                logger.warning("could not record the end of this run: MongoDB at %s is unreachable",
                               mask_uri(self.uri))
            elif self.run_id is not None:
                stats = dict(self.stats.get_stats())
                stats.setdefault("finish_reason", reason)
                await maybe_deferred_to_future(threads.deferToThread(
                    runs.finish_run, self.writer.db, self.run_id, stats, reason))
        except PyMongoError as exc:
            logger.warning("could not record the end of this run: %s", unavailable_message(self.uri, exc))
        finally:
            if self.writer is not None:
                self.writer.close()
            self.client.close()
            self.client = None
