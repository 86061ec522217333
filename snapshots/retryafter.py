"""Honour ``Retry-After`` on 429 and 503: :class:`RetryAfterMiddleware`.

A site that answers "429 Too Many Requests, Retry-After: 2" asked the
crawler to wait: Scrapy's RetryMiddleware would retry at once (and the other
requests to the same site go on). Here the whole download slot of the site
pauses for the time asked, at most ``RETRY_AFTER_MAX_DELAY`` seconds, then
the retry goes as usual.

Stats: ``snapshots/retry_after/delayed`` (responses that asked),
``snapshots/retry_after/seconds`` (total pause), ``snapshots/retry_after/capped``
(asked for longer than the cap).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from time import monotonic

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import call_later

logger = logging.getLogger(__name__)

STATS = "snapshots/retry_after/"
STATUSES = (429, 503)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header value asks for (delta-seconds or an
    HTTP date); None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.max_delay = settings.getfloat("RETRY_AFTER_MAX_DELAY")
        self._paused_until: dict[str, float] = {}

    def process_response(self, request, response, spider=None):
        if (response.status in STATUSES and response.status in self.retry_http_codes
                and not request.meta.get("dont_retry")):
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked:
                self._pause(request, asked)
        return super().process_response(request, response)

    def _pause(self, request, asked: float) -> None:
        stats = self.crawler.stats
        wait = min(asked, self.max_delay)
        stats.inc_value(STATS + "delayed")
        stats.inc_value(STATS + "seconds", round(wait, 3))
        if asked > wait:
            stats.inc_value(STATS + "capped")
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return
        until = monotonic() + wait
        if self._paused_until.get(key, 0) >= until:
            return
        self._paused_until[key] = until
        logger.info("%s asked to wait %.0f s (Retry-After): pausing %s for %.1f s",
                    request.url, asked, key, wait)
        # The downloader processes no request of a slot while it has a
        # pending latercall: replace it with one at the end of the pause.
        if slot.latercall is not None:
            slot.latercall.cancel()
        slot.latercall = call_later(wait, downloader._latercall, slot)
