"""Spider middlewares: one bad page does not crash the crawl; every request
is counted where it enters the crawl. The offsite middleware counts what it
filters."""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from snapshots.redirects import REDIRECT_OFFSITE, is_redirect
from snapshots.stats import REQUESTED, START_URLS_REQUESTED, YIELDED, count_drop

# Marks a start request (the start-URL monitor's input).
START_META = "snapshots_start_url"

logger = logging.getLogger(__name__)


class CallbackErrorMiddleware:
    """Counts and logs an exception raised by a callback, then moves on.

    Scrapy would log it too; this also counts it as
    ``snapshots/dropped/callback_error/<ExceptionName>`` so the page is
    accounted for in the stats.
    """

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def __init__(self, stats) -> None:
        self.stats = stats

    def process_spider_exception(self, response, exception):
        count_drop(self.stats, f"callback_error/{type(exception).__name__}")
        logger.error("Callback failed on %s: %r", response.url, exception,
                     exc_info=(type(exception), exception, exception.__traceback__))
        return []


class PageAccounting:
    """Counts the requests the spider makes, where pages enter the crawl
    (see :mod:`snapshots.stats`). Installed twice: next to the spider
    (``snapshots/pages/yielded``) and next to the engine
    (``snapshots/pages/requested``); the difference is what Scrapy's depth
    and URL-length middlewares filtered. Start requests are also marked, so
    that the start-URL monitor knows which listings were the crawl's
    starting points."""

    stat = YIELDED

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    async def process_start(self, start):
        async for request_or_item in start:
            if isinstance(request_or_item, Request):
                self.stats.inc_value(self.stat)
                if self.stat == YIELDED:
                    request_or_item.meta.setdefault(START_META, True)
                    self.stats.inc_value(START_URLS_REQUESTED)
            yield request_or_item

    def process_spider_output(self, response, result):
        for request_or_item in result:
            if isinstance(request_or_item, Request):
                self.stats.inc_value(self.stat)
            yield request_or_item

    async def process_spider_output_async(self, response, result):
        async for request_or_item in result:
            if isinstance(request_or_item, Request):
                self.stats.inc_value(self.stat)
            yield request_or_item


class RequestAccounting(PageAccounting):
    """:class:`PageAccounting` next to the engine."""

    stat = REQUESTED


class OffsiteAccounting(OffsiteMiddleware):
    """Scrapy's offsite middleware, counting each request it filters as
    ``snapshots/dropped/offsite`` (``redirect_offsite``). It filters as requests are scheduled,
    where no errback runs, so the page would otherwise go unaccounted."""

    def request_scheduled(self, request, spider) -> None:
        try:
            super().request_scheduled(request, spider)
        except IgnoreRequest:
            # A redirect's target has its own reason (snapshots.redirects).
            reason = REDIRECT_OFFSITE if is_redirect(request) else "offsite"
            count_drop(self.crawler.stats, reason, url=request.url)
            raise
