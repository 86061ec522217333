"""From an item to the documents stored for it.

Field names are fixed here and only here; values from pages are always
values, never field names (``extras`` is stored as JSON text, ``related`` is
reduced to url/title pairs), so nothing a page says can act as an operator.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit

from bson import Binary
from itemadapter import ItemAdapter

from snapshots.urls import DEFAULT_TRACKING_PARAMETERS, canonical_url

from . import neardup, terms

try:
    import zstandard
except ImportError:  # pragma: no cover - zlib is always there
    zstandard = None

# Second-level labels under which a registrable domain has three labels.
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co"})
_HTML_LEVEL = 3
# MongoDB refuses documents over 16 MB. A snapshot keeps at most this many
# bytes of compressed page (the start of a larger page, ``html_capped_at``
# saying how many bytes of it) and an article at most this many characters
# of body (``body_capped_at``), so that both documents always fit.
HTML_MAX_STORED = 6 << 20
BODY_MAX_CHARS = 1_000_000


def site_of(host: str) -> str:
    """The registrable domain of ``host`` (news.sina.com.cn -> sina.com.cn);
    good enough to tell that a rel=canonical stays on the same site."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def article_key(url: str, canonical: str | None,
                params: Iterable[str] = DEFAULT_TRACKING_PARAMETERS) -> str:
    """The article's key: its rel=canonical when it names the same site,
    else the fetched URL, in :func:`snapshots.urls.canonical_url` form."""
    if canonical and canonical != url:
        try:
            same_site = site_of(urlsplit(canonical).hostname or "") == site_of(
                urlsplit(url).hostname or "")
        except ValueError:
            same_site = False
        if same_site:
            return canonical_url(canonical, params)
    return canonical_url(url, params)


def content_hash(title: str, body: list[str]) -> str:
    """Hash of the normalized title and body: equal hashes, same snapshot."""
    h = hashlib.blake2b(digest_size=16)
    h.update((title or "").encode("utf-8"))
    for paragraph in body:
        h.update(b"\x1f")
        h.update(paragraph.encode("utf-8"))
    return h.hexdigest()


class HtmlCodec:
    """Compresses raw pages; zstandard when installed (smaller, faster),
    zlib otherwise. The codec name is stored beside the bytes."""

    def __init__(self, name: str = "zstd"):
        if name == "zstd" and zstandard is None:
            name = "zlib"
        self.name = name
        self._zstd = zstandard.ZstdCompressor(level=_HTML_LEVEL) if name == "zstd" else None

    @classmethod
    @lru_cache(maxsize=None)
    def named(cls, name: str) -> "HtmlCodec":
        """A shared codec (a compressor is not free to set up)."""
        return cls(name)

    def compress(self, html: bytes) -> bytes:
        if self._zstd is not None:
            return self._zstd.compress(html)
        return zlib.compress(html, 6)


def decompress_html(data: bytes, codec: str) -> bytes:
    """The raw page of a stored snapshot (``doc["html"], doc["html_codec"]``)."""
    if codec == "zstd":
        if zstandard is None:
            raise RuntimeError("this snapshot is zstd-compressed: pip install zstandard")
        return zstandard.ZstdDecompressor().decompress(data)
    if codec == "zlib":
        return zlib.decompress(data)
    raise ValueError(f"unknown html codec {codec!r}")


def page_bytes(html: Any, encoding: str | None) -> bytes:
    """The raw page as bytes (an item may carry it decoded)."""
    if isinstance(html, str):
        return html.encode(encoding or "utf-8", "surrogateescape")
    return bytes(html or b"")


@dataclass(frozen=True)
class StoredPage:
    """The raw page as its snapshot holds it: compressed, and cut to fit
    ``HTML_MAX_STORED`` when it must be."""

    data: bytes  # compressed with ``codec``
    codec: str
    size: int  # bytes of the raw page
    capped_at: int | None  # bytes of the raw page kept, when cut


@dataclass
class Derived:
    """The costly parts of a record: pure functions of its title, body and
    page, so that they can be computed ahead, in a worker process
    (``derive``)."""

    terms: list[str]
    signature: Any  # neardup.signature(), or None for a short body
    page: bytes  # the page, compressed with ``codec``
    codec: str


def derive(title: str, body: list[str], html: bytes, codec: str = "zstd") -> Derived:
    """Terms, near-duplicate signature and compressed page of a record
    whose normalized title and body are ``title`` and ``body``."""
    html_codec = HtmlCodec.named(codec)
    return Derived(terms.of(title, body), neardup.signature("".join(body)),
                   html_codec.compress(html), html_codec.name)


def record_text(fields: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The title and body a record is hashed, split into search terms and signed on."""
    return str(fields.get("title") or ""), [str(p) for p in fields.get("body") or ()]


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _related(value: Any) -> list[dict[str, str]]:
    out = []
    for entry in value or ():
        if isinstance(entry, Mapping):
            out.append({"url": str(entry.get("url") or ""), "title": str(entry.get("title") or "")})
    return out


class Record:
    """One item on its way into the store: its keys at once, and the costly
    parts (terms, signature, compressed page) only when they are written,
    unless they were derived ahead (``derived``)."""

    def __init__(self, item: Any, params: Iterable[str] = DEFAULT_TRACKING_PARAMETERS,
                 derived: Derived | None = None):
        self.item = item
        self.derived = derived
        self._fields = item if isinstance(item, Mapping) else ItemAdapter(item)
        get = self._fields.get
        self.url = str(get("url") or "")
        self.canonical = _str(get("canonical_url"))
        self.key = article_key(self.url, self.canonical, params)
        self.url_key = canonical_url(self.url, params) if self.url else self.key
        self.title, self.body = record_text(self._fields)
        self.body_capped_at = None
        if sum(map(len, self.body)) > BODY_MAX_CHARS:
            self.body, self.body_capped_at = _capped_body(self.body)
        self.content_hash = content_hash(self.title, self.body)
        self.fetched_at = _utc(get("fetched_at")) or datetime.now(timezone.utc)

    @property
    def aliases(self) -> list[str]:
        """Canonical forms of the URLs this article was fetched under."""
        return [self.key] if self.url_key == self.key else [self.key, self.url_key]

    @property
    def is_url_alias(self) -> bool:
        """Fetched under a URL other than the key (tracking parameters,
        a mobile path, a rel=canonical)."""
        return self.url != self.key

    @cached_property
    def terms(self) -> list[str]:
        if self.derived is not None:
            return self.derived.terms
        return terms.of(self.title, self.body)

    @cached_property
    def signature(self):
        if self.derived is not None:
            return self.derived.signature
        return neardup.signature("".join(self.body))

    @cached_property
    def lsh(self) -> list[int]:
        return neardup.band_keys(self.signature) if self.signature is not None else []

    @property
    def origin(self) -> datetime:
        """When this copy of the story appeared: its publish time, else when
        it was fetched (a cluster is named after its earliest member)."""
        return _utc(self._fields.get("published_at")) or self.fetched_at

    def latest_fields(self) -> dict[str, Any]:
        """What the article document shows of its newest snapshot."""
        get = self._fields.get
        return {
            "url": self.url,
            "canonical_url": self.canonical,
            "site": str(get("site") or ""),
            "category": str(get("category") or ""),
            "title": self.title,
            "published_at": _utc(get("published_at")),
            "source": _str(get("source")),
            "authors": [str(a) for a in get("authors") or ()],
            "editor": _str(get("editor")),
            "page_category": _str(get("page_category")),
            "language": _str(get("language")),
            "extractor_version": _str(get("extractor_version")),
            "body": self.body,
            "content_hash": self.content_hash,
            "latest_at": self.fetched_at,
            **terms.stored(self.terms),
        }

    def stored_page(self, codec: HtmlCodec) -> StoredPage:
        """The page compressed with ``codec`` (derived ahead when it was)."""
        get = self._fields.get
        html = page_bytes(get("html"), get("encoding"))
        if self.derived is not None and self.derived.codec == codec.name:
            page = self.derived.page
        else:
            page = codec.compress(html)
        capped_at = None
        if len(page) > HTML_MAX_STORED:
            page, capped_at = _capped_page(html, page, codec)
        return StoredPage(page, codec.name, len(html), capped_at)

    def version_document(self, cluster: str, page: StoredPage) -> dict[str, Any]:
        """The snapshot in ``cluster``: everything the page said, and
        ``page``, the page itself (:meth:`stored_page`)."""
        get = self._fields.get
        extras = get("extras") or {}
        return {
            "key": self.key,
            "content_hash": self.content_hash,
            "fetched_at": self.fetched_at,
            "url": self.url,
            "canonical_url": self.canonical,
            "site": str(get("site") or ""),
            "category": str(get("category") or ""),
            "cluster": cluster,
            "title": self.title,
            "published_at": _utc(get("published_at")),
            "published_at_raw": _str(get("published_at_raw")),
            "timezone": _str(get("timezone")),
            "source": _str(get("source")),
            "authors": [str(a) for a in get("authors") or ()],
            "editor": _str(get("editor")),
            "page_category": _str(get("page_category")),
            "body": self.body,
            "related": _related(get("related")),
            "language": _str(get("language")),
            "extractor_version": _str(get("extractor_version")),
            "html": Binary(page.data),
            "html_codec": page.codec,
            "html_size": page.size,
            "encoding": _str(get("encoding")),
            "status": int(get("status") or 0),
            "extras": stored_extras(extras),
            **({"html_capped_at": page.capped_at} if page.capped_at is not None else {}),
            **({"body_capped_at": self.body_capped_at} if self.body_capped_at is not None else {}),
        }


def stored_extras(extras: Mapping[str, Any] | None) -> str:
    """``extras`` as a snapshot stores it: JSON text, keys sorted, so that
    equal extras are equal strings."""
    return json.dumps(extras or {}, ensure_ascii=False, default=str, sort_keys=True)


def _capped_body(body: list[str]) -> tuple[list[str], int]:
    """The first ``BODY_MAX_CHARS`` characters of ``body``, and that count."""
    kept, left = [], BODY_MAX_CHARS
    for paragraph in body:
        if left <= 0:
            break
        kept.append(paragraph[:left])
        left -= len(kept[-1])
    return kept, BODY_MAX_CHARS - left


def _capped_page(html: bytes, page: bytes, codec: HtmlCodec) -> tuple[bytes, int]:
    """The compressed start of ``html`` that fits ``HTML_MAX_STORED``, and
    how many bytes of ``html`` it holds."""
    keep = len(html)
    while len(page) > HTML_MAX_STORED:
        keep = int(keep * HTML_MAX_STORED / len(page) * 0.95)
        page = codec.compress(html[:keep])
    return page, keep
