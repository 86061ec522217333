"""Spider middleware that keeps one bad page from crashing the crawl."""

from __future__ import annotations

import logging

from snapshots.stats import count_drop

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
