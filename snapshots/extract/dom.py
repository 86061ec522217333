"""One parse of the page and one walk over it.

The walk cuts the document into *segments*: runs of text that a reader sees
as one block (a paragraph, a table cell, the text between two child blocks),
in document order, each with its length and how much of it is link text.
Body scoring, byline search and related-block detection all read these
segments instead of walking the tree again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

BLOCK_TAGS = frozenset(
    "html body div p td th tr table tbody thead tfoot caption li ul ol dl dt dd "
    "h1 h2 h3 h4 h5 h6 section article main header footer nav aside blockquote "
    "pre center form fieldset figure figcaption address hr details summary "
    "menu dir marquee".split()
)
# Never visible text, or controls whose labels are not content.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "select", "option", "textarea", "button", "input", "map", "audio", "video",
    "link", "meta", "base", "head", "title",
)
# "@style and": libxml2 then skips the translate on elements without a style.
_HIDDEN_XPATH = etree.XPath(
    "//*[@hidden or (@style and contains(translate(@style, 'DISPLAYNOE ', 'displaynoe'), 'display:none'))]"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# Plain lxml elements: lxml.html's element classes slow every tree walk.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
_WHITESPACE = re.compile(r"\s+")
# Sentence punctuation: prose has it, menus and link lists do not.
_PUNCTUATION = frozenset("，。！？；：、“”‘’,.!?;:（）《》")
# Counting matches is cheaper than building a translated copy of the text.
_PUNCT_MARK = re.compile("[" + re.escape("".join(sorted(_PUNCTUATION))) + "]")


@dataclass(slots=True)
class Segment:
    element: etree._Element  # the block element the text belongs to
    text: str  # as shown, "\n" where a <br> was
    chars: int  # non-whitespace characters
    link_chars: int  # of which inside <a>
    punctuation: int
    index: int

    @property
    def plain_chars(self) -> int:
        return self.chars - self.link_chars


@dataclass
class Page:
    root: etree._Element
    segments: list[Segment] = field(default_factory=list)
    # Segment index range [start, end) of every block element's subtree.
    spans: dict[etree._Element, tuple[int, int]] = field(default_factory=dict)
    # Results of rules that read a segment more than once (byline lines).
    cache: dict = field(default_factory=dict)

    def segments_of(self, element: etree._Element) -> list[Segment]:
        span = self.spans.get(element)
        if span is None:
            return []
        return self.segments[span[0]:span[1]]


def parse_html(text: str, base_url: str | None = None) -> etree._Element:
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        raise ValueError("empty document")
    root = etree.fromstring(text, parser=_PARSER, base_url=base_url)
    if any(_TOO_DEEP in e.message for e in _PARSER.error_log):
        # libxml2 stops at depth 256 (2048 with huge_tree) and drops the rest
        # of the page: parse a copy whose excess nesting is taken out.
        root = etree.fromstring(flatten_nesting(text), parser=_PARSER, base_url=base_url)
    if root is None:
        raise ValueError("not an HTML document")
    return root


_TOO_DEEP = "Excessive depth"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_DEPTH = 200
# Kept a little deeper, so that paragraphs stay paragraphs.
_TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li pre blockquote table tbody tr td th".split())


def flatten_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """``text`` without the tags that nest deeper than ``max_depth`` (text
    blocks: a little deeper): their text stays, in place, inside the
    deepest element kept."""
    out: list[str] = []
    pos = depth = 0
    dropped: dict[str, int] = {}
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        if closing:
            if not dropped.get(name):
                depth = max(0, depth - 1)
                continue
            dropped[name] -= 1  # closes the innermost one: a dropped one
        elif depth < max_depth or (name in _TEXT_BLOCKS and depth < max_depth + 20):
            depth += 1
            continue
        else:
            dropped[name] = dropped.get(name, 0) + 1
        out.append(text[pos:match.start()])
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def strip_invisible(root: etree._Element) -> None:
    """Remove the head, scripts, styles, form controls and hidden elements,
    keeping tails. Structured data must have been read before."""
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    for element in _HIDDEN_XPATH(root):
        if element.getparent() is not None and element.tag not in ("html", "body"):
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove an element and its children, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _count(text: str) -> int:
    """Non-whitespace characters (split/join runs in C, faster than counting
    each kind of space)."""
    return len("".join(text.split()))


class _Block:
    __slots__ = ("element", "parts", "chars", "link_chars", "start")

    def __init__(self, element: etree._Element, start: int) -> None:
        self.element = element
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.start = start


def segment(root: etree._Element) -> Page:
    """Cut the (cleaned) document into ordered text segments."""
    page = Page(root)
    segments = page.segments
    stack: list[_Block] = [_Block(root, 0)]
    in_link = 0

    def add(text: str) -> None:
        block = stack[-1]
        block.parts.append(text)
        if text.isspace():
            return
        n = _count(text)
        block.chars += n
        if in_link:
            block.link_chars += n

    def flush(block: _Block) -> None:
        if block.chars:
            text = "".join(block.parts)
            punctuation = len(_PUNCT_MARK.findall(text))
            segments.append(Segment(block.element, text, block.chars, block.link_chars,
                                    punctuation, len(segments)))
        block.parts = []
        block.chars = block.link_chars = 0

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in BLOCK_TAGS:
                if element is not root:
                    flush(stack[-1])
                    stack.append(_Block(element, len(segments)))
            elif tag == "br":
                stack[-1].parts.append("\n")
            elif tag == "a":
                in_link += 1
            if element.text:
                add(element.text)
        else:
            if tag == "a":
                in_link -= 1
            if tag in BLOCK_TAGS:
                if element is not root:
                    block = stack.pop()
                    flush(block)
                    page.spans[element] = (block.start, len(segments))
            if element.tail and element is not root:
                add(element.tail)
    flush(stack[0])
    page.spans[root] = (0, len(segments))
    return page


def raw_text(element: etree._Element) -> str:
    """All text under an element, as in the source (tails of it excluded)."""
    return "".join(element.itertext())
