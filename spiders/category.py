"""The category walk: listings page by page, articles, related articles.

``CategorySpider`` crawls one category (``tech``, ``finance`` ...) on every
configured site profile that has it, or on the listing URLs given with
``-a start_url=URL[,URL...]`` using the generic link rules. Spider
arguments::

    -a category=tech       the category slug (CategorySpider only)
    -a sites=demo,ithome   profiles to crawl (default: SITES, else enabled ones)
    -a start_url=URL,...   listing URLs to crawl without a profile
    -a render=1            render the start_url listings in a browser
    -a wait_for=CSS        ... and wait for this selector
    -a since=2025-03-01    skip listing entries older than this date
    -a _job=ID             set by scrapyd; recorded in the crawl run

Every request that does not end in an item is counted in the crawl stats
under ``snapshots/dropped/<reason>`` or ``snapshots/skipped/<reason>``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.python.failure import Failure

from snapshots.domains import allowed_domains, on_domains, site_of
from snapshots.links import (ListingLink, date_from_url, find_article_links, find_next_page,
                             url_looks_like_article)
from snapshots.page import DROPPED_VALUES, REJECTED_TIME, SiteContext, article_item
from snapshots.processes import WorkerProcesses, WorkerTimeout
from snapshots.sites import Listing, ProfileError, SiteProfile, load_profiles, select_profiles
from snapshots.extract.encoding import FALSE_ENCODING
from snapshots.stats import ENCODING_FALSE_DECLARATION, count_drop, count_failure, count_skip

logger = logging.getLogger(__name__)

PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Listing pages go before articles: the next page is what finds more work,
# and a walk that waits for it leaves the downloader idle. Larger than any
# depth DEPTH_PRIORITY subtracts.
LISTING_PRIORITY = 1000


class CategorySpider(scrapy.Spider):
    name = "category"
    category: str | None = None  # subclasses fix it; else -a category=

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._configure(crawler)
        crawler.signals.connect(spider._on_dropped, signals.request_dropped)
        crawler.signals.connect(spider._on_opened, signals.spider_opened)
        return spider

    # -- configuration --------------------------------------------------

    def _configure(self, crawler) -> None:
        settings = crawler.settings
        if not self.category:
            raise ValueError("no category: use -a category=SLUG (e.g. tech)")
        self.job_id = getattr(self, "_job", None) or os.environ.get("SCRAPY_JOB")
        self.max_listing_pages = settings.getint("MAX_LISTING_PAGES")
        self.related_depth = settings.getint("RELATED_DEPTH")
        self.max_articles = settings.getint("MAX_ARTICLES")
        self.since = self._since(settings)
        self.resnapshot_after = timedelta(hours=settings.getfloat("RESNAPSHOT_INTERVAL_HOURS"))
        self.stop_at_known = settings.getbool("STOP_AT_KNOWN_LISTING_PAGE")
        self.render_timeout = settings.getint("RENDER_WAIT_TIMEOUT_MS")
        needed = self.max_listing_pages + self.related_depth + 1
        if 0 < settings.getint("DEPTH_LIMIT") < needed:
            # Each listing page and related hop is one level deeper: the
            # backstop must not cut the walk the limits above allow.
            logger.info("DEPTH_LIMIT raised to %d to fit MAX_LISTING_PAGES and RELATED_DEPTH", needed)
            settings.set("DEPTH_LIMIT", needed, priority="spider")
        self.article_requests = 0
        # One bound method each: Scrapy caches per-callback checks by the
        # callable, and a fresh bound method per request misses that cache.
        self._on_listing, self._on_article, self._on_error = (
            self.parse_listing, self.parse_article, self.on_error)
        self._extractors: dict[str, LinkExtractor] = {}
        self._contexts: dict[str | None, SiteContext] = {}
        self.profiles: dict[str, SiteProfile] = {}
        self.listings: list[tuple[SiteProfile | None, Listing]] = []

        start_urls = [u.strip() for u in (getattr(self, "start_url", "") or "").split(",") if u.strip()]
        if start_urls:
            render = str(getattr(self, "render", "")).lower() in ("1", "true", "yes")
            wait_for = getattr(self, "wait_for", None)
            self.listings = [(None, Listing(u, render, wait_for)) for u in start_urls]
            # Each listing's whole site: its articles may be on sibling hosts.
            self.allowed_domains = allowed_domains(start_urls)
        else:
            wanted = (getattr(self, "sites", None) or ",".join(settings.getlist("SITES"))).split(",")
            profiles = select_profiles(
                load_profiles(settings.get("SITE_PROFILES_DIR")),
                wanted, settings.getdict("SITE_BASE_URLS"), settings.get)
            for profile in profiles:
                if self.category in profile.categories:
                    self.profiles[profile.name] = profile
                    self.listings += [(profile, lst) for lst in profile.listing_urls(self.category)]
            self.allowed_domains = sorted({d for p in self.profiles.values() for d in p.allowed_domains})
        if not self.listings:
            raise ProfileError(f"no site has a '{self.category}' category: add a profile "
                               "or pass -a start_url=URL")
        self.browser = self._configure_browser(settings)
        self.known = self._known_articles(crawler)
        # In-process until spider_opened hands over the crawl's worker processes.
        self.workers = WorkerProcesses(0, timeout=0)
        self._known_failed_logged = False

    def _since(self, settings) -> date | None:
        arg = getattr(self, "since", None)
        if isinstance(arg, str) and arg:
            try:
                return date.fromisoformat(arg)
            except ValueError:
                raise ValueError(f"-a since={arg!r}: expected a date such as 2025-03-01") from None
        days = settings.getfloat("SINCE_DAYS")
        return (datetime.now(timezone.utc) - timedelta(days=days)).date() if days else None

    def _configure_browser(self, settings) -> bool:
        """Install scrapy-playwright only when a listing needs a browser, so
        a crawl without one never starts the playwright driver."""
        if not any(lst.render for _, lst in self.listings):
            return False
        executable = settings.get("PLAYWRIGHT_EXECUTABLE_PATH")
        if executable and not (os.path.exists(executable) or shutil.which(executable)):
            logger.warning("No browser at %s (PLAYWRIGHT_EXECUTABLE_PATH): %d listing(s) that "
                           "need JavaScript will be skipped", executable,
                           sum(lst.render for _, lst in self.listings))
            return False
        args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root otherwise
        launch = {"headless": True, "args": args}
        if executable:
            launch["executable_path"] = executable
        handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
        handlers.update({"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER})
        settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS",
                     {**launch, **settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")}, priority="spider")
        settings.set("PLAYWRIGHT_ABORT_REQUEST", "snapshots.rendering.abort_heavy_request",
                     priority="spider")
        return True

    def _known_articles(self, crawler):
        """The store's view of already-stored articles, when the store is on."""
        pipelines = crawler.settings.getdict("ITEM_PIPELINES")
        if not any(path.endswith("MongoStorePipeline") for path, order in pipelines.items()
                   if order is not None):
            return None
        from snapshots.store.known import KnownArticles

        return KnownArticles.from_crawler(crawler)

    def _on_opened(self) -> None:
        self.workers = WorkerProcesses.of(self.crawler)
        self.workers.preload(article_item)

    def _site_context(self, profile: SiteProfile | None) -> SiteContext:
        name = profile.name if profile else None
        context = self._contexts.get(name)
        if context is None:
            context = self._contexts[name] = SiteContext.from_settings(
                self.crawler.settings, profile, self.category)
        return context

    # -- request accounting --------------------------------------------

    def _on_dropped(self, request, spider) -> None:
        if request.meta.get("kind") == "article":
            self.article_requests -= 1

    def _may_request_article(self) -> bool:
        return not self.max_articles or self.article_requests < self.max_articles

    # -- the walk -------------------------------------------------------

    async def start(self):
        for profile, listing in self.listings:
            request = self._listing_request(listing.url, profile, listing, page_no=1)
            if request is not None:
                yield request

    def _listing_request(self, url: str, profile: SiteProfile | None, listing: Listing,
                         page_no: int) -> Request | None:
        meta = {"kind": "listing", "site": profile.name if profile else None,
                "page_no": page_no, "listing": listing}
        if listing.render:
            if not self.browser:
                count_drop(self.crawler.stats, "no_browser")
                return None
            from scrapy_playwright.page import PageMethod

            meta["playwright"] = True
            if listing.wait_for:
                meta["playwright_page_methods"] = [
                    PageMethod("wait_for_selector", listing.wait_for, timeout=self.render_timeout)]
        return Request(url, callback=self._on_listing, errback=self._on_error, meta=meta,
                       dont_filter=page_no == 1, priority=LISTING_PRIORITY)

    def _profile_for(self, response: Response) -> SiteProfile | None:
        name = response.meta.get("site")
        if name:
            return self.profiles.get(name)
        host = urlsplit(response.url).hostname or ""
        for profile in self.profiles.values():
            if on_domains(host, profile.allowed_domains):
                return profile
        return None

    def parse_listing(self, response: Response):
        """A listing page: request its articles, then the next page.

        @site_url /tech/
        @returns requests 20
        """
        if not isinstance(response, TextResponse):
            count_drop(self.crawler.stats, "not_html", url=response.url)
            return
        stats = self.crawler.stats
        stats.inc_value("snapshots/listing/pages")
        profile = self._profile_for(response)
        page_no = response.meta.get("page_no", 1)
        listing = response.meta.get("listing") or Listing(response.url)
        tree = response.selector.root
        if profile is not None and profile.article_url_pattern is not None:
            links = [ListingLink(link.url, link.text, date_from_url(link.url))
                     for link in self._link_extractor(profile).extract_links(response)]
        else:
            links = find_article_links(tree, response.url,
                                       deny=profile.deny_url_pattern if profile else None,
                                       domains=profile.allowed_domains if profile else ())
        if not links:
            stats.inc_value("snapshots/listing/empty")
            logger.warning("No article links found on listing %s", response.url)
        stats.inc_value("snapshots/listing/links", len(links))

        fresh = [link for link in links if not (self.since and link.date and link.date < self.since)]
        count_skip(stats, "older_than_since", len(links) - len(fresh))
        known = self._known_fresh([link.url for link in fresh])
        count_skip(stats, "known", len(known))
        for link in fresh:
            if link.url in known:
                continue
            if not self._may_request_article():
                count_skip(stats, "max_articles")
                continue
            yield self._article_request(link.url, profile, related_depth=0)

        if links and len(fresh) < len(links) and all(link.date is None for link in fresh):
            # Every dated entry is older than the window: older pages are too.
            stats.inc_value("snapshots/listing/stopped_since")
            return
        if links and known and len(known) == len(fresh) and self.stop_at_known:
            stats.inc_value("snapshots/listing/stopped_known")
            return
        max_pages = profile.limits.get("max_listing_pages", self.max_listing_pages) if profile else self.max_listing_pages
        if page_no >= max_pages:
            stats.inc_value("snapshots/listing/stopped_max_pages")
            return
        next_url = find_next_page(tree, response.url, page_no,
                                  selector=profile.next_page_selector if profile else None,
                                  domains=profile.allowed_domains if profile else ())
        if next_url:
            request = self._listing_request(next_url, profile, listing, page_no + 1)
            if request is not None:
                yield request

    def _known_fresh(self, urls: list[str]) -> set[str]:
        """Those of ``urls`` stored recently enough not to fetch again. When
        the store cannot answer, nothing is known: fetching a page twice is
        better than missing it (the store deduplicates)."""
        if self.known is None or not urls:
            return set()
        try:
            return self.known.fresh(urls, self.resnapshot_after)
        except Exception as exc:  # pymongo's errors, whatever the outage looks like
            self.crawler.stats.inc_value("snapshots/known_lookup_failed")
            if not self._known_failed_logged:
                self._known_failed_logged = True
                logger.warning("Cannot ask the store which articles are known (%s): fetching them all", exc)
            return set()

    def _link_extractor(self, profile: SiteProfile) -> LinkExtractor:
        """Scrapy's LinkExtractor with the profile's article URL rules."""
        extractor = self._extractors.get(profile.name)
        if extractor is None:
            extractor = self._extractors[profile.name] = LinkExtractor(
                allow=profile.article_url_pattern.pattern,
                deny=profile.deny_url_pattern.pattern if profile.deny_url_pattern else (),
                # Not allow_domains: it compares host:port, which fails for
                # sites on a port; the offsite middleware filters by host.
                canonicalize=False, unique=True)
        return extractor

    def _article_request(self, url: str, profile: SiteProfile | None, related_depth: int) -> Request:
        # Counted when made; the duplicate filter's drops are given back
        # (request_dropped), so MAX_ARTICLES counts distinct pages.
        self.article_requests += 1
        return Request(url, callback=self._on_article, errback=self._on_error,
                       meta={"kind": "article", "site": profile.name if profile else None,
                             "related_depth": related_depth})

    async def parse_article(self, response: Response):
        """An article page: one item, then its related articles.

        @site_url /tech/sample.html
        @returns items 1 1
        @scrapes url title body site category fetched_at
        """
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            count_drop(stats, "not_html", url=response.url)
            return
        profile = self._profile_for(response)
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        header_charset = re.search(r"charset=([\w-]+)", content_type, re.I)
        try:
            # In a worker process, beside the crawl (snapshots.processes).
            item = await self.workers.run(
                article_item, response.body, response.url, datetime.now(timezone.utc),
                self._site_context(profile),
                header_encoding=header_charset.group(1) if header_charset else None,
                status=response.status)
        except ValueError:  # not HTML after all (a binary body served as text/html)
            count_drop(stats, "not_html", url=response.url)
            return
        except WorkerTimeout as exc:
            count_drop(stats, "extract_timeout", url=response.url, detail=str(exc))
            return
        canonical = self._other_canonical(response, item.canonical_url)
        if canonical is not None and not response.meta.get("via_canonical"):
            # A mobile or otherwise aliased twin: the page it names is the one
            # kept, fetched now unless the crawl has it already.
            count_drop(stats, "duplicate_url", url=response.url, detail=f"canonical {canonical}")
            if not self._seen(canonical):
                stats.inc_value("snapshots/canonical_followed")
                request = self._article_request(canonical, profile, response.meta.get("related_depth", 0))
                request.meta["via_canonical"] = True
                yield request.replace(dont_filter=True)  # _seen() just marked it
            return
        if FALSE_ENCODING in item.extras:
            stats.inc_value(ENCODING_FALSE_DECLARATION)
            logger.info("%s declares %s but is %s", response.url,
                        item.extras[FALSE_ENCODING], item.encoding)

        rejected = item.extras.get(REJECTED_TIME)
        if rejected:
            stats.inc_value(f"snapshots/published_at/rejected/{rejected}")
        for reason in item.extras.get(DROPPED_VALUES, ()):
            stats.inc_value(f"snapshots/fields/{reason}")
        if self.job_id:
            item.extras["job"] = self.job_id
        yield item

        depth = response.meta.get("related_depth", 0) + 1
        if depth > (profile.limits.get("related_depth", self.related_depth) if profile else self.related_depth):
            return
        urls = [r["url"] for r in item.related if self._follows_related(r["url"], profile)]
        known = self._known_fresh(urls)
        count_skip(stats, "known", len(known))
        for url in urls:
            if url in known:
                continue
            if not self._may_request_article():
                count_skip(stats, "max_articles")
                continue
            yield self._article_request(url, profile, related_depth=depth)

    def _follows_related(self, url: str, profile: SiteProfile | None) -> bool:
        if profile is not None:
            if profile.deny_url_pattern and profile.deny_url_pattern.search(url):
                return False
            if profile.article_url_pattern:
                return bool(profile.article_url_pattern.search(url))
        return url_looks_like_article(url) >= 0.3

    def _other_canonical(self, response: Response, canonical: str | None) -> str | None:
        """The page's same-site rel=canonical when it names another page."""
        if not canonical or site_of(canonical) != site_of(response.url):
            return None  # only a same-site canonical is trusted (m.x.com may name www.x.com)
        fingerprinter = self.crawler.request_fingerprinter
        if fingerprinter.fingerprint(Request(canonical)) == fingerprinter.fingerprint(response.request):
            return None
        return canonical

    def _seen(self, url: str) -> bool:
        """Whether Scrapy's duplicate filter has seen ``url``; marks it seen."""
        dupefilter = getattr(self.crawler.engine.scheduler, "df", None) if self.crawler.engine else None
        return dupefilter.request_seen(Request(url)) if dupefilter is not None else False

    # -- errors ---------------------------------------------------------

    def on_error(self, failure: Failure):
        count_failure(self.crawler.stats, failure, self.crawler.settings.getint("RETRY_TIMES"))
