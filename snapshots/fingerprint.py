"""Request fingerprints that treat tracking-parameter variants as one page.

``?spm=...`` or ``utm_*`` change nothing a page shows, so Scrapy's duplicate
filter, HttpCache and JOBDIR should see one request, not several. URLs that
differ only by ``rel=canonical`` can only be matched after a download: the
spider marks the canonical URL as seen (see spiders/category.py).
"""

from __future__ import annotations

import hashlib
from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.crawler import Crawler

from snapshots.urls import DEFAULT_TRACKING_PARAMETERS, canonical_url


class CanonicalRequestFingerprinter:
    """SHA1 over method, tracking-free canonical URL and body."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CanonicalRequestFingerprinter":
        params = crawler.settings.getlist("TRACKING_QUERY_PARAMETERS")
        return cls(params)

    def __init__(self, tracking_parameters=DEFAULT_TRACKING_PARAMETERS) -> None:
        self.tracking_parameters = tuple(tracking_parameters)
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    def url_fingerprint(self, url: str, method: str = "GET", body: bytes = b"") -> bytes:
        key = canonical_url(url, self.tracking_parameters)
        return hashlib.sha1(b"%s %s %s" % (method.encode(), key.encode(), body)).digest()

    def fingerprint(self, request: Request) -> bytes:
        cached = self._cache.get(request)
        if cached is None:
            cached = self._cache[request] = self.url_fingerprint(
                request.url, request.method, request.body)
        return cached
