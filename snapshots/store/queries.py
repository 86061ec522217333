"""Reads for the snapshot viewer: one function per question a page asks.

Every function makes a fixed, small number of queries, each served by an
index of :mod:`.schema`, and reads at most a page's worth of documents, so
a page costs the same in a store of 100 articles as in one of 100,000
(docs/viewer.md lists the queries of each page and their indexes). The
exception is search, whose matches are sorted by time: its cost follows
the number of articles holding the words, not the size of the store.

Lists ask for the newest documents of a time window first and widen it
only when the window holds too few (:data:`WINDOWS`): on MongoDB each step
is an index range scan that stops at ``limit`` keys; on servers that sort
candidates in memory (the local development server does) the window bounds
that work by the articles of the window, not of the whole store.

Lists go page by page with a cursor (:class:`Cursor`): the publish time
of the last entry shown and how many entries of that same time were shown,
never a growing ``skip``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from snapshots.urls import canonical_url

from . import terms as search_terms
from .schema import ARTICLES, SNAPSHOTS

# What a page shows of an article; never the machine-only fields
# (terms, band keys, signature).
ARTICLE_FIELDS = {"_id": 0, "key": 1, "url": 1, "site": 1, "category": 1, "title": 1,
                  "published_at": 1, "source": 1, "authors": 1, "editor": 1,
                  "page_category": 1, "body": 1, "content_hash": 1, "versions": 1,
                  "first_seen": 1, "last_seen": 1, "latest_at": 1, "cluster": 1}
# A list entry: title, time and the first paragraphs (for the excerpt).
EXCERPT_PARAGRAPHS = 3
ENTRY_FIELDS = {"_id": 0, "key": 1, "title": 1, "published_at": 1, "first_seen": 1,
                "site": 1, "source": 1, "body": {"$slice": EXCERPT_PARAGRAPHS}}
# A version: everything the snapshot holds but the raw page.
VERSION_FIELDS = {"_id": 0, "html": 0, "extras": 0}

_LATIN = re.compile(r"[a-z]+")

# Time windows (back from the cursor, or from now) a newest-first list
# tries while it finds nothing; once a window holds some articles, the next
# is twice the one their density says holds a page. The last of
# MAX_WINDOW_QUERIES has no lower bound, so a list is complete however
# sparse. A busy category (hundreds of articles a day) reads about a page's
# worth in its first hour, a quiet one a few empty windows more.
WINDOWS: tuple[timedelta, ...] = (
    timedelta(hours=1), timedelta(days=1), timedelta(days=14), timedelta(days=730))
MAX_WINDOW_QUERIES = 5
# The first page also shows what is dated up to this far ahead of now (a
# site's clock, a zone read wrong).
AHEAD = timedelta(days=1)
# A window reaching before this is no bound at all (a cursor of year 1 must
# not overflow the date arithmetic).
_EARLIEST = datetime(1, 1, 2, tzinfo=timezone.utc)
# Versions shown in an article's history, newest first.
MAX_VERSIONS = 50
# Copies of a story shown from its near-duplicate cluster.
MAX_CLUSTER_COPIES = 10
# "Articles that share the most search terms": the time windows around the
# article, in its category, they are looked for in (the first that holds
# MIN_RELATED_CANDIDATES is read, so a busy store reads the hours nearest
# the article and a sparse one the whole RELATED_WINDOW_DAYS), how many
# articles are read at most, and how many title terms an article must share
# to be listed.
RELATED_WINDOW_DAYS = 15
RELATED_WINDOWS_HOURS = (3, 24, 24 * 4, RELATED_WINDOW_DAYS * 24)
MIN_RELATED_CANDIDATES = 40
MAX_RELATED_CANDIDATES = 200
MIN_SHARED_TERMS = 2


@dataclass(frozen=True)
class Cursor:
    """Where a newest-first page starts: entries published at or before
    ``before``, after the first ``skip`` of those published exactly then."""

    before: datetime
    skip: int = 0

    def encode(self) -> str:
        stamp = self.before.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        return f"{stamp}~{self.skip}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        """The cursor of ``text`` (from :meth:`encode`), or None when it is
        missing or malformed (the page then starts at the newest)."""
        if not text:
            return None
        stamp, _, skip = text.partition("~")
        try:
            before = datetime.strptime(stamp, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
            count = int(skip or 0)
        except ValueError:
            return None
        return cls(before, count) if 0 <= count <= 10_000 else None


@dataclass
class Page:
    """One page of a newest-first list and the cursor of the next (None at the end)."""

    entries: list[dict[str, Any]]
    next: Cursor | None


def _newest(collection, query: Mapping[str, Any], limit: int, *,
            cursor: Cursor | None = None, projection: Mapping[str, Any] = ENTRY_FIELDS,
            now: datetime | None = None, windowed: bool = True) -> Page:
    """The ``limit`` newest (``published_at``) documents of ``query`` from
    ``cursor`` on; at most ``MAX_WINDOW_QUERIES`` queries (one when not
    ``windowed``) on ``{<query fields>, published_at: -1}``-shaped indexes."""
    if cursor:
        start = top = cursor.before
    else:
        start = now or datetime.now(timezone.utc)
        top = start + AHEAD
    skip = cursor.skip if cursor else 0
    window: timedelta | None = WINDOWS[0] if windowed else None
    for attempt in range(1, MAX_WINDOW_QUERIES + 1):
        if attempt == MAX_WINDOW_QUERIES:
            window = None
        bounds: dict[str, Any] = {"$lte": top}
        if window is not None and window < start - _EARLIEST:
            bounds["$gte"] = start - window
        docs = list(collection.find({**query, "published_at": bounds}, projection)
                    .sort("published_at", DESCENDING).skip(skip).limit(limit + 1))
        if len(docs) > limit or window is None:
            break
        if docs:  # fewer than a page: at least twice the window
            window = window * 2 * (limit + 1) / len(docs)
        else:
            window = next((w for w in WINDOWS if w > window), None)
    more = len(docs) > limit
    docs = docs[:limit]
    return Page(docs, _next_cursor(docs, cursor) if more else None)


def _next_cursor(docs: list[dict[str, Any]], cursor: Cursor | None) -> Cursor:
    last = docs[-1]["published_at"]
    same = sum(1 for d in docs if d["published_at"] == last)
    if cursor is not None and cursor.before == last:
        same += cursor.skip
    return Cursor(last, same)


# -- one article ------------------------------------------------------------


def article(db: Database, key_or_url: str) -> dict[str, Any] | None:
    """The article whose key is ``key_or_url``, or that was fetched under
    that URL (any alias: tracking parameters, a mobile twin); None if unknown.
    One query on ``key_unique``, and one on ``aliases_last_seen`` if that
    finds nothing."""
    doc = db[ARTICLES].find_one({"key": key_or_url}, ARTICLE_FIELDS)
    if doc is not None:
        return doc
    try:
        alias = canonical_url(key_or_url)
    except ValueError:
        return None
    return db[ARTICLES].find_one({"aliases": alias}, ARTICLE_FIELDS,
                                 sort=[("last_seen", DESCENDING)])


def versions(db: Database, key: str, limit: int = MAX_VERSIONS) -> list[dict[str, Any]]:
    """The stored versions (snapshots) of an article, newest first, without
    the raw page. One query on ``key_fetched``."""
    return list(db[SNAPSHOTS].find({"key": key}, VERSION_FIELDS)
                .sort("fetched_at", DESCENDING).limit(limit))


def cluster_copies(db: Database, doc: Mapping[str, Any],
                   limit: int = MAX_CLUSTER_COPIES) -> list[dict[str, Any]]:
    """The other articles of ``doc``'s near-duplicate cluster, earliest
    seen first. One query on ``cluster_first_seen``."""
    found = db[ARTICLES].find({"cluster": doc["cluster"]}, ENTRY_FIELDS) \
        .sort("first_seen", ASCENDING).limit(limit + 1)
    return [d for d in found if d["key"] != doc["key"]][:limit]


def title_terms(title: str) -> list[str]:
    """The search terms of a title that can tell a story from another: its
    bigrams of CJK letters, and its two-letter Latin words (AI, VR) whole;
    digits, pieces of longer Latin words ("sp", "pa" of Spark) and pairs
    across scripts tell nothing."""
    latin = {w for w in _LATIN.findall(search_terms.normalize(title)) if len(w) == 2}
    return [g for g in search_terms.of(title, [])
            if g in latin or (g.isalpha() and not any(c.isascii() for c in g))]


def sharing_terms(db: Database, doc: Mapping[str, Any], limit: int,
                  exclude: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Articles of ``doc``'s category published near it that share the
    most of its title's terms (:func:`title_terms`), each term weighted by
    how rare it is among those articles (so that a shared 发布 counts for
    little, a shared company name for much); at least ``MIN_SHARED_TERMS``
    shared.

    The candidates are those of the first of ``RELATED_WINDOWS_HOURS``
    around the article that holds ``MIN_RELATED_CANDIDATES``, at most
    ``MAX_RELATED_CANDIDATES``: one to four queries on
    ``category_published``, each reading what its window holds. They are
    compared here on their title and body, which hold a term exactly when
    their ``terms`` do."""
    center = doc.get("published_at")
    wanted = title_terms(doc.get("title") or "")
    if center is None or not wanted or not doc.get("category"):
        return []
    skip = {doc["key"], *exclude}
    for hours in RELATED_WINDOWS_HOURS:
        window = timedelta(hours=hours)
        found = list(db[ARTICLES].find(
            {"category": doc["category"], "published_at": {"$gte": center - window, "$lte": center + window}},
            {**ENTRY_FIELDS, "body": 1}).limit(MAX_RELATED_CANDIDATES))
        if len(found) >= MIN_RELATED_CANDIDATES:
            break
    candidates = []
    for entry in found:
        if entry["key"] not in skip:
            text = search_terms.normalize(" ".join([entry.get("title") or "", *(entry.get("body") or ())]))
            candidates.append((entry, {w for w in wanted if w in text}))
    held = Counter(w for _, shared in candidates for w in shared)
    weight = {w: math.log((len(candidates) + 1) / (held[w] + 0.5)) for w in held}
    scored = []
    for entry, shared in candidates:
        if len(shared) >= MIN_SHARED_TERMS:
            score = sum(weight[w] for w in shared)
            distance = abs((entry["published_at"] - center).total_seconds())
            scored.append((-score, distance, entry["key"], entry))
    scored.sort(key=lambda row: row[:3])
    best = [row[3] for row in scored[:limit]]
    for entry in best:
        entry["body"] = entry["body"][:EXCERPT_PARAGRAPHS]
    return best


def related(db: Database, doc: Mapping[str, Any], limit: int = 10) -> list[dict[str, Any]]:
    """What the snapshot page lists as related: the other copies in the
    article's cluster first, then articles sharing the most search terms;
    each entry marked ``same_story`` or not."""
    copies = cluster_copies(db, doc, limit)
    for entry in copies:
        entry["same_story"] = True
    rest = sharing_terms(db, doc, limit - len(copies), exclude=[c["key"] for c in copies]) \
        if len(copies) < limit else []
    for entry in rest:
        entry["same_story"] = False
    return copies + rest


# -- lists --------------------------------------------------------------------


def latest_in_category(db: Database, category: str, limit: int, *, exclude: str | None = None,
                       now: datetime | None = None) -> list[dict[str, Any]]:
    """The newest articles of ``category`` (``category_published``), but ``exclude``."""
    entries = _newest(db[ARTICLES], {"category": category}, limit + 1, now=now).entries
    return [e for e in entries if e["key"] != exclude][:limit]


def category_page(db: Database, category: str, size: int, cursor: Cursor | None = None,
                  now: datetime | None = None) -> Page:
    """One page of a category's articles, newest first (``category_published``)."""
    return _newest(db[ARTICLES], {"category": category}, size, cursor=cursor, now=now)


def search_page(db: Database, text: str, size: int, cursor: Cursor | None = None,
                now: datetime | None = None) -> Page:
    """One page of the articles matching the keywords of ``text``
    (:func:`snapshots.store.terms.query`), newest first: one query, on
    ``terms_published``."""
    if not search_terms.words(text):
        return Page([], None)
    return _newest(db[ARTICLES], search_terms.query(text), size, cursor=cursor, now=now,
                   windowed=False)


def categories(db: Database) -> list[str]:
    """The crawl categories present (``distinct`` on ``category_published``)."""
    return sorted(c for c in db[ARTICLES].distinct("category") if c)
