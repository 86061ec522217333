"""Fields a page states for machines: JSON-LD, OpenGraph, meta, microdata.

Read before any clean-up (JSON-LD lives in <script>), and trusted first for
times and canonical URLs. Authors stated there are often the site itself
("新浪科技", "www.yunnan.cn,云南日报报业集团"), so the extractor checks them
before believing them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from lxml import etree

from .dom import raw_text

_LD_XPATH = etree.XPath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]")
_META_XPATH = etree.XPath("//meta[@content]")
_ITEMPROP_XPATH = etree.XPath("//*[@itemprop]")
_CANONICAL_XPATH = etree.XPath("//link[@href][contains(translate(@rel, 'CANONIAL', 'canonial'), 'canonical')]")
_TIME_XPATH = etree.XPath("//time[@datetime or @pubdate]")
_SCRIPT_XPATH = etree.XPath("//script[not(@src)]/text()")
# Publication times that script-rendered pages (Next.js data, app state,
# WeChat's "var ct") keep in their inline scripts: a key, then a full
# date-time or an epoch.
_SCRIPT_TIME = re.compile(
    r"""(?:["']?\b(?:publish_?time|publish_?date|pub_?time|pub_?date|news_?time|date_?published|release_?time)"""
    r"""["']?\s*[:=]\s*["']?|\bvar\s+ct\s*=\s*["'](?=\d{10}["']))"""
    r"(\d{13}|\d{10}|(?:19|20)\d\d-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d\d(?::\d\d)?)(?![\d:])",
    re.I,
)
# The account a WeChat article is published under ("var nickname = htmlDecode("…")").
_ACCOUNT_SCRIPT = re.compile(r"""\bvar\s+nickname\s*=\s*(?:htmlDecode\()?\s*["']([^"'\n]{1,40})["']""")

_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Posting|Report|NewsArticle|WebPage", re.I)
# Meta names (lower-cased name/property/itemprop) by field, best first.
_PUBLISHED_KEYS = (
    "article:published_time", "datepublished", "og:release_date", "og:published_time",
    "article:published", "publishdate", "pubdate", "publish_date", "publish-date",
    "publishtime", "publish_time", "ptime", "pubtime", "weibo:article:create_at",
    "bytedance:published_time", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.created", "citation_publication_date", "citation_date", "date",
)
_AUTHOR_KEYS = ("article:author", "author", "dc.creator", "byl", "citation_author",
                "citation_authors", "sailthru.author")
_SECTION_KEYS = ("article:section", "og:section", "section", "category", "lanmu", "column")
_SOURCE_KEYS = ("contentsource", "source", "mediaid", "og:source", "article:source")
_SITE_KEYS = ("og:site_name", "application-name", "sitename", "site_name")
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "title")
# Later dates a page states: they bound a publication shown without a year.
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dateupdate",
                  "lastmodified", "last-modified", "modified", "update_time", "updatetime")


@dataclass
class Structured:
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    author_candidates: list[str] = field(default_factory=list)  # from meta tags
    section: str | None = None
    source: str | None = None
    canonical_url: str | None = None
    script_published: str | None = None  # from an inline script, weaker than the rest
    og_url: str | None = None
    site_names: list[str] = field(default_factory=list)
    language: str | None = None
    account: str | None = None  # the WeChat account that published the page
    site_name: str | None = None  # og:site_name: the source of last resort
    modified: str | None = None  # a later date the page states (dateModified ...)
    # Which rule gave each field, for diagnostics.
    origin: dict[str, str] = field(default_factory=dict)
    # Values that were not strings (an articleSection object ...), by reason.
    drops: list[str] = field(default_factory=list)


def _string(value: Any, out: Structured, name: str) -> str | None:
    """``value`` if structured data gave a string (a number for times); any
    other shape (an object, a list of objects) is dropped and counted, so
    that it never reaches a field as its ``repr``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and name in ("published", "modified"):
        return str(value)  # an epoch
    out.drops.append(f"structured_not_string/{name}")
    return None


def _walk_ld(node: Any) -> Iterator[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node and isinstance(node[key], (list, dict)):
                yield from _walk_ld(node[key])


def _load_ld(text: str) -> Any:
    text = text.strip().rstrip(";")
    try:
        return json.loads(text)
    except ValueError:
        # Raw newlines and tabs inside strings are common and harmless.
        try:
            return json.loads(re.sub(r"[\x00-\x1f]+", " ", text))
        except ValueError:
            return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        kind = str(value.get("@type", ""))
        if kind.lower() == "organization":
            return []
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _type_of(node: dict) -> str:
    kind = node.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _read_json_ld(root: etree._Element, out: Structured) -> None:
    for script in _LD_XPATH(root):
        data = _load_ld(script.text or "")
        if data is None:
            continue
        for node in _walk_ld(data):
            kind = _type_of(node)
            # Baidu's "cambrian" JSON-LD has no @type, only title and pubDate.
            untyped = not kind and "pubDate" in node
            if not _ARTICLE_TYPES.search(kind) and not untyped:
                continue
            article = "WebPage" not in kind
            headline = node.get("headline")
            if article and not out.title and headline and (headline := _string(headline, out, "title")):
                out.title = headline
                out.origin["title"] = "json-ld"
            published = node.get("datePublished") or node.get("dateCreated") or node.get("pubDate")
            if published and not out.published and (published := _string(published, out, "published")):
                out.published = published
                out.origin["published_at"] = "json-ld"
            modified = node.get("dateModified") or node.get("upDate")
            if modified and not out.modified:
                out.modified = _string(modified, out, "modified")
            if article and not out.authors and (authors := _names(node.get("author"))):
                out.authors = authors
                out.origin["authors"] = "json-ld"
            section = node.get("articleSection")
            if article and section and not out.section:
                out.section = _string(section[0] if isinstance(section, list) else section,
                                      out, "section")
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                out.site_names.append(publisher["name"])


def _meta(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in _META_XPATH(root):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content)
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        if meta.get(key):
            return key, meta[key]
    return None


def _itemprop_value(element: etree._Element) -> str:
    for attr in ("content", "datetime"):
        if element.get(attr):
            return element.get(attr).strip()
    return " ".join(raw_text(element).split())


def read_structured(root: etree._Element) -> Structured:
    """Collect machine-readable fields from the uncleaned document."""
    out = Structured()
    _read_json_ld(root, out)
    meta = _meta(root)
    if not out.published and (hit := _first(meta, _PUBLISHED_KEYS)):
        out.published, out.origin["published_at"] = hit[1], f"meta:{hit[0]}"
    if not out.title and (hit := _first(meta, _TITLE_KEYS)):
        out.title, out.origin["title"] = hit[1], f"meta:{hit[0]}"
    if not out.authors:
        # Every candidate, best first: the extractor skips those that name
        # an organisation rather than a person.
        for key in _AUTHOR_KEYS:
            value = meta.get(key)
            if value and not value.startswith(("http://", "https://", "www.")):
                out.author_candidates.append(value)
    if not out.section and (hit := _first(meta, _SECTION_KEYS)):
        out.section = hit[1]
    if hit := _first(meta, _SOURCE_KEYS):
        out.source = hit[1]
    if not out.modified and (hit := _first(meta, _MODIFIED_KEYS)):
        out.modified = hit[1]
    out.site_names.extend(v for k in _SITE_KEYS if (v := meta.get(k)))
    out.site_name = meta.get("og:site_name")
    out.og_url = meta.get("og:url")
    for link in _CANONICAL_XPATH(root):
        out.canonical_url = link.get("href").strip() or None
        break
    out.language = root.get("lang") or root.get("xml:lang") or meta.get("content-language") \
        or meta.get("language") or (meta.get("og:locale") or "").replace("_", "-") or None
    # Microdata: itemprop on visible elements.
    for element in _ITEMPROP_XPATH(root):
        prop = element.get("itemprop", "").strip()
        if prop == "datePublished" and not out.published:
            out.published, out.origin["published_at"] = _itemprop_value(element), "itemprop"
        elif prop == "author" and not out.authors:
            names = element.xpath(".//*[@itemprop='name']")
            value = _itemprop_value(names[0] if names else element)
            if value:
                out.authors = [value]
                out.origin["authors"] = "itemprop"
        elif prop == "headline" and not out.title:
            out.title = _itemprop_value(element)
    # One pass over the inline scripts: the WeChat account, and a script
    # time when nothing else dates the page.
    wants_time = not out.published
    for text in _SCRIPT_XPATH(root):
        if out.account is None and "nickname" in text and (match := _ACCOUNT_SCRIPT.search(text)):
            out.account = match.group(1).strip() or None
        if wants_time and out.script_published is None and (match := _SCRIPT_TIME.search(text)):
            out.script_published = match.group(1)
    if not out.published:
        for element in _TIME_XPATH(root):
            if element.get("pubdate") is not None or "publish" in (element.get("class") or ""):
                out.published = element.get("datetime") or _itemprop_value(element)
                out.origin["published_at"] = "time"
                break
    return out
