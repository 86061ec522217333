"""How the walk treats one site: its profile's rules, or the generic ones.

:class:`SiteRules` gathers what the spider asks per site (which links of a
listing are articles, the next listing page, which related links to follow,
the limits, the extraction context), so that the walk reads the same for a
profiled site and for a ``-a start_url=`` listing with no profile.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor

from snapshots.links import (ListingLink, date_from_url, find_article_links, find_next_page,
                             url_looks_like_article)
from snapshots.page import SiteContext
from snapshots.sites import SiteProfile
from snapshots.urls import canonical_url

# Listing pages go before articles: the next page is what finds more work,
# and a walk that waits for it leaves the downloader idle. Larger than any
# depth DEPTH_PRIORITY subtracts.
LISTING_PRIORITY = 1000
# Below this score a related link of a site without a profile is not an
# article (snapshots.links.url_looks_like_article).
ARTICLE_URL_SCORE = 0.3


class SiteRules:
    def __init__(self, profile: SiteProfile | None, settings, category: str) -> None:
        self.profile = profile
        self.name = profile.name if profile else None
        limits = profile.limits if profile else {}
        self.max_listing_pages = limits.get("max_listing_pages", settings.getint("MAX_LISTING_PAGES"))
        self.related_depth = limits.get("related_depth", settings.getint("RELATED_DEPTH"))
        self.max_articles = limits.get("max_articles", 0)  # 0: only MAX_ARTICLES applies
        self.article_requests = 0
        self.domains = profile.allowed_domains if profile else ()
        self.deny = profile.deny_url_pattern if profile else None
        self.allow = profile.article_url_pattern if profile else None
        self.context = SiteContext.from_settings(settings, profile, category)
        # Scrapy's LinkExtractor with the profile's article URL rules. Not
        # allow_domains: it compares host:port, which fails for sites on a
        # port; the offsite middleware filters by host.
        self.extractor = LinkExtractor(
            allow=self.allow.pattern, deny=self.deny.pattern if self.deny else (),
            canonicalize=False, unique=True) if self.allow is not None else None

    def may_request_article(self) -> bool:
        return not self.max_articles or self.article_requests < self.max_articles

    def article_links(self, response: TextResponse) -> list[ListingLink]:
        if self.extractor is not None:
            return [ListingLink(link.url, link.text, date_from_url(link.url))
                    for link in self.extractor.extract_links(response)]
        return find_article_links(response.selector.root, response.url, deny=self.deny,
                                  domains=self.domains)

    def next_page(self, response: TextResponse, page_no: int) -> str | None:
        return find_next_page(response.selector.root, response.url, page_no, domains=self.domains,
                              selector=self.profile.next_page_selector if self.profile else None)

    def follows_related(self, url: str) -> bool:
        if self.deny is not None and self.deny.search(url):
            return False
        if self.allow is not None:
            return bool(self.allow.search(url))
        return url_looks_like_article(url) >= ARTICLE_URL_SCORE


class RequestedPages:
    """The pages this crawl has requested, by canonical URL (the key the
    fingerprinter uses), so that a link to one of them (most related links)
    builds no request only for the duplicate filter to drop."""

    def __init__(self, tracking_parameters) -> None:
        self.tracking_parameters = tuple(tracking_parameters)
        self._keys: set[str] = set()

    def add(self, url: str) -> None:
        self._keys.add(canonical_url(url, self.tracking_parameters))

    def __contains__(self, url: str) -> bool:
        return canonical_url(url, self.tracking_parameters) in self._keys


def since_date(arg: str | None, days: float) -> date | None:
    """The listing window's first day: ``-a since=DATE``, else ``SINCE_DAYS``
    ago, else none."""
    if isinstance(arg, str) and arg:
        try:
            return date.fromisoformat(arg)
        except ValueError:
            raise ValueError(f"-a since={arg!r}: expected a date such as 2025-03-01") from None
    return (datetime.now(timezone.utc) - timedelta(days=days)).date() if days else None
