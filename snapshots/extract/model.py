"""What the extractor returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .version import extractor_version


@dataclass
class Extracted:
    """Fields of one article page, raw as the page states them.

    Normalization (``snapshots.normalize``) turns them into their stored form.
    """

    title: str | None = None
    published_at_raw: str | None = None  # the page's own string, or an epoch
    source: str | None = None  # 来源
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    page_category: str | None = None
    body: list[str] = field(default_factory=list)  # paragraphs
    related: list[dict[str, str]] = field(default_factory=list)  # {url, title}
    canonical_url: str | None = None
    language: str | None = None
    encoding: str | None = None
    # Which rule produced each field (e.g. {"published_at": "meta:pubdate"}).
    origin: dict[str, str] = field(default_factory=dict)
    # Names the site goes by (og:site_name ...), to strip from titles.
    site_names: list[str] = field(default_factory=list)
    # Other readings kept beside the chosen one ({"published_at_metadata":
    # {"value", "origin"}}, the time as shown before its year was completed).
    extras: dict[str, Any] = field(default_factory=dict)
    # The latest date the publication can have, from the page's other
    # evidence (metadata, URL, copyright line), for a time shown without a
    # year; the snapshot time bounds it too, at normalization.
    published_not_after: str | None = None
    # The UTC offset ("+01:00") the page shows ``published_at_raw`` in, when
    # the page states it (a <time datetime> around the shown time); it
    # overrides the site's zone for that time, at normalization.
    published_offset: str | None = None
    # The rules that produced these fields (snapshots.extract.version).
    extractor_version: str = field(default_factory=extractor_version)
    # Values dropped as unusable, by reason (e.g. "structured_not_string").
    drops: list[str] = field(default_factory=list)
