"""Four portals in the styles of real Chinese news sites, for the crawler's
generic rules: each its own listing markup, pagination and article template.

- portal-a: ``<ul><li><a>..</a><span>date</span></li>``, 下一页 without rel
- portal-b: a card grid, numbered links and ``>``
- portal-c: a table, 下页, served as GBK (charset only in a meta tag)
- portal-d: only numbered page links, the current page not a link
"""

from __future__ import annotations

import random
from functools import partial

from snapshots.demo.catalog import PORTALS, Article, Listing
from snapshots.demo.main_pages import PIXEL
from snapshots.demo.markup import esc, paragraphs, render
from snapshots.demo.site import Page, Site, html_page

NAMES = {"portal-a": "华夏资讯网", "portal-b": "青柠科技", "portal-c": "中原信息港", "portal-d": "东方时报网"}
# Placeholder pages for each portal's other navigation and footer links.
EXTRA_PAGES = {
    "portal-a": ("/portal-a/finance/", "/portal-a/ent/", "/portal-a/about.shtml"),
    "portal-b": ("/portal-b/finance/", "/portal-b/ent/", "/portal-b/about"),
    "portal-c": ("/portal-c/finance/", "/portal-c/ent/", "/portal-c/about.php"),
    "portal-d": ("/portal-d/finance/", "/portal-d/ent/", "/portal-d/about.htm"),
}


def register(site: Site) -> None:
    for name in PORTALS:
        pages = PortalPages(site, name)
        listing = site.catalog.listings[name]
        for number, path in enumerate(listing.paths, 1):
            site.add(path, partial(pages.listing, listing, number))
        for article in site.catalog.portals[name]:
            site.add(article.path, partial(pages.article, article))
        site.add(f"/{name}/", pages.home)
        for path in EXTRA_PAGES[name]:
            site.add(path, pages.placeholder)
    site.add_pattern(r"/portal-b/img/\d+\.jpg", _image)


def _image(_match) -> Page:
    return Page(200, PIXEL, "image/gif")


class PortalPages:
    def __init__(self, site: Site, name: str):
        self.site = site
        self.name = name
        self.title = NAMES[name]
        self.articles = site.catalog.portals[name]
        self.encoding = PORTALS[name].encoding
        # 热门排行: articles of the other sections, so the sidebar is full of
        # links that are not this portal's list.
        rng = random.Random(f"{site.catalog.seed}:{name}:hot")
        others = [a for other, arts in site.catalog.portals.items() if other != name for a in arts[:6]]
        others += site.catalog.tech[20:26]
        self.hot = "\n".join(render(name, "link_item", href=a.path, title=esc(a.title))
                             for a in rng.sample(others, 10))

    def _page(self, title: str, content: str, head: str = "") -> Page:
        text = render(self.name, "page", title=esc(title), head=head, content=content, hot=self.hot)
        return html_page(text, encoding=self.encoding)

    def _item(self, article: Article) -> str:
        return render(self.name, "listing_item", href=esc(article.path), title=esc(article.title),
                      id=article.id, summary=esc(article.summary), source=esc(article.source),
                      date=_listing_date(self.name, article),
                      datetime=article.published.strftime("%Y-%m-%d %H:%M"))

    def home(self) -> Page:
        items = "\n".join(render(self.name, "link_item", href=esc(a.path), title=esc(a.title))
                          for a in self.articles[:8])
        return self._page(f"{self.title}_首页", render(self.name, "home", items=items))

    def placeholder(self) -> Page:
        return self._page(f"{self.title}", "<p>本栏目正在建设中。</p>")

    def listing(self, listing: Listing, number: int) -> Page:
        items = "\n".join(self._item(a) for a in listing.pages[number - 1])
        pager = PAGERS[self.name](listing.paths, number, len(listing.articles))
        content = render(self.name, "listing", items=items, pager=pager)
        suffix = "" if number == 1 else f"_第{number}页"
        return self._page(f"科技频道{suffix}_{self.title}", content)

    def article(self, article: Article) -> Page:
        catalog = self.site.catalog
        related = "\n".join(render(self.name, "link_item", href=esc(href), title=esc(catalog.article(href).title))
                            for href in article.related)
        content = render(
            self.name, "article", title=esc(article.title), time=article.published_text,
            source=esc(article.source), authors=esc(_authors(self.name, article)),
            editor=esc(article.editor), body=paragraphs(article.paragraphs), related=related,
            clicks=article.id % 9000 + 100)
        head = ""
        if self.name in ("portal-a", "portal-d"):  # two of the four state a canonical URL
            head = f'<link rel="canonical" href="{self.site.base_url + article.path}">\n'
        return self._page(f"{article.title}_{self.title}", content, head)


def _listing_date(name: str, article: Article) -> str:
    if name == "portal-b":
        return f"{article.published.month}月{article.published.day}日"
    return article.published.strftime("%Y-%m-%d")


def _authors(name: str, article: Article) -> str:
    names = " ".join(article.authors)
    if name == "portal-c":
        return f"文/记者 {names}" if article.author_role == "记者" else f"文/{names}"
    return names


def _pager_a(paths, number, total) -> str:
    # 下一页 without rel, relative hrefs as many sites write them.
    def rel(n):
        return "/portal-a/tech/" if n == 1 else paths[n - 1].rsplit("/", 1)[1]
    parts = [f'<a href="{rel(1)}">首页</a>']
    if number > 1:
        parts.append(f'<a href="{rel(number - 1)}">上一页</a>')
    parts.append(f"<span>{number}/{len(paths)}</span>")
    if number < len(paths):
        parts.append(f'<a href="{rel(number + 1)}">下一页</a>')
    parts.append(f'<a href="{rel(len(paths))}">尾页</a>')
    return " ".join(parts)


def _pager_b(paths, number, total) -> str:
    def rel(n):
        return "/portal-b/tech/" if n == 1 else f"?page={n}"
    parts = []
    if number > 1:
        parts.append(f'<a class="prev" href="{rel(number - 1)}">&lt;</a>')
    for n in range(1, len(paths) + 1):
        parts.append(f'<span class="active">{n}</span>' if n == number else f'<a href="{rel(n)}">{n}</a>')
    if number < len(paths):
        parts.append(f'<a class="next" href="{rel(number + 1)}">&gt;</a>')
    return "".join(parts)


def _pager_c(paths, number, total) -> str:
    parts = [f"共{total}条记录 第{number}/{len(paths)}页", f'<a href="{esc(paths[0])}">首页</a>']
    if number > 1:
        parts.append(f'<a href="{esc(paths[number - 2])}">上页</a>')
    if number < len(paths):
        parts.append(f'<a href="{esc(paths[number])}">下页</a>')
    parts.append(f'<a href="{esc(paths[-1])}">末页</a>')
    return " ".join(parts)


def _pager_d(paths, number, total) -> str:
    # Only page numbers; the current one is plain text.
    def rel(n):
        return "/portal-d/tech/" if n == 1 else paths[n - 1].rsplit("/", 1)[1]
    return " ".join(f"<span>{n}</span>" if n == number else f'<a href="{rel(n)}">{n}</a>'
                    for n in range(1, len(paths) + 1))


PAGERS = {"portal-a": _pager_a, "portal-b": _pager_b, "portal-c": _pager_c, "portal-d": _pager_d}
