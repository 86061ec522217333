"""All field normalizers applied together, as the pipeline and the
``extract`` command both need them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .body import normalize_body
from .people import normalize_authors, normalize_editor, normalize_source
from .text import clean_text
from .timestamp import DEFAULT_FUTURE_SKEW, read_published
from .title import normalize_title


@dataclass
class NormalizedFields:
    title: str | None = None
    published_at: datetime | None = None
    published_at_rejected: str | None = None  # why published_at is None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    page_category: str | None = None
    body: list[str] = field(default_factory=list)


def normalize_fields(
    *,
    title: str | None,
    published_at_raw: str | None,
    source: str | None,
    authors: list[str] | str | None,
    editor: str | None,
    page_category: str | None,
    body: list[str] | str | None,
    now: datetime,
    tz: str,
    max_future_skew: timedelta = DEFAULT_FUTURE_SKEW,
    site_names: tuple[str, ...] = (),
) -> NormalizedFields:
    out = NormalizedFields()
    out.title = normalize_title(title, site_names=site_names)
    if published_at_raw:
        parsed = read_published(published_at_raw, now=now, tz=tz, max_future_skew=max_future_skew)
        out.published_at, out.published_at_rejected = parsed.value, parsed.reason
    out.source = normalize_source(source)
    out.authors = normalize_authors(authors)
    if out.source:
        # A publisher reported as an author is a source, not a person.
        out.authors = [a for a in out.authors if a != out.source]
    out.editor = normalize_editor(editor)
    out.page_category = clean_text(page_category) or None
    out.body = normalize_body(body)
    return out
