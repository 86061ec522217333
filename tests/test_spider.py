"""CategorySpider's callbacks, one response at a time: the demo site's pages
(rendered in memory, no server) as Scrapy HtmlResponses, the crawler wired
by the project's add-on, extraction in this process."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from scrapy import Request
from scrapy.crawler import AsyncCrawlerRunner
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_reactor_settings

from snapshots import settings as project_settings
from snapshots.demo import catalog as C
from snapshots.demo.sections import build_site
from snapshots.items import ArticleItem
from snapshots.urls import canonical_url
from spiders.tech import TechSpider

BASE = "http://127.0.0.1:8765"  # only a name here: nothing is served
NOW = datetime(2025, 3, 23, 12, 0, tzinfo=timezone.utc)


class Known:
    """The store's answer, fixed (KnownLookup's interface)."""

    def __init__(self, urls=()):
        self.urls = set(urls)
        self.asked: list[list[str]] = []

    def fresh(self, urls):
        self.asked.append(list(urls))
        return self.urls & set(urls)


@pytest.fixture(scope="module")
def site():
    return build_site(C.build(now=NOW), BASE)


def spider_for(**values) -> TechSpider:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict({**get_reactor_settings(), "STORE_ENABLED": False, "WORKER_PROCESSES": 0,
                      "SITES": "demo", "DEMO_SITE_URL": BASE, "GC_FREEZE": False,
                      **values.pop("settings", {})}, priority="cmdline")
    crawler = AsyncCrawlerRunner(settings).create_crawler(TechSpider)
    crawler.spider = spider = crawler._create_spider(**values)
    crawler._apply_settings()
    crawler.stats.open_spider()
    spider._on_opened()
    spider.known = Known()
    return spider


def response(site, path: str, request: Request | None = None) -> Response:
    page = site.get(path)
    return HtmlResponse(BASE + path, status=page.status, body=page.body,
                        headers={"Content-Type": page.content_type},
                        request=request or Request(BASE + path))


def listing_response(site, spider, path="/tech/", page_no=1):
    profile, listing = spider.listings[0]
    request = Request(BASE + path, meta={"kind": "listing", "site": "demo", "page_no": page_no,
                                         "listing": listing})
    return response(site, path, request)


def article_response(site, path: str, **meta):
    request = Request(BASE + path, meta={"kind": "article", "site": "demo", "related_depth": 0, **meta})
    return response(site, path, request)


def run(agen) -> list:
    async def collect():
        return [x async for x in agen]

    return asyncio.run(collect())


def stat(spider, name):
    return spider.crawler.stats.get_value(name, 0)


def test_a_listing_yields_its_articles_then_the_next_page(site):
    spider = spider_for()
    out = list(spider.parse_listing(listing_response(site, spider)))
    articles = [r for r in out if r.meta["kind"] == "article"]
    listed = {BASE + a.path for a in site.catalog.listings["tech"].pages[0] if a.listing_href}
    assert len(articles) >= 15 and {r.url.split("?")[0] for r in articles} <= {
        u.split("?")[0] for u in listed} | {BASE + a.path for a in site.catalog.tech}
    assert all(r.meta == {"kind": "article", "site": "demo", "related_depth": 0} for r in articles)
    [next_page] = [r for r in out if r.meta["kind"] == "listing"]
    assert next_page.meta["page_no"] == 2 and not next_page.dont_filter
    # The listing links a page twice (once with tracking parameters): the
    # store is asked about every link, one request is built per page.
    [asked] = spider.known.asked
    canonical = {canonical_url(u) for u in asked}
    assert [r.url for r in articles] == [u for u in asked if u in {r.url for r in articles}]
    assert len(articles) == len(canonical) < len(asked)
    assert stat(spider, "snapshots/skipped/duplicate_link") == len(asked) - len(articles)
    assert stat(spider, "snapshots/listing/pages") == 1
    assert spider.article_requests == len(articles)


def test_known_articles_are_skipped_and_an_all_known_page_ends_the_listing(site):
    spider = spider_for()
    list(spider.parse_listing(listing_response(site, spider)))
    [urls] = spider.known.asked
    spider = spider_for()
    spider.known = Known(urls)
    out = list(spider.parse_listing(listing_response(site, spider)))
    assert out == []
    assert stat(spider, "snapshots/skipped/known") == len(urls)
    assert stat(spider, "snapshots/listing/stopped_known") == 1


def test_max_articles_and_the_profile_limit_cap_the_requests(site):
    spider = spider_for(settings={"MAX_ARTICLES": 3})
    out = [r for r in spider.parse_listing(listing_response(site, spider)) if r.meta["kind"] == "article"]
    assert len(out) == 3 and stat(spider, "snapshots/skipped/max_articles") > 0
    spider = spider_for()
    spider.rules["demo"].max_articles = 2  # limits.max_articles = 2 in the profile
    out = [r for r in spider.parse_listing(listing_response(site, spider)) if r.meta["kind"] == "article"]
    assert len(out) == 2
    spider._on_dropped(out[0], spider)  # the duplicate filter gave one back
    assert spider.rules["demo"].article_requests == 1 and spider.article_requests == 1


def test_the_last_allowed_listing_page_stops(site):
    spider = spider_for(settings={"MAX_LISTING_PAGES": 1})
    out = list(spider.parse_listing(listing_response(site, spider)))
    assert all(r.meta["kind"] == "article" for r in out)
    assert stat(spider, "snapshots/listing/stopped_max_pages") == 1


def test_an_article_yields_its_item_then_related_requests(site):
    spider = spider_for(_job="job-7")
    article = next(a for a in site.catalog.tech if a.related and not a.cases & {
        C.LOGIN_WALL, C.SHORT_READ, C.TRUNCATED, C.MOBILE})
    before = datetime.now(timezone.utc)
    out = run(spider.parse_article(article_response(site, article.path)))
    item = out[0]
    assert isinstance(item, ArticleItem)
    assert (item.url, item.title, item.site, item.category) == (BASE + article.path, article.title,
                                                                 "demo", "tech")
    assert item.fetched_at >= before and item.extras["job"] == "job-7"
    assert item.html == site.get(article.path).body and item.status == 200
    related = out[1:]
    assert related and all(r.meta["related_depth"] == 1 for r in related)


def test_a_related_link_to_a_requested_page_builds_no_request(site):
    spider = spider_for()
    article = next(a for a in site.catalog.tech if len(a.related) > 1 and not a.cases & {
        C.LOGIN_WALL, C.SHORT_READ, C.TRUNCATED, C.MOBILE})
    first = run(spider.parse_article(article_response(site, article.path)))[1:]
    assert len(first) > 1 and stat(spider, "snapshots/skipped/duplicate_link") == 0
    # The same page again: its related pages were requested by the first.
    assert run(spider.parse_article(article_response(site, article.path)))[1:] == []
    assert stat(spider, "snapshots/skipped/duplicate_link") == len(first)
    assert spider.article_requests == len(first)
    # A page requested through a listing link with tracking parameters is
    # the same page.
    spider = spider_for()
    for request in first:
        spider.requested.add(request.url + "?utm_source=list&spm=a.b.c")
    assert run(spider.parse_article(article_response(site, article.path)))[1:] == []


def test_related_links_stop_at_the_related_depth(site):
    spider = spider_for()
    article = next(a for a in site.catalog.tech if a.related and not a.cases & {
        C.LOGIN_WALL, C.SHORT_READ, C.TRUNCATED, C.MOBILE})
    out = run(spider.parse_article(article_response(site, article.path, related_depth=1)))
    assert len(out) == 1 and isinstance(out[0], ArticleItem)


def test_a_mobile_twin_is_dropped_for_its_canonical_page(site):
    spider = spider_for()
    article = next(a for a in site.catalog.tech if a.mobile_path)
    out = run(spider.parse_article(article_response(site, article.mobile_path)))
    [request] = out
    assert request.url == BASE + article.path and request.meta["via_canonical"]
    assert not request.dont_filter  # the duplicate filter decides whether it is fetched
    assert stat(spider, "snapshots/dropped/duplicate_url") == 1
    followed = run(spider.parse_article(article_response(site, article.path, via_canonical=True)))
    assert isinstance(followed[0], ArticleItem)
    assert stat(spider, "snapshots/canonical_followed") == 1


def test_a_rejected_page_time_is_counted_and_the_item_kept(site):
    spider = spider_for()
    article = next(a for a in site.catalog.tech if not a.cases & {
        C.LOGIN_WALL, C.SHORT_READ, C.TRUNCATED, C.MOBILE, C.RELATIVE_TIME})
    page = site.get(article.path).body.replace(
        article.published.strftime("%Y-%m-%d").encode(), b"1985-06-01")
    request = Request(BASE + article.path, meta={"kind": "article", "site": "demo", "related_depth": 9})
    out = run(spider.parse_article(HtmlResponse(request.url, body=page, request=request)))
    assert out[0].published_at is None
    assert stat(spider, "snapshots/published_at/rejected/too_old") == 1


def test_what_is_not_html_is_dropped_and_counted(site):
    spider = spider_for()
    request = Request(BASE + "/img/1.jpg", meta={"kind": "article", "site": "demo"})
    assert run(spider.parse_article(Response(request.url, body=b"GIF89a", request=request))) == []
    assert list(spider.parse_listing(Response(request.url, body=b"GIF89a", request=request))) == []
    assert stat(spider, "snapshots/dropped/not_html") == 2


@pytest.mark.integration  # a child process
def test_the_spider_imports_no_mongodb():
    import subprocess
    import sys

    code = "import sys, spiders.category; print('pymongo' in sys.modules or 'bson' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
