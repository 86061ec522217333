"""Which URLs a crawl need not fetch again: :class:`KnownArticles`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from pymongo.database import Database

from snapshots.urls import canonical_url

from .connection import client
from .schema import ARTICLES


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class KnownArticles:
    """Answers, one query per batch of URLs, which articles were seen
    recently. Nothing is cached: memory stays flat however big the site.

    Asked by the crawl's :class:`snapshots.known.KnownLookup`::

        known = KnownArticles(db, settings.getlist("TRACKING_QUERY_PARAMETERS"),
                              settings.getint("KNOWN_URL_BATCH_SIZE"))
        skip = known.fresh(listing_urls, timedelta(hours=24))
    """

    def __init__(self, db: Database, tracking_parameters: Iterable[str], batch_size: int):
        self.collection = db[ARTICLES]
        self.params = tuple(tracking_parameters)
        self.batch_size = max(1, batch_size)
        self._client = None

    @classmethod
    def from_settings(cls, settings) -> "KnownArticles":
        mongo = client(settings.get("MONGO_URI"), settings.getfloat("MONGO_CONNECT_TIMEOUT"))
        obj = cls(mongo[settings.get("MONGO_DATABASE")],
                  settings.getlist("TRACKING_QUERY_PARAMETERS"),
                  settings.getint("KNOWN_URL_BATCH_SIZE"))
        obj._client = mongo
        return obj

    @classmethod
    def from_crawler(cls, crawler) -> "KnownArticles":
        return cls.from_settings(crawler.settings)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fresh(self, urls: Iterable[str], max_age: timedelta, now: datetime | None = None) -> set[str]:
        """The given ``urls`` (as given) whose article, under its key or any
        URL alias, was last seen less than ``max_age`` ago."""
        by_key: dict[str, list[str]] = {}
        for url in urls:
            by_key.setdefault(canonical_url(url, self.params), []).append(url)
        if not by_key:
            return set()
        since = (now or datetime.now(timezone.utc)) - max_age
        keys = list(by_key)
        found: set[str] = set()
        for start in range(0, len(keys), self.batch_size):
            chunk = keys[start: start + self.batch_size]
            # The age is checked here rather than in the query: SecantusDB
            # (the development server) plans "$in plus a range" as a
            # collection scan; "$in" alone uses the index everywhere.
            cursor = self.collection.find({"aliases": {"$in": chunk}},
                                          {"_id": 0, "aliases": 1, "last_seen": 1})
            wanted = set(chunk)
            for doc in cursor:
                if _aware(doc["last_seen"]) >= since:
                    found.update(wanted.intersection(doc.get("aliases") or ()))
        return {url for key in found for url in by_key[key]}

    def known(self, urls: Iterable[str]) -> set[str]:
        """The given ``urls`` stored at all, however long ago."""
        return self.fresh(urls, timedelta(days=365 * 1000),
                          now=datetime.now(timezone.utc))
