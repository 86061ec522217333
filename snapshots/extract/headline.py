"""Which element on the page is the headline.

The ``<title>`` carries the headline plus site decoration; the headline
element is the heading (or, on older pages, the text block) that repeats it.
Knowing where it is anchors the byline search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from snapshots.normalize.text import clean_text
from snapshots.normalize.timestamp import ABSOLUTE
from snapshots.normalize.title import strip_site_suffix

from .dom import Page, raw_text

_HEADINGS = ("h1", "h2", "h3")
_MIN_HEADLINE = 4
_MAX_HEADLINE = 120
# Elements sites set the headline in when it is not a heading.
_TITLE_HINT = re.compile(r"(?:^|[\s_-])(?:art(?:icle)?[-_]?)?(?:title|headline|tit|biaoti)(?:$|[\s_-])", re.I)
_NOT_HEADLINE_HINT = re.compile(r"logo|nav|menu|crumb|column|lanmu|channel|side|footer", re.I)
_TITLE_SEPARATOR = re.compile(r"\s*(?:——|--+|[_|｜丨]|\s[-–—]\s|-|—)\s*")
# Segments searched upwards from the body for its heading.
_NEAREST_SCAN = 40
_LINK_TEXTS = etree.XPath("//a/text()")
# A byline ("… 2005-09-11 18:04 楼主"), a sentence or a prompt ("…请填入：") is no headline.
_NOT_A_HEADLINE = re.compile(rf"{ABSOLUTE.pattern}|。.|[:：]$")
# What channel and site names are made of ("新闻动态", "本地要闻", "某某网").
_CHANNEL_WORDS = re.compile(r"^.{0,8}(?:动态|新闻|资讯|要闻|频道|中心|公告|通知|首页|专题|栏目|网|报|在线)$")


@dataclass
class Headline:
    text: str | None
    index: int | None  # first segment of the headline, if found on the page


def _segment_index(page: Page, element: etree._Element, text: str) -> int | None:
    block = element
    while block is not None and block not in page.spans:
        block = block.getparent()
    if block is None:
        return None
    start, end = page.spans[block]
    probe = text[:8]
    for segment in page.segments[start:end]:
        if probe in clean_text(segment.text):
            return segment.index
    return start if start < end else None


def _matches(text: str, titles: list[str]) -> bool:
    return any(t.startswith(text) or (len(text) >= 8 and text in t) for t in titles)


_MAX_CHANNEL = 24


class _ChannelNames:
    """Names a heading may hold that are not the article's: the site, the
    channels the <title> appends ("…-新闻动态"), the navigation's links.
    Collected on first use: most pages never ask."""

    def __init__(self, root: etree._Element, titles: list[str], site_names: tuple[str, ...]) -> None:
        self.root, self.titles, self.site_names = root, titles, site_names
        self._names: set[str] | None = None

    def __contains__(self, text: str) -> bool:
        if len(text) > _MAX_CHANNEL:
            return False  # longer than any channel or site name
        if self._names is None:
            names = set(self.site_names)
            for title in self.titles:
                names.update(p.strip() for p in _TITLE_SEPARATOR.split(title)[1:]
                             if _CHANNEL_WORDS.search(p.strip()))
            names.update(t for t in (" ".join(x.split()) for x in _LINK_TEXTS(self.root))
                         if 0 < len(t) <= 12)
            self._names = names
        return text in self._names


def _is_channel(element: etree._Element, text: str, channels: _ChannelNames) -> bool:
    if text in channels:
        return True
    for node in (element, *element.iterancestors()):
        if node.tag == "body":
            break
        if _NOT_HEADLINE_HINT.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def _nearest_heading(page: Page, body_start: int | None, channels: _ChannelNames) -> Headline | None:
    """The prominent heading closest above the body (``h1``-``h3`` or a
    ``title``-classed block), when none repeats the <title> (an SEO title:
    "今日股市行情_明日大盘_…")."""
    if body_start is None or not page.segments:
        return None
    last = min(body_start + 1, len(page.segments) - 1)
    for index in range(last, max(-1, last - _NEAREST_SCAN), -1):
        segment = page.segments[index]
        if segment.chars > _MAX_HEADLINE * 2:
            continue
        element = segment.element
        for node in (element, element.getparent()):
            if node is None:
                break
            if node.tag not in _HEADINGS and not _TITLE_HINT.search(
                    f"{node.get('class', '')} {node.get('id', '')}"):
                continue
            text = clean_text(raw_text(node))
            if 6 <= len(text) <= _MAX_HEADLINE and not _is_channel(node, text, channels) \
                    and not _NOT_A_HEADLINE.search(text):
                return Headline(text, index)
            break
    return None


def find_headline(root: etree._Element, page: Page, titles: list[str],
                  body_start: int | None, site_names: tuple[str, ...] = ()) -> Headline:
    titles = [clean_text(t) for t in titles if t and clean_text(t)]
    channels = _ChannelNames(root, titles, site_names)
    headings: dict[str, list[etree._Element]] = {tag: [] for tag in _HEADINGS}
    for element in root.iter(*_HEADINGS):
        headings[element.tag].append(element)
    for tag in _HEADINGS:
        for element in headings[tag]:
            text = clean_text(raw_text(element))
            if _MIN_HEADLINE <= len(text) <= _MAX_HEADLINE and _matches(text, titles) \
                    and text not in channels:
                return Headline(text, _segment_index(page, element, text))
    # A single plausible <h1> is the headline even when <title> differs,
    # unless it names the site or a channel.
    h1s = [(e, clean_text(raw_text(e))) for e in headings["h1"]]
    h1s = [(e, t) for e, t in h1s if _MIN_HEADLINE <= len(t) <= _MAX_HEADLINE]
    if len(h1s) == 1 and not _is_channel(h1s[0][0], h1s[0][1], channels):
        element, text = h1s[0]
        return Headline(text, _segment_index(page, element, text))
    # Older pages set the headline in a styled cell: find the text block
    # that repeats the <title> without its suffix, nearest the body.
    wanted = [strip_site_suffix(t, site_names) for t in titles]
    wanted = [w for w in wanted if len(w) >= _MIN_HEADLINE]
    if not wanted:
        return _nearest_heading(page, body_start, channels) or Headline(None, None)
    best: int | None = None
    limit = body_start + 3 if body_start is not None else len(page.segments)
    for segment in page.segments[:limit]:
        if segment.chars > _MAX_HEADLINE * 2:
            continue
        text = clean_text(segment.text)
        if len(text) >= _MIN_HEADLINE and any(
            text == w or (len(text) >= 6 and w.startswith(text) and len(text) * 3 >= len(w) * 2)
            for w in wanted
        ):
            best = segment.index
    if best is None:
        return _nearest_heading(page, body_start, channels) or Headline(None, None)
    return Headline(clean_text(page.segments[best].text), best)
