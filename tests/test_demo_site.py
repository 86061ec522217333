"""The demo site over real HTTP on loopback: the pages a crawler will meet."""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from snapshots.demo import catalog as C
from snapshots.demo.sections import build_site

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = re.compile(r"/tech/\d{4}/\d{2}/\d{2}/\d+\.html")
FIXED_NOW = datetime(2025, 3, 23, 20, 45, 5)


def fetch(site, path: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(site.url + path, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def page(site, path: str, encoding: str = "utf-8") -> Selector:
    status, _, body = fetch(site, path)
    assert status == 200, path
    return Selector(text=body.decode(encoding))


def local(href: str, base: str) -> str:
    parts = urlsplit(urljoin(base, href))
    return parts.path + ("?" + parts.query if parts.query else "")


@pytest.fixture
def site(demo_site):
    demo_site.reset()
    return demo_site


def test_tech_listing_paginates_to_at_least_200_articles(site):
    path, seen_pages, articles = "/tech/", [], set()
    while path:
        sel = page(site, path)
        seen_pages.append(path)
        entries = sel.css("ul.news-list > li")
        assert 0 < len(entries) <= 20
        for href in entries.css("h3 a::attr(href)").getall():
            if ARTICLE.search(href):
                articles.add(urlsplit(href).path)
        if len(seen_pages) > 1:
            assert sel.xpath('//a[text()="上一页"]')
        assert sel.css(".pagination span.current::text").get() == str(len(seen_pages))
        next_href = sel.css('.pagination a[rel="next"]::attr(href)').get()
        if next_href:
            assert sel.css('.pagination a[rel="next"]::text').get() == "下一页"
        path = next_href and local(next_href, site.url + path)
    listing = site.catalog.listings["tech"]
    assert seen_pages == list(listing.paths)
    assert seen_pages[1] == "/tech/index_2.html"
    assert len(articles) >= 200
    live_only = {a.path for a in site.catalog.case(C.LIVE_ONLY)}
    assert not articles & live_only


def test_listing_is_newest_first_with_titles_summaries_and_dates(site):
    sel = page(site, "/tech/")
    listed = site.catalog.listings["tech"].pages[0]
    assert sel.css("ul.news-list h3 a::text").getall() == [a.title for a in listed]
    assert all(sel.css("ul.news-list p.summary::text").getall())
    times = sel.css("ul.news-list span.time::text").getall()
    assert "刚刚" in times and "3小时前" in times
    assert [a.published for a in listed] == sorted((a.published for a in listed), reverse=True)


def _plain_article(site) -> C.Article:
    return next(a for a in site.catalog.tech
                if a.listing_href and not a.cases & {C.LOGIN_WALL, C.TRUNCATED, C.SHORT_READ,
                                                     C.ERROR_ONCE, C.RELATIVE_TIME, *C.GBK_CASES}
                and a.authors)


def test_article_page_has_the_seed_shape(site):
    article = _plain_article(site)
    status, headers, body = fetch(site, article.path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    sel = Selector(text=body.decode())
    assert sel.css("title::text").get() == f"{article.title}_演示科技网"
    assert sel.css("h1::text").get() == article.title
    assert sel.css("ul.nav a::text").getall() == ["首页", "科技", "财经", "体育", "我的订阅"]
    byline = "".join(sel.css("div.info ::text").getall())
    assert byline.startswith(f"类别:科技 发布时间:{article.published_text} 来源:{article.source}")
    assert f"{article.author_role}:{' '.join(article.authors)}" in byline
    assert sel.css("#content > p::text").getall() == list(article.paragraphs)
    assert 5 <= len(article.paragraphs) <= 15
    text = body.decode()
    assert "【本文结束】如需转载请务必注明出处:演示科技网" in text
    assert f"责任编辑:{article.editor}" in text and "文章内容举报" in text
    assert sel.css("#related h3::text").get() == "相关文章"
    related = sel.css("#related li")
    assert 5 <= len(related) <= 8
    assert all(r.css("a::text").get() and r.css("span.time::text").get() for r in related)
    assert sel.css("div.more h3::text").get() == "更多关于科技的资讯:"
    assert sel.css('link[rel="canonical"]::attr(href)').get() == site.url + article.path
    assert "广告" in text and "关于我们" in text and "版权所有" in text


def test_json_ld_only_on_some_articles(site):
    with_ld = site.catalog.case(C.JSONLD)
    without = [a for a in site.catalog.tech if C.JSONLD not in a.cases and C.LOGIN_WALL not in a.cases
               and a.encoding == "utf-8" and not a.cases & {C.TRUNCATED, C.SHORT_READ, C.ERROR_ONCE}]
    assert with_ld and without
    data = json.loads(page(site, with_ld[0].path).css('script[type="application/ld+json"]::text').get())
    assert data["@type"] == "NewsArticle" and data["headline"] == with_ld[0].title
    assert datetime.fromisoformat(data["datePublished"]) == with_ld[0].published
    assert not page(site, without[0].path).css('script[type="application/ld+json"]')


def test_relative_times_on_article_pages(site):
    shown = {a.published_text for a in site.catalog.case(C.RELATIVE_TIME)}
    assert {"刚刚", "25分钟前", "3小时前", "昨天 14:05", "前天 09:30"} <= shown
    assert any(re.fullmatch(r"\d{2}-\d{2} \d{2}:\d{2}", t) for t in shown)
    article = next(a for a in site.catalog.case(C.RELATIVE_TIME) if a.published_text == "昨天 14:05")
    assert "发布时间:昨天 14:05 来源:" in fetch(site, article.path)[2].decode()


@pytest.mark.parametrize("case, marker", [
    (C.GBK_META, '<meta charset="gbk">'),
    (C.GB2312_HTTP_EQUIV, 'content="text/html; charset=gb2312"'),
    (C.GBK_UNDECLARED, None),
])
def test_gbk_pages_without_charset_header(site, case, marker):
    article = site.catalog.case(case)[0]
    status, headers, body = fetch(site, article.path)
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gb2312" if case == C.GB2312_HTTP_EQUIV else "gbk")
    assert article.title in text and article.paragraphs[1] in text
    if marker:
        assert marker in text
    else:
        assert "charset" not in text.lower()


def test_page_fails_once_then_works_until_reset(site):
    article = site.catalog.case(C.ERROR_ONCE)[0]
    assert [fetch(site, article.path)[0] for _ in range(3)] == [500, 200, 200]
    site.reset()
    assert fetch(site, article.path)[0] == 500
    assert site.hits[article.path] == 1


def test_js_listing_is_empty_in_markup_and_filled_from_json(site):
    status, _, body = fetch(site, "/tech/live/")
    assert status == 200
    sel = Selector(text=body.decode())
    assert sel.css("ul#live-list") and not sel.css("ul#live-list *")
    assert "/tech/live/data.json" in body.decode()
    data = json.loads(fetch(site, "/tech/live/data.json")[2])
    urls = [item["url"] for item in data["items"]]
    assert len(urls) >= 10
    live_only = [a.path for a in site.catalog.case(C.LIVE_ONLY)]
    assert len(live_only) >= 10 and set(live_only) <= set(urls)
    # Nowhere else: not in related blocks either.
    linked = {href for a in site.catalog.tech for href in a.related}
    assert not linked & set(live_only)
    assert all(fetch(site, path)[0] == 200 for path in live_only[:3])


@pytest.mark.browser
def test_js_listing_in_a_real_browser(site):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            tab = browser.new_page()
            tab.goto(site.url + "/tech/live/")
            tab.wait_for_selector("#live-list li a")
            hrefs = tab.eval_on_selector_all("#live-list li a", "els => els.map(e => e.getAttribute('href'))")
        finally:
            browser.close()
    assert hrefs == [a.path for a in site.catalog.live]


def test_tracking_parameters_and_mobile_twins(site):
    sel = page(site, "/tech/")
    hrefs = sel.css("ul.news-list h3 a::attr(href)").getall()
    tracked = [h for h in hrefs if "spm=" in h]
    assert tracked and all("utm_source=" in h for h in tracked)
    plain = urlsplit(tracked[0]).path
    assert fetch(site, tracked[0])[2] == fetch(site, plain)[2]
    assert site.hits[plain] == 2  # counted per path, the query ignored
    assert site.target_hits[tracked[0]] == 1
    # Related blocks link the same article plainly.
    tracked_article = site.catalog.article(plain)
    assert any(plain in a.related for a in site.catalog.tech)
    assert tracked_article.listing_href == tracked[0]

    article = site.catalog.case(C.MOBILE)[0]
    mobile = page(site, article.mobile_path)
    assert mobile.css('link[rel="canonical"]::attr(href)').get() == site.url + article.path
    assert mobile.css("h1::text").get() == article.title
    desktop = page(site, article.path)
    assert desktop.css("a.mobile::attr(href)").get() == article.mobile_path
    assert any(article.mobile_path in a.related for a in site.catalog.tech)


def test_truncated_page_and_short_read(site):
    article = site.catalog.case(C.TRUNCATED)[0]
    status, headers, body = fetch(site, article.path)
    assert status == 200 and int(headers["Content-Length"]) == len(body)
    text = body.decode()
    assert article.paragraphs[0] in text and "</html>" not in text and "责任编辑" not in text

    article = site.catalog.case(C.SHORT_READ)[0]
    connection = http.client.HTTPConnection(site.host, site.port, timeout=10)
    connection.request("GET", article.path)
    response = connection.getresponse()
    with pytest.raises(http.client.IncompleteRead) as info:
        response.read()
    assert 0 < len(info.value.partial) < int(response.headers["Content-Length"])
    connection.close()


def test_link_loop_and_calendar_trap(site):
    loop = site.catalog.case(C.LOOP)
    assert len(loop) == 3
    for article in loop:
        related = set(page(site, article.path).css("#related a::attr(href)").getall())
        assert {a.path for a in loop if a is not article} <= related

    path, days = "/tech/calendar/2025-03-23.html", []
    for _ in range(5):
        sel = page(site, path)
        days.append(path)
        assert sel.xpath('//a[text()="前一天"]/@href').get()
        path = sel.xpath('//a[text()="后一天"]/@href').get()
    assert days[-1] == "/tech/calendar/2025-03-27.html"
    assert page(site, "/tech/calendar/2025-03-23.html").xpath('//a[text()="前一天"]/@href').get() \
        == "/tech/calendar/2025-03-22.html"
    assert fetch(site, "/tech/calendar/2025-02-30.html")[0] == 404


def test_missing_article_login_wall_and_robots(site):
    broken = site.catalog.case(C.BROKEN_RELATED)[0]
    assert site.catalog.missing_path in page(site, broken.path).css("#related a::attr(href)").getall()
    assert fetch(site, site.catalog.missing_path)[0] == 404

    walled = site.catalog.case(C.LOGIN_WALL)
    assert len(walled) == 3 and all(a.path.startswith("/tech/vip/") for a in walled)
    text = fetch(site, walled[0].path)[2].decode()
    assert "登录后查看全文" in text and walled[0].paragraphs[1] not in text
    assert walled[0].listing_href in fetch(site, "/tech/")[2].decode() + "".join(
        fetch(site, p)[2].decode() for p in site.catalog.listings["tech"].paths[1:4])

    robots = fetch(site, "/robots.txt")[2].decode()
    assert "Disallow: /admin/" in robots and "Disallow: /\n" not in robots


def test_mirror_republishes_stories_with_edits(site):
    mirror = site.catalog.mirror
    copies = [a for a in mirror if a.original]
    assert len(copies) == 10
    paths, path = [], "/mirror/tech/"
    while path:
        sel = page(site, path)
        paths += sel.css("div.list a.t::attr(href)").getall()
        path = sel.xpath('//div[@class="pager"]/a[text()="下一页"]/@href').get()
    assert paths == [a.path for a in mirror]
    copy = copies[0]
    original = site.catalog.article(copy.original)
    sel = page(site, copy.path)
    assert "镜像新闻网" in sel.css("title::text").get()
    assert f"来源：{copy.source}" in sel.css(".post-meta::text").get()
    assert copy.source != original.source
    body = sel.css(".post-body p::text").getall()
    assert body != list(original.paragraphs)
    assert len(set(body) & set(original.paragraphs)) >= len(body) // 2 - 1


PORTAL_NEXT = {
    "portal-a": '//div[@class="pages"]/a[text()="下一页"]/@href',
    "portal-b": '//div[@class="pager"]/a[text()=">"]/@href',
    "portal-c": '//div[@class="page"]/a[text()="下页"]/@href',
}
PORTAL_ITEMS = {
    "portal-a": "ul.list01 li > a::attr(href)",
    "portal-b": "div.grid h3.card-title a::attr(href)",
    "portal-c": "table.newslist td a::attr(href)",
    "portal-d": "div.list-box li > a::attr(href)",
}
PORTAL_ARTICLE = {
    "portal-a": ("div.date-source ::text", r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 来源：.+ 作者：.+$", "相关阅读"),
    "portal-b": ("div.meta ::text", r"^发布时间：\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}", "推荐阅读"),
    "portal-c": ("div.byline ::text", r"^文/(记者 )?\S+", "相关报道"),
    "portal-d": ("div.source-bar ::text", r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \| 来源：", "相关新闻"),
}


@pytest.mark.parametrize("name", ["portal-a", "portal-b", "portal-c", "portal-d"])
def test_portal_listing_pagination_and_article(site, name):
    encoding = "gbk" if name == "portal-c" else "utf-8"
    listing = site.catalog.listings[name]
    assert len(listing.paths) >= 3 and 30 <= len(listing.articles) <= 60
    found, pages, path = [], [], listing.paths[0]
    while path:
        sel = page(site, path, encoding)
        pages.append(path)
        found += [local(h, site.url + path) for h in sel.css(PORTAL_ITEMS[name]).getall()]
        assert sel.xpath('//*[text()="热门排行"]')
        if name == "portal-d":
            assert not sel.xpath('//a[contains(text(), "下一页")]')
            current = sel.css("div.page span::text").get()
            nxt = sel.xpath(f'//div[@class="page"]/a[text()="{int(current) + 1}"]/@href').get()
        else:
            nxt = sel.xpath(PORTAL_NEXT[name]).get()
        if name == "portal-a" and nxt:
            assert not sel.xpath('//a[text()="下一页"]/@rel')
        path = nxt and local(nxt, site.url + path)
    assert pages == list(listing.paths)
    assert found == [a.path for a in listing.articles]

    article = listing.articles[1]
    sel = page(site, article.path, encoding)
    assert sel.css("h1::text").get() == article.title
    css, byline, heading = PORTAL_ARTICLE[name]
    assert re.search(byline, "".join(sel.css(css).getall()).strip())
    assert sel.xpath(f'//h2[text()="{heading}"] | //h3[text()="{heading}"]')
    assert all(p in "".join(sel.css("p::text").getall()) for p in article.paragraphs)


def test_portal_url_shapes(site):
    portals = site.catalog.portals
    assert re.fullmatch(r"/portal-a/a/\d{8}/\d{6}\.shtml", portals["portal-a"][0].path)
    assert re.fullmatch(r"/portal-b/article/\d{6}", portals["portal-b"][0].path)
    assert re.fullmatch(r"/portal-c/show\.php\?id=\d{4}", portals["portal-c"][0].path)
    assert re.fullmatch(r"/portal-d/news/\d{4}-\d{2}/\d{2}/content_\d{6}\.htm", portals["portal-d"][0].path)


def _all_pages(catalog) -> dict[str, bytes]:
    site = build_site(catalog, "http://127.0.0.1:8765")
    return {path: site.get(path).body for path in site.paths()}


def test_same_seed_same_bytes():
    first = _all_pages(C.build(now=FIXED_NOW, seed=7))
    assert first == _all_pages(C.build(now=FIXED_NOW, seed=7))
    other = _all_pages(C.build(now=FIXED_NOW, seed=8))
    assert first["/tech/"] != other["/tech/"]


def test_relative_to_now_and_sized_by_articles():
    catalog = C.build(now=FIXED_NOW, articles=1000)
    assert len(catalog.tech) == 1000
    assert len(catalog.listings["tech"].articles) >= 980
    newest, oldest = catalog.tech[0].published, catalog.tech[-1].published
    assert newest <= catalog.now and catalog.now - oldest <= timedelta(days=61)
    assert catalog.tech[0].path.startswith("/tech/2025/03/23/")
    assert len({a.title for a in catalog.tech}) == 1000


def test_cli_serves_in_the_foreground_and_stops_on_sigterm():
    proc = subprocess.Popen([sys.executable, "-m", "snapshots", "demo", "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"demo site at (http://127\.0\.0\.1:\d+)", line).group(1)
        with urllib.request.urlopen(url + "/robots.txt", timeout=10) as response:
            assert response.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_serves_many_requests_over_one_keep_alive_connection(site):
    # What keeps the server off a crawl's critical path is connection reuse
    # (benchmarks measure the speed itself; a test must not time it).
    paths = [a.path for a in site.catalog.listings["tech"].articles[:50]
             if not a.cases & {C.SHORT_READ, C.ERROR_ONCE}]
    connection = http.client.HTTPConnection(site.host, site.port, timeout=10)
    first = None
    for i in range(500):
        connection.request("GET", paths[i % len(paths)])
        response = connection.getresponse()
        assert response.status == 200
        response.read()
        assert not response.will_close
        first = first or connection.sock
        assert connection.sock is first  # never reconnected
    connection.close()
