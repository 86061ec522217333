"""The demo site as a lookup table: request target -> response bytes.

Pages are rendered on first request and kept, so every later request is a
dict lookup. The section modules (main, mirror, portals) register their
pages on a site (:mod:`snapshots.demo.sections` lists them and builds the
whole site); the HTTP server only asks :meth:`Site.get`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from snapshots.demo.catalog import Catalog

# Query parameters that select a page; every other one (spm, utm_*, ...) is
# ignored, as real sites ignore tracking parameters.
SIGNIFICANT_PARAMS = frozenset({"id", "catid", "page"})


@dataclass(frozen=True)
class Page:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    # Send only this many body bytes, then close the connection, although
    # Content-Length announced the whole body.
    cut_at: int | None = None
    # Further response headers (Location, Retry-After, Content-Encoding ...).
    headers: tuple[tuple[str, str], ...] = ()


def html_page(text: str, *, status: int = 200, encoding: str = "utf-8") -> Page:
    """An HTML page; legacy-encoded pages say nothing about it in the header."""
    if encoding == "utf-8":
        return Page(status, text.encode("utf-8"))
    return Page(status, text.encode(encoding, "xmlcharrefreplace"), "text/html")


def route_key(target: str) -> str:
    """The page a request target names: its path plus the selecting params."""
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k in SIGNIFICANT_PARAMS]
    return parts.path + ("?" + urlencode(query) if query else "")


class Site:
    def __init__(self, catalog: Catalog, base_url: str):
        self.catalog = catalog
        self.base_url = base_url.rstrip("/")
        self._routes: dict[str, Callable[[], Page]] = {}
        self._patterns: list[tuple[re.Pattern, Callable[[re.Match], Page | None]]] = []
        self._cache: dict[str, Page] = {}
        self._error_once: set[str] = set()
        self._failed: set[str] = set()
        self._lock = threading.Lock()
        self.not_found = Page(404, b"not found", "text/plain")
        self.server_error = Page(500, b"server error", "text/plain")
        # Sections whose pages keep state register how to forget it.
        self._resets: list[Callable[[], None]] = []

    def add(self, key: str, make: Callable[[], Page], *, error_once: bool = False) -> None:
        self._routes[key] = make
        if error_once:
            self._error_once.add(key)

    def on_reset(self, reset: Callable[[], None]) -> None:
        """Call ``reset`` in :meth:`reset`."""
        self._resets.append(reset)

    def add_pattern(self, pattern: str, make: Callable[[re.Match], Page | None]) -> None:
        """Pages without end (the calendar): rendered per request, not kept."""
        self._patterns.append((re.compile(pattern), make))

    def paths(self) -> list[str]:
        return list(self._routes)

    def get(self, target: str) -> Page:
        key = route_key(target)
        page = self._cache.get(key)
        if page is None:
            make = self._routes.get(key)
            if make is not None:
                # Rendering twice in a race is harmless: pages are deterministic.
                page = self._cache.setdefault(key, make())
            else:
                page = self._match(key) or self.not_found
        if key in self._error_once:
            with self._lock:
                if key not in self._failed:
                    self._failed.add(key)
                    return self.server_error
        return page

    def _match(self, key: str) -> Page | None:
        path = key.split("?", 1)[0]
        for pattern, make in self._patterns:
            match = pattern.fullmatch(path)
            if match:
                return make(match)
        return None

    def reset(self) -> None:
        """Pages that fail once fail again on their next request."""
        with self._lock:
            self._failed.clear()
        for reset in self._resets:
            reset()
