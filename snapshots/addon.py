"""The project's wiring, as one Scrapy add-on (``ADDONS``).

:class:`Snapshots` installs what a crawl of this project is made of, so that
no component has to look for another and no spider changes settings:

- the item pipelines: validation, and the MongoDB store when
  ``STORE_ENABLED`` (the one setting that says whether there is a store:
  the known-article lookup and the ``crawl`` command's start-up check read
  it too);
- the request fingerprinter (tracking parameters ignored);
- the spider and downloader middlewares and the extensions (accounting,
  Retry-After, workers, monitors, progress, stats file, known-article
  lookup);
- scrapy-playwright's download handler, only when the spider has a listing
  to render and the browser exists: any other crawl never starts the
  playwright driver;
- a ``DEPTH_LIMIT`` that fits ``MAX_LISTING_PAGES`` and ``RELATED_DEPTH``.

Components already named in a setting (``-s EXTENSIONS=...``) keep the order
given there, ``None`` included, so each one can still be moved or disabled.
"""

from __future__ import annotations

import logging
import os
import shutil

from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.misc import load_object

logger = logging.getLogger(__name__)

FINGERPRINTER = "snapshots.fingerprint.CanonicalRequestFingerprinter"
PIPELINES = {"pipelines.validate.ValidatePipeline": 200}
STORE_PIPELINES = {"pipelines.store.MongoStorePipeline": 500}
SPIDER_MIDDLEWARES = {
    # Every request is counted where it enters the crawl (snapshots/stats.py):
    # as the spider yields it, and as it reaches the engine.
    "snapshots.middlewares.PageAccounting": 990,
    "snapshots.middlewares.CallbackErrorMiddleware": 50,
    "snapshots.middlewares.RequestAccounting": 5,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's, counting what it filters (see snapshots.middlewares).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "snapshots.middlewares.OffsiteAccounting": 50,
    # Scrapy's, also honouring Retry-After (snapshots/retryafter.py).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "snapshots.retryafter.RetryAfterMiddleware": 550,
}
# In this order at the end of a crawl: the accounting, the monitors, the
# closing summary, the stats file (each sees what the ones before added).
EXTENSIONS = {
    "snapshots.extensions.GcFreeze": 0,
    "snapshots.processes.WorkerProcesses": 0,
    "snapshots.known.KnownLookup": 0,
    "snapshots.extensions.Accounting": 10,
    "snapshots.monitors.MonitorsExtension": 20,
    "snapshots.extensions.Progress": 30,
    "snapshots.extensions.ClosingSummary": 30,
    "snapshots.extensions.StatsJsonFile": 40,
}
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
PLAYWRIGHT_ABORT_REQUEST = "snapshots.rendering.abort_heavy_request"


class Snapshots:
    """Scrapy add-on: every component of a snapshots crawl."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> Snapshots:
        return cls(crawler)

    def update_settings(self, settings) -> None:
        settings.set("REQUEST_FINGERPRINTER_CLASS", FINGERPRINTER, priority="addon")
        pipelines = {**PIPELINES, **(STORE_PIPELINES if settings.getbool("STORE_ENABLED") else {})}
        for name, components in (("ITEM_PIPELINES", pipelines),
                                 ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
                                 ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
                                 ("EXTENSIONS", EXTENSIONS)):
            for path, order in components.items():
                settings.setdefault_in_component_priority_dict(name, load_object(path), order)
        self._fit_depth_limit(settings)
        listings = getattr(self.crawler.spider, "listings", ())
        rendered = sum(1 for _, listing in listings if listing.render)
        if rendered and browser_available(settings, rendered):
            install_playwright(settings)

    @staticmethod
    def _fit_depth_limit(settings) -> None:
        # Each listing page and related hop is one level deeper: the
        # backstop must not cut the walk the limits allow.
        needed = settings.getint("MAX_LISTING_PAGES") + settings.getint("RELATED_DEPTH") + 1
        if 0 < settings.getint("DEPTH_LIMIT") < needed:
            logger.info("DEPTH_LIMIT raised to %d to fit MAX_LISTING_PAGES and RELATED_DEPTH", needed)
            settings.set("DEPTH_LIMIT", needed, priority=settings.getpriority("DEPTH_LIMIT"))


def browser_available(settings, listings: int) -> bool:
    executable = settings.get("PLAYWRIGHT_EXECUTABLE_PATH")
    if executable and not (os.path.exists(executable) or shutil.which(executable)):
        logger.warning("No browser at %s (PLAYWRIGHT_EXECUTABLE_PATH): %d listing(s) that "
                       "need JavaScript will be skipped", executable, listings)
        return False
    return True


def install_playwright(settings) -> None:
    """scrapy-playwright's handler for http(s), headless Chromium; only the
    requests marked ``playwright`` use the browser."""
    args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root otherwise
    launch = {"headless": True, "args": args}
    if executable := settings.get("PLAYWRIGHT_EXECUTABLE_PATH"):
        launch["executable_path"] = executable
    handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": PLAYWRIGHT_HANDLER,
                "https": PLAYWRIGHT_HANDLER}
    # Merged with what was set, at no lower a priority than it was set with.
    for name, value in (("DOWNLOAD_HANDLERS", handlers),
                        ("PLAYWRIGHT_LAUNCH_OPTIONS",
                         {**launch, **settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")}),
                        ("PLAYWRIGHT_ABORT_REQUEST", PLAYWRIGHT_ABORT_REQUEST)):
        settings.set(name, value, priority=max(settings.getpriority(name) or 0,
                                               SETTINGS_PRIORITIES["addon"]))


def playwright_installed(settings) -> bool:
    """Whether this crawl renders pages (the add-on installed the handler)."""
    return settings.getdict("DOWNLOAD_HANDLERS").get("http") == PLAYWRIGHT_HANDLER
