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

# Longer than any headline: a page that puts its whole text (or a hostile
# 100 KB string) in <title>. Cut, and counted as "title_truncated".
MAX_TITLE_CHARS = 200
# Reasons a field value was changed or dropped, counted by the pipeline.
TITLE_TRUNCATED = "title_truncated"
TITLE_IN_BODY = "title_in_body"


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
    # What was cut or dropped on the way (TITLE_TRUNCATED ...), to be counted.
    drops: list[str] = field(default_factory=list)


def _without_title(body: list[str], titles: tuple[str, ...]) -> tuple[list[str], int]:
    """The body without leading paragraphs that repeat the title."""
    start = 0
    while start < len(body) and any(t and (body[start] == t or (len(t) >= MAX_TITLE_CHARS and body[start].startswith(t)))
                                    for t in titles):
        start += 1
    return body[start:], start


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
    published_not_after: str | None = None,
    published_offset: str | None = None,
) -> NormalizedFields:
    """Every field in its stored form. ``tz`` is the zone of page times
    without an offset; ``published_offset`` (``+01:00``), when the page
    states the offset of its shown time, overrides it for that time."""
    out = NormalizedFields()
    out.title = normalize_title(title, site_names=site_names)
    full_title = out.title
    if out.title and len(out.title) > MAX_TITLE_CHARS:
        out.title = out.title[:MAX_TITLE_CHARS].rstrip()
        out.drops.append(TITLE_TRUNCATED)
    if published_at_raw:
        parsed = read_published(published_at_raw, now=now, tz=published_offset or tz,
                                max_future_skew=max_future_skew,
                                not_after=published_not_after)
        out.published_at, out.published_at_rejected = parsed.value, parsed.reason
    out.source = normalize_source(source)
    out.authors = normalize_authors(authors)
    if out.source:
        # A publisher reported as an author is a source, not a person.
        out.authors = [a for a in out.authors if a != out.source]
    out.editor = normalize_editor(editor)
    out.page_category = clean_text(page_category) or None
    out.body, repeated = _without_title(normalize_body(body), (full_title or "", out.title or ""))
    if repeated:
        out.drops.append(TITLE_IN_BODY)
    return out
