"""The article body: the block where prose concentrates (text density).

Each segment is scored by its non-link characters plus a bonus per sentence
punctuation mark, since prose is punctuated and menus are not. The score is
credited to the segment's block and, decaying, to a few ancestors, so the
element holding most paragraphs wins over both a single paragraph and the
whole page. Link density and class/id hints adjust the final ranking.
"""

from __future__ import annotations

import re

from lxml import etree

from snapshots.normalize.timestamp import find_dates

from .dom import Page, Segment

_YEAR = re.compile(r"(?:19|20)\d\d")  # cheap pre-check before the date regex

_PUNCTUATION_WEIGHT = 6
_SHORT_LINE = 40
# Credit to the block itself, its parent, grandparent and great-grandparent.
_ANCESTOR_CREDIT = (1.0, 0.95, 0.5, 0.25)
_GOOD_HINT = re.compile(
    r"article|content|main|body|text|detail|post|entry|story|news|zw|cont|正文|neirong|left", re.I
)
_BAD_HINT = re.compile(
    r"comment|reply|footer|foot|sidebar|side|nav|menu|related|recommend|share|banner|"
    r"copyright|header|breadcrumb|crumb|tags?\b|login|rank|hot|right|ad\b|ads|advert|list|"
    r"guestbook|review|pinglun|message", re.I
)
# Reader comments share the article's container on blogs and forums.
_COMMENTS = re.compile(r"comment(?!ary)|repl(?:y|ies)|feedback|pinglun|discuss|respond|guestbook", re.I)
_CONTAINER_TAGS = frozenset(
    "div td article section main body form blockquote center table tbody tr li dd "
    "p pre".split()
)


def segment_score(segment: Segment) -> float:
    plain = segment.plain_chars
    if plain <= 0 or segment.link_chars > plain:
        return 0.0
    score = plain + _PUNCTUATION_WEIGHT * segment.punctuation
    if segment.punctuation == 0 and plain < 40:
        score *= 0.3
    # Partly linked lines are list entries ("标题【作者】08-11 16:06").
    score *= (plain / segment.chars) ** 2
    # Short lines are menus, captions and list items more often than prose.
    if plain < _SHORT_LINE:
        score *= plain / _SHORT_LINE
    return score


# The largest factor a container's class and id can give it.
_BEST_HINT = 1.25


def _hint_factor(element: etree._Element) -> float:
    hints = f"{element.get('class', '')} {element.get('id', '')}"
    if not hints.strip():
        return 1.0
    factor = 1.0
    if _GOOD_HINT.search(hints):
        factor *= _BEST_HINT
    if _BAD_HINT.search(hints):
        factor *= 0.6
    return factor


def link_density(page: Page, element: etree._Element) -> float:
    span = page.spans.get(element)
    if span is None:
        return 1.0
    # Running totals over the segments, built once per page: an ancestor's
    # density is then two subtractions, not a pass over its whole subtree.
    totals = page.cache.get("link_totals")
    if totals is None:
        chars, links = [0], [0]
        for segment in page.segments:
            chars.append(chars[-1] + segment.chars)
            links.append(links[-1] + segment.link_chars)
        totals = page.cache["link_totals"] = (chars, links)
    chars, links = totals
    start, end = span
    count = chars[end] - chars[start]
    return (links[end] - links[start]) / count if count else 1.0


def comment_segments(page: Page) -> set[int]:
    """Indexes of segments inside reader comments (``id="comments"`` ...)."""
    excluded: set[int] = set()
    get = etree._Element.get
    for element, (start, end) in page.spans.items():
        cls, ident = get(element, "class"), get(element, "id")
        if (cls or ident) and end > start and _COMMENTS.search(f"{cls or ''} {ident or ''}"):
            excluded.update(range(start, end))
    return excluded


def find_body(page: Page, excluded: set[int] = frozenset(),
              within: tuple[int, int] | None = None) -> etree._Element | None:
    """The element most likely to hold the article text, or None; only
    blocks inside segment range ``within`` when given."""
    credit: dict[etree._Element, float] = {}
    start, end = within or (0, len(page.segments))
    for segment in page.segments[start:end]:
        if segment.index in excluded:
            continue
        score = segment_score(segment)
        if not score:
            continue
        element = segment.element
        for weight in _ANCESTOR_CREDIT:
            if element is None:
                break
            credit[element] = credit.get(element, 0.0) + score * weight
            element = element.getparent()
    best, best_score = None, 0.0
    for element, score in credit.items():
        if element.tag not in _CONTAINER_TAGS or element not in page.spans:
            continue
        if within and not (start <= page.spans[element][0] and page.spans[element][1] <= end):
            continue
        if score * _BEST_HINT <= best_score:
            continue  # cannot win, whatever its links and hints
        score *= (1.0 - link_density(page, element)) * _hint_factor(element)
        if score > best_score:
            best, best_score = element, score
    return best


# How far above the body a post's own container may be, and how many
# elements of a post are read for its template.
_POST_DEPTH = 12
_TEMPLATE_ELEMENTS = 300
# Posts share a template: most of their class names.
_SAME_TEMPLATE = 0.5
# A first post with less than a sentence or two of prose is a heading, not a post.
_MIN_POST_SCORE = 80


def first_post(page: Page, found: etree._Element, excluded: set[int] = frozenset()) -> etree._Element:
    """The body of the page's first post when ``found`` lies in a later one.

    A forum thread, a blog's front page, an article page that appends the
    next story: several sibling posts of one template, each dated with a
    clock. The page is about its first (the opening post, the newest entry,
    the story the URL names), while density alone picks the longest. The
    time and byline then come from that post too, as they are read around
    the body.
    """
    element = found
    for _ in range(_POST_DEPTH):
        parent = element.getparent()
        if parent is None or element.tag in ("body", "html"):
            break
        key = element.get("class")
        earlier = [sibling for sibling in element.itersiblings(element.tag, preceding=True)
                   if sibling.get("class") == key and sibling in page.spans]
        if earlier and _dated(page, element):
            template = _template(element)
            for post in reversed(earlier):  # document order: the first post first
                if not (_dated(page, post) and _alike(template, _template(post))):
                    continue
                body = find_body(page, excluded, page.spans[post])
                if body is not None and _prose(page, body, excluded):
                    return body
        element = parent
    return found


def _dated(page: Page, element: etree._Element) -> bool:
    """Whether the element shows a date with a clock (its post's time)."""
    for segment in page.segments_of(element):
        if segment.chars <= 120 and _YEAR.search(segment.text):
            if any(mention.has_clock for mention in find_dates(segment.text)):
                return True
    return False


def _template(element: etree._Element) -> set[str]:
    classes: set[str] = set()
    for count, child in enumerate(element.iter()):
        if count > _TEMPLATE_ELEMENTS:
            break
        if isinstance(child.tag, str) and (names := child.get("class")):
            classes.update(names.split())
    return classes


def _alike(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) >= _SAME_TEMPLATE * len(a | b)


def _prose(page: Page, element: etree._Element, excluded: set[int]) -> bool:
    return sum(segment_score(s) for s in page.segments_of(element)
               if s.index not in excluded) >= _MIN_POST_SCORE


def is_link_list(segment: Segment) -> bool:
    return segment.link_chars * 2 > segment.chars and segment.punctuation < 3


def paragraphs(segments: list[Segment]) -> list[str]:
    """Paragraph strings of the body segments; a <br> starts a new one."""
    out: list[str] = []
    for segment in segments:
        for line in segment.text.split("\n"):
            line = " ".join(line.split())
            if line:
                out.append(line)
    return out
