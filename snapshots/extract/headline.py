"""Which element on the page is the headline.

The ``<title>`` carries the headline plus site decoration; the headline
element is the heading (or, on older pages, the text block) that repeats it.
Knowing where it is anchors the byline search.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from snapshots.normalize.text import clean_text
from snapshots.normalize.title import strip_site_suffix

from .dom import Page, raw_text

_HEADINGS = ("h1", "h2", "h3")
_MIN_HEADLINE = 4
_MAX_HEADLINE = 120


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


def find_headline(root: etree._Element, page: Page, titles: list[str],
                  body_start: int | None, site_names: tuple[str, ...] = ()) -> Headline:
    titles = [clean_text(t) for t in titles if t and clean_text(t)]
    headings: dict[str, list[etree._Element]] = {tag: [] for tag in _HEADINGS}
    for element in root.iter(*_HEADINGS):
        headings[element.tag].append(element)
    for tag in _HEADINGS:
        for element in headings[tag]:
            text = clean_text(raw_text(element))
            if _MIN_HEADLINE <= len(text) <= _MAX_HEADLINE and _matches(text, titles):
                return Headline(text, _segment_index(page, element, text))
    # A single plausible <h1> is the headline even when <title> differs.
    h1s = [(e, clean_text(raw_text(e))) for e in headings["h1"]]
    h1s = [(e, t) for e, t in h1s if _MIN_HEADLINE <= len(t) <= _MAX_HEADLINE]
    if len(h1s) == 1 and h1s[0][1] not in site_names:
        element, text = h1s[0]
        return Headline(text, _segment_index(page, element, text))
    # Older pages set the headline in a styled cell: find the text block
    # that repeats the <title> without its suffix, nearest the body.
    wanted = [strip_site_suffix(t, site_names) for t in titles]
    wanted = [w for w in wanted if len(w) >= _MIN_HEADLINE]
    if not wanted:
        return Headline(None, None)
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
        return Headline(None, None)
    return Headline(clean_text(page.segments[best].text), best)
