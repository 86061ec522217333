"""Hostile pages, under ``/hostile/``: what a fault-injection run throws at
a crawler. One listing links them all; each article is one trap.

Made of the catalog's stories, so their text reads like the rest of the
site; their addresses and traps are fixed (see ``TRAPS``).
"""

from __future__ import annotations

import base64
import gzip
import random
import threading
import time
from collections import defaultdict
from functools import partial

from snapshots.demo.markup import esc, paragraphs
from snapshots.demo.site import Page, Site, html_page

LISTING = "/hostile/"
# Trap name -> path of its listed article. The names are the rows of
# README's table.
TRAPS = {
    "false_utf8": "/hostile/2025/03/20/900001.html",
    "redirect_loop": "/hostile/2025/03/20/900002.html",
    "redirect_duplicate": "/hostile/2025/03/20/900003.html",
    "redirect_offsite": "/hostile/2025/03/20/900004.html",
    "gzip_bomb": "/hostile/2025/03/20/900005.html",
    "huge_page": "/hostile/2025/03/20/900006.html",
    "deep_nesting": "/hostile/2025/03/20/900007.html",
    "retry_after": "/hostile/2025/03/20/900008.html",
}
LOOP_OTHER = "/hostile/loop/other.html"
OFFSITE_URL = "http://offsite.invalid/news/1.html"
# Inflated size of the gzip bomb, and of the pieces it is made of (each a
# gzip member: concatenated members are one valid gzip stream).
BOMB_SIZE = 1 << 30
_BOMB_PIECE = 1 << 20
# HTML bytes: over MongoDB's 16 MB document limit, compressed or not.
HUGE_PAGE_SIZE = 24 << 20
NESTING_DEPTH = 20_000
# The Retry-After page answers 429 (Retry-After: 2), then 503
# (Retry-After: 1), then the article.
RETRY_ANSWERS = ((429, "2"), (503, "1"))


def register(site: Site) -> None:
    pages = HostilePages(site)
    site.hostile = pages
    site.on_reset(pages.reset)
    site.add(LISTING, pages.listing)
    site.add(TRAPS["false_utf8"], partial(pages.article, "false_utf8"))
    site.add(TRAPS["redirect_loop"], partial(_redirect, LOOP_OTHER))
    site.add(LOOP_OTHER, partial(_redirect, TRAPS["redirect_loop"]))
    site.add(TRAPS["redirect_duplicate"], partial(_redirect, TRAPS["false_utf8"]))
    site.add(TRAPS["redirect_offsite"], partial(_redirect, OFFSITE_URL))
    site.add(TRAPS["gzip_bomb"], _gzip_bomb)
    site.add(TRAPS["huge_page"], partial(pages.article, "huge_page"))
    site.add(TRAPS["deep_nesting"], partial(pages.article, "deep_nesting"))
    # Answers depend on earlier requests: a pattern, rendered per request.
    site.add_pattern(TRAPS["retry_after"], pages.retry_after)


def _redirect(location: str) -> Page:
    return Page(302, b"", "text/html", headers=(("Location", location),))


def _gzip_bomb() -> Page:
    piece = gzip.compress(b" " * _BOMB_PIECE, compresslevel=9, mtime=0)
    body = piece * (BOMB_SIZE // _BOMB_PIECE)
    return Page(200, body, "text/html; charset=utf-8", headers=(("Content-Encoding", "gzip"),))


class HostilePages:
    def __init__(self, site: Site):
        self.site = site
        # The oldest stories of the catalog lend their text.
        stories = site.catalog.tech[-len(TRAPS):]
        self.stories = dict(zip(TRAPS, stories))
        self._lock = threading.Lock()
        self._answers: dict[str, int] = defaultdict(int)
        # When each request for the Retry-After page came (monotonic clock).
        self.request_times: dict[str, list[float]] = defaultdict(list)

    def listing(self) -> Page:
        items = "\n".join(
            f'<li><a href="{path}">{esc(self.stories[name].title)}</a><span>2025-03-20</span></li>'
            for name, path in TRAPS.items())
        return html_page(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>险境 - 演示科技网</title></head>
<body><h1>险境</h1><ul class="list">
{items}
</ul></body></html>""")

    def _html(self, name: str, charset: str = "utf-8", body: str | None = None) -> str:
        story = self.stories[name]
        text = body if body is not None else paragraphs(story.paragraphs)
        return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>{esc(story.title)}</title></head>
<body><h1>{esc(story.title)}</h1>
<div class="info">发布时间：2025-03-20 10:00 来源：演示科技网</div>
<div id="content">
{text}
</div></body></html>"""

    def article(self, name: str) -> Page:
        if name == "false_utf8":
            # GBK bytes behind <meta charset="utf-8">; no charset in the header.
            return Page(200, self._html(name).encode("gbk", "xmlcharrefreplace"), "text/html")
        if name == "deep_nesting":
            paras = paragraphs(self.stories[name].paragraphs)
            body = "<div>" * NESTING_DEPTH + paras + "</div>" * NESTING_DEPTH
            return html_page(self._html(name, body=body))
        if name == "huge_page":
            story = self.stories[name]
            # The article, then an inline image that compression hardly
            # shrinks: compressed, the page is still over 16 MB.
            noise = random.Random(f"{self.site.catalog.seed}:huge").randbytes(HUGE_PAGE_SIZE * 3 // 4)
            image = f'<img src="data:image/png;base64,{base64.b64encode(noise).decode()}">'
            return html_page(self._html(name, body=paragraphs(story.paragraphs) + "\n" + image))
        raise KeyError(name)

    def retry_after(self, _match) -> Page:
        path = TRAPS["retry_after"]
        with self._lock:
            self.request_times[path].append(time.monotonic())
            answer = self._answers[path]
            self._answers[path] += 1
        if answer < len(RETRY_ANSWERS):
            status, seconds = RETRY_ANSWERS[answer]
            return Page(status, b"busy", "text/plain", headers=(("Retry-After", seconds),))
        return html_page(self._html("retry_after"))

    def reset(self) -> None:
        with self._lock:
            self._answers.clear()
            self.request_times.clear()
