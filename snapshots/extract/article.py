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

from snapshots.normalize.timestamp import ABSOLUTE

from . import body as body_rules
from .byline import Byline, breadcrumb, make_zones, read_byline
from .dom import Page, parse_html, raw_text, segment, strip_invisible
from .encoding import decode_html
from .headline import find_headline
from .model import Extracted
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
    r"^.{0,30}(?:来\s*源|作\s*者|记\s*者|编\s*辑|责任编辑|发布时间|发表时间|发布日期|时\s*间|日\s*期|"
    r"浏览|阅读|点击|字号|稿源|出处)\s*[:：]"
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
    if not match or not match.group("y"):
        return None
    return match.group("y"), match.group("m").zfill(2), match.group("d").zfill(2)


def _choose_published(structured: str | None, visible: str | None,
                      script: str | None = None) -> tuple[str | None, str]:
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
    return bool(match) and len(line) - (match.end() - match.start()) <= 12


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
    if isinstance(html, bytes):
        text, used_encoding = decode_html(html, encoding)
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
    site_names = [n for n in structured.site_names if n]
    out.site_names = site_names

    if chosen.get("body"):
        body_elements = chosen["body"]
        out.origin["body"] = "selector"
    else:
        excluded = body_rules.comment_segments(page)
        found = body_rules.find_body(page, excluded)
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
        lines = body_rules.paragraphs(segments)
    else:
        lines = []
    out.body = _trim_edges(lines, headline.text)

    raw_time, origin = _choose_published(structured.published, byline.published_at,
                                         structured.script_published)
    if picked.get("published_at"):
        raw_time, origin = picked["published_at"], "selector"
    out.published_at_raw = raw_time
    if raw_time and origin != "structured":
        out.origin["published_at"] = origin

    out.source = picked.get("source") or byline.source or structured.source or byline.hinted_source
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

    out.canonical_url = _absolute_url(structured.canonical_url, base) or _absolute_url(
        structured.og_url, base)
    out.language = _language(structured.language, out.body)
    return out
