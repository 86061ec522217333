"""Links of the article's own related-articles block (相关阅读, 推荐阅读 ...).

Found from its heading, not from link density: a site's navigation is full
of links too, but never titled "相关文章".
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

from .dom import Page, raw_text

_HEADING = re.compile(
    r"^[\s【\[■●◆▲★·>»|｜丨]*(?:相关(?:文章|阅读|新闻|链接|报道|推荐|资讯|内容|专题)|推荐阅读|延伸阅读|"
    r"扩展阅读|更多阅读|相关热词搜索|猜你喜欢|你可能(?:还)?(?:感兴趣|喜欢)|related(?: articles| posts| news)?)"
    r"[\s】\]:：>»]*$",
    re.I,
)
_HINT = re.compile(r"related|relate|xgyd|xgwz|xiangguan|about-?news|more-?news|tuijian", re.I)
_ANCHORS = etree.XPath(".//a[@href]")
_MIN_TITLE = 5
_MAX_LINKS = 30


_FOLLOWING_ANCHORS = etree.XPath("following::a[@href]")


def _inside(element: etree._Element, container: etree._Element) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def links_in(container: etree._Element, heading: etree._Element | None,
           base_url: str) -> list[dict[str, str]]:
    if heading is None:
        anchors = _ANCHORS(container)
    else:
        # Only the links that follow the heading inside the container.
        anchors = []
        for anchor in _FOLLOWING_ANCHORS(heading):
            if not _inside(anchor, container):
                break
            anchors.append(anchor)
            if len(anchors) > _MAX_LINKS * 2:
                break
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        title = " ".join(raw_text(anchor).split()) or (anchor.get("title") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")) or len(title) < _MIN_TITLE:
            continue
        url = urljoin(base_url, href)
        if url in seen:
            continue
        seen.add(url)
        out.append({"url": url, "title": title})
        if len(out) >= _MAX_LINKS:
            break
    return out


def find_related(page: Page, base_url: str) -> list[dict[str, str]]:
    for segment in page.segments:
        if segment.chars > 16 or not _HEADING.match(segment.text.strip()):
            continue
        heading = segment.element
        container = heading
        for _ in range(4):
            parent = container.getparent()
            if parent is None:
                break
            container = parent
            links = links_in(container, heading, base_url)
            if len(links) >= 2:
                return links
    for element in page.spans:
        cls, ident = element.get("class"), element.get("id")
        if (cls or ident) and _HINT.search(f"{cls or ''} {ident or ''}"):
            links = links_in(element, None, base_url)
            if len(links) >= 2:
                return links
    return []
