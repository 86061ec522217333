"""Which extractor produced a page's fields: ``extractor_version()``.

Every snapshot records it, so that ``python -m snapshots reextract`` knows
what was extracted by older rules. It is the package version, the rules
revision and a hash of the rules' own source (every module of
``snapshots.extract`` and ``snapshots.normalize``): any edit to a rule
changes it, bumped or not, so a forgotten bump cannot hide a change.
``RULES_REVISION`` names the notable revisions for people reading the store.

A site profile's selectors replace the generic rule for their fields, so
they are rules too: an item read with a profile's selectors records
``<version>.s<digest of those selectors>`` (:func:`with_selectors`), the
digest computed once per profile (:class:`snapshots.page.SiteContext`). A
profile whose selectors change is then re-extracted like a changed rule.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from snapshots import __version__

RULES_REVISION = 2
# The packages whose source is the extraction rules.
RULE_PACKAGES = ("snapshots.extract", "snapshots.normalize")
_SELF = "version.py"


def rules_hash(sources: Iterable[tuple[str, bytes]]) -> str:
    """A short hash of ``(name, source)`` pairs, in name order."""
    digest = hashlib.blake2b(digest_size=6)
    for name, data in sorted(sources):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(data.replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def rule_sources(packages: Iterable[str] = RULE_PACKAGES) -> list[tuple[str, bytes]]:
    """The source of every rule module, read as package resources (so it
    works from a checkout, an installed package or a scrapyd egg)."""
    out = []
    for package in packages:
        for entry in resources.files(package).iterdir():
            if entry.name.endswith(".py") and not (package == __package__ and entry.name == _SELF):
                out.append((f"{package}.{entry.name}", entry.read_bytes()))
    return out


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """``<package version>+r<RULES_REVISION>.<rules hash>``, e.g. ``0.1.0+r2.3f9a1c0b7e2d``."""
    return f"{__version__}+r{RULES_REVISION}.{rules_hash(rule_sources())}"


def selectors_digest(selectors: Mapping[str, str] | None) -> str | None:
    """A short hash of the selectors extraction uses (fields it knows, with
    a value), or None when there are none."""
    from .selectors import FIELDS

    used = sorted((name, value.strip()) for name, value in (selectors or {}).items()
                  if name in FIELDS and value and value.strip())
    if not used:
        return None
    digest = hashlib.blake2b(digest_size=6)
    for name, value in used:
        digest.update(name.encode("utf-8") + b"\0" + value.encode("utf-8") + b"\0")
    return digest.hexdigest()


def with_selectors(version: str, digest: str | None) -> str:
    """The version of an item read by ``version``'s rules and the profile
    selectors of ``digest`` (:func:`selectors_digest`)."""
    return f"{version}.s{digest}" if digest else version
