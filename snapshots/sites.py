"""Site profiles: what the crawl knows about one news site, as data.

A profile is one TOML file. The bundled ones live in ``snapshots/profiles/``
and are read with :mod:`importlib.resources` so they travel inside a scrapyd
egg; ``SITE_PROFILES_DIR`` adds a folder of the operator's own. Every profile
is validated when loaded, and an error names the file and the field::

    name = "example"                  # unique; becomes the item's `site`
    title = "示例科技网"
    enabled = true                    # crawled by default?
    checked = false                   # verified against the live site?
    base_url = "https://www.example.com"   # joins relative listing URLs
    base_url_setting = "DEMO_SITE_URL"     # or: take the base URL from a setting
    allowed_domains = ["example.com", "example-cdn.net"]  # the site's hosts and
                                      # their subdomains: what its links may lead to
    timezone = "Asia/Shanghai"        # for page times without an offset
                                      # (none: the DEFAULT_TIMEZONE setting)
    article_url_pattern = '/\\d{8}/'  # optional regex an article URL must match
    deny_url_pattern = '/video/'      # optional regex of URLs never followed

    [limits]                          # optional; override the crawl settings
    max_listing_pages = 20
    related_depth = 1

    [selectors]                       # optional per-field extraction overrides
    title = "h1.main-title"

    [pagination]                      # optional; generic rules otherwise
    next = "a.next"                   # CSS selector of the next-page link

    [categories.tech]
    name = "科技"
    [[categories.tech.listings]]
    url = "/tech/"
    [[categories.tech.listings]]
    url = "/tech/live/"
    render = true                     # needs a browser (scrapy-playwright)
    wait_for = "#live-list li"        # CSS selector that shows it rendered
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from snapshots.domains import allowed_domains

EXTRACTION_FIELDS = frozenset(
    {"title", "published_at", "source", "authors", "editor", "body", "related", "category"}
)
LIMIT_FIELDS = frozenset({"max_listing_pages", "related_depth", "max_articles"})


class ProfileError(ValueError):
    """A site profile that cannot be used; the message names file and field."""


@dataclass(frozen=True)
class Listing:
    url: str
    render: bool = False
    wait_for: str | None = None


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    listings: tuple[Listing, ...]


@dataclass(frozen=True)
class SiteProfile:
    name: str
    title: str
    allowed_domains: tuple[str, ...]
    categories: Mapping[str, Category]
    enabled: bool = True
    checked: bool = False
    base_url: str | None = None
    base_url_setting: str | None = None
    timezone: str | None = None
    article_url_pattern: re.Pattern | None = None
    deny_url_pattern: re.Pattern | None = None
    limits: Mapping[str, int] = field(default_factory=dict)
    selectors: Mapping[str, str] = field(default_factory=dict)
    next_page_selector: str | None = None
    origin: str = ""  # the file it came from, for messages

    def with_base_url(self, base_url: str) -> "SiteProfile":
        """A copy whose relative listing URLs resolve against ``base_url``;
        a host-less profile (the demo) also learns its allowed domain."""
        from dataclasses import replace

        domains = self.allowed_domains or (urlsplit(base_url).hostname or "",)
        return replace(self, base_url=base_url, allowed_domains=domains)

    def listing_urls(self, category: str) -> list[Listing]:
        cat = self.categories.get(category)
        if cat is None:
            return []
        base = (self.base_url or "").rstrip("/") + "/"
        return [Listing(urljoin(base, lst.url.lstrip("/")) if self.base_url else lst.url,
                        lst.render, lst.wait_for) for lst in cat.listings]


# -- loading ---------------------------------------------------------------


def _expect(data: Mapping, key: str, kind: type | tuple, where: str, *, required: bool = False):
    value = data.get(key)
    if value is None:
        if required:
            raise ProfileError(f"{where}: field '{key}' is required")
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ProfileError(f"{where}: field '{key}' must be {names}, not {type(value).__name__}")
    return value


def _regex(data: Mapping, key: str, where: str) -> re.Pattern | None:
    pattern = _expect(data, key, str, where)
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ProfileError(f"{where}: field '{key}' is not a valid regex: {exc}") from None


def _string_list(data: Mapping, key: str, where: str) -> tuple[str, ...]:
    values = _expect(data, key, list, where) or []
    if not all(isinstance(v, str) and v for v in values):
        raise ProfileError(f"{where}: field '{key}' must be a list of non-empty strings")
    return tuple(values)


def _listing(data: Any, where: str) -> Listing:
    if isinstance(data, str):
        return Listing(data)
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: must be a URL string or a table")
    return Listing(
        url=_expect(data, "url", str, where, required=True),
        render=bool(_expect(data, "render", bool, where)),
        wait_for=_expect(data, "wait_for", str, where),
    )


def parse_profile(data: Mapping[str, Any], origin: str) -> SiteProfile:
    """Validate one profile's TOML data; raise :class:`ProfileError`."""
    known = {"name", "title", "enabled", "checked", "base_url", "base_url_setting",
             "allowed_domains", "timezone", "article_url_pattern", "deny_url_pattern",
             "limits", "selectors", "pagination", "categories"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(f"{origin}: unknown field '{unknown[0]}'")
    name = _expect(data, "name", str, origin, required=True)
    categories: dict[str, Category] = {}
    raw_categories = _expect(data, "categories", dict, origin, required=True)
    for slug, cat in raw_categories.items():
        where = f"{origin}: categories.{slug}"
        if not isinstance(cat, dict):
            raise ProfileError(f"{where}: must be a table")
        listings = _expect(cat, "listings", list, where, required=True)
        if not listings:
            raise ProfileError(f"{where}: field 'listings' must not be empty")
        categories[slug] = Category(
            slug=slug,
            name=_expect(cat, "name", str, where) or slug,
            listings=tuple(_listing(lst, f"{where}.listings[{i}]") for i, lst in enumerate(listings)),
        )
    limits = _expect(data, "limits", dict, origin) or {}
    for key, value in limits.items():
        if key not in LIMIT_FIELDS:
            raise ProfileError(f"{origin}: limits.{key} is not one of {sorted(LIMIT_FIELDS)}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ProfileError(f"{origin}: limits.{key} must be a non-negative integer")
    selectors = _expect(data, "selectors", dict, origin) or {}
    for key, value in selectors.items():
        if key not in EXTRACTION_FIELDS:
            raise ProfileError(f"{origin}: selectors.{key} is not one of {sorted(EXTRACTION_FIELDS)}")
        if not isinstance(value, str):
            raise ProfileError(f"{origin}: selectors.{key} must be a string")
    pagination = _expect(data, "pagination", dict, origin) or {}
    base_url = _expect(data, "base_url", str, origin)
    base_url_setting = _expect(data, "base_url_setting", str, origin)
    domains = _string_list(data, "allowed_domains", origin)
    if not domains and not (base_url or base_url_setting):
        raise ProfileError(f"{origin}: field 'allowed_domains' is required without a base URL")
    if not (base_url or base_url_setting):
        for cat in categories.values():
            for lst in cat.listings:
                if not urlsplit(lst.url).scheme:
                    raise ProfileError(
                        f"{origin}: listing '{lst.url}' is relative but no base_url is set")
    return SiteProfile(
        name=name,
        title=_expect(data, "title", str, origin) or name,
        enabled=_expect(data, "enabled", bool, origin) is not False,
        checked=bool(_expect(data, "checked", bool, origin)),
        base_url=base_url,
        base_url_setting=base_url_setting,
        allowed_domains=domains,
        timezone=_expect(data, "timezone", str, origin),
        article_url_pattern=_regex(data, "article_url_pattern", origin),
        deny_url_pattern=_regex(data, "deny_url_pattern", origin),
        limits=dict(limits),
        selectors=dict(selectors),
        next_page_selector=_expect(pagination, "next", str, f"{origin}: pagination"),
        categories=categories,
        origin=origin,
    )


def _load_text(text: str, origin: str) -> SiteProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: not valid TOML: {exc}") from None
    return parse_profile(data, origin)


def bundled_profiles() -> list[SiteProfile]:
    folder = resources.files("snapshots").joinpath("profiles")
    return [_load_text(entry.read_text(encoding="utf-8"), f"snapshots/profiles/{entry.name}")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")]


def load_profiles(extra_dir: str | Path | None = None) -> dict[str, SiteProfile]:
    """Bundled profiles, then those of ``extra_dir`` (which win on a name clash)."""
    profiles = {p.name: p for p in bundled_profiles()}
    if extra_dir:
        folder = Path(extra_dir)
        if not folder.is_dir():
            raise ProfileError(f"{folder}: SITE_PROFILES_DIR is not a folder")
        for path in sorted(folder.glob("*.toml")):
            profile = _load_text(path.read_text(encoding="utf-8"), str(path))
            profiles[profile.name] = profile
    return profiles


def select_profiles(profiles: Mapping[str, SiteProfile], wanted: Iterable[str],
                    base_urls: Mapping[str, str], settings_get) -> list[SiteProfile]:
    """The profiles to crawl, with their base URLs resolved.

    ``wanted`` empty means every enabled profile. ``settings_get(name)`` reads
    a setting for profiles that take their base URL from one.
    """
    wanted = [w for w in wanted if w]
    unknown = [w for w in wanted if w not in profiles]
    if unknown:
        raise ProfileError(f"unknown site profile '{unknown[0]}' (known: {', '.join(sorted(profiles))})")
    chosen = [profiles[w] for w in wanted] if wanted else [p for p in profiles.values() if p.enabled]
    resolved = []
    for profile in chosen:
        base = base_urls.get(profile.name) or (
            settings_get(profile.base_url_setting) if profile.base_url_setting else None
        ) or profile.base_url
        resolved.append(profile.with_base_url(base) if base else profile)
    return resolved


def crawl_listings(settings, category: str, *, sites: str | None = None,
                   start_urls: str | None = None, render: bool = False,
                   wait_for: str | None = None,
                   ) -> tuple[dict[str, SiteProfile], list[tuple[SiteProfile | None, Listing]], list[str]]:
    """What a crawl of ``category`` walks: ``(profiles by name, [(profile or
    None, listing)], allowed_domains)``.

    ``start_urls`` (comma-separated) are listings crawled without a profile,
    each with its whole site allowed (articles may be on sibling hosts);
    else the profiles named in ``sites`` (comma-separated; default: the
    ``SITES`` setting, else every enabled profile) that have the category.
    """
    urls = [u.strip() for u in (start_urls or "").split(",") if u.strip()]
    if urls:
        return {}, [(None, Listing(u, render, wait_for)) for u in urls], allowed_domains(urls)
    wanted = (sites or ",".join(settings.getlist("SITES"))).split(",")
    profiles = {p.name: p for p in select_profiles(
        load_profiles(settings.get("SITE_PROFILES_DIR")), wanted,
        settings.getdict("SITE_BASE_URLS"), settings.get) if category in p.categories}
    listings = [(p, lst) for p in profiles.values() for lst in p.listing_urls(category)]
    return profiles, listings, sorted({d for p in profiles.values() for d in p.allowed_domains})
