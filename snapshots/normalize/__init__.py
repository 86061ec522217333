"""Field normalizers: pure functions from raw page strings to stored forms."""

from .article import NormalizedFields, normalize_fields
from .body import normalize_body
from .people import normalize_authors, normalize_editor, normalize_source
from .text import clean_text
from .timestamp import FUTURE, TOO_OLD, UNPARSED, PublishedTime, parse_published, read_published
from .title import normalize_title

__all__ = [
    "FUTURE", "TOO_OLD", "UNPARSED", "NormalizedFields", "PublishedTime", "clean_text",
    "normalize_authors", "normalize_body", "normalize_editor", "normalize_fields",
    "normalize_source", "normalize_title", "parse_published", "read_published",
]
