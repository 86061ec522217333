"""Pages of 镜像新闻网 (/mirror/): a second outlet that republishes some of
the main site's stories with small edits, in its own template."""

from __future__ import annotations

from functools import partial

from snapshots.demo.catalog import Article, Listing
from snapshots.demo.markup import esc, paragraphs, render
from snapshots.demo.site import Page, Site, html_page

SITE_NAME = "镜像新闻网"


def register(site: Site) -> None:
    pages = MirrorPages(site)
    listing = site.catalog.listings["mirror"]
    for number, path in enumerate(listing.paths, 1):
        site.add(path, partial(pages.listing, listing, number))
    for article in site.catalog.mirror:
        site.add(article.path, partial(pages.article, article))
    site.add("/mirror/", pages.home)
    site.add("/mirror/about.html", pages.about)
    site.add("/mirror/static/site.css", lambda: Page(200, b"body{margin:0}\n", "text/css"))


class MirrorPages:
    def __init__(self, site: Site):
        self.catalog = site.catalog
        self.base = site.base_url

    def _page(self, title: str, content: str, head: str = "") -> Page:
        return html_page(render("mirror", "page", title=esc(title), head=head, content=content))

    def _item(self, article: Article) -> str:
        return render("mirror", "listing_item", href=article.path, title=esc(article.title),
                      time=article.published.strftime("%m-%d %H:%M"), summary=esc(article.summary))

    def home(self) -> Page:
        items = "\n".join(self._item(a) for a in self.catalog.mirror[:8])
        return self._page(f"{SITE_NAME} - 汇聚天下资讯", render("mirror", "home", items=items))

    def listing(self, listing: Listing, number: int) -> Page:
        paths = listing.paths
        pager = []
        if number > 1:
            pager.append(f'<a href="{paths[number - 2]}">上一页</a>')
        pager.append(f"<span>第{number}页/共{len(paths)}页</span>")
        if number < len(paths):
            pager.append(f'<a href="{paths[number]}">下一页</a>')
        items = "\n".join(self._item(a) for a in listing.pages[number - 1])
        content = render("mirror", "listing", items=items, pager=" ".join(pager))
        return self._page(f"科技资讯 - {SITE_NAME}", content)

    def article(self, article: Article) -> Page:
        related = "\n".join(render("mirror", "related_item", href=a.path, title=esc(a.title))
                            for a in self.catalog.mirror if a is not article)
        content = render("mirror", "article", title=esc(article.title),
                         time=article.published_text, source=esc(article.source),
                         editor=esc(article.editor), body=paragraphs(article.paragraphs),
                         related=related)
        head = f'<link rel="canonical" href="{self.base + article.path}">\n'
        return self._page(f"{article.title} - {SITE_NAME}", content, head)

    def about(self) -> Page:
        content = render("mirror", "info", heading="关于本站", text="本站内容均转载自互联网。")
        return self._page(f"关于本站 - {SITE_NAME}", content)
