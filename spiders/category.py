"""The category walk: listings page by page, articles, related articles.

``CategorySpider`` crawls one category (``tech``, ``finance`` ...) on every
configured site profile that has it, or on the listing URLs given with
``-a start_url=URL[,URL...]`` using the generic link rules. Arguments::

    -a category=tech       the category slug (CategorySpider only)
    -a sites=demo,ithome   profiles to crawl (default: SITES, else enabled ones)
    -a start_url=URL,...   listing URLs to crawl without a profile
    -a render=1            render the start_url listings in a browser
    -a wait_for=CSS        ... and wait for this selector
    -a since=2025-03-01    skip listing entries older than this date
    -a _job=ID             set by scrapyd; recorded in the crawl run

The spider only walks: a page becomes its item in
:func:`snapshots.page.article_item` (in a worker process); the store's known
articles come from :class:`snapshots.known.KnownLookup`; the wiring is
:mod:`snapshots.addon`'s. Every request that does not end in an item is
counted under ``snapshots/dropped/`` or ``snapshots/skipped/<reason>``.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure

from snapshots.addon import playwright_installed
from snapshots.domains import on_domains, site_of
from snapshots.extract.encoding import FALSE_ENCODING
from snapshots.jobs import job_id
from snapshots.known import KnownLookup
from snapshots.page import DROPPED_VALUES, JOB, REJECTED_TIME, article_item
from snapshots.processes import WorkerProcesses, WorkerTimeout
from snapshots.rendering import render_meta
from snapshots.sites import Listing, ProfileError, crawl_listings
from snapshots.stats import (CANONICAL_FOLLOWED, ENCODING_FALSE_DECLARATION, FIELDS_DROPPED,
                             PUBLISHED_AT_REJECTED, count_drop, count_failure, count_skip)
from spiders.rules import LISTING_PRIORITY, RequestedPages, SiteRules, since_date

logger = logging.getLogger(__name__)
_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


class CategorySpider(scrapy.Spider):
    name = "category"
    category: str | None = None  # subclasses fix it; else -a category=

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._configure(crawler.settings)
        crawler.signals.connect(spider._on_dropped, signals.request_dropped)
        crawler.signals.connect(spider._on_opened, signals.spider_opened)
        return spider

    def _configure(self, settings) -> None:
        if not self.category:
            raise ValueError("no category: use -a category=SLUG (e.g. tech)")
        self.job_id = job_id(self)
        self.max_articles = settings.getint("MAX_ARTICLES")
        self.since = since_date(getattr(self, "since", None), settings.getfloat("SINCE_DAYS"))
        self.stop_at_known = settings.getbool("STOP_AT_KNOWN_LISTING_PAGE")
        self.render_timeout = settings.getint("RENDER_WAIT_TIMEOUT_MS")
        self.article_requests = 0
        self.requested = RequestedPages(settings.getlist("TRACKING_QUERY_PARAMETERS"))
        # One bound method each: Scrapy caches per-callback checks by callable.
        self._on_listing, self._on_article, self._on_error = (
            self.parse_listing, self.parse_article, self.on_error)
        self.profiles, self.listings, self.allowed_domains = crawl_listings(
            settings, self.category, sites=getattr(self, "sites", None),
            start_urls=getattr(self, "start_url", None),
            render=str(getattr(self, "render", "")).lower() in ("1", "true", "yes"),
            wait_for=getattr(self, "wait_for", None))
        if not self.listings:
            raise ProfileError(f"no site has a '{self.category}' category: add a profile "
                               "or pass -a start_url=URL")
        self.rules = {name: SiteRules(profile, settings, self.category) for name, profile
                      in [(None, None), *self.profiles.items()]}
        # Until spider_opened: the add-on has not wired the crawl yet.
        self.pool, self.known, self.browser = WorkerProcesses(0, timeout=0), None, False

    def _on_opened(self) -> None:
        self.pool = WorkerProcesses.of(self.crawler)
        self.pool.preload(article_item)
        self.known = KnownLookup.of(self.crawler)
        self.browser = playwright_installed(self.crawler.settings)

    def _on_dropped(self, request, spider) -> None:
        # The duplicate filter's drops are given back: limits count distinct pages.
        if request.meta.get("kind") == "article":
            self.article_requests -= 1
            self.rules[request.meta.get("site")].article_requests -= 1

    def _rules_for(self, response: Response) -> SiteRules:
        name = response.meta.get("site")
        if name is None:  # a page reached some other way (a contract's @url)
            host = urlsplit(response.url).hostname or ""
            name = next((n for n, p in self.profiles.items() if on_domains(host, p.allowed_domains)), None)
        return self.rules[name]

    # -- the walk -------------------------------------------------------

    async def start(self):
        for profile, listing in self.listings:
            if request := self._listing_request(listing.url, self.rules[profile and profile.name],
                                                listing, page_no=1):
                yield request

    def _listing_request(self, url: str, rules: SiteRules, listing: Listing,
                         page_no: int) -> Request | None:
        meta = {"kind": "listing", "site": rules.name, "page_no": page_no, "listing": listing}
        if listing.render:
            if not self.browser:
                count_drop(self.crawler.stats, "no_browser")
                return None
            meta.update(render_meta(listing.wait_for, self.render_timeout))
        return Request(url, callback=self._on_listing, errback=self._on_error, meta=meta,
                       dont_filter=page_no == 1, priority=LISTING_PRIORITY)

    def parse_listing(self, response: Response):
        """A listing page: request its articles, then the next page.

        @site_url /tech/
        @returns requests 10
        """
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            count_drop(stats, "not_html", url=response.url)
            return
        stats.inc_value("snapshots/listing/pages")
        rules = self._rules_for(response)
        page_no = response.meta.get("page_no", 1)
        links = rules.article_links(response)
        if not links:
            stats.inc_value("snapshots/listing/empty")
            logger.warning("No article links found on listing %s", response.url)
        stats.inc_value("snapshots/listing/links", len(links))

        recent = [link for link in links if not (self.since and link.date and link.date < self.since)]
        count_skip(stats, "older_than_since", len(links) - len(recent))
        known = yield from self._article_requests([link.url for link in recent], rules, 0)

        if links and len(recent) < len(links) and all(link.date is None for link in recent):
            # Every dated entry is older than the window: older pages are too.
            stats.inc_value("snapshots/listing/stopped_since")
        elif links and known and len(known) == len(recent) and self.stop_at_known:
            stats.inc_value("snapshots/listing/stopped_known")
        elif page_no >= rules.max_listing_pages:
            stats.inc_value("snapshots/listing/stopped_max_pages")
        elif next_url := rules.next_page(response, page_no):
            listing = response.meta.get("listing") or Listing(response.url)
            if request := self._listing_request(next_url, rules, listing, page_no + 1):
                yield request

    def _article_requests(self, urls: list[str], rules: SiteRules, depth: int):
        """Requests for those of ``urls`` the store does not hold fresh,
        within the article limits; returns the set of those it holds."""
        stats = self.crawler.stats
        known = self.known.fresh(urls) if self.known is not None else set()
        count_skip(stats, "known", len(known))
        for url in urls:
            if url in known:
                continue
            if url in self.requested:
                count_skip(stats, "duplicate_link")
                continue
            if (self.max_articles and self.article_requests >= self.max_articles) \
                    or not rules.may_request_article():
                count_skip(stats, "max_articles")
                continue
            yield self._article_request(url, rules, depth)
        return known

    def _article_request(self, url: str, rules: SiteRules, related_depth: int) -> Request:
        self.requested.add(url)
        self.article_requests += 1
        rules.article_requests += 1
        return Request(url, callback=self._on_article, errback=self._on_error,
                       meta={"kind": "article", "site": rules.name, "related_depth": related_depth})

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
        rules = self._rules_for(response)
        charset = _CHARSET.search(response.headers.get("Content-Type", b"").decode("latin-1"))
        try:
            item = await self.pool.run(
                article_item, response.body, response.url, datetime.now(timezone.utc),
                rules.context, header_encoding=charset.group(1) if charset else None,
                status=response.status)
        except ValueError:  # not HTML after all (a binary body served as text/html)
            count_drop(stats, "not_html", url=response.url)
            return
        except WorkerTimeout as exc:
            count_drop(stats, "extract_timeout", url=response.url, detail=str(exc))
            return
        depth = response.meta.get("related_depth", 0)
        canonical = self._other_canonical(response, item.canonical_url)
        if canonical is not None and not response.meta.get("via_canonical"):
            # A mobile or aliased twin: the page it names is kept (fetched if new).
            count_drop(stats, "duplicate_url", url=response.url, detail=f"canonical {canonical}")
            request = self._article_request(canonical, rules, depth)
            request.meta["via_canonical"] = True
            yield request
            return
        if response.meta.get("via_canonical"):
            stats.inc_value(CANONICAL_FOLLOWED)
        if FALSE_ENCODING in item.extras:
            stats.inc_value(ENCODING_FALSE_DECLARATION)
            logger.info("%s declares %s but is %s", response.url, item.extras[FALSE_ENCODING], item.encoding)
        if rejected := item.extras.get(REJECTED_TIME):
            stats.inc_value(PUBLISHED_AT_REJECTED + rejected)
        for reason in item.extras.get(DROPPED_VALUES, ()):
            stats.inc_value(FIELDS_DROPPED + reason)
        if self.job_id:
            item.extras[JOB] = self.job_id
        yield item

        if depth < rules.related_depth:
            urls = [r["url"] for r in item.related if rules.follows_related(r["url"])]
            for request in self._article_requests(urls, rules, depth + 1):
                yield request

    def _other_canonical(self, response: Response, canonical: str | None) -> str | None:
        """The page's same-site rel=canonical when it names another page."""
        if not canonical or site_of(canonical) != site_of(response.url):
            return None  # only a same-site canonical is trusted (m.x.com may name www.x.com)
        fingerprinter = self.crawler.request_fingerprinter
        if fingerprinter.fingerprint(Request(canonical)) == fingerprinter.fingerprint(response.request):
            return None
        return canonical

    def on_error(self, failure: Failure):
        count_failure(self.crawler.stats, failure, self.crawler.settings.getint("RETRY_TIMES"))
