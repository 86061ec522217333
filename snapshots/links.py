"""Generic rules that find article links and the next page on a listing.

They work on a parsed lxml tree and a base URL, with no Scrapy, so they can
be tested on any page, and ``python -m snapshots links`` shows what they
choose. A listing's main list is the largest group of links that share a
DOM position and look like articles: a headline-length text and a URL with
a date or a numeric id, on the listing's site (any host of its registrable
domain, see :mod:`snapshots.domains`).

Links group first by their ancestor path; groups whose items are children
of one parent element with one tag then merge, so a list whose items differ
in layout (some with an excerpt or a picture, some without) stays one list.
Navigation, "hot" sidebars and footers lose because their groups are
smaller, weighted down by whole-word hints in their markup (``nav``, not
``boardnav``), mix URL shapes, or point at section pages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from snapshots.domains import same_site

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")
# 2025-03-21, 2025/3/2, 2025_03_21, 20250321, 2025/0321, and 20200429 run on
# into a time of day (20200429175329): a date is a date only when the digits
# around it are not part of a longer number.
_DATE_IN_URL = re.compile(
    r"(?<!\d)((?:19|20)\d{2})"
    r"(?:([-/_])(\d{1,2})\2(\d{1,2})(?!\d)"
    r"|[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])"
    r"(?:(?!\d)|(?=(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?!\d))))")
_DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ID_IN_URL = re.compile(
    r"(?:\d{4,}|[0-9a-z]{10,})(?:[-_]\d{1,3})*(?:\.s?html?|\.php|\.aspx?)?$"
    r"|[?&](?:id|aid|tid|article_?id|docid|nid)=\w+", re.I)
_PAGE_FILE = re.compile(r"(?:index|list|page)[_-]?\d*\.s?html?$|/$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"[^\W_]+")  # class and id words, split at "-", "_" and spaces
# A time, a date or a count is no headline (a forum's last-reply link).
_NOT_A_TITLE = re.compile(r"[\d\s:./\-年月日时分]+|\[?\d+\]?")

# Whole words of class and id values (a substring such as the "nav" of
# "boardnav" or the "ad" of "thread_" says nothing).
_BOILERPLATE_WORDS = frozenset({
    "nav", "navbar", "navigation", "navi", "topnav", "subnav", "mainnav", "menu", "menubar",
    "header", "footer", "foot", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "copyright",
    "login", "share", "toolbar", "topbar",
})
_SIDEBAR_WORDS = frozenset({
    "side", "sidebar", "aside", "rank", "ranking", "ranklist", "hot", "hotnews", "hotlist",
    "recommend", "phb", "paihang", "top10", "ad", "ads", "advert", "banner", "friend",
    "friendlink", "rightside", "leftside",
})
_BOILERPLATE_TAGS = frozenset({"nav", "header", "footer"})

# How much a hint weighs a link down; a large uniform list can still win.
_BOILERPLATE_TAG_WEIGHT = 0.2
_BOILERPLATE_WORD_WEIGHT = 0.3
_SIDEBAR_WEIGHT = 0.4
SHORT_TEXT = 5  # shorter link texts are kept only inside a chosen list
MIN_LIST = 3

NEXT_TEXTS = frozenset({
    "下一页", "下页", "后页", "后一页", "下一頁", "下一页>", "下一页>>", "下一页 >", "下一页»",
    ">", "›", "〉", "next", "next page", "next ›", "next »",
})


@dataclass(frozen=True)
class ListingLink:
    url: str
    text: str
    date: date | None = None


@dataclass
class LinkGroup:
    """Links of one list on the page, and how the rules judged it."""

    where: str  # the list's position, as a CSS-like path
    links: list[ListingLink]
    score: float
    hints: tuple[str, ...] = ()  # markup that weighed it down
    chosen: bool = False
    reason: str = ""  # why it was not chosen


@dataclass
class ListingChoice:
    """What the rules chose on one listing page: the article links, in page
    order, and every group, best first."""

    links: list[ListingLink]
    groups: list[LinkGroup] = field(default_factory=list)


@dataclass
class _Candidate:
    anchor: object
    url: str
    text: str
    weight: float
    hints: tuple[str, ...]


def parse(html: str | bytes) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(html)


def _clean_text(text: str) -> str:
    return " ".join(text.split())


def _signature(anchor) -> tuple[tuple[str, str], ...]:
    """The anchor's ancestor path (tag and first class), five levels up."""
    parts = []
    el = anchor.getparent()
    while el is not None and len(parts) < 5:
        cls = (el.get("class") or "").split()
        parts.append((el.tag, cls[0] if cls else ""))
        el = el.getparent()
    return tuple(parts)


def _words(el) -> set[str]:
    return {w.lower() for w in _TOKEN.findall(f"{el.get('id', '')} {el.get('class', '')}")}


def _hints(anchor) -> tuple[str, ...]:
    """What in the anchor's ancestors says navigation, footer, sidebar or ad."""
    found = []
    for el in anchor.iterancestors():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BOILERPLATE_TAGS:
            found.append(f"<{el.tag}>")
        elif el.tag == "aside":
            found.append("<aside>")
        words = _words(el)
        found += sorted(f"'{w}'" for w in words & (_BOILERPLATE_WORDS | _SIDEBAR_WORDS))
    return tuple(dict.fromkeys(found))


def _hint_weight(hints: tuple[str, ...]) -> float:
    weight = 1.0
    if any(h.strip("<>") in _BOILERPLATE_TAGS for h in hints):
        weight *= _BOILERPLATE_TAG_WEIGHT
    elif any(h.strip("'") in _BOILERPLATE_WORDS for h in hints):
        weight *= _BOILERPLATE_WORD_WEIGHT
    if any(h == "<aside>" or h.strip("'") in _SIDEBAR_WORDS for h in hints):
        weight *= _SIDEBAR_WEIGHT
    return weight


def url_looks_like_article(url: str) -> float:
    """0..1: how much the URL's shape says "one article"."""
    parts = urlsplit(url)
    path = parts.path
    if date_from_url(url) and not path.endswith("/"):
        return 1.0
    tail = path.rsplit("/", 1)[-1] + ("?" + parts.query if parts.query else "")
    if _ID_IN_URL.search(tail) or _ID_IN_URL.search("?" + parts.query):
        return 0.9 if not _PAGE_FILE.search(path) else 0.3
    if _PAGE_FILE.search(path):
        return 0.0
    return 0.3 if path.endswith((".html", ".shtml", ".htm")) else 0.1


def date_from_url(url: str) -> date | None:
    for match in _DATE_IN_URL.finditer(urlsplit(url).path):
        year, _, month, day, month2, day2 = match.groups()
        found = _to_date(year, month or month2, day or day2)
        if found:
            return found
    return None


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


def _anchor_text(anchor) -> str:
    text = _clean_text(anchor.text_content() or "")
    if text:
        return text
    return _clean_text(anchor.get("title") or "")


def _candidates(tree, base_url: str, deny: re.Pattern | None,
                domains: tuple[str, ...]) -> list[_Candidate]:
    found = []
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        if not url.startswith(("http://", "https://")) or not same_site(url, base_url, domains):
            continue
        if deny is not None and deny.search(url):
            continue
        text = _anchor_text(anchor)
        score = url_looks_like_article(url)
        if score < 0.3 or not text or _NOT_A_TITLE.fullmatch(text):
            continue
        hints = _hints(anchor)
        # Headlines: Chinese ones are 8-40 characters; nav words are short.
        weight = score * min(len(text), 30) / 30 * (1.0 if _CJK.search(text) or len(text) > 15 else 0.6)
        found.append(_Candidate(anchor, url, text, weight * _hint_weight(hints), hints))
    return found


def _container(anchors: list) -> object | None:
    """The deepest element that holds all of ``anchors``."""
    paths = [list(a.iterancestors())[::-1] for a in anchors]
    common = None
    for level in zip(*paths):
        if all(el is level[0] for el in level):
            common = level[0]
        else:
            break
    return common


def _item_of(anchor, container):
    """The child of ``container`` that holds ``anchor``."""
    el = anchor
    while el is not None and el.getparent() is not container:
        el = el.getparent()
    return el


def _first_class(el) -> str:
    return next(iter((el.get("class") or "").split()), "")


def _group(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Candidates grouped by ancestor path, then merged when their items
    are other children of one parent with one tag (a list of mixed item
    layouts); links in the same items (an author or last-reply column) stay
    apart. A lone link joins a list when its item has the list items' class."""
    by_signature: dict[tuple, list[_Candidate]] = defaultdict(list)
    for cand in candidates:
        by_signature[_signature(cand.anchor)].append(cand)
    # Keyed by the elements themselves, which keeps their lxml proxies
    # alive: an id() of a freed proxy can come back for another element.
    lists: dict[tuple[object, str], int] = {}  # (container, item tag) -> index in merged
    item_classes: dict[tuple[object, str], set[str]] = defaultdict(set)
    list_items: dict[tuple[object, str], set] = defaultdict(set)
    merged: list[list[_Candidate]] = []
    singles = []
    for members in by_signature.values():
        distinct = list({id(c.anchor): c.anchor for c in members}.values())
        container = _container(distinct) if len(distinct) > 1 else None
        if container is None:
            singles.append(members)
            continue
        items = [_item_of(a, container) for a in distinct]
        key = (container, items[0].tag)
        if key in lists and list_items[key].isdisjoint(items):
            merged[lists[key]].extend(members)
        elif key in lists:  # another column of the same entries (author, last reply)
            merged.append(list(members))
            continue
        else:
            lists[key] = len(merged)
            merged.append(list(members))
        list_items[key].update(items)
        item_classes[key].update(_first_class(item) for item in items)
    for members in singles:
        for el in members[0].anchor.iterancestors():
            key = (el.getparent(), el.tag)
            if key in lists and _first_class(el) in item_classes[key]:
                merged[lists[key]].extend(members)
                break
        else:
            merged.append(list(members))
    return merged


def _url_template(url: str) -> str:
    parts = urlsplit(url)
    return _DIGITS.sub("0", parts.path) + ("?" + _DIGITS.sub("0", parts.query) if parts.query else "")


def _first_segment(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def _group_score(base_url: str, members: list[_Candidate]) -> float:
    """A list's weight, raised when its links share one URL shape and the
    listing's first path segment (a site's own list), and when its entries
    carry dates; a "most read" box mixes shapes and sections."""
    templates = Counter(_url_template(c.url) for c in members)
    homogeneity = templates.most_common(1)[0][1] / len(members)
    section = _first_segment(urlsplit(base_url).path)
    same_section = sum(1 for c in members if section and _first_segment(urlsplit(c.url).path) == section)
    dated = sum(1 for c in members if _date_near(c.anchor))
    return (sum(c.weight for c in members) * (0.5 + homogeneity)
            * (1 + 0.5 * same_section / len(members)) * (1 + 0.5 * dated / len(members)))


def _describe(members: list[_Candidate]) -> str:
    """Where a group sits: its container and item, as a CSS-like path."""
    anchors = [c.anchor for c in members]
    container = _container(anchors) if len(anchors) > 1 else anchors[0].getparent()
    item = _item_of(anchors[0], container)
    parts = [_name(item)] if item is not None and item is not anchors[0] else []
    el = container
    while el is not None and len(parts) < 4 and isinstance(el.tag, str):
        parts.insert(0, _name(el))
        el = el.getparent()
    return " > ".join(parts)


def _name(el) -> str:
    return (el.tag + (f"#{el.get('id')}" if el.get("id") else "")
            + "".join(f".{c}" for c in (el.get("class") or "").split()[:2]))


def _short_kept(members: list[_Candidate]) -> list[_Candidate]:
    """A list's short texts (a 4-character or emoji headline) are kept when
    their URL has the shape of the list's long ones; a tag or author link
    in the same entries has another."""
    shapes = Counter(_url_template(c.url) for c in members if len(c.text) >= SHORT_TEXT)
    return [c for c in members if len(c.text) >= SHORT_TEXT or shapes[_url_template(c.url)] >= 2]


def choose_article_links(tree, base_url: str, *, deny: re.Pattern | None = None,
                         domains: tuple[str, ...] = ()) -> ListingChoice:
    """The main list's article links, in page order and without duplicates,
    and every group of links with its score and, for those not chosen, why.

    A group is chosen when it is the best, or when it scores at least half
    as much as the best with the best's URL shape and no hint the best does
    not carry (a list split into blocks by headings)."""
    groups = []
    for members in _group(_candidates(tree, base_url, deny, domains)):
        long_ones = [c for c in members if len(c.text) >= SHORT_TEXT]
        groups.append((_group_score(base_url, long_ones) if long_ones else 0.0, members))
    groups.sort(key=lambda g: -g[0])
    if not groups or groups[0][0] <= 0:
        return ListingChoice([], [_judged(s, m, False, "no headline-length link")
                                  for s, m in groups])
    best_score, best = groups[0]
    best_shape = Counter(_url_template(c.url) for c in best).most_common(1)[0][0]
    best_hints = {h for c in best for h in c.hints}
    judged = [_judged(best_score, best, True, "")]
    chosen = [best]
    for score, members in groups[1:]:
        size = len({c.url for c in members})
        shape = Counter(_url_template(c.url) for c in members).most_common(1)[0][0]
        extra_hints = sorted({h for c in members for h in c.hints} - best_hints)
        if size < MIN_LIST:
            reason = f"only {size} link{'s' if size > 1 else ''}"
        elif score < 0.5 * best_score:
            reason = f"score {score:.2f} is under half the best's ({best_score:.2f})"
        elif shape != best_shape:
            reason = f"URL shape {shape} is not the main list's ({best_shape})"
        elif extra_hints:
            reason = f"marked {', '.join(extra_hints)}"
        else:
            chosen.append(members)
            judged.append(_judged(score, members, True, ""))
            continue
        judged.append(_judged(score, members, False, reason))

    order = {id(a): i for i, a in enumerate(tree.iter("a"))}
    kept = sorted((c for members in chosen for c in _short_kept(members)),
                  key=lambda c: order[id(c.anchor)])
    links: list[ListingLink] = []
    seen: set[str] = set()
    for cand in kept:
        if cand.url not in seen:
            seen.add(cand.url)
            links.append(ListingLink(cand.url, cand.text, _date_near(cand.anchor) or date_from_url(cand.url)))
    return ListingChoice(links, judged)


def _judged(score: float, members: list[_Candidate], chosen: bool, reason: str) -> LinkGroup:
    unique = {c.url: ListingLink(c.url, c.text, date_from_url(c.url)) for c in members}
    return LinkGroup(_describe(members), list(unique.values()), score,
                     tuple(dict.fromkeys(h for c in members for h in c.hints)), chosen, reason)


def find_article_links(tree, base_url: str, *, deny: re.Pattern | None = None,
                       domains: tuple[str, ...] = ()) -> list[ListingLink]:
    """Article links of a listing page's main list, in page order, without
    duplicates: links on the listing's site (its registrable domain, or
    under one of ``domains``). (A site profile with an article URL pattern
    uses Scrapy's LinkExtractor instead.)"""
    return choose_article_links(tree, base_url, deny=deny, domains=domains).links


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
