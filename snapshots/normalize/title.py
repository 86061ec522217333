"""Headlines without the site name that ``<title>`` appends to them."""

from __future__ import annotations

import re

from .text import clean_text

# Separators sites put between headline and site name, widest first so that
# "——" is not read as two "—".
_SEPARATOR = re.compile(r"\s*(?:——|--+|[_|｜丨]|\s[-–—]\s|—)\s*")
# A trailing segment that names a site, a channel or carries its slogan.
_SITE_WORDS = re.compile(
    r"网|报|新闻|频道|科技|在线|中心|门户|官网|客户端|媒体|资讯|论坛|博客|社区|首页|"
    r"财经|日报|晚报|时报|周刊|杂志|电视台|广播|传媒|集团|之家|旗下|改变|"
    r"\.(?:com|cn|net|org)\b|^[A-Za-z0-9 .&'-]+$"
)
_MAX_SITE_SEGMENT = 24


def strip_site_suffix(title: str, site_names: tuple[str, ...] = ()) -> str:
    """Drop trailing "_快科技", " - 新浪科技", "|xxx网" segments from ``title``."""
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    while len(parts) > 1:
        tail = parts[-1].strip()
        head = "".join(p + s for p, s in zip(parts[:-2], seps[:-1])) + parts[-2]
        if len(head.strip()) < 4:
            break
        if not tail or tail in site_names or (
            len(tail) <= _MAX_SITE_SEGMENT and _SITE_WORDS.search(tail)
        ):
            parts.pop()
            seps.pop()
            continue
        break
    return "".join(p + s for p, s in zip(parts[:-1], seps)) + parts[-1]


def normalize_title(
    title: str | None, *, h1: str | None = None, site_names: tuple[str, ...] = ()
) -> str | None:
    """The headline: entities unescaped, half-width, no site suffix.

    ``h1`` is the page's own heading; it wins when the ``<title>`` starts with
    it, since it is the headline without any decoration.
    """
    text = clean_text(title)
    heading = clean_text(h1)
    if heading and (not text or (text.startswith(heading) and len(heading) >= 4)):
        return heading
    if not text:
        return None
    stripped = strip_site_suffix(text, site_names).strip()
    return stripped or text
