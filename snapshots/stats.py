"""Names of the crawl stats the project adds, and the helpers that count them.

Every page that does not end as a stored snapshot is counted with its
reason, so "where did article X go?" is answered by the stats alone:

- ``snapshots/dropped/<reason>``: a request or item given up (http_404,
  timeouterror, not_html, duplicate_url, no_title, short_body, ...)
- ``snapshots/skipped/<reason>``: a link deliberately not followed
  (known, older_than_since, max_articles)
"""

from __future__ import annotations

import re

from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

DROPPED = "snapshots/dropped/"
SKIPPED = "snapshots/skipped/"


def count_drop(stats: StatsCollector, reason: str, count: int = 1) -> None:
    if count:
        stats.inc_value(DROPPED + reason, count)
        stats.inc_value(DROPPED + "total", count)


def count_skip(stats: StatsCollector, reason: str, count: int = 1) -> None:
    if count:
        stats.inc_value(SKIPPED + reason, count)


def failure_reason(failure: Failure) -> str:
    """A short stat-friendly name for why a request failed."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    name = type(exc).__name__
    if name == "IgnoreRequest":
        text = str(exc).lower()
        return "robots_forbidden" if "robots" in text else "offsite" if "offsite" in text else "ignored"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
