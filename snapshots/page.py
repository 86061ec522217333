"""One article page, from what was fetched to the item stored for it.

The one composition of extraction (:mod:`snapshots.extract`) and
normalization (:mod:`snapshots.normalize`): page bytes, URL and snapshot
time in, the normalized :class:`~snapshots.items.ArticleItem` out. The
crawl (in a worker process), ``python -m snapshots extract`` and
``bench/extract_eval.py`` all call :func:`article_item`, so what is
measured is what is stored. Free of Scrapy, like the rules it composes.

Shaped like a page object (web-poet's): :class:`ArticlePage` holds its
inputs, computes each stage once on first use and assembles the item in
:meth:`ArticlePage.to_item`. Relative page times (``3小时前``) resolve
against the snapshot time, never against the clock of the caller.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from snapshots.domains import site_of
from snapshots.extract import Extracted, extract_article
from snapshots.extract.version import extractor_version, selectors_digest, with_selectors
from snapshots.items import ArticleItem
from snapshots.normalize import NormalizedFields, normalize_fields

# Keys of the item's ``extras``: why ``published_at`` stayed empty; the
# values extraction or normalization cut or dropped, by reason; the latest
# date a time shown without a year may have.
REJECTED_TIME = "published_at_rejected"
DROPPED_VALUES = "dropped"
NOT_AFTER = "published_not_after"
# The UTC offset the page states for its shown time (snapshots.extract.offsets).
SHOWN_OFFSET = "published_at_offset"
# Keys the crawl adds beside extraction's (the job that fetched the page):
# re-extraction keeps them as stored.
JOB = "job"
CRAWL_EXTRAS = frozenset({JOB})


@dataclass(frozen=True)
class SiteContext:
    """What the crawl knows of a page's site, beyond the page itself.

    ``timezone`` and ``max_future_skew`` come from the site profile or the
    settings (``DEFAULT_TIMEZONE``, ``MAX_FUTURE_SKEW_MINUTES``): see
    :meth:`from_settings`.
    """

    timezone: str  # zone of page times that carry no offset
    max_future_skew: timedelta  # page times later than the snapshot plus this are rejected
    name: str | None = None  # the site profile; None: the page's registrable domain
    category: str = ""  # the category slug the crawl walked
    selectors: Mapping[str, str] = field(default_factory=dict)  # the profile's per-field rules
    # Of ``selectors``, for the extractor version; computed once, here.
    selectors_digest: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "selectors_digest", selectors_digest(self.selectors))

    @property
    def extractor_version(self) -> str:
        """The version recorded for items of this site: the rules', and its
        profile's selectors."""
        return with_selectors(extractor_version(), self.selectors_digest)

    @classmethod
    def from_settings(cls, settings, profile=None, category: str = "") -> SiteContext:
        """The context of ``profile`` (a :class:`snapshots.sites.SiteProfile`,
        or None) under the project ``settings`` (anything with ``get`` and
        ``getint``, e.g. Scrapy's Settings)."""
        return cls(
            timezone=(profile.timezone if profile is not None else None)
            or settings.get("DEFAULT_TIMEZONE"),
            max_future_skew=timedelta(minutes=settings.getint("MAX_FUTURE_SKEW_MINUTES")),
            name=profile.name if profile is not None else None,
            category=category,
            selectors=dict(profile.selectors) if profile is not None else {},
        )


class ArticlePage:
    """An article page as fetched: ``html`` (the response bytes), ``url``,
    ``fetched_at`` (the snapshot time, timezone-aware) and its site."""

    def __init__(self, html: bytes, url: str, fetched_at: datetime, site: SiteContext, *,
                 header_encoding: str | None = None, status: int = 200) -> None:
        if fetched_at.tzinfo is None:
            raise ValueError("fetched_at must be timezone-aware")
        self.html = html
        self.url = url
        self.fetched_at = fetched_at
        self.site = site
        self.header_encoding = header_encoding  # the Content-Type charset, if any
        self.status = status

    @cached_property
    def extracted(self) -> Extracted:
        """The fields as the page states them. Raises ``ValueError`` when
        the bytes are not an HTML document."""
        return extract_article(self.html, self.url, encoding=self.header_encoding,
                               selectors=self.site.selectors)

    @cached_property
    def normalized(self) -> NormalizedFields:
        raw = self.extracted
        return normalize_fields(
            title=raw.title, published_at_raw=raw.published_at_raw, source=raw.source,
            authors=raw.authors, editor=raw.editor, page_category=raw.page_category,
            body=raw.body, now=self.fetched_at, tz=self.site.timezone,
            max_future_skew=self.site.max_future_skew, site_names=tuple(raw.site_names),
            published_not_after=raw.published_not_after, published_offset=raw.published_offset,
        )

    def to_item(self) -> ArticleItem:
        raw, fields = self.extracted, self.normalized
        # Other readings of the page (snapshots.extract), and which rule
        # produced each field.
        extras: dict[str, Any] = dict(raw.extras, origin=dict(raw.origin))
        if raw.published_not_after:
            extras[NOT_AFTER] = raw.published_not_after
        if raw.published_offset:
            extras[SHOWN_OFFSET] = raw.published_offset
        if raw.drops or fields.drops:
            extras[DROPPED_VALUES] = [*raw.drops, *fields.drops]
        if fields.published_at_rejected:
            # The raw string stays on the item, for a later re-parse.
            extras[REJECTED_TIME] = fields.published_at_rejected
        return ArticleItem(
            url=self.url,
            canonical_url=raw.canonical_url,
            site=self.site.name or site_of(self.url),
            category=self.site.category,
            fetched_at=self.fetched_at,
            title=fields.title,
            published_at_raw=raw.published_at_raw,
            published_at=fields.published_at,
            timezone=self.site.timezone,
            source=fields.source,
            authors=fields.authors,
            editor=fields.editor,
            page_category=fields.page_category,
            body=fields.body,
            related=list(raw.related),
            language=raw.language,
            extractor_version=with_selectors(raw.extractor_version, self.site.selectors_digest),
            html=self.html,
            encoding=raw.encoding,
            status=self.status,
            extras=extras,
        )


def article_item(html: bytes, url: str, fetched_at: datetime, site: SiteContext, *,
                 header_encoding: str | None = None, status: int = 200) -> ArticleItem:
    """The stored item of one fetched page: extracted, normalized, assembled.
    Raises ``ValueError`` when ``html`` is not an HTML document."""
    return ArticlePage(html, url, fetched_at, site, header_encoding=header_encoding,
                       status=status).to_item()
