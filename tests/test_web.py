"""The snapshot viewer over a real store: ``scrapy crawl tech`` of the demo
site into the local MongoDB-protocol server, then the viewer's handlers
(Flask's test client), the ``web`` command over HTTP, and headless Chromium.

A second version of one article and an article with a hostile title are
added through the store's own writer, as a re-crawl would add them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode
from urllib.request import urlopen

import pymongo
import pytest
from itemadapter import ItemAdapter
from parsel import Selector

from snapshots.demo import server
from snapshots.localdb import free_port
from snapshots.store import terms
from tests.sample_items import make_item
from snapshots.store.commandline import project_settings
from snapshots.store.writer import StoreWriter
from snapshots.web import config_from_settings, create_app, present
from tests.helpers import FAST, ROOT, scrapy_crawl

SHANGHAI = present.zone("Asia/Shanghai", "UTC")
HOSTILE = '<script>alert("x")</script>小米<b>加粗</b>&amp;'
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", ROOT / "test-artifacts"))


@pytest.fixture(scope="module")
def store(mongo_uri, tmp_path_factory):
    site = server.start(port=0)
    name = f"web_{uuid.uuid4().hex[:8]}"
    # No browser for the crawl: the JavaScript listing is skipped (and counted).
    crawl = scrapy_crawl(tmp_path_factory.mktemp("crawl"), settings={
        **FAST, "DEMO_SITE_URL": site.url, "MONGO_URI": mongo_uri, "MONGO_DATABASE": name,
        "MONGO_FLUSH_SECONDS": 1, "PLAYWRIGHT_EXECUTABLE_PATH": "/nonexistent/chromium"})
    assert crawl.returncode == 0, crawl.log[-3000:]
    client = pymongo.MongoClient(mongo_uri, tz_aware=True)
    db = client[name]
    changed = _add_second_version(db)
    hostile = _add_hostile_article(db)
    app = create_app(config_from_settings(project_settings(), mongo_uri, name))
    yield SimpleNamespace(site=site, db=db, name=name, uri=mongo_uri, changed=changed,
                          hostile=hostile, client=app.test_client())
    client.drop_database(name)
    client.close()
    site.stop()


def _add_second_version(db):
    """A later snapshot of a stored article with its title and one
    paragraph changed and a paragraph added: a new version."""
    doc = db.articles.find_one({"editor": {"$ne": None}, "versions": 1}, sort=[("key", 1)])
    first = db.snapshots.find_one({"key": doc["key"]})
    body = list(first["body"])
    body[0] = body[0] + "（更新）"
    body.append("记者从公司获悉，此次更新涉及全部在售产品。")
    item = {k: v for k, v in first.items() if k not in ("_id", "html", "html_codec", "extras",
                                                        "cluster", "content_hash", "html_size")}
    item.update(title=first["title"] + "（更新）", body=body, html=b"<html>v2</html>",
                fetched_at=first["fetched_at"] + timedelta(hours=2))
    writer = StoreWriter(db)
    try:
        assert writer.write([item]).counts["versions/new"] == 1
    finally:
        writer.close()
    return SimpleNamespace(key=doc["key"], old=first, new_title=item["title"], new_body=body)


def _add_hostile_article(db):
    item = make_item(1, site="demo", category="tech", title=HOSTILE,
                     body=["<script>alert(1)</script>正文第一段，" + "内容" * 30, "<img src=x onerror=alert(1)>第二段。"],
                     url="https://hostile.example.com/tech/2025/000001.html")
    latest = db.articles.find_one({"category": "tech"}, sort=[("published_at", -1)])
    item = ItemAdapter(item)
    item["published_at"] = latest["published_at"] + timedelta(minutes=1)  # first in listings
    item["fetched_at"] = item["published_at"] + timedelta(minutes=5)
    writer = StoreWriter(db)
    try:
        writer.write([item.item])
    finally:
        writer.close()
    return db.articles.find_one({"key": item["url"]})


def _page(store, path: str, **args):
    response = store.client.get(path + ("?" + urlencode(args) if args else ""))
    return response, Selector(text=response.get_data(as_text=True))


def _snapshot(store, key: str, **args):
    return _page(store, "/snapshot", url=key, **args)


def _text(sel: Selector, css: str) -> str:
    return " ".join(" ".join(sel.css(css).xpath("string()").getall()).split())


def _entries(sel: Selector, block: str) -> list[dict]:
    return [{"title": " ".join(li.css(".entry-title").xpath("string()").get().split()),
             "href": li.css(".entry-title::attr(href)").get(),
             "excerpt": li.css(".entry-excerpt").xpath("string()").get(),
             "time": li.css(".entry-time::text").get(),
             "same": "same-story" in (li.attrib.get("class") or "")}
            for li in sel.css(f"{block} li.entry")]


def _href(key: str) -> str:
    return "/snapshot?" + urlencode({"url": key})


# -- the snapshot page ----------------------------------------------------------


def test_snapshot_page_shows_the_stored_fields(store):
    for doc in store.db.articles.find({"versions": 1, "editor": {"$ne": None},
                                       "source": {"$ne": None}, "site": "demo"}).limit(5):
        version = store.db.snapshots.find_one({"key": doc["key"]})
        response, sel = _snapshot(store, doc["key"])
        assert response.status_code == 200
        assert sel.css(".breadcrumb li").xpath("string()").getall() == ["我的订阅", "科技"]
        assert _text(sel, "h1.title") == version["title"]
        assert _text(sel, ".meta-category") == f"类别:{version['page_category'] or '科技'}"
        published = version["published_at"].astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        assert _text(sel, ".meta-published") == f"发布时间:{published}"
        assert _text(sel, ".meta-source") == f"来源:{version['source']}"
        assert sel.css(".body p").xpath("string()").getall() == version["body"]
        assert _text(sel, ".editor") == f"责任编辑:{version['editor']}"
        fetched = version["fetched_at"].astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        assert _text(sel, ".notice-fetched") == f"快照生成时间:{fetched}"
        assert sel.css(".notice-url a::attr(href)").get() == version["url"]
        assert not sel.css(".history")  # one version: no history block


def test_times_are_the_ones_the_page_printed(store):
    """The demo prints Beijing time; the page shows the same wall time."""
    catalog = store.site.catalog
    article = next(a for a in catalog.tech if not a.cases)
    key = store.site.url + article.path
    _, sel = _snapshot(store, key)
    assert _text(sel, ".meta-published") == "发布时间:" + article.published.strftime("%Y-%m-%d %H:%M:%S")


def test_related_lists_the_cluster_copies_first_then_shared_terms(store):
    catalog = store.site.catalog
    copy = next(a for a in catalog.mirror if a.original)
    original = store.db.articles.find_one({"key": store.site.url + copy.original})
    members = [d["key"] for d in store.db.articles.find({"cluster": original["cluster"]})]
    assert len(members) >= 2
    _, sel = _snapshot(store, original["key"])
    related = _entries(sel, ".related")
    others = [k for k in members if k != original["key"]]
    assert [e["href"] for e in related[:len(others)]] == [_href(k) for k in sorted(
        others, key=lambda k: store.db.articles.find_one({"key": k})["first_seen"])]
    assert all(e["same"] for e in related[:len(others)])
    rest = related[len(others):]
    assert rest and not any(e["same"] for e in rest)
    assert not {e["href"] for e in rest} & {_href(k) for k in members}
    for entry in rest:
        assert entry["title"] and entry["excerpt"] and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", entry["time"])
        assert len(entry["excerpt"]) <= present.EXCERPT_CHARS + 6
    copy_page = _entries(_snapshot(store, store.site.url + copy.path)[1], ".related")
    assert copy_page[0]["href"] == _href(original["key"]) and copy_page[0]["same"]


def test_related_by_terms_share_the_most_title_terms(store):
    """Outside its cluster, the related articles share more of the title's
    terms than the articles of the window that are not listed."""
    from snapshots.store import queries

    doc = store.db.articles.find_one({"site": "demo", "key": {"$regex": "/tech/"}}, sort=[("key", 1)])
    wanted = set(queries.title_terms(doc["title"]))
    listed = queries.sharing_terms(store.db, doc, 10)
    assert listed

    def shared(d):
        text = terms.normalize(d["title"] + " ".join(store.db.articles.find_one({"key": d["key"]})["body"]))
        return sum(1 for w in wanted if w in text)

    window = timedelta(days=queries.RELATED_WINDOW_DAYS)
    unlisted = store.db.articles.find({
        "category": "tech", "key": {"$nin": [doc["key"]] + [d["key"] for d in listed]},
        "published_at": {"$gte": doc["published_at"] - window, "$lte": doc["published_at"] + window}})
    rest = [shared(d) for d in unlisted]
    assert len(rest) > 2 * len(listed)
    assert all(shared(d) >= queries.MIN_SHARED_TERMS for d in listed)
    assert sum(map(shared, listed)) / len(listed) > 2 * sum(rest) / len(rest)


def test_more_news_is_the_latest_of_the_category(store):
    doc = store.db.articles.find_one({"site": "demo-mirror"})
    _, sel = _snapshot(store, doc["key"])
    assert _text(sel, ".more-news .block-title") == "更多关于科技的资讯:"
    newest = [d["key"] for d in store.db.articles.find({"category": "tech", "key": {"$ne": doc["key"]}})
              .sort("published_at", -1).limit(15)]
    assert [e["href"] for e in _entries(sel, ".more-news")] == [_href(k) for k in newest]


def test_version_history_shows_what_changed(store):
    changed = store.changed
    response, sel = _snapshot(store, changed.key)
    assert response.status_code == 200
    assert _text(sel, "h1.title") == changed.new_title
    assert sel.css(".body p").xpath("string()").getall() == changed.new_body
    versions = sel.css(".history li.version")
    assert len(versions) == 2
    assert "current" in versions[0].attrib["class"]
    diff = versions[0].css(".diff")
    assert _text(diff, ".diff-title del") == changed.old["title"]
    assert _text(diff, ".diff-title ins") == changed.new_title
    assert diff.css(".diff-changed ins::text").getall() == ["（更新）"]
    assert _text(diff, ".diff-added") == changed.new_body[-1]
    # The older version has its own stable URL and shows what it said then.
    old_href = versions[1].css(".version-head a::attr(href)").get()
    response, old = _page(store, old_href)
    assert response.status_code == 200
    assert _text(old, "h1.title") == changed.old["title"]
    assert old.css(".body p").xpath("string()").getall() == changed.old["body"]
    assert _snapshot(store, changed.key, version="0" * 32)[0].status_code == 404


def test_unknown_key_is_404_and_url_variants_redirect_to_the_key(store):
    response, sel = _snapshot(store, store.site.url + "/tech/2000/01/01/1.html")
    assert response.status_code == 404
    assert "没有找到这篇快照" in _text(sel, "h1")
    assert store.client.get("/snapshot").status_code == 404
    assert store.client.get("/category/no-such-category").status_code == 404
    doc = store.db.articles.find_one({"site": "demo"}, sort=[("key", 1)])
    response = store.client.get(_href(doc["key"] + "?utm_source=wx&spm=a.b"))
    assert response.status_code == 301
    assert response.headers["Location"].endswith(_href(doc["key"]))


def test_hostile_text_is_escaped_everywhere(store):
    pages = [_snapshot(store, store.hostile["key"]), _page(store, "/category/tech"), _page(store, "/"),
             _page(store, "/search", q="小米 <script>")]
    for response, sel in pages:
        html = response.get_data(as_text=True)
        assert "<script" not in html and "<img" not in html and "<b>" not in html
    response, sel = pages[0]
    assert _text(sel, "h1.title") == HOSTILE
    assert sel.css(".body p").xpath("string()").getall()[0].startswith("<script>alert(1)</script>")
    assert _entries(pages[1][1], ".listing")[0]["title"] == HOSTILE
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[1][0].get_data(as_text=True)


# -- listing and search ---------------------------------------------------------


def test_home_shows_the_newest_of_each_category(store):
    response, sel = _page(store, "/")
    assert response.status_code == 200
    assert sel.css(".block-title a::text").getall() == ["科技"]
    newest = [d["key"] for d in store.db.articles.find({"category": "tech"}).sort("published_at", -1).limit(8)]
    assert [e["href"] for e in _entries(sel, ".block")] == [_href(k) for k in newest]


def test_category_listing_pages_through_every_article_once(store):
    expected = [d["key"] for d in store.db.articles.find(
        {"category": "tech", "published_at": {"$ne": None}}).sort("published_at", -1)]
    seen, path, pages = [], "/category/tech", 0
    while path:
        response, sel = _page(store, path)
        assert response.status_code == 200
        assert sel.css(".breadcrumb li").xpath("string()").getall() == ["我的订阅", "科技"]
        entries = _entries(sel, ".listing")
        assert 0 < len(entries) <= 20
        seen += [e["href"] for e in entries]
        path = sel.css(".pager-next::attr(href)").get()
        pages += 1
    assert pages > 5
    assert sorted(seen) == sorted(_href(k) for k in expected)  # each once
    times = [store.db.articles.find_one({"key": k})["published_at"] for k in expected]
    assert seen[:20] == [_href(k) for k in expected[:20]] and times == sorted(times, reverse=True)


def test_search_finds_what_the_terms_query_finds_newest_first(store):
    for text in ("大模型", "芯片 发布"):
        expected = [d["key"] for d in store.db.articles.find(terms.query(text))
                    .sort("published_at", -1)]
        assert expected
        response, sel = _page(store, "/search", q=text)
        assert response.status_code == 200
        assert _text(sel, ".results h1") == f"“{text}”的搜索结果"
        shown = [e["href"] for e in _entries(sel, ".results")]
        assert shown == [_href(k) for k in expected[:20]]
    _, sel = _page(store, "/search", q="没有这种词语组合的文章")
    assert "没有找到" in _text(sel, ".results")


# -- the store down, the command ------------------------------------------------


def test_store_down_gives_a_clear_error_page_not_a_traceback():
    dead = f"mongodb://127.0.0.1:{free_port()}"
    settings = project_settings()
    settings.set("MONGO_CONNECT_TIMEOUT", 0.5)
    app = create_app(config_from_settings(settings, dead, "snapshots"))
    app.testing = False  # as served: errors go to the error handlers
    client = app.test_client()
    for path in ("/", "/category/tech", "/search?q=小米", "/snapshot?url=https%3A%2F%2Fa.com%2F1.html"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert "快照库暂时无法访问" in html and "Traceback" not in html and "pymongo" not in html


def test_web_command_serves_the_store_over_http(store):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "snapshots", "web", "--port", str(port),
                             "--mongo-uri", store.uri, "--db", store.name],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line
        doc = store.db.articles.find_one({"key": store.changed.key})
        with urlopen(f"http://127.0.0.1:{port}{_href(doc['key'])}", timeout=30) as response:
            html = response.read().decode("utf-8")
        assert response.status == 200 and store.changed.new_title in html
        with urlopen(f"http://127.0.0.1:{port}/static/style.css", timeout=30) as response:
            assert b".snapshot" in response.read()
    finally:
        proc.terminate()
        proc.wait(30)


# -- in a browser -----------------------------------------------------------------


@pytest.mark.browser
def test_pages_in_headless_chromium(store):
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "snapshots", "web", "--port", str(port),
                             "--mongo-uri", store.uri, "--db", store.name],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert base in proc.stdout.readline()
        copy = next(a for a in store.site.catalog.mirror if a.original)
        key = store.site.url + copy.original
        version = store.db.snapshots.find_one({"key": key})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto(base + _href(key))
            assert page.inner_text(".breadcrumb").split() == ["我的订阅", "科技"]
            assert page.inner_text("h1.title") == version["title"]
            meta = page.inner_text(".meta")
            assert "类别:" in meta and "来源:" + (version["source"] or "") in meta
            assert version["published_at"].astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") in meta
            assert page.locator(".body p").all_inner_texts() == version["body"]
            assert page.inner_text(".editor") == f"责任编辑:{version['editor']}"
            assert "快照生成时间:" in page.inner_text(".notice")
            assert page.get_attribute(".notice-url a", "href") == version["url"]
            assert page.locator(".related li.entry").count() > 1
            assert page.locator(".related li.same-story").count() >= 1
            assert page.locator(".more-news li.entry").count() == 15
            # The stylesheet is applied: the article sits in a white box.
            assert page.eval_on_selector(".snapshot", "e => getComputedStyle(e).backgroundColor") \
                == "rgb(255, 255, 255)"
            page.screenshot(path=str(ARTIFACTS / "web-snapshot.png"), full_page=True)

            page.goto(base + "/category/tech")
            assert page.inner_text(".listing h1") == "科技"
            assert page.locator(".listing li.entry").count() == 20
            page.click(".pager-next")
            assert "after=" in page.url and page.locator(".listing li.entry").count() > 0
            page.screenshot(path=str(ARTIFACTS / "web-listing.png"))

            page.goto(base + "/")
            page.fill("input[name=q]", "大模型")
            page.click(".search button")
            page.wait_for_url(re.compile(r"/search\?q="))
            assert page.inner_text(".results h1") == "“大模型”的搜索结果"
            titles = page.locator(".results .entry-title").all_inner_texts()
            assert titles and all(t for t in titles)
            page.screenshot(path=str(ARTIFACTS / "web-search.png"))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(30)


def test_demo_crawl_ends_with_the_viewer_command_and_a_snapshot_url(store, capsys):
    from snapshots.cli.demo_crawl import _print_viewer

    _print_viewer(store.db, store.name, None)
    out = capsys.readouterr().out
    assert f"-m snapshots web --db {store.name}" in out
    path = re.search(r"one snapshot: http://127\.0\.0\.1:\d+(/snapshot\?\S+)", out).group(1)
    response, sel = _page(store, path)
    assert response.status_code == 200 and sel.css("h1.title")
