"""Log lines that name a page instead of printing the whole item.

Scrapy's default formatter writes the item's repr, which here includes the
raw page: one dropped item would put 50 KB of bytes into the log.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy import logformatter


def _describe(item) -> str:
    try:
        adapter = ItemAdapter(item)
        return f"{adapter.get('url')} ({adapter.get('title') or 'no title'})"
    except TypeError:
        return repr(item)[:300]


class SnapshotsLogFormatter(logformatter.LogFormatter):
    def scraped(self, item, response, spider):
        entry = super().scraped(item, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        return entry

    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        if getattr(exception, "counted", False):
            # One line: the project's drop messages name the page already.
            entry["msg"] = "Dropped: %(exception)s"
        return entry

    def item_error(self, item, exception, response, spider):
        entry = super().item_error(item, exception, response, spider)
        entry["args"] = {**entry["args"], "item": _describe(item)}
        return entry


class _NetworkTracebacks(logging.Filter):
    """Drops the traceback from a log record whose exception is a network
    failure (connection refused, DNS, timeout, a browser's net::ERR_...):
    the message says it all, and a site that is down is not a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and _is_network_error(exc):
            record.exc_info = None
            record.exc_text = None
        return True


def _is_network_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    if module.startswith("twisted.internet.error") or "net::ERR_" in str(exc):
        return True
    return module.startswith("scrapy.exceptions") and type(exc).__name__.startswith("Download")


# Components that log a page's network failure with its traceback.
_NOISY_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy-playwright", "scrapy.core.scraper")


def quiet_network_tracebacks() -> None:
    for name in _NOISY_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, _NetworkTracebacks) for f in target.filters):
            target.addFilter(_NetworkTracebacks())
