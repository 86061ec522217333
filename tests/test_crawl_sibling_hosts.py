"""``-a start_url=A,B`` over two made-up sites with several hosts each,
over HTTP on 127.0.0.1, into the local MongoDB-protocol server: articles on
a sibling host of the listing are followed and stored under the listing's
site, a twin page naming its sibling-host original rel=canonical gives way
to it, and no link of one site is stored under the other."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pymongo
import pytest

from tests.helpers import FAST, scrapy_crawl
from tests.listing_layouts import esc, headline, sibling_hosts
from tests.proxy_site import ProxySite, article_page

SITE_B = "http://tech.sample.com.cn/roll/"
RELATED_A = "http://www.example.com/tech/2025-03-09/doc-ihx777kq1777.shtml"  # linked only as related
RELATED_B = "http://www.sample.com.cn/a/20250321/880099.html"  # B's, linked from an A article
OFFSITE = "http://www.other.net/a/20250321/123456.html"  # neither site's
CANONICAL_B = "http://www.sample.com.cn/a/20250310/889900.html"  # B's first item names it rel=canonical


def _site_b():
    items = [f"http://{'www' if i % 2 else 'tech'}.sample.com.cn/a/202503{10 + i}/{880000 + i}.html" for i in range(8)]
    # A's articles that B's page links: A's, never B's, and not in B's list.
    partners = [f"http://www.example.com/tech/2025-03-08/doc-ihx{500 + i}kq{1500 + i}.shtml" for i in range(6)]
    rows = "".join(f'<li><a href="{u}">{esc(headline(i + 200))}</a><span>2025-03-{10 + i}</span></li>'
                   for i, u in enumerate(items))
    others = "".join(f'<li><a href="{u}">{esc("合作媒体：" + headline(i + 300))}</a></li>' for i, u in enumerate(partners))
    page = (f'<html><head><meta charset="utf-8"><title>滚动</title></head><body><div class="main"><ul class="roll">{rows}</ul></div>'
            f'<div class="partner"><h3>合作媒体</h3><ul>{others}</ul></div></body></html>')
    return page, items, partners


@pytest.fixture(scope="module")
def crawl(mongo_uri, tmp_path_factory):
    layout = sibling_hosts()
    b_page, b_items, partners = _site_b()
    pages = {layout.url: layout.html, SITE_B: b_page}
    for i, url in enumerate(layout.items):
        related = [(RELATED_A, "同站另一主机上的相关文章标题"), (RELATED_B, "另一网站的相关文章标题很长"),
                   (OFFSITE, "站外网站的相关文章标题很长")] if i == 0 else []
        pages[url] = article_page(headline(i), related)
    for i, url in enumerate(b_items):
        pages[url] = article_page(headline(i + 200), canonical=CANONICAL_B if i == 0 else None)
    pages[CANONICAL_B] = article_page(headline(200))
    for url in [RELATED_A, RELATED_B, OFFSITE, *partners]:
        pages[url] = article_page("相关文章" + url[-12:])
    site = ProxySite(pages)
    db_name = f"sibling_{uuid.uuid4().hex[:8]}"
    settings = {**FAST, "MONGO_URI": mongo_uri, "MONGO_DATABASE": db_name, "MONGO_FLUSH_SECONDS": 1,
                "MAX_LISTING_PAGES": 1, "WORKER_PROCESSES": 0}
    result = scrapy_crawl(tmp_path_factory.mktemp("sibling"), settings=settings,
                          args={"start_url": f"{layout.url},{SITE_B}"}, env=site.env())
    client = pymongo.MongoClient(mongo_uri)
    docs = {d["url"]: d for d in client[db_name].articles.find({}, {"url": 1, "site": 1})}
    yield SimpleNamespace(result=result, site=site, layout=layout, b_items=b_items, partners=partners, docs=docs)
    client.drop_database(db_name)
    client.close()
    site.stop()


def test_crawl_succeeds(crawl):
    result = crawl.result
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("log_count/ERROR") == 0, result.log_lines("ERROR")
    assert crawl.site.hits[crawl.layout.url] == 1 and crawl.site.hits[SITE_B] == 1


def test_sibling_host_articles_are_followed_and_stored_under_the_listing_site(crawl):
    hosts = {url.split("/")[2] for url in crawl.layout.items}
    assert hosts == {"new.example.com", "www.example.com", "news.example.com"}
    for url in crawl.layout.items:
        assert crawl.site.hits[url] == 1, url
        assert crawl.docs[url]["site"] == "example.com", url
    assert crawl.docs[RELATED_A]["site"] == "example.com"


def test_each_site_keeps_its_own_links(crawl):
    first, *others = crawl.b_items
    for url in others:
        assert crawl.docs[url]["site"] == "sample.com.cn", url
    # A twin on tech.sample.com.cn naming www.sample.com.cn: the named page is kept.
    assert first.startswith("http://tech.") and first not in crawl.docs
    assert crawl.docs[CANONICAL_B]["site"] == "sample.com.cn"
    assert crawl.result.stat("snapshots/dropped/duplicate_url") == 1
    # Site A's links on B's page are not B's list, and never stored as B's.
    assert all(crawl.site.hits[url] == 0 for url in crawl.partners)
    assert crawl.docs[RELATED_B]["site"] == "sample.com.cn"  # reached from an A article
    by_site = {}
    for url, doc in crawl.docs.items():
        by_site.setdefault(doc["site"], set()).add(url.split("/")[2].split(".", 1)[1])
    assert by_site == {"example.com": {"example.com"}, "sample.com.cn": {"sample.com.cn"}}


def test_other_sites_stay_offsite(crawl):
    assert crawl.site.hits[OFFSITE] == 0
    assert crawl.result.stat("offsite/filtered") == 1
    # Counted, so every page of the run is accounted for.
    assert crawl.result.stat("snapshots/dropped/offsite") == 1
    assert crawl.result.stat("snapshots/pages/unaccounted") == 0
    stored = len(crawl.layout.items) + len(crawl.b_items) + 2  # and the two related articles
    assert len(crawl.docs) == stored


def test_start_url_spider_allows_each_listing_whole_site():
    from scrapy.utils.test import get_crawler

    from spiders.tech import TechSpider

    crawler = get_crawler(TechSpider, {"MAX_LISTING_PAGES": 3})
    spider = TechSpider.from_crawler(
        crawler, start_url="http://news.example.com/tech/, http://127.0.0.1:9/x,https://tech.sina.com.cn:8443/roll/")
    # Host names without ports: Scrapy's offsite middleware matches host names.
    assert spider.allowed_domains == ["127.0.0.1", "example.com", "sina.com.cn"]
    assert [listing.url for _, listing in spider.listings] == [
        "http://news.example.com/tech/", "http://127.0.0.1:9/x", "https://tech.sina.com.cn:8443/roll/"]
