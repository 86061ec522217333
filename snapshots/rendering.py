"""Browser rendering helpers for scrapy-playwright."""

# A listing needs the DOM, not pixels: skipping these makes renders faster
# and lighter on the sites.
BLOCKED_RESOURCE_TYPES = frozenset({"image", "font", "media", "stylesheet"})


def abort_heavy_request(request) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` hook: drop images, fonts and media."""
    return request.resource_type in BLOCKED_RESOURCE_TYPES
