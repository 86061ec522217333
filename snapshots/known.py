"""The crawl's question to the store: which of these links are stored
recently enough not to fetch again?

:class:`KnownLookup` is a crawl component (an extension, wired by
:mod:`snapshots.addon` when ``STORE_ENABLED``). It owns its MongoDB client:
opened when the spider opens, closed when it closes. The query itself is
:class:`snapshots.store.known.KnownArticles`; MongoDB is imported only when
the lookup opens, so that the spider, which asks it, imports no MongoDB.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from scrapy import signals
from scrapy.exceptions import NotConfigured

from snapshots.circuit import StoreCircuit

logger = logging.getLogger(__name__)

FAILED_STAT = "snapshots/known_lookup_failed"


class KnownLookup:
    """``fresh(urls)``: those of ``urls`` whose article the store saw less
    than ``RESNAPSHOT_INTERVAL_HOURS`` ago. When the store cannot answer,
    nothing is known: fetching a page twice is better than missing it (the
    store deduplicates); each failure is counted, the first logged."""

    def __init__(self, stats, *, uri: str, database: str, connect_timeout: float,
                 tracking_parameters: Iterable[str], batch_size: int, max_age: timedelta) -> None:
        self.stats = stats
        self.uri = uri
        self.database = database
        self.connect_timeout = connect_timeout
        self.tracking_parameters = tuple(tracking_parameters)
        self.batch_size = batch_size
        self.max_age = max_age
        self.articles = None  # snapshots.store.known.KnownArticles, once open
        self._client = None
        self._failure_logged = False
        self.circuit: StoreCircuit | None = None

    @classmethod
    def from_crawler(cls, crawler) -> KnownLookup:
        s = crawler.settings
        if not s.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off")
        lookup = cls(crawler.stats, uri=s.get("MONGO_URI"), database=s.get("MONGO_DATABASE"),
                     connect_timeout=s.getfloat("MONGO_CONNECT_TIMEOUT"),
                     tracking_parameters=s.getlist("TRACKING_QUERY_PARAMETERS"),
                     batch_size=s.getint("KNOWN_URL_BATCH_SIZE"),
                     max_age=timedelta(hours=s.getfloat("RESNAPSHOT_INTERVAL_HOURS")))
        # While the store is known to be down, don't wait on it per page.
        lookup.circuit = StoreCircuit.of(crawler)
        crawler.signals.connect(lookup.open, signal=signals.spider_opened)
        crawler.signals.connect(lookup.close, signal=signals.spider_closed)
        return lookup

    @classmethod
    def of(cls, crawler) -> KnownLookup | None:
        """The crawl's lookup; None without a store."""
        return crawler.get_extension(cls)

    def open(self) -> None:
        from snapshots.store.connection import client
        from snapshots.store.known import KnownArticles

        # No network yet: pymongo connects on the first query.
        self._client = client(self.uri, self.connect_timeout)
        self.articles = KnownArticles(self._client[self.database], self.tracking_parameters,
                                      self.batch_size)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = self.articles = None

    def fresh(self, urls: list[str]) -> set[str]:
        if self.articles is None or not urls:
            return set()
        if self.circuit is not None and not self.circuit.allow("lookup"):
            return set()
        try:
            known = self.articles.fresh(urls, self.max_age)
        except Exception as exc:  # pymongo's errors, whatever the outage looks like
            from pymongo.errors import ConnectionFailure

            if self.circuit is not None and isinstance(exc, ConnectionFailure):
                self.circuit.failed(exc)
            self.stats.inc_value(FAILED_STAT)
            if not self._failure_logged:
                self._failure_logged = True
                logger.warning("Cannot ask the store which articles are known (%s): "
                               "fetching them all", exc)
            return set()
        if self.circuit is not None:
            self.circuit.succeeded()
        return known
