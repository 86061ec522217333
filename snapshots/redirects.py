"""Where redirects end, so that every page asked for is accounted for.

Scrapy's redirect middleware hands the redirected request back to the
scheduler, where it may vanish: the duplicate filter drops it (a loop back
to a page of its own chain, or a page the crawl requested already), or the
offsite middleware ignores it at scheduling time, with no errback and no
signal. Here each gets its reason (``snapshots/stats.py``):

- ``dropped/redirect_loop``: back to a URL of its own redirect chain;
- ``skipped/redirect_duplicate``: to a page requested already, accounted
  for by that request;
- ``dropped/redirect_offsite``: outside the crawl's domains (counted by
  :class:`snapshots.middlewares.OffsiteAccounting`).
"""

from __future__ import annotations

from scrapy.http import Request

REDIRECT_LOOP = "redirect_loop"
REDIRECT_DUPLICATE = "redirect_duplicate"
REDIRECT_OFFSITE = "redirect_offsite"


def is_redirect(request: Request) -> bool:
    return bool(request.meta.get("redirect_urls"))


def is_loop(request: Request, fingerprinter) -> bool:
    """Whether ``request`` goes back to a page of its own redirect chain."""
    own = fingerprinter.fingerprint(request)
    return any(fingerprinter.fingerprint(Request(url)) == own
               for url in request.meta.get("redirect_urls", ()))


def duplicate_reason(request: Request, fingerprinter) -> str | None:
    """Why the duplicate filter's drop of ``request`` is a redirect's end;
    None for a request that was not redirected."""
    if not is_redirect(request):
        return None
    return REDIRECT_LOOP if is_loop(request, fingerprinter) else REDIRECT_DUPLICATE
