"""Bytes to text: BOM, HTTP header, in-page declaration, then detection.

Chinese pages often lie about their charset (a "gb2312" page that is UTF-8,
no declaration at all), so declarations are checked against the bytes: a
page that decodes as strict UTF-8 with multi-byte text is UTF-8 whatever it
says, since GBK text practically never forms valid UTF-8. The other way round, a
page that says UTF-8 but whose bytes mostly fail to decode as UTF-8 is
detected (GB18030 first, charset-normalizer otherwise), and
:attr:`Decoded.false_declaration` says what it claimed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# GB2312 and GBK are subsets of GB18030; reading as the superset loses nothing
# and saves the characters pages use beyond their declared set.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030",
              "ascii": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252",
              "big5": "big5hkscs"}
# A non-standard ``encoding="..."`` attribute (XML declaration, archive
# wrappers) at the very top of the document.
_ENCODING_ATTR = re.compile(rb"""\bencoding\s*=\s*["']?([A-Za-z0-9_.:-]+)""")
_CJK_ENCODINGS = ("gb18030", "big5", "big5hkscs", "euc_jp", "shift_jis", "cp932", "euc_kr",
                  "cp949", "iso2022_jp", "hz", "utf_8", "utf_16", "utf_32")
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")
# The extras key that records a false declaration (its value: the charset
# claimed).
FALSE_ENCODING = "false_declared_encoding"


def _canonical(label: str | None) -> str | None:
    if not label:
        return None
    name = resolve_encoding(label)
    if name is None:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            return None
    name = name.replace("-", "_").lower()
    return _SUPERSETS.get(name, name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_multibyte(data: bytes) -> bool:
    return not data.isascii()


def _declared(data: bytes) -> str | None:
    if (name := html_body_declared_encoding(data)) is not None:
        return _canonical(name)
    if (match := _ENCODING_ATTR.search(data[:1024])) is not None:
        return _canonical(match.group(1).decode("ascii"))
    return None


def _normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only pages with no usable label

    best = from_bytes(data[:200_000]).best()
    return _canonical(best.encoding) if best is not None else None


def _reads_as_gb18030(data: bytes) -> bool:
    """GB18030 that decodes to CJK text, with hardly a broken character."""
    text = data.decode("gb18030", errors="replace")
    return text.count("\ufffd") * 200 < len(text) and len(_CJK_TEXT.findall(text)) * 20 > len(text)


def _detect(data: bytes) -> str:
    if _is_utf8(data):
        return "utf_8"
    guess = _normalizer_guess(data)
    if guess and guess.startswith(_CJK_ENCODINGS):
        return guess
    # Short Chinese pages fool statistical detectors into single-byte
    # Cyrillic or Latin charsets; GB18030 that decodes to CJK text wins.
    if _reads_as_gb18030(data):
        return "gb18030"
    return guess or "gb18030"


def _utf8_is_false(data: bytes) -> bool:
    """Whether bytes said to be UTF-8 are mostly something else: more than
    one non-ASCII character in twenty broken. A UTF-8 page with a stray bad
    byte (a cut, a bad copy) stays UTF-8."""
    if _is_utf8(data):
        return False
    text = data.decode("utf-8", errors="replace")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text.count("\ufffd") * 20 > non_ascii


def _real_encoding(data: bytes) -> str | None:
    """What bytes falsely labelled UTF-8 are: GB18030 first (Chinese
    pages), else charset-normalizer's guess; None if neither decodes."""
    if _reads_as_gb18030(data):
        return "gb18030"
    guess = _normalizer_guess(data)
    return guess if guess and guess != "utf_8" else None


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used
    # The charset the header or the page declared, when its bytes proved it
    # false (today: a UTF-8 declaration on GBK bytes).
    false_declaration: str | None = None


def decode_html(data: bytes, header_encoding: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding used)``.

    ``header_encoding`` is the charset of the HTTP Content-Type header (a
    bare label or the whole header value), if any.
    """
    decoded = decode_page(data, header_encoding)
    return decoded.text, decoded.encoding


def decode_page(data: bytes, header_encoding: str | None = None) -> Decoded:
    """:func:`decode_html`, also saying whether the declared charset lied."""
    bom_encoding, bom = read_bom(data)
    if bom_encoding is not None:
        encoding = _canonical(bom_encoding) or "utf_8"
        return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding)
    header = None
    if header_encoding:
        header = _canonical(
            http_content_type_encoding(header_encoding)
            if "=" in header_encoding else header_encoding
        )
    encoding = header or _declared(data)
    if encoding is not None and encoding != "utf_8" and _has_multibyte(data) and _is_utf8(data):
        encoding = "utf_8"
    if encoding == "utf_8" and _utf8_is_false(data):
        real = _real_encoding(data)
        if real is not None:
            return Decoded(data.decode(real, errors="replace"), real, false_declaration="utf-8")
    if encoding is None:
        encoding = _detect(data)
    try:
        return Decoded(data.decode(encoding, errors="replace"), encoding)
    except LookupError:
        encoding = _detect(data)
        return Decoded(data.decode(encoding, errors="replace"), encoding)
