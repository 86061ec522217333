"""The shared frontier's scheduler: scrapy-redis's, with runs and leases.

scrapy-redis 0.9.1 predates Scrapy 2.16; what this subclass adapts, and why:

- ``from_crawler``: scrapy-redis builds its dupefilter from settings alone,
  but fingerprints come from the crawler (``crawler.request_fingerprinter``).
- ``open``: joins the run (see ``run``) and builds the leasing queue, whose
  constructor takes the worker; scrapy-redis's takes none.
- ``close``: scrapy-redis clears the queue and fingerprints unless
  SCHEDULER_PERSIST; they belong to every worker, so this worker only
  returns its leases and leaves.
- ``enqueue_request``: start requests are pushed by the run's seeder only
  (scrapy-redis's spider mixin read them from a Redis list instead, through
  ``start_requests``, which Scrapy 2.16 removed).
- ``next_request``: pops into a lease, ends the finished ones.
- the idle handler keeps the spider open while the run is not over.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid

import redis
from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis import defaults
from scrapy_redis.connection import get_redis
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from snapshots import signals as snapshots_signals
from snapshots.frontier.dupefilter import ExpiringDupeFilter
from snapshots.frontier.leases import Leases
from snapshots.frontier.queue import LeasedPriorityQueue
from snapshots.frontier.run import FrontierKeys, RunMembership
from snapshots import stats as S
from snapshots.middlewares import START_META
from snapshots.store.connection import mask_uri

logger = logging.getLogger(__name__)

STATS = "frontier/"
# How often a worker looks at the shared queue when its own engine has
# nothing to do (other workers may have queued requests) and ends leases.
TICK_SECONDS = 0.1
# The heartbeat (and the look for dead workers) every this many ticks; a
# worker is declared dead after FRONTIER_LEASE_SECONDS.
HEARTBEAT_TICKS = 5
# Expired fingerprints are trimmed every this many ticks.
TRIM_TICKS = 600


class FrontierScheduler(Scheduler):
    def __init__(self, server, crawler, *, url: str, lease_seconds: float, **kwargs):
        super().__init__(server, persist=True, **kwargs)
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = url
        self.lease_seconds = lease_seconds
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.leases = Leases()
        self.run: RunMembership | None = None
        self.keys: FrontierKeys | None = None
        self._timer: task.LoopingCall | None = None
        self._engine = None  # from spider_opened on
        self._ticks = 0
        self._logged_skip = False

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = settings.get("FRONTIER_URL")
        params = {**defaults.REDIS_PARAMS, "socket_timeout": 10, "socket_connect_timeout": 5}
        server = get_redis(url=url, **params)
        scheduler = cls(server, crawler, url=url,
                        lease_seconds=settings.getfloat("FRONTIER_LEASE_SECONDS"))
        crawler.signals.connect(scheduler._spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(scheduler._spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(scheduler._item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(scheduler.leases.stored, signal=snapshots_signals.items_stored)
        return scheduler

    # -- open and close ----------------------------------------------------

    def open(self, spider):
        self.spider = spider
        self.keys = keys = FrontierKeys(spider.name)
        try:
            self.server.ping()
        except redis.RedisError as exc:
            # Closed from spider_opened: a CloseSpider raised here would
            # skip opening the pipelines, which then fail to close.
            logger.error("The frontier at %s cannot be reached: %s", mask_uri(self.url), exc)
            self.stats.set_value(STATS + "unavailable", 1)
            self.queue = _NoQueue()
            return
        self.queue = LeasedPriorityQueue(
            self.server, spider, keys.queue, leases_key=keys.leases(self.worker),
            idle_key=keys.idle, worker=self.worker, serializer=self.serializer)
        self.df = ExpiringDupeFilter.from_crawler(self.crawler, self.server, keys.dupefilter)
        self.run = RunMembership(self.server, keys, self.worker, self.lease_seconds)
        new_run = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        self._count_recovered(self.run.join(new_run))
        self.df.run_key = keys.run_dupefilter(self.run.run_id)
        self.df.trim()
        self.stats.set_value(STATS + "run", self.run.run_id)
        self.stats.set_value(STATS + "worker", self.worker)
        self.stats.set_value(STATS + "seeder", int(self.run.seeder))
        logger.info("Frontier %s: worker %s %s run %s (%d requests queued)", mask_uri(self.url),
                    self.worker, "seeds" if self.run.seeder else "joins", self.run.run_id,
                    len(self.queue))
        self._timer = task.LoopingCall(self._tick)
        self._timer.start(TICK_SECONDS, now=False)

    def _spider_opened(self, spider) -> None:
        if self.run is None:
            raise CloseSpider("frontier_unavailable")
        self._engine = self.crawler.engine
        # Leases wait for the store only when a pipeline says it stores in
        # batches (the store pipeline); otherwise an item is done when it
        # has left the pipelines.
        itemproc = self.crawler.engine.scraper.itemproc
        self.leases.wait_for_store = any(
            getattr(p, "sends_items_stored", False) for p in getattr(itemproc, "middlewares", ()))
        if self.leases.wait_for_store and self.crawler.settings.getfloat("MONGO_FLUSH_SECONDS") <= 0:
            # Nothing would flush a part batch until close, and close waits
            # for the leases: the run would never end.
            self.leases.wait_for_store = False
            logger.warning("MONGO_FLUSH_SECONDS is 0: leases end before their items are stored, "
                           "so a killed worker loses its unwritten batch; set it above 0")

    def close(self, reason):
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        if self.run is None:
            return
        try:
            self._end_leases()
            returned = self.run.leave()
        except redis.RedisError as exc:
            logger.warning("Could not leave the frontier cleanly (%s): its leases return "
                           "to the queue after FRONTIER_LEASE_SECONDS", exc)
            return
        if returned:
            self.stats.inc_value(STATS + "returned", returned)
            S.count_skip(self.stats, "frontier", returned)
            logger.info("Returned %d unfinished requests to the shared queue", returned)

    # -- requests ------------------------------------------------------------

    def enqueue_request(self, request):
        if self.run is None:  # unreachable: the spider is closing
            return False
        try:
            return self._enqueue(request)
        except redis.RedisError as exc:
            # Nowhere to keep it: a counted, logged drop (the next run finds
            # the page again, unless the store has it).
            S.count_drop(self.stats, "frontier_unavailable", url=request.url, detail=str(exc))
            request.meta[S.COUNTED_META] = True
            self.stats.inc_value(STATS + "redis_errors")
            return False

    # Page accounting (snapshots.stats) holds per worker: a request put in
    # the shared queue is an outcome here ("frontier" skip), one taken from
    # it enters here (FROM_FRONTIER). A start URL counts as requested by
    # the worker that takes it, so the start-URL monitor of each worker
    # judges the start URLs it fetched.

    def _enqueue(self, request) -> bool:
        start_url = bool(request.meta.get(START_META))
        if request.meta.pop("is_start_request", False) and not self.run.seeder:
            # This run's seeder pushed them.
            S.count_skip(self.stats, "frontier_seeded")
            request.meta[S.COUNTED_META] = True
            self.stats.inc_value(S.START_URLS_REQUESTED, -1)
            self.stats.inc_value(STATS + "start_requests/skipped")
            if not self._logged_skip:
                self._logged_skip = True
                logger.info("Joined run %s: its start requests were pushed by its seeder",
                            self.run.run_id)
            return False
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        S.count_skip(self.stats, "frontier")
        if start_url:
            self.stats.inc_value(S.START_URLS_REQUESTED, -1)
        return True

    def next_request(self):
        if self.run is None:
            return None
        try:
            self._end_leases()
            popped = self.queue.pop()
        except redis.RedisError as exc:
            self.stats.inc_value(STATS + "redis_errors")
            logger.warning("The frontier cannot be reached (%s): waiting for it", exc)
            return None
        if popped is None:
            return None
        request, member = popped
        self.leases.add(request, member)
        self.stats.inc_value("scheduler/dequeued/redis")
        self.stats.inc_value(S.FROM_FRONTIER)
        if request.meta.get(START_META):
            self.stats.inc_value(S.START_URLS_REQUESTED)
        return request

    def _end_leases(self) -> None:
        # Scrapy signals no "request finished"; the engine's slot holds each
        # request from its download until its callback's output (items
        # included) has been processed.
        slot = getattr(self._engine, "_slot", None)
        in_progress = slot.inprogress if slot is not None else ()
        self.queue.release(self.leases.finished(in_progress))

    def _item_scraped(self, item, response, spider) -> None:
        self.leases.item_passed(item, getattr(response, "request", None))

    # -- the run -------------------------------------------------------------

    def _tick(self) -> None:
        self._ticks += 1
        try:
            self._end_leases()
            if self._ticks % HEARTBEAT_TICKS == 0:
                if self.run.heartbeat():
                    logger.warning("This worker was given up as dead (no heartbeat for %ss): "
                                   "its leases were re-queued", self.lease_seconds)
                    self.stats.inc_value(STATS + "declared_dead")
                self._count_recovered(self.run.recover())
            if self._ticks % TRIM_TICKS == 0:
                self.df.trim()
        except redis.RedisError as exc:
            self.stats.inc_value(STATS + "redis_errors")
            logger.warning("Frontier tick failed: %s", exc)
            return
        # Wake the engine: an idle one asks the scheduler again only every
        # 5 s, and other workers may have queued requests since.
        slot = getattr(self._engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _count_recovered(self, recovered: tuple[int, int]) -> None:
        moved, dead = recovered
        if dead:
            self.stats.inc_value(STATS + "dead_workers", dead)
            logger.warning("Re-queued %d in-flight requests of %d dead worker(s)", moved, dead)
        if moved:
            self.stats.inc_value(STATS + "requeued", moved)

    def _spider_idle(self, spider) -> None:
        if self.run is None:
            return
        self._end_leases()
        try:
            over = self.run.idle()
        except redis.RedisError as exc:
            self.stats.inc_value(STATS + "redis_errors")
            logger.warning("Frontier idle check failed: %s", exc)
            over = False
        if not over:
            raise DontCloseSpider
        logger.info("Run %s is over: the shared queue is empty and no worker has requests "
                    "in flight", self.run.run_id)

    def has_pending_requests(self):
        try:
            return len(self.queue) > 0
        except redis.RedisError:
            return True  # unknown: keep the spider open until Redis answers


class _NoQueue:
    """The queue of a scheduler whose Redis could not be reached."""

    def __len__(self) -> int:
        return 0
