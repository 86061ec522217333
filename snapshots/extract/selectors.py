"""Site-profile selectors: CSS or XPath that override a generic rule."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from parsel.csstranslator import HTMLTranslator

from .dom import raw_text

FIELDS = frozenset(
    {"title", "published_at", "source", "authors", "editor", "body", "related", "category"}
)
_TRANSLATOR = HTMLTranslator()


def is_xpath(selector: str) -> bool:
    return selector.lstrip().startswith(("/", "./", "(", "..")) or selector.startswith("xpath:")


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> etree.XPath:
    """An XPath for a CSS or XPath selector (``xpath:`` prefix forces XPath)."""
    selector = selector.strip()
    if selector.startswith("xpath:"):
        return etree.XPath(selector[6:].strip())
    if is_xpath(selector):
        return etree.XPath(selector)
    if selector.startswith("css:"):
        selector = selector[4:].strip()
    # parsel's translator understands ::text and ::attr(name).
    return etree.XPath(_TRANSLATOR.css_to_xpath(selector))


def select(root: etree._Element, selector: str) -> list:
    """Elements or strings the selector yields on ``root``."""
    result = compile_selector(selector)(root)
    return result if isinstance(result, list) else [result]


def _text(item) -> str:
    if isinstance(item, str):
        return " ".join(item.split())
    if item.tag == "meta":
        return (item.get("content") or "").strip()
    if item.tag == "time" and item.get("datetime"):
        return item.get("datetime").strip()
    return " ".join(raw_text(item).split())


def select_texts(root: etree._Element, selector: str) -> list[str]:
    return [text for item in select(root, selector) if (text := _text(item))]


def select_text(root: etree._Element, selector: str) -> str | None:
    texts = select_texts(root, selector)
    return " ".join(texts) if texts else None
