"""Pages of the main site, 演示科技网: home, category listings, articles and
their mobile twins, the JavaScript listing, the calendar trap, robots.txt.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from functools import partial
from xml.sax.saxutils import escape as xml_escape

from snapshots.demo import catalog as C
from snapshots.demo.catalog import Article, Listing
from snapshots.demo.markup import esc, paragraphs, render
from snapshots.demo.site import Page, Site, html_page

SITE_NAME = "演示科技网"
CATEGORY_NAMES = {"tech": "科技", "finance": "财经", "sports": "体育"}
CALENDAR = r"/tech/calendar/(\d{4}-\d{2}-\d{2})\.html"
# A 1x1 GIF: every image of the site.
PIXEL = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")
CSS = "body{font-family:sans-serif;margin:0}.wrap{width:1000px;margin:0 auto}.col-main{float:left;width:680px}.col-side{float:right;width:300px}.footer{clear:both}\n"
CHARSET_META = {
    "utf-8": '<meta charset="utf-8">\n',
    C.GBK_META: '<meta charset="gbk">\n',
    C.GB2312_HTTP_EQUIV: '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n',
    C.GBK_UNDECLARED: "",
}
INFO_PAGES = {
    "/about.html": ("关于我们", "演示科技网是一个演示用的新闻站点，全部内容均为虚构。"),
    "/contact.html": ("联系我们", "邮箱：contact@example.com"),
    "/ads.html": ("广告服务", "广告合作请联系商务部门。"),
    "/jobs.html": ("加入我们", "我们正在招聘编辑和工程师。"),
    "/login.html": ("用户登录", "请输入用户名和密码。"),
    "/register.html": ("用户注册", "注册后可订阅感兴趣的栏目。"),
    "/app.html": ("下载客户端", "扫码下载演示科技网客户端。"),
    "/search.html": ("搜索", "请输入关键词。"),
    "/share.html": ("分享", "分享到社交平台。"),
    "/report.html": ("内容举报", "感谢您的反馈，我们会尽快处理。"),
    "/ad/click.html": ("广告", "即将跳转到广告主页面。"),
    "/user/subscribe.html": ("我的订阅", "登录后查看您订阅的栏目。"),
    "/admin/": ("管理后台", "管理员登录"),
}


# A fixed address for spider contracts (`scrapy check`): article paths carry
# dates relative to now, this one does not. It is its own canonical page.
SAMPLE_PATH = "/tech/sample.html"


def register(site: Site) -> None:
    pages = MainPages(site)
    catalog = site.catalog
    site.add("/", pages.home)
    for key in CATEGORY_NAMES:
        listing = catalog.listings[key]
        for number in range(1, len(listing.paths) + 1):
            site.add(listing.paths[number - 1], partial(pages.listing, listing, number))
    for article in catalog.tech + catalog.finance + catalog.sports:
        if C.LOGIN_WALL in article.cases:
            site.add(article.path, partial(pages.vip, article))
            continue
        site.add(article.path, partial(pages.article, article),
                 error_once=C.ERROR_ONCE in article.cases)
        if article.mobile_path:
            site.add(article.mobile_path, partial(pages.mobile, article))
    site.add(SAMPLE_PATH, partial(pages.article, pages.latest[0], canonical_path=SAMPLE_PATH))
    site.add("/tech/live/", pages.live)
    site.add("/tech/live/data.json", pages.live_data)
    site.add_pattern(CALENDAR, pages.calendar)
    site.add_pattern(r"/img/\d+\.jpg", lambda _: Page(200, PIXEL, "image/gif"))
    site.add("/robots.txt", pages.robots)
    site.add("/sitemap.xml", pages.sitemap)
    site.add("/static/main.css", lambda: Page(200, CSS.encode(), "text/css; charset=utf-8"))
    for path, (heading, text) in INFO_PAGES.items():
        site.add(path, partial(pages.info, heading, text))
    site.not_found = pages.info("页面不存在", "您访问的页面不存在或已被删除。", status=404)
    site.server_error = pages.info("服务器错误", "服务器暂时无法处理您的请求，请稍后再试。", status=500)


class MainPages:
    def __init__(self, site: Site):
        self.site = site
        self.catalog = catalog = site.catalog
        self.base = site.base_url
        full = [a for a in catalog.tech
                if a.listing_href and not a.cases & {C.LOGIN_WALL, C.SHORT_READ, C.TRUNCATED}]
        self.latest = full[:11]
        self.hot = random.Random(f"{catalog.seed}:hot").sample(full[:60], 10)
        self.by_date: dict[str, list[Article]] = {}
        for article in full:
            self.by_date.setdefault(article.date, []).append(article)

    # -- building blocks ------------------------------------------------

    def _page(self, title: str, content: str, *, channel: str = "home", head: str = "",
              description: str = "", charset: str = CHARSET_META["utf-8"],
              scripts: str = "") -> str:
        return render("main", "page", charset=charset, title=esc(title), keywords="科技,数码,互联网",
                      description=esc(description or SITE_NAME), head=head, channel=channel,
                      content=content, year=self.catalog.now.year, scripts=scripts)

    def _hot(self) -> str:
        return "\n".join(render("main", "hot_item", href=a.path, title=esc(a.title)) for a in self.hot)

    def _related_item(self, href: str) -> str:
        target = self.catalog.article(href)
        if target is None:  # the deleted article: the link stays, the page is gone
            title, snippet, time = self.catalog.missing_title, "", ""
        else:
            title, snippet = target.title, target.summary
            time = target.published.strftime("%Y-%m-%d %H:%M:%S")
        return render("main", "related_item", href=href, title=esc(title),
                      snippet=esc(snippet), time=time)

    # -- pages ------------------------------------------------------------

    def home(self) -> Page:
        def items(articles):
            return "\n".join(self._listing_item(a, a.path) for a in articles)
        catalog = self.catalog
        content = render("main", "home", tech=items(self.latest[:10]),
                         finance=items(catalog.finance[:5]), sports=items(catalog.sports[:5]))
        return html_page(self._page(f"{SITE_NAME}_科技改变生活", content))

    def _listing_item(self, article: Article, href: str) -> str:
        if C.RELATIVE_TIME in article.cases:
            time = article.published_text
        else:
            time = article.published.strftime("%Y-%m-%d %H:%M")
        tag = ' <em class="tag">会员</em>' if C.LOGIN_WALL in article.cases else ""
        return render("main", "listing_item", href=esc(href), title=esc(article.title), tag=tag,
                      summary=esc(article.summary), time=time)

    def listing(self, listing: Listing, number: int) -> Page:
        name = CATEGORY_NAMES[listing.key]
        items = "\n".join(self._listing_item(a, a.listing_href) for a in listing.pages[number - 1])
        content = render("main", "listing", category_name=name, page=number, items=items,
                         pagination=pagination(listing.paths, number), hot=self._hot(),
                         today=self.catalog.now.strftime("%Y-%m-%d"))
        title = f"{name}频道_{SITE_NAME}" if number == 1 else f"{name}频道_第{number}页_{SITE_NAME}"
        return html_page(self._page(title, content, channel=listing.key))

    def article(self, article: Article, canonical_path: str | None = None) -> Page:
        name = CATEGORY_NAMES[article.category]
        canonical = self.base + (canonical_path or article.path)
        head = (f'<link rel="canonical" href="{canonical}">\n'
                f'<meta property="og:type" content="article">\n'
                f'<meta property="og:title" content="{esc(article.title)}">\n')
        if C.JSONLD in article.cases:
            head += json_ld(article, canonical)
        authors = f" {article.author_role}:{' '.join(article.authors)}" if article.authors else ""
        mobile = (f'<a class="mobile" href="{article.mobile_path}">手机版</a> '
                  if article.mobile_path else "")
        image = (f'<p class="img"><img src="/img/{article.id}.jpg" alt="{esc(article.title)}"></p>'
                 if C.IMAGE in article.cases else "")
        latest = self.latest if article.category == "tech" else getattr(self.catalog, article.category)
        more = [a for a in latest if a is not article][:10]
        content = render(
            "main", "article", category=article.category, category_name=name,
            title=esc(article.title), time=article.published_text, source=esc(article.source),
            authors=esc(authors), mobile=mobile, body=paragraphs(article.paragraphs, image),
            editor=esc(article.editor), id=article.id,
            related="\n".join(self._related_item(href) for href in article.related),
            more="\n".join(self._related_item(a.path) for a in more), hot=self._hot())
        charset = next((c for c in C.GBK_CASES if c in article.cases), "utf-8")
        text = self._page(f"{article.title}_{SITE_NAME}", content, channel=article.category,
                          head=head, description=article.summary, charset=CHARSET_META[charset])
        page = html_page(text, encoding=article.encoding)
        if C.TRUNCATED in article.cases:
            return truncate(text)
        if C.SHORT_READ in article.cases:
            return Page(page.status, page.body, page.content_type, cut_at=len(page.body) * 2 // 5)
        return page

    def mobile(self, article: Article) -> Page:
        related = "\n".join(render("main", "hot_item", href=href, title=esc(t.title))
                            for href in article.related[:5]
                            if (t := self.catalog.article(href)) is not None)
        return html_page(render(
            "main", "mobile", title=esc(article.title), canonical=self.base + article.path,
            desktop=article.path, source=esc(article.source),
            time=article.published.strftime("%m-%d %H:%M"),
            body=paragraphs(article.paragraphs), editor=esc(article.editor), related=related))

    def vip(self, article: Article) -> Page:
        content = render("main", "vip", title=esc(article.title), time=article.published_text,
                         source=esc(article.source), path=article.path)
        head = f'<link rel="canonical" href="{self.base + article.path}">\n'
        return html_page(self._page(f"{article.title}_{SITE_NAME}", content, channel="tech", head=head))

    def live(self) -> Page:
        return html_page(self._page(f"7x24小时快讯_{SITE_NAME}", render("main", "live"),
                                    channel="tech", scripts=render("main", "live_script")))

    def live_data(self) -> Page:
        items = [{
            "id": a.id, "title": a.title, "url": a.path, "summary": a.summary,
            "source": a.source,
            "time": a.published_text if C.RELATIVE_TIME in a.cases else a.published.strftime("%m-%d %H:%M"),
            "published": a.published.isoformat(),
        } for a in self.catalog.live]
        data = {"updated": self.catalog.now.isoformat(), "items": items}
        return Page(200, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                    "application/json; charset=utf-8")

    def calendar(self, match) -> Page | None:
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            return None
        # Every day links its neighbours, so the pages never run out.
        prev, next_ = (_iso(day, -1), _iso(day, 1))
        articles = self.by_date.get(day.isoformat(), [])
        items = "\n".join(self._listing_item(a, a.path) for a in articles) or '<li class="empty">当日暂无新闻</li>'
        content = render("main", "calendar", date=day.isoformat(), prev=prev, next=next_, items=items)
        return html_page(self._page(f"{day.isoformat()} 科技新闻_{SITE_NAME}", content, channel="tech"))

    def robots(self) -> Page:
        text = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {self.base}/sitemap.xml\n"
        return Page(200, text.encode(), "text/plain; charset=utf-8")

    def sitemap(self) -> Page:
        catalog = self.catalog
        articles = [a for a in catalog.tech if a.listing_href and C.LOGIN_WALL not in a.cases]
        urls = "".join(f"<url><loc>{xml_escape(self.base + a.path)}</loc>"
                       f"<lastmod>{a.published.isoformat()}</lastmod></url>\n"
                       for a in articles + catalog.finance + catalog.sports)
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
        return Page(200, text.encode(), "application/xml")

    def info(self, heading: str, text: str, status: int = 200) -> Page:
        content = render("main", "info", heading=heading, text=text)
        return html_page(self._page(f"{heading}_{SITE_NAME}", content), status=status)


def pagination(paths: tuple[str, ...], number: int) -> str:
    """上一页, a window of page numbers, 下一页 with rel="next"."""
    total = len(paths)
    parts = []
    if number > 1:
        parts.append(f'<a class="prev" href="{paths[number - 2]}" rel="prev">上一页</a>')
    first, last = max(1, number - 4), min(total, number + 5)
    for n in range(first, last + 1):
        parts.append(f'<span class="current">{n}</span>' if n == number
                     else f'<a href="{paths[n - 1]}">{n}</a>')
    if last < total:
        parts.append(f'<span class="dots">…</span> <a href="{paths[-1]}">{total}</a>')
    if number < total:
        parts.append(f'<a class="next" href="{paths[number]}" rel="next">下一页</a>')
    return "\n".join(parts)


def json_ld(article: Article, canonical: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "author": [{"@type": "Person", "name": n} for n in article.authors]
        or {"@type": "Organization", "name": article.source},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "mainEntityOfPage": canonical,
        "articleSection": CATEGORY_NAMES[article.category],
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'


def truncate(text: str) -> Page:
    """The page cut off inside its third paragraph: no closing tags follow."""
    start = text.index('id="content"')
    cut = start
    for _ in range(3):
        cut = text.index("<p>", cut + 1)
    end = text.index("</p>", cut)
    return html_page(text[:(cut + 3 + end) // 2])


def _iso(day: date, delta: int) -> str:
    try:
        return (day + timedelta(days=delta)).isoformat()
    except OverflowError:  # year 1 or 9999: the trap ends there
        return day.isoformat()
