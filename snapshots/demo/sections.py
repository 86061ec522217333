"""The demo site's sections, and the whole site built from them.

Each section module has ``register(site)``, which adds its pages to a
:class:`snapshots.demo.site.Site`. A new section is a module and one entry
in :data:`SECTIONS`.
"""

from __future__ import annotations

from snapshots.demo import hostile_pages, main_pages, mirror_pages, portal_pages
from snapshots.demo.catalog import Catalog
from snapshots.demo.site import Site

# In order: a later section may replace an earlier one's page.
SECTIONS = (main_pages.register, mirror_pages.register, portal_pages.register,
            hostile_pages.register)


def build_site(catalog: Catalog, base_url: str) -> Site:
    """The demo site of ``catalog`` served at ``base_url``, every section on it."""
    site = Site(catalog, base_url)
    for register in SECTIONS:
        register(site)
    return site
