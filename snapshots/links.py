"""Generic rules that find article links and the next page on a listing.

They work on a parsed lxml tree and a base URL, with no Scrapy, so they can
be tested on any page. A listing's main list is the largest group of links
that share a DOM position (same ancestor path) and look like articles: a
headline-length text and a URL with a date or a numeric id. Navigation,
"hot" sidebars and footers lose because their groups are smaller, shorter
or point at section pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from snapshots.domains import same_site

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")
_DATE_IN_URL = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ID_IN_URL = re.compile(r"(?:\d{4,}|[0-9a-z]{10,})(?:\.s?html?|\.php|\.aspx?)?$|[?&](?:id|aid|article_?id|docid|nid)=\w+", re.I)
_PAGE_FILE = re.compile(r"(?:index|list|page)[_-]?\d*\.s?html?$|/$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOILERPLATE_BOX = re.compile(r"nav|menu|foot|header|breadcrumb|crumb|copyright|login|share|toolbar", re.I)
_SIDEBAR_BOX = re.compile(r"side|rank|hot|aside|recommend|phb|paihang|top10|ad[-_ ]|^ad$|banner|friend", re.I)
_DIGITS = re.compile(r"\d+")

NEXT_TEXTS = frozenset({
    "下一页", "下页", "后页", "后一页", "下一頁", "下一页>", "下一页>>", "下一页 >", "下一页»",
    ">", "›", "〉", "next", "next page", "next ›", "next »",
})


@dataclass(frozen=True)
class ListingLink:
    url: str
    text: str
    date: date | None = None


def parse(html: str | bytes) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(html)


def _clean_text(text: str) -> str:
    return " ".join(text.split())


def _box_class(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _signature(anchor) -> tuple[tuple[str, str], ...]:
    """The anchor's ancestor path (tag and first class), five levels up."""
    parts = []
    el = anchor.getparent()
    while el is not None and len(parts) < 5:
        cls = (el.get("class") or "").split()
        parts.append((el.tag, cls[0] if cls else ""))
        el = el.getparent()
    return tuple(parts)


def _in_boilerplate(anchor) -> tuple[bool, bool]:
    """(in navigation/header/footer, in a sidebar/ad box)."""
    boiler = side = False
    for el in anchor.iterancestors():
        if el.tag in ("nav", "header", "footer"):
            boiler = True
        elif el.tag == "aside":
            side = True
        marks = _box_class(el)
        if marks.strip():
            if _BOILERPLATE_BOX.search(marks):
                boiler = True
            if _SIDEBAR_BOX.search(marks):
                side = True
    return boiler, side


def url_looks_like_article(url: str) -> float:
    """0..1: how much the URL's shape says "one article"."""
    parts = urlsplit(url)
    path = parts.path
    if _DATE_IN_URL.search(path) and not path.endswith("/"):
        return 1.0
    tail = path.rsplit("/", 1)[-1] + ("?" + parts.query if parts.query else "")
    if _ID_IN_URL.search(tail) or _ID_IN_URL.search("?" + parts.query):
        return 0.9 if not _PAGE_FILE.search(path) else 0.3
    if _PAGE_FILE.search(path):
        return 0.0
    return 0.3 if path.endswith((".html", ".shtml", ".htm")) else 0.1


def date_from_url(url: str) -> date | None:
    match = _DATE_IN_URL.search(urlsplit(url).path)
    return _to_date(*match.groups()) if match else None


def _to_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_near(anchor) -> date | None:
    """A date written in the anchor's list entry (li, tr, card)."""
    el = anchor
    for _ in range(3):
        el = el.getparent()
        if el is None or len(el.findall(".//a")) > 3:
            break
        match = _DATE_IN_TEXT.search(el.text_content())
        if match:
            return _to_date(*match.groups())
    return None


def find_article_links(tree, base_url: str, *, deny: re.Pattern | None = None,
                       domains: tuple[str, ...] = ()) -> list[ListingLink]:
    """Article links of a listing page's main list, in page order, without
    duplicates: links on the listing's site (its registrable domain, or
    under one of ``domains``). (A site profile with an article URL pattern
    uses Scrapy's LinkExtractor instead.)"""
    groups: dict[tuple, list[tuple[object, ListingLink, float]]] = defaultdict(list)
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        if not url.startswith(("http://", "https://")) or not same_site(url, base_url, domains):
            continue
        if deny is not None and deny.search(url):
            continue
        text = _clean_text(anchor.text_content() or anchor.get("title") or "")
        score = url_looks_like_article(url)
        if score < 0.3 or len(text) < 5:
            continue
        boiler, side = _in_boilerplate(anchor)
        if boiler:
            continue
        # Headlines: Chinese ones are 8-40 characters; nav words are short.
        weight = score * min(len(text), 30) / 30 * (1.0 if _CJK.search(text) or len(text) > 15 else 0.6)
        if side:
            weight *= 0.4
        groups[_signature(anchor)].append((anchor, ListingLink(url, text), weight))

    if not groups:
        return []
    scored = sorted(((_group_score(base_url, members), sig) for sig, members in groups.items()),
                    reverse=True)
    best_score = scored[0][0]
    chosen = [sig for score, sig in scored
              if score >= 0.5 * best_score and len(groups[sig]) >= min(3, len(groups[scored[0][1]]))]
    links: list[ListingLink] = []
    order = {id(a): i for i, a in enumerate(tree.iter("a"))}
    members = sorted((m for sig in chosen for m in groups[sig]), key=lambda m: order[id(m[0])])
    for anchor, link, _ in members:
        if link.url in seen:
            continue
        seen.add(link.url)
        links.append(ListingLink(link.url, link.text, _date_near(anchor) or date_from_url(link.url)))
    return links


def _url_template(url: str) -> str:
    parts = urlsplit(url)
    return _DIGITS.sub("0", parts.path) + ("?" + _DIGITS.sub("0", parts.query) if parts.query else "")


def _group_score(base_url: str, members: list) -> float:
    """A list's weight, raised when its links share one URL shape and the
    listing's first path segment (a site's own list), and when its entries
    carry dates; a "most read" box mixes shapes and sections."""
    templates = defaultdict(int)
    for _, link, _ in members:
        templates[_url_template(link.url)] += 1
    homogeneity = max(templates.values()) / len(members)
    section = urlsplit(base_url).path.strip("/").split("/", 1)[0]
    same_section = sum(1 for _, link, _ in members
                       if section and urlsplit(link.url).path.strip("/").split("/", 1)[0] == section)
    dated = sum(1 for anchor, _, _ in members if _date_near(anchor))
    return (sum(w for *_, w in members) * (0.5 + homogeneity)
            * (1 + 0.5 * same_section / len(members)) * (1 + 0.5 * dated / len(members)))


def find_next_page(tree, base_url: str, page_no: int = 1, *, selector: str | None = None,
                   domains: tuple[str, ...] = ()) -> str | None:
    """The URL of the listing page after ``page_no`` (1-based), if any.

    In order: a profile's CSS selector, ``rel=next``, a "下一页"-like link,
    then the numbered link ``page_no + 1``. The first three may lead to any
    host of the site; a bare number is weaker evidence (an archive
    calendar's day "2" looks the same), so it must stay on the listing's
    own host and path family.
    """
    current = base_url.split("#", 1)[0]

    def usable(href: str | None) -> str | None:
        if not href or href.strip().lower().startswith(_SKIP_SCHEMES):
            return None
        url = urljoin(base_url, href.strip()).split("#", 1)[0]
        return url if url != current and same_site(url, base_url, domains) else None

    if selector:
        for el in tree.cssselect(selector):
            url = usable(el.get("href"))
            if url:
                return url
        return None
    for el in tree.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split():
            url = usable(el.get("href"))
            if url:
                return url
    numbered = None
    wanted = str(page_no + 1)
    for anchor in tree.iter("a"):
        text = _clean_text(anchor.text_content()).lower()
        if text in NEXT_TEXTS or text.startswith("下一页"):
            url = usable(anchor.get("href"))
            if url:
                return url
        if numbered is None and text in (wanted, f"[{wanted}]", f"第{wanted}页"):
            url = usable(anchor.get("href"))
            if url and _in_path_family(url, base_url):
                numbered = url
    return numbered


def _in_path_family(url: str, base_url: str) -> bool:
    """Same host and port, and under the listing's folder or its first
    path segment: ``/tech/`` -> ``/tech/index_2.html``, ``?page=2``."""
    this, base = urlsplit(url), urlsplit(base_url)
    if this.netloc.lower() != base.netloc.lower():
        return False
    folder = base.path.rsplit("/", 1)[0] + "/"
    return this.path.startswith(folder) or _first_segment(this.path) == _first_segment(base.path)


def _first_segment(path: str) -> str:
    return path.strip("/").split("/", 1)[0]
