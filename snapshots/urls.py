"""URL identity: which URLs name the same page.

Used by the request fingerprinter (one download per page) and by the store
(one article per page), so both agree on what "the same URL" means.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from snapshots import settings as project_settings

# The list is a setting (TRACKING_QUERY_PARAMETERS, defined once in
# settings.py); this is its default, for callers outside a crawl.
DEFAULT_TRACKING_PARAMETERS = tuple(project_settings.TRACKING_QUERY_PARAMETERS)


@lru_cache(maxsize=64)
def _matcher(params: tuple[str, ...]):
    exact = frozenset(p.lower() for p in params if not p.endswith("*"))
    prefixes = tuple(p[:-1].lower() for p in params if p.endswith("*"))

    def is_tracking(name: str) -> bool:
        name = name.lower()
        return name in exact or name.startswith(prefixes)

    return is_tracking


def strip_tracking(url: str, params: Iterable[str] = DEFAULT_TRACKING_PARAMETERS) -> str:
    """``url`` without tracking query parameters and without its fragment."""
    parts = urlsplit(url)
    is_tracking = _matcher(tuple(params))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def canonical_url(url: str, params: Iterable[str] = DEFAULT_TRACKING_PARAMETERS) -> str:
    """The key of a page: tracking parameters dropped, then w3lib's
    canonical form (sorted query, normalized percent-encoding, no fragment,
    lower-case host)."""
    return _canonical_url(url, tuple(params))


# A page's URL is canonicalized several times (its request's fingerprint,
# the rel=canonical check, the store's keys): recent answers are kept.
@lru_cache(maxsize=8192)
def _canonical_url(url: str, params: tuple[str, ...]) -> str:
    return _w3lib_canonicalize(strip_tracking(url, params))
