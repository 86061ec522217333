"""Character-level clean-up shared by every field normalizer."""

from __future__ import annotations

import html
import re

_WHITESPACE = re.compile(r"\s+")
# Full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９) map to their ASCII
# twins by a fixed offset; Chinese punctuation is deliberately left alone.
_FULLWIDTH_OFFSET = 0xFF01 - 0x21
_HALFWIDTH = {
    code: code - _FULLWIDTH_OFFSET
    for block in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(block[0], block[1] + 1)
}
_HALFWIDTH[0x3000] = 0x20  # ideographic space
# Zero-width and formatting characters that only break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HALFWIDTH.update(_INVISIBLE)


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (incl. U+3000 and NBSP) become one space; ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


# str.translate looks up every character: test for any mapped one first.
_MAPPED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_HALFWIDTH)) + "]")


def to_halfwidth(text: str) -> str:
    """Full-width letters and digits to ASCII; punctuation kept as written."""
    return text.translate(_HALFWIDTH) if _MAPPED.search(text) else text


def clean_text(text: str | None) -> str:
    """Entity-unescaped, half-width, whitespace-collapsed text ('' for None)."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    return collapse_whitespace(to_halfwidth(text))


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


