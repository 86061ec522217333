"""Field hygiene on a crawl: hostile article pages served over real HTTP on
127.0.0.1, crawled with ``-a start_url=`` and stored in the local
MongoDB-protocol server. A 100 KB title is stored capped and not repeated
in the body, a JSON-LD ``articleSection`` object never reaches
``page_category``, and both are counted in the crawl's stats."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pymongo
import pytest

from snapshots.normalize.article import MAX_TITLE_CHARS
from tests.helpers import FAST, scrapy_crawl

PARAGRAPHS = [
    "本市今年将新开和优化调整公交线路三十条，重点解决新建小区和产业园区的出行难题，方便市民通勤。",
    "新开线路将优先覆盖轨道交通站点周边，实现“最后一公里”接驳；客流较少的线路将合并调整。",
    "线路调整方案已在官方网站公示，市民可以通过热线电话或者网上留言的方式提出意见和建议。",
]
HUGE_TITLE = "超长标题" * 25_000  # 100,000 characters


def _article(title: str, head: str = "", first: str = "") -> bytes:
    body = (f"<p>{first}</p>" if first else "") + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f'<body><div class="article"><div class="info">发布时间：2025-03-20 09:30 来源：某某日报</div>'
            f'<div class="content">{body}</div></div></body></html>').encode("utf-8")


LD = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "栏目对象的文章",
                 "articleSection": {"$gt": ""}, "datePublished": "2025-03-20T09:30:00+08:00"})
PAGES = {
    "/news/2025/03/20/1001.html": _article(HUGE_TITLE, first=HUGE_TITLE),
    "/news/2025/03/20/1002.html": _article("栏目对象的文章", head=f'<script type="application/ld+json">{LD}</script>'),
    "/news/2025/03/20/1003.html": _article("一篇普通的文章"),
    "/news/2025/03/20/1004.html": _article("又一篇普通的文章"),
}
LISTING = ("<html><head><meta charset='utf-8'><title>新闻列表</title></head><body><ul class='news-list'>"
           + "".join(f"<li><a href='{path}'>公交线路调整的第{i}篇新闻报道标题</a><span>2025-03-20</span></li>"
                     for i, path in enumerate(PAGES, 1))
           + "</ul></body></html>").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = LISTING if self.path == "/news/" else PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def crawled(mongo_uri, tmp_path_factory):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    db_name = f"hostile_{uuid.uuid4().hex[:8]}"
    result = scrapy_crawl(tmp_path_factory.mktemp("hostile"), settings={
        **FAST, "MONGO_URI": mongo_uri, "MONGO_DATABASE": db_name, "MONGO_FLUSH_SECONDS": 1,
        "RELATED_DEPTH": 0, "WORKER_PROCESSES": 1}, args={"start_url": url + "/news/"})
    client = pymongo.MongoClient(mongo_uri)
    yield result, client[db_name], url
    client.drop_database(db_name)
    client.close()
    httpd.shutdown()
    httpd.server_close()


def test_hostile_fields_are_stored_clean_and_counted(crawled):
    result, db, url = crawled
    assert result.returncode == 0, result.log[-3000:]
    stored = {doc["url"].removeprefix(url): doc for doc in db.snapshots.find({}, {"html": 0})}
    assert set(stored) == set(PAGES)

    huge = stored["/news/2025/03/20/1001.html"]
    assert huge["title"] == HUGE_TITLE[:MAX_TITLE_CHARS]
    assert huge["body"] == PARAGRAPHS
    article = db.articles.find_one({"key": huge["key"]})
    assert len(article["title"]) == MAX_TITLE_CHARS and article["body"] == PARAGRAPHS

    section = stored["/news/2025/03/20/1002.html"]
    assert section["page_category"] is None
    assert "$gt" not in json.dumps(section, default=str)
    assert json.loads(section["extras"])["dropped"] == ["structured_not_string/section"]

    assert result.stat("snapshots/fields/title_truncated") == 1
    assert result.stat("snapshots/fields/title_in_body") == 1
    assert result.stat("snapshots/fields/structured_not_string/section") == 1
