"""The engine's ceiling: the category walk with no extraction and no items.

Follows what ``scrapy crawl tech`` follows on the demo site (listing pages
by their rel=next link, the article links matching the profile's pattern,
related links of listed articles to ``related_depth``) and yields nothing
but requests. Run by bench/crawl_bench.py::

    scrapy runspider bench/bare_spider.py -a start_url=URL/tech/ -a article_pattern=REGEX
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, TextResponse
from scrapy.linkextractors import LinkExtractor


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start_url: str, article_pattern: str, related_depth: int | str = 1, **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url
        self.article_pattern = re.compile(article_pattern)
        self.related_depth = int(related_depth)
        # The production spider's listing rules, so both see the same links.
        self.articles = LinkExtractor(allow=article_pattern, canonicalize=False, unique=True)

    async def start(self):
        yield Request(self.start_url, callback=self.parse_listing, dont_filter=True)

    def parse_listing(self, response):
        self.crawler.stats.inc_value("snapshots/listing/pages")
        for link in self.articles.extract_links(response):
            yield Request(link.url, callback=self.parse_article, meta={"related_depth": 0})
        next_page = response.css("a[rel=next]::attr(href)").get()
        if next_page:
            yield response.follow(next_page, callback=self.parse_listing)

    def parse_article(self, response):
        if not isinstance(response, TextResponse):
            return
        canonical = self._other_canonical(response)
        if canonical is not None and not response.meta.get("via_canonical"):
            if not self.crawler.engine.scheduler.df.request_seen(Request(canonical)):
                yield Request(canonical, callback=self.parse_article, dont_filter=True,
                              meta={"related_depth": response.meta["related_depth"],
                                    "via_canonical": True})
            return
        depth = response.meta["related_depth"] + 1
        if depth > self.related_depth:
            return
        for href in response.css("#related a::attr(href)").getall():
            url = response.urljoin(href)
            if self.article_pattern.search(url):
                yield Request(url, callback=self.parse_article, meta={"related_depth": depth})

    def _other_canonical(self, response) -> str | None:
        """As the production spider does: a page whose same-host
        rel=canonical names another URL is a twin; that URL is fetched
        instead, unless the crawl has it already."""
        canonical = response.css("link[rel=canonical]::attr(href)").get()
        if not canonical or urlsplit(canonical).hostname != urlsplit(response.url).hostname:
            return None
        fingerprint = self.crawler.request_fingerprinter.fingerprint
        if fingerprint(Request(canonical)) == fingerprint(response.request):
            return None
        return canonical
