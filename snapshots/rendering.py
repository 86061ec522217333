"""Browser rendering helpers for scrapy-playwright."""

from __future__ import annotations

# A listing needs the DOM, not pixels: skipping these makes renders faster
# and lighter on the sites.
BLOCKED_RESOURCE_TYPES = frozenset({"image", "font", "media", "stylesheet"})


def abort_heavy_request(request) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` hook: drop images, fonts and media."""
    return request.resource_type in BLOCKED_RESOURCE_TYPES


def render_meta(wait_for: str | None, timeout_ms: int) -> dict:
    """Request meta that has scrapy-playwright render a page, waiting for
    the ``wait_for`` selector to show (the handler is installed by
    snapshots.addon only when a listing needs it)."""
    meta: dict = {"playwright": True}
    if wait_for:
        from scrapy_playwright.page import PageMethod

        meta["playwright_page_methods"] = [PageMethod("wait_for_selector", wait_for, timeout=timeout_ms)]
    return meta
