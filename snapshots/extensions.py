"""Extensions: the crawl's accounting, its progress line and closing
summary, the final stats as a JSON file, a frozen GC heap."""

from __future__ import annotations

import gc
import json
import logging
import pprint
import time
from datetime import datetime
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from snapshots import redirects
from snapshots import stats as S
from snapshots.middlewares import START_META

logger = logging.getLogger(__name__)


class StatsJsonFile:
    """Writes the final crawl stats to ``STATS_JSON_FILE`` (if set), for
    scripts and tests that want them without parsing the log."""

    def __init__(self, path: str, stats) -> None:
        self.path = Path(path)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("STATS_JSON_FILE")
        if not path:
            raise NotConfigured
        ext = cls(path, crawler.stats)
        # Late enough to see the stats of every other component's close.
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason) -> None:
        stats = dict(self.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(stats, default=_jsonable, ensure_ascii=False, indent=1))


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


class GcFreeze:
    """Moves everything alive when the engine starts (modules, settings,
    profiles, the extractor's compiled rules) out of the garbage collector's
    reach: later collections then scan only what the crawl creates, which
    cut the crawl's GC time by half in the crawl benchmark."""

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GC_FREEZE"):
            raise NotConfigured
        ext = cls()
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        return ext

    def engine_started(self) -> None:
        gc.collect()
        gc.freeze()


class Accounting:
    """Counts the page outcomes no component counts itself, so that every
    page is accounted for (see :mod:`snapshots.stats`): requests refused by
    the duplicate filter, items dropped or failed in a pipeline without a
    reason, requests filtered by Scrapy's depth and URL-length limits, and
    what was still queued when a crawl stopped early. Also counts the start
    URLs that answered, the field coverage of stored items, and marks the
    run failed when the store was unavailable or no start URL answered."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.failing_reasons = set(crawler.settings.getlist("FAILED_FINISH_REASONS"))
        self.coverage_fields = crawler.settings.getdict("MONITOR_MIN_FIELD_COVERAGE")
        self._start_ok: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def request_dropped(self, request, spider) -> None:
        if request.meta.pop(S.COUNTED_META, False):
            return
        reason = redirects.duplicate_reason(request, self.crawler.request_fingerprinter)
        if reason == redirects.REDIRECT_LOOP:
            S.count_drop(self.stats, reason, url=request.meta["redirect_urls"][0])
        else:
            S.count_skip(self.stats, reason or "duplicate_request")

    def response_received(self, response, request, spider) -> None:
        if request.meta.get(START_META) and response.status < 400:
            self._start_ok.add(request.url)

    def item_scraped(self, item, response, spider) -> None:
        adapter = ItemAdapter(item)
        for name in self.coverage_fields:
            if adapter.get(name):
                self.stats.inc_value(S.COVERAGE + name)

    def item_dropped(self, item, response, exception, spider) -> None:
        if not getattr(exception, "counted", False):
            S.count_drop(self.stats, f"item_dropped/{type(exception).__name__}")

    def item_error(self, item, response, spider, failure) -> None:
        S.count_drop(self.stats, f"item_error/{failure.type.__name__}")

    def spider_closed(self, spider, reason) -> None:
        stats = self.stats
        filtered = stats.get_value(S.YIELDED, 0) - stats.get_value(S.REQUESTED, 0)
        S.count_skip(stats, "filtered", max(0, filtered))
        started = stats.get_value(S.START_URLS_REQUESTED, 0)
        failed = max(0, started - len(self._start_ok))
        stats.set_value(S.START_URLS_FAILED, failed)
        if started and failed == started and reason == "finished":
            S.fail_run(stats, "start_urls_unreachable")
        if reason in self.failing_reasons:
            S.fail_run(stats, str(reason))
        if reason != "finished":
            left = S.accounting(stats.get_stats())["unaccounted"]
            S.count_skip(stats, "crawl_stopped", max(0, left))
        numbers = S.accounting(stats.get_stats())
        stats.set_value(S.SEEN, numbers["seen"])
        stats.set_value(S.UNACCOUNTED, numbers["unaccounted"])


class Progress:
    """One INFO line every ``PROGRESS_INTERVAL`` seconds: pages fetched,
    articles stored, dropped, errors, rate and queue size. Replaces Scrapy's
    LogStats line (``LOGSTATS_INTERVAL = 0``)."""

    def __init__(self, stats, interval: float) -> None:
        self.stats = stats
        self.interval = interval
        self.task: task.LoopingCall | None = None
        self._last = (0.0, 0)

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler.stats, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        self._last = (time.monotonic(), 0)
        self.task = task.LoopingCall(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider, reason) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def line(self) -> str:
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        now = time.monotonic()
        then, before = self._last
        rate = (pages - before) / max(now - then, 1e-9)
        self._last = (now, pages)
        queue = get("scheduler/enqueued", 0) - get("scheduler/dequeued", 0)
        return (f"Progress: {pages} pages, {get(S.ITEMS_SCRAPED, 0)} articles, "
                f"{get(S.DROPPED_TOTAL, 0)} dropped, "
                f"{get(S.ERRORS, 0)} errors, {rate:.1f} pages/s, {queue} queued")

    def log(self) -> None:
        logger.info("%s", self.line())


class ClosingSummary:
    """The crawl's last lines: a short table of what it did (the numbers of
    :func:`snapshots.stats.accounting`), and the full stats at DEBUG
    (Scrapy's own dump is off: ``STATS_DUMP = False``)."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason) -> None:
        stats = dict(self.stats.get_stats())
        logger.info("%s", summary_table(stats, reason))
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("All stats:\n%s", pprint.pformat(stats))


def summary_table(stats: dict, reason: str) -> str:
    """The closing summary of a run's stats."""
    n = S.accounting(stats)
    start, end = stats.get("start_time"), stats.get("finish_time") or datetime.now(
        getattr(stats.get("start_time"), "tzinfo", None))
    elapsed = (end - start).total_seconds() if isinstance(start, datetime) else 0.0
    stored = n["stored"]
    status = "FAILED (" + ", ".join(n["failed"]) + ")" if n["failed"] else "ok"
    rows = [
        ("run", f"{status}, finish reason {reason}, {elapsed:.1f} s"),
        ("pages seen", f"{n['seen']} ({stats.get('response_received_count', 0)} fetched)"
         + ("" if not n["unaccounted"] else f", {n['unaccounted']} NOT ACCOUNTED FOR")),
        ("listings", str(n["listings"])),
        ("stored", f"{stored['new']} new, {stored['version']} new versions, "
                   f"{stored['unchanged']} unchanged" + (f", {n['spilled']} spilled" if n["spilled"] else "")
         if n["scraped"] is None else f"{n['scraped']} items (no store)"),
        ("dropped", f"{n['dropped_total']}" + (f": {S.format_counts(n['dropped'])}" if n["dropped"] else "")),
        ("skipped", f"{n['skipped_total']}" + (f": {S.format_counts(n['skipped'])}" if n["skipped"] else "")),
        ("errors", str(n["errors"])),
    ]
    passed, failed = stats.get(S.MONITORS_PASSED), stats.get(S.MONITORS_FAILED)
    if passed is not None or failed is not None:
        names = S.failed_monitors(stats)
        skipped = stats.get(S.MONITORS_SKIPPED)
        rows.append(("monitors", f"{passed or 0} passed, {failed or 0} failed"
                                 + (f", {skipped} skipped" if skipped else "")
                                 + (f": {', '.join(names)}" if names else "")))
    width = max(len(label) for label, _ in rows)
    return "Crawl summary:\n" + "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)
