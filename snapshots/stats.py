"""The crawl's accounting: every stat name the project adds, every drop and
skip reason, and the one identity they obey.

Every page the crawl saw ends as exactly one of:

- a listing page read (``snapshots/listing/pages``);
- an item stored: a new article, a new version or unchanged
  (``snapshots/store/articles/new``, ``versions/new``, ``unchanged``), or
  spilled to the spill file when MongoDB could not take it
  (``snapshots/store/spilled``); without the store pipeline, an item scraped;
- dropped with a reason (``snapshots/dropped/<reason>``): given up;
- skipped with a reason (``snapshots/skipped/<reason>``): not fetched on
  purpose.

"Seen" is counted where pages enter the crawl, independently of how they
end: every request the spider makes (:class:`snapshots.middlewares.
PageAccounting`) plus every link it decides about without a request (the
reasons below marked ``unrequested``). :func:`accounting` checks that the two
sides agree; the closing summary, the ``runs`` document, ``report`` and the
monitors all read their numbers from it.

Reasons not listed here (a component may count a new one) are page
outcomes logged at INFO.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scrapy.exceptions import DownloadCancelledError, DropItem
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

logger = logging.getLogger("snapshots.dropped")

DROPPED = "snapshots/dropped/"
SKIPPED = "snapshots/skipped/"
TOTAL = "total"
DROPPED_TOTAL = DROPPED + TOTAL
SKIPPED_TOTAL = SKIPPED + TOTAL

# Where pages enter: requests the spider yielded, those of them that reached
# the scheduler (Scrapy's depth and URL-length middlewares may filter some),
# and links decided about with no request.
YIELDED = "snapshots/pages/yielded"
REQUESTED = "snapshots/pages/requested"
UNREQUESTED = "snapshots/pages/unrequested"
# Requests this worker took from the shared frontier's queue
# (snapshots/frontier/), whichever worker found them: with FRONTIER_URL,
# pages also enter a worker there.
FROM_FRONTIER = "snapshots/pages/from_frontier"
SEEN = "snapshots/pages/seen"
# Meta key of a request whose refusal by the scheduler is counted already
# (the request_dropped signal would count it again as a duplicate).
COUNTED_META = "snapshots_counted"
UNACCOUNTED = "snapshots/pages/unaccounted"

LISTING_PAGES = "snapshots/listing/pages"
STORE = "snapshots/store/"
STORE_ITEMS = STORE + "items"
STORED_NEW = STORE + "articles/new"
STORED_VERSION = STORE + "versions/new"
STORED_UNCHANGED = STORE + "unchanged"
SPILLED = STORE + "spilled"
ITEMS_SCRAPED = "item_scraped_count"
# Pages whose declared charset (UTF-8) their bytes proved false; decoded as
# what they are, and kept (snapshots.extract.encoding).
ENCODING_FALSE_DECLARATION = "snapshots/encoding/false_declaration"
# Items kept with a value not believed or cut: the page time (by why), a
# field (snapshots.page's DROPPED_VALUES).
PUBLISHED_AT_REJECTED = "snapshots/published_at/rejected/"
FIELDS_DROPPED = "snapshots/fields/"
# Twins fetched by their rel=canonical URL instead.
CANONICAL_FOLLOWED = "snapshots/canonical_followed"
ERRORS = "log_count/ERROR"

# Why a run failed; any of these makes ``scrapy crawl`` exit non-zero.
FAILED = "snapshots/failed/"
MONITORS = "snapshots/monitors/"
MONITORS_PASSED = MONITORS + "passed"
MONITORS_FAILED = MONITORS + "failed"
MONITORS_SKIPPED = MONITORS + "skipped"
# Stored articles with each field, for the coverage monitor.
COVERAGE = "snapshots/coverage/"
START_URLS = "snapshots/start_urls/"
START_URLS_REQUESTED = START_URLS + "requested"
START_URLS_FAILED = START_URLS + "failed"


@dataclass(frozen=True)
class Reason:
    """A drop or skip reason: what it means and how it is logged."""

    name: str
    meaning: str
    level: int = logging.INFO
    # Decided about a link, so no request was made.
    unrequested: bool = False
    # Some other component logs it once already (Scrapy's retry middleware,
    # robots.txt middleware, the callback-error middleware).
    logged_elsewhere: bool = False


_DROPS = [
    # Names ending in "_" or "/" are families (http_404, callback_error/KeyError).
    Reason("http_", "HTTP error status after retries"),
    Reason("robots_forbidden", "forbidden by robots.txt", logging.DEBUG, logged_elsewhere=True),
    Reason("offsite", "outside the crawl's domains", logging.DEBUG),
    Reason("redirect_offsite", "redirected outside the crawl's domains"),
    Reason("redirect_loop", "redirected back to a page of its own redirect chain", logging.WARNING),
    Reason("too_many_redirects", "more redirects than REDIRECT_MAX_TIMES", logging.WARNING),
    Reason("too_large", "larger than DOWNLOAD_MAXSIZE on the wire or inflated (a gzip bomb)",
           logging.WARNING, logged_elsewhere=True),
    Reason("ignored", "ignored by a downloader middleware", logging.DEBUG),
    Reason("not_html", "a PDF, an image, a binary body"),
    Reason("duplicate_url", "a mobile or aliased twin; its rel=canonical page is kept", logging.DEBUG),
    Reason("no_title", "no article on the page (no headline)"),
    Reason("short_body", "no article on the page (almost no text)"),
    Reason("no_browser", "a JavaScript listing with no browser", logging.WARNING,
           unrequested=True, logged_elsewhere=True),
    Reason("extract_timeout", "extraction ran past WORKER_TIMEOUT", logging.WARNING),
    Reason("frontier_unavailable", "the shared frontier's Redis could not take the request",
           logging.WARNING),
    Reason("callback_error/", "a bug in a callback; logged with its traceback", logging.ERROR,
           logged_elsewhere=True),
    Reason("item_error/", "a pipeline raised; logged with its traceback", logging.ERROR,
           logged_elsewhere=True),
    Reason("item_dropped/", "dropped by a pipeline with no reason of its own"),
]
_SKIPS = [
    Reason("known", "stored less than RESNAPSHOT_INTERVAL_HOURS ago", logging.DEBUG, unrequested=True),
    Reason("older_than_since", "listed as older than the since window", logging.DEBUG, unrequested=True),
    Reason("max_articles", "over MAX_ARTICLES", logging.DEBUG, unrequested=True),
    Reason("duplicate_request", "requested twice in this crawl (Scrapy's duplicate filter)", logging.DEBUG),
    Reason("duplicate_link", "a link to a page this crawl requested already: no request made",
           logging.DEBUG, unrequested=True),
    Reason("redirect_duplicate", "redirected to a page the crawl requested already", logging.DEBUG),
    Reason("filtered", "filtered by Scrapy's depth or URL-length limits", logging.DEBUG),
    Reason("crawl_stopped", "still queued or in flight when the crawl stopped early", logging.DEBUG),
    Reason("frontier", "put in the shared frontier's queue, for whichever worker takes it", logging.DEBUG),
    Reason("frontier_seeded", "a start URL this run's seeding worker has queued", logging.DEBUG),
]
DROP_REASONS = {r.name: r for r in _DROPS}
SKIP_REASONS = {r.name: r for r in _SKIPS}


def _lookup(table: Mapping[str, Reason], name: str) -> Reason:
    found = table.get(name)
    if found is not None:
        return found
    for family, entry in table.items():
        if family[-1] in "_/" and name.startswith(family):
            return entry
    return Reason(name, "")


def drop_reason(name: str) -> Reason:
    return _lookup(DROP_REASONS, name)


def skip_reason(name: str) -> Reason:
    return _lookup(SKIP_REASONS, name)


def count_drop(stats: StatsCollector, reason: str, count: int = 1, *,
               url: str | None = None, detail: str | None = None) -> None:
    """Count ``count`` pages dropped for ``reason``; with ``url``, log the
    drop in one line at the reason's level (unless another component logs
    it already)."""
    if not count:
        return
    stats.inc_value(DROPPED + reason, count)
    stats.inc_value(DROPPED_TOTAL, count)
    entry = drop_reason(reason)
    if entry.unrequested:
        stats.inc_value(UNREQUESTED, count)
    if url is not None and not entry.logged_elsewhere:
        logger.log(entry.level, "Dropped %s (%s)%s", url, reason, f": {detail}" if detail else "")


def count_failure(stats: StatsCollector, failure: Failure, max_retries: int) -> str:
    """Count a request that failed (an errback's failure) as dropped, and
    log it once: Scrapy's retry middleware has already logged a request
    whose retries ran out ("Gave up retrying", at ERROR)."""
    reason = failure_reason(failure)
    request = getattr(failure, "request", None)
    url = getattr(request, "url", "?")
    meta = getattr(request, "meta", {})
    if meta.get("retry_times", 0) >= meta.get("max_retry_times", max_retries) > 0:
        count_drop(stats, reason)
    else:
        count_drop(stats, reason, url=url, detail=failure.getErrorMessage().split("\n")[0] or None)
    return reason


def count_skip(stats: StatsCollector, reason: str, count: int = 1) -> None:
    """Count ``count`` links or requests not followed on purpose."""
    if not count:
        return
    stats.inc_value(SKIPPED + reason, count)
    stats.inc_value(SKIPPED_TOTAL, count)
    if skip_reason(reason).unrequested:
        stats.inc_value(UNREQUESTED, count)


def fail_run(stats: StatsCollector, reason: str) -> None:
    """Mark the run failed: ``scrapy crawl`` exits non-zero, the ``runs``
    document says "failed"."""
    stats.set_value(FAILED + reason, 1)


def failures(stats: Mapping[str, Any]) -> list[str]:
    """Why the run failed (empty: it did not)."""
    return sorted(name[len(FAILED):] for name, value in stats.items()
                  if name.startswith(FAILED) and value)


def failure_reason(failure: Failure) -> str:
    """A short stat-friendly name for why a request failed."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    name = type(exc).__name__
    if type(exc).__module__.startswith("playwright"):
        error = re.search(r"net::ERR_([A-Z_]+)", str(exc))
        return "browser_" + (error.group(1).lower() if error else "error")
    if isinstance(exc, DownloadCancelledError) and "max size" in str(exc):
        return "too_large"  # Content-Length or bytes received over DOWNLOAD_MAXSIZE
    if name == "IgnoreRequest":
        text = str(exc).lower()
        if "download_maxsize" in text:  # inflated past it (HttpCompressionMiddleware)
            return "too_large"
        if "max redirections" in text:
            request = getattr(failure, "request", None)
            urls = [*request.meta.get("redirect_urls", []), request.url] if request is not None else []
            return "redirect_loop" if len(set(urls)) < len(urls) else "too_many_redirects"
        return "robots_forbidden" if "robots" in text else "offsite" if "offsite" in text else "ignored"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _family(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {name[len(prefix):]: int(value) for name, value in sorted(stats.items())
            if name.startswith(prefix) and name != prefix + TOTAL and isinstance(value, int)}


def accounting(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The run's numbers, the same wherever they are shown.

    ``seen`` is counted where pages enter the crawl; ``accounted`` is the sum
    of the outcomes; ``unaccounted`` is their difference and is 0 when every
    page is accounted for (a negative number: a page counted twice).
    """
    dropped = _family(stats, DROPPED)
    skipped = _family(stats, SKIPPED)
    stored = {"new": int(stats.get(STORED_NEW, 0)), "version": int(stats.get(STORED_VERSION, 0)),
              "unchanged": int(stats.get(STORED_UNCHANGED, 0))}
    spilled = int(stats.get(SPILLED, 0))
    listings = int(stats.get(LISTING_PAGES, 0))
    scraped = int(stats.get(ITEMS_SCRAPED, 0))
    # Without the store pipeline an item that got through is its own outcome.
    store_on = STORE_ITEMS in stats
    kept = sum(stored.values()) + spilled if store_on else scraped
    seen = int(stats.get(YIELDED, 0)) + int(stats.get(UNREQUESTED, 0)) + int(stats.get(FROM_FRONTIER, 0))
    accounted = listings + kept + sum(dropped.values()) + sum(skipped.values())
    return {
        "seen": seen,
        "listings": listings,
        "stored": stored,
        "spilled": spilled,
        "scraped": scraped if not store_on else None,
        "dropped": dropped,
        "dropped_total": sum(dropped.values()),
        "skipped": skipped,
        "skipped_total": sum(skipped.values()),
        "accounted": accounted,
        "unaccounted": seen - accounted,
        "errors": int(stats.get(ERRORS, 0)),
        "failed": failures(stats),
    }


def format_counts(counts: Mapping[str, int]) -> str:
    """``duplicate_url 20, short_body 3``: largest first."""
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def failed_monitors(stats: Mapping[str, Any]) -> list[str]:
    """Names of the monitors that failed."""
    prefix = MONITORS_FAILED + "/"
    return sorted(name[len(prefix):] for name in stats if name.startswith(prefix))


def drop_item(stats: StatsCollector, reason: str, url: str | None, detail: str) -> DropItem:
    """Count an item dropped by a pipeline and return the ``DropItem`` to
    raise: Scrapy logs it once, at the reason's level."""
    count_drop(stats, reason)
    exc = DropItem(f"{reason}: {detail} ({url})", log_level=logging.getLevelName(drop_reason(reason).level))
    exc.counted = True
    return exc
