"""``extract_article``: from page bytes (or text) and URL to raw fields.

Order of trust per field: a site profile's selector, then structured data
(JSON-LD, OpenGraph, meta, microdata), then the visible byline, then text
density for the body. One lxml parse; every rule reads the same tree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from lxml import etree

from snapshots.normalize import labels
from snapshots.normalize.timestamp import ABSOLUTE, NO_YEAR

from . import body as body_rules
from .byline import Byline, breadcrumb, make_zones, read_byline
from .dom import Page, parse_html, raw_text, segment, strip_invisible
from .encoding import FALSE_ENCODING, decode_page
from .headline import find_headline
from .model import Extracted
from .offsets import shown_offset
from .related import find_related, links_in
from .selectors import FIELDS, select, select_text, select_texts
from .structured import read_structured

_TITLE_XPATH = etree.XPath("//title")
_BASE_XPATH = etree.XPath("//base[@href]/@href")
_CLOCK = re.compile(r"\d{1,2}[:：时]\d{2}|^\s*\d{10,13}\s*$")
# An "author" that is really an organisation or a site.
_ORGANISATION = re.compile(
    r"网|报|社|集团|公司|中心|频道|新闻|科技|媒体|出版|期刊|杂志|电视|广播|编辑部|官方|平台|"
    r"www\.|\.com|\.cn|team|inc\b|ltd|corp|press|news|media|admin|webmaster|\d{4,}",
    re.I,
)
# Byline-only lines at the edges of the body: "来源：x", "作者：y 发布时间：z".
_BYLINE_LINE = re.compile(
    rf"^.{{0,30}}(?:{labels.SOURCE}|{labels.AUTHOR}|{labels.EDITOR}|{labels.TIME}|记\s*者|"
    r"浏览|阅读|点击|字号)\s*[:：]"
    # "文｜周小舟", "编辑｜孟蕾": a role and a bar, the name after it.
    r"|^(?:文|图|文字|撰文|作者|编辑|责编|校对)\s*[|｜丨/]\s*\S{1,12}$"
)
_MAX_BYLINE_LINE = 100
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _absolute_url(value: str | None, base: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not urlsplit(value).scheme and not value.startswith(("/", ".")) and re.match(
        r"^[\w-]+(\.[\w-]+)+/", value
    ):
        value = "//" + value  # "www.example.com/a" given without scheme
    url = urljoin(base, value)
    return url if urlsplit(url).scheme in ("http", "https") else None


def _date_key(raw: str | None) -> tuple[str, str, str] | None:
    if not raw:
        return None
    match = ABSOLUTE.search(raw)
    if not match:
        return None
    if match.group("y"):
        return match.group("y"), match.group("m").zfill(2), match.group("d").zfill(2)
    # "06/02/2022": day first, as read_published reads it ("03/23/2025": month first).
    day, month = match.group("d2"), match.group("m2")
    if int(month) > 12 >= int(day):
        day, month = month, day
    return match.group("y2"), month.zfill(2), day.zfill(2)


# A byline time this well placed (near the headline, with a clock) is what
# the page shows as its 发布时间, whatever the metadata says.
_SHOWN_SCORE = 4.5
# Self-media platforms: the account under the headline is the publisher.
_SELF_MEDIA = re.compile(r"(?:^|\.)(?:toutiao\.com|baijiahao\.baidu\.com|mbd\.baidu\.com)$")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_COPYRIGHT = re.compile(r"©|copyright|版权所有|\(c\)", re.I)
_COPYRIGHT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _shown(visible: str | None, score: float) -> bool:
    """Whether the byline shows a time to the minute, dated, near the headline."""
    return bool(visible) and score >= _SHOWN_SCORE and bool(_CLOCK.search(visible)) and bool(
        _date_key(visible) or NO_YEAR.search(visible))


def _not_after(structured, url: str, page: Page) -> tuple[str | None, str | None]:
    """The latest day a time shown without a year can be, from the page's
    other evidence: a dated metadata field, the URL, the copyright line."""
    for value, origin in ((structured.published, "meta"), (None, "url"),
                          (structured.modified, "meta"), (structured.script_published, "script")):
        if origin == "url":
            match = _URL_DATE.search(urlsplit(url).path)
            if match:
                return "-".join(match.groups()), "url"
            continue
        if value and (key := _date_key(value)):
            return "-".join(key), origin
        if value and value.strip().isdigit() and len(value.strip()) in (10, 13):
            from datetime import datetime, timezone
            stamp = int(value.strip()[:10])
            return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d"), origin
    for segment in reversed(page.segments[-30:]):
        if _COPYRIGHT.search(segment.text) and (years := _COPYRIGHT_YEAR.findall(segment.text)):
            return f"{max(years)}-12-31", "copyright"
    return None, None


def _days_apart(a: str | None, b: str | None) -> int | None:
    from datetime import date

    key_a, key_b = _date_key(a), _date_key(b)
    if not key_a or not key_b:
        return None
    try:
        return abs((date(*map(int, key_a)) - date(*map(int, key_b))).days)
    except ValueError:
        return None


def _choose_published(structured: str | None, visible: str | None,
                      script: str | None = None, visible_score: float = 0.0) -> tuple[str | None, str]:
    # The shown time wins over metadata a few minutes or hours off; days
    # apart, the byline is more likely another date (an update, a story's).
    apart = _days_apart(structured or script, visible)
    if _shown(visible, visible_score) and (apart is None or apart <= 1):
        return visible, "byline"
    if structured and _CLOCK.search(structured):
        return structured, "structured"
    if structured and visible and _CLOCK.search(visible) and _date_key(structured) == _date_key(visible):
        return visible, "byline"  # same day, but the page also gives the clock
    # A script's time beats a byline without a dated clock ("3小时前", empty).
    if script and not (visible and _date_key(visible) and _CLOCK.search(visible)):
        return script, "script"
    if structured and (_date_key(structured) or structured.strip().isdigit()):
        return structured, "structured"
    return visible, "byline"


def _person(name: str, site_names: list[str]) -> bool:
    name = name.strip()
    return bool(name) and name not in site_names and len(name) <= 30 \
        and not _ORGANISATION.search(name) and "," not in name


def _trim_edges(lines: list[str], headline: str | None) -> list[str]:
    """Drop the headline and byline lines that open or close the body block."""
    start, end = 0, len(lines)
    for _ in range(6):
        if start >= end:
            break
        line = lines[start]
        if (headline and line == headline) or (
            len(line) <= _MAX_BYLINE_LINE and (_BYLINE_LINE.match(line) or _only_date(line))
        ):
            start += 1
        else:
            break
    for _ in range(4):
        if end <= start:
            break
        line = lines[end - 1]
        if len(line) <= _MAX_BYLINE_LINE and (_BYLINE_LINE.match(line) or _only_date(line)):
            end -= 1
        else:
            break
    return lines[start:end]


def _only_date(line: str) -> bool:
    match = ABSOLUTE.search(line)
    # "2025年3月22日，市民在…": a caption that opens with its date is text.
    return bool(match) and len(line) - (match.end() - match.start()) <= 12 and "。" not in line


def _body_from_elements(page: Page, elements: list) -> list[str]:
    lines: list[str] = []
    for element in elements:
        if isinstance(element, str):
            lines.extend(line for line in element.split("\n") if line.strip())
        elif element in page.spans:
            lines.extend(body_rules.paragraphs(page.segments_of(element)))
        else:
            lines.extend(line for line in raw_text(element).split("\n") if line.strip())
    return [" ".join(line.split()) for line in lines]


def _language(declared: str | None, body: list[str]) -> str | None:
    if declared:
        return declared.strip().split("-")[0].split("_")[0].lower() or None
    sample = "".join(body)[:2000]
    if sample and len(_CJK.findall(sample)) * 4 >= len(sample):
        return "zh"
    return None


def extract_article(
    html: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    selectors: Mapping[str, str] | None = None,
) -> Extracted:
    """Extract the article fields of one page.

    ``encoding`` is the HTTP header charset, if any; ``selectors`` map field
    names (title, published_at, source, authors, editor, body, related,
    category) to CSS or XPath selectors that replace the generic rule.
    Raises ``ValueError`` when the input is not an HTML document.
    """
    false_declaration = None
    if isinstance(html, bytes):
        decoded = decode_page(html, encoding)
        text, used_encoding, false_declaration = decoded.text, decoded.encoding, decoded.false_declaration
    else:
        text, used_encoding = html, encoding
    root = parse_html(text, url)
    base = _absolute_url(next(iter(_BASE_XPATH(root)), None), url) or url
    structured = read_structured(root)
    title_tag = next((" ".join(raw_text(t).split()) for t in _TITLE_XPATH(root)), None)
    selectors = {k: v for k, v in (selectors or {}).items() if k in FIELDS and v}
    # Selectors run before clean-up so that they may point at <meta> too.
    chosen = {name: select(root, selector) for name, selector in selectors.items()
              if name in ("body", "related")}
    picked = {name: select_text(root, selector) for name, selector in selectors.items()
              if name not in ("body", "related", "authors")}
    picked_authors = select_texts(root, selectors["authors"]) if "authors" in selectors else None

    strip_invisible(root)
    page = segment(root)
    out = Extracted(encoding=used_encoding, origin=dict(structured.origin))
    if false_declaration:
        out.extras[FALSE_ENCODING] = false_declaration  # what the page claimed
    site_names = [n for n in structured.site_names if n]
    out.site_names = site_names

    if chosen.get("body"):
        body_elements = chosen["body"]
        out.origin["body"] = "selector"
    else:
        excluded = body_rules.comment_segments(page)
        found = body_rules.find_body(page, excluded)
        if found is not None:
            found = body_rules.first_post(page, found, excluded)
        body_elements = [found] if found is not None else []
        out.origin["body"] = "density"
    blocks = [e for e in body_elements if not isinstance(e, str) and e in page.spans]
    body_span = (
        (min(page.spans[e][0] for e in blocks), max(page.spans[e][1] for e in blocks))
        if blocks else None
    )

    headline = find_headline(root, page, [structured.title, title_tag],
                             body_span[0] if body_span else None, tuple(site_names))
    out.title = picked.get("title") or headline.text or structured.title or title_tag
    if picked.get("title"):
        out.origin["title"] = "selector"

    zones = make_zones(page, headline.index, body_span)
    byline = read_byline(page, zones) if page.segments else Byline()

    # Body: segments of the body block(s) after the headline, edges trimmed.
    if out.origin["body"] == "selector":
        lines = _body_from_elements(page, body_elements)
    elif body_span:
        start, end = body_span
        if headline.index is not None and start <= headline.index < end:
            start = headline.index + 1
        segments = [s for s in page.segments[start:end]
                    if not body_rules.is_link_list(s) and s.index not in excluded]
        # Headlines of other stories after the last paragraph, even punctuated.
        while segments and segments[-1].link_chars * 2 > segments[-1].chars:
            segments.pop()
        lines = body_rules.paragraphs(segments)
    else:
        lines = []
    out.body = _trim_edges(lines, headline.text)

    raw_time, origin = _choose_published(structured.published, byline.published_at,
                                         structured.script_published, byline.published_score)
    if picked.get("published_at"):
        raw_time, origin = picked["published_at"], "selector"
    out.published_at_raw = raw_time
    if raw_time and origin != "structured":
        out.origin["published_at"] = origin
    if origin == "byline" and raw_time:
        # The page's own time won: the machine-readable one is kept beside it.
        for other, other_origin in ((structured.published, structured.origin.get("published_at")),
                                    (structured.script_published, "script")):
            if other and other != raw_time:
                out.extras["published_at_metadata"] = {"value": other, "origin": other_origin or "meta"}
                break
    if raw_time and origin in ("byline", "selector") and (offset := shown_offset(root, raw_time)):
        out.published_offset = offset
        out.origin["published_at"] = f"{out.origin.get('published_at', origin)}+offset:time"
    if raw_time and not _date_key(raw_time) and NO_YEAR.search(raw_time):
        out.published_not_after, evidence = _not_after(structured, url, page)
        if evidence:
            out.extras["published_at_shown"] = raw_time
            out.origin["published_at"] = f"{out.origin.get('published_at', origin)}+year:{evidence}"

    account = structured.account
    if account is None and _SELF_MEDIA.search(urlsplit(url).hostname or ""):
        account = next(iter(byline.hinted_authors), None)
    for value, source_origin in (
        (picked.get("source"), "selector"),
        (byline.source, "republished" if byline.source_republished else "byline"),
        (structured.source, "meta"),
        (account, "account"),
        (byline.hinted_source, "class"),
        (byline.beside_time_source, "beside_time"),
        (structured.site_name, "og:site_name"),  # the site, not the publisher: last
    ):
        if value and value.strip():
            out.source = value
            out.origin["source"] = source_origin
            break
    if picked_authors is not None:
        out.authors = picked_authors
    elif byline.authors:
        out.authors = byline.authors
        out.origin["authors"] = "byline"
    else:
        out.authors = [a for a in structured.authors if _person(a, site_names)]
        for candidate in structured.author_candidates:
            if out.authors:
                break
            if _person(candidate, site_names):
                out.authors = [candidate]
                out.origin["authors"] = "meta"
        hinted = [a for a in byline.hinted_authors if _person(a, site_names)]
        if not out.authors and hinted:
            out.authors = hinted
            out.origin["authors"] = "class"
        if not out.authors and byline.guessed_authors:
            out.authors = byline.guessed_authors
            out.origin["authors"] = "unlabelled"
    if out.source:
        out.authors = [a for a in out.authors if a.strip() != out.source.strip()]
    out.editor = picked.get("editor") or byline.editor
    out.page_category = (
        picked.get("category") or structured.section or byline.category
        or breadcrumb(page, body_span[0] if body_span else len(page.segments))
    )

    if chosen.get("related"):
        out.related = [
            link for element in chosen["related"] if not isinstance(element, str)
            for link in links_in(element, None, base)
        ]
    else:
        out.related = find_related(page, base)

    out.drops = list(structured.drops)
    out.canonical_url = _absolute_url(structured.canonical_url, base) or _absolute_url(
        structured.og_url, base)
    out.language = _language(structured.language, out.body)
    return out
