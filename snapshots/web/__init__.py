"""The read-only snapshot viewer: ``python -m snapshots web``.

- :mod:`.app`: the Flask application (``create_app``), its routes and error pages
- :mod:`.present`: times in the article's zone, excerpts, version diffs
- ``templates/``, ``static/``: Jinja2 templates and the stylesheet (package data)

Reads go through :mod:`snapshots.store.queries`; docs/viewer.md lists the
queries each page makes.
"""

from __future__ import annotations

from .app import ViewerConfig, create_app, snapshot_query

__all__ = ["ViewerConfig", "config_from_settings", "create_app", "snapshot_query"]


def config_from_settings(settings, mongo_uri: str | None = None,
                         database: str | None = None) -> ViewerConfig:
    """The viewer's configuration from the project settings (a Scrapy
    ``Settings``), with the command's own options first."""
    from snapshots.sites import ProfileError, load_profiles

    try:
        profiles = load_profiles(settings.get("SITE_PROFILES_DIR") or None)
    except ProfileError:
        profiles = {}  # names are a nicety: the viewer still works with slugs
    categories = {slug: cat.name for p in profiles.values() for slug, cat in p.categories.items()}
    return ViewerConfig(
        mongo_uri=mongo_uri or settings.get("MONGO_URI"),
        database=database or settings.get("MONGO_DATABASE"),
        timeout=settings.getfloat("MONGO_CONNECT_TIMEOUT"),
        default_timezone=settings.get("DEFAULT_TIMEZONE"),
        page_size=settings.getint("VIEWER_PAGE_SIZE"),
        category_names=categories,
        site_names={name: p.title for name, p in profiles.items()},
    )
