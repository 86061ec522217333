"""Which site a URL belongs to.

A news site spreads over several hosts: a listing on ``news.example.com``
links its articles on ``www.example.com`` or ``new.example.com``. Hosts with
the same registrable domain (the public suffix list's "domain under a public
suffix") are one site. The list is tldextract's bundled snapshot, read
offline: nothing is fetched. A host with no registrable domain (an IP
address, ``localhost``, an intranet name) is its own site.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# No suffix_list_urls: the snapshot bundled with the installed tldextract,
# never a download at crawl time; no cache_dir: nothing written to disk.
_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 include_psl_private_domains=True)


def host_of(url: str) -> str:
    """The URL's host name, lower case, without port (``""`` if none)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # an unbalanced IPv6 bracket and the like
        return ""


@lru_cache(maxsize=8192)
def site_domain(host: str) -> str:
    """``news.sina.com.cn`` -> ``sina.com.cn``; ``127.0.0.1`` -> itself."""
    host = host.lower().rstrip(".")
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _extract(host).top_domain_under_public_suffix or host


def site_of(url: str) -> str:
    """The registrable domain of the URL's host (the host when it has none)."""
    return site_domain(host_of(url))


def on_domains(host: str, domains: Iterable[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or under one of them, as
    Scrapy's offsite middleware matches ``allowed_domains``."""
    return any(host == d or host.endswith("." + d) for d in domains if d)


def same_site(url: str, base_url: str, domains: Iterable[str] = ()) -> bool:
    """Whether ``url`` is on the site of ``base_url``: a host under one of
    the site's ``domains`` when given (a profile's ``allowed_domains``, which
    may name further hosts or keep to a few), else the same registrable
    domain."""
    host = host_of(url)
    if not host:
        return False
    if domains:
        return on_domains(host, domains)
    return site_domain(host) == site_domain(host_of(base_url))


def allowed_domains(urls: Iterable[str]) -> list[str]:
    """``allowed_domains`` for a crawl of these listings: each one's site,
    so its sibling hosts pass the offsite middleware. Host names only:
    the middleware ignores ports."""
    return sorted({site_of(url) for url in urls} - {""})
