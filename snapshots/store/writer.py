"""Writing a batch of items: the store's one write path.

Used by the pipeline (in a thread), by ``replay`` and by the benchmark.
Per batch: one read of the batch's article keys, one band-key read for the
new articles, then two unordered bulk writes (snapshots, then articles).

- unchanged content (the article's latest hash): one update moving
  ``last_seen``; no search terms, signature or compression is computed;
- new content: the snapshot is inserted under its unique (key, content_hash)
  and the article is upserted (new) or updated (a new version), its latest
  fields replaced only if this snapshot is newer than the one they show.

Every write is idempotent (an upsert, or an insert guarded by a unique
index), so a batch retried after a lost
connection, replayed from a spill file, or written by two crawls at once
never stores anything twice.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import zip_longest
from typing import Any

from pymongo import InsertOne, UpdateOne
from pymongo.database import Database
from pymongo.errors import BulkWriteError

from snapshots.urls import DEFAULT_TRACKING_PARAMETERS

from snapshots import settings as defaults

from .clusters import Clusters
from .documents import Derived, HtmlCodec, Record, derive, page_bytes, record_text
from .schema import ARTICLES, SNAPSHOTS, ensure_schema

logger = logging.getLogger(__name__)

DUPLICATE_KEY = 11000
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Outcome names, counted per item (the pipeline prefixes "snapshots/store/").
NEW_ARTICLE = "articles/new"  # first snapshot of an article
NEW_VERSION = "versions/new"  # changed page: a new snapshot of a known article
UNCHANGED = "unchanged"  # dedup level 2: same content, only last_seen moved
URL_ALIAS = "dedup/url_alias"  # dedup level 1: fetched under another URL than the key
NEAR_DUPLICATE = "dedup/near_duplicate"  # dedup level 3: joined an existing cluster
DUPLICATE_KEY_ERROR = "dedup/duplicate_key"  # a unique index refused a copy
FAILED = "failed"  # refused for another reason (e.g. the validator)


@dataclass
class WriteResult:
    counts: Counter = field(default_factory=Counter)
    failed: list[tuple[Any, str]] = field(default_factory=list)  # (item, error)

    def merge(self, other: "WriteResult") -> None:
        self.counts.update(other.counts)
        self.failed.extend(other.failed)


def _lit(value: Any) -> dict:
    # Inside an update pipeline a string such as "$title" would be read as
    # a field path: every stored value is wrapped.
    return {"$literal": value}


def _bulk(collection, ops: Sequence[InsertOne | UpdateOne]) -> tuple[set[int], dict[int, dict]]:
    """Indexes of the ops that inserted, and the write errors by index."""
    if not ops:
        return set(), {}
    try:
        details = collection.bulk_write(ops, ordered=False).bulk_api_result
    except BulkWriteError as exc:
        details = exc.details
    upserted = {u["index"] for u in details.get("upserted", ())}
    errors = {e["index"]: e for e in details.get("writeErrors", ())}
    return upserted, errors


class StoreWriter:
    """Writes items into the ``articles`` and ``snapshots`` collections."""

    def __init__(self, db: Database, tracking_parameters: Iterable[str] = DEFAULT_TRACKING_PARAMETERS,
                 html_codec: str = "zstd", ensure: bool = True,
                 band_limit: int = defaults.NEARDUP_BAND_LIMIT):
        self.db = db
        self.articles = db[ARTICLES]
        self.snapshots = db[SNAPSHOTS]
        self.params = tuple(tracking_parameters)
        self.codec = HtmlCodec(html_codec)
        self._background = ThreadPoolExecutor(1, thread_name_prefix="store-writer")
        if ensure:
            ensure_schema(db)
        self.clusters = Clusters(db, band_limit)

    def close(self) -> None:
        self._background.shutdown(wait=True)

    # What write() would compute of an item's new content: a pure,
    # module-level function, so that a caller can run it ahead elsewhere (a
    # worker process) and pass its result as write()'s ``derived``.
    derive = staticmethod(derive)

    def derive_args(self, item: Mapping[str, Any]) -> tuple:
        """The arguments of :attr:`derive` for ``item`` (a mapping, e.g. ItemAdapter)."""
        title, body = record_text(item)
        return title, body, page_bytes(item.get("html"), item.get("encoding")), self.codec.name

    def records(self, items: Iterable[Mapping[str, Any]],
                derived: Iterable[Derived | None] = ()) -> list[Record]:
        return [Record(item, self.params, ahead)
                for item, ahead in zip_longest(items, derived)]

    def write(self, items: Iterable[Mapping[str, Any]],
              derived: Iterable[Derived | None] = ()) -> WriteResult:
        """Write ``items`` (mappings, e.g. ItemAdapter), with what was
        derived of them ahead, if anything. Connection errors propagate
        (the caller retries: writing again is harmless); items refused by
        the server come back in ``failed``."""
        return self.write_records(self.records(items, derived))

    def write_records(self, records: list[Record]) -> WriteResult:
        result = WriteResult()
        # Two items of one article in one batch are written in successive
        # rounds, so the second sees the first as stored.
        while records:
            seen: set[str] = set()
            now, later = [], []
            for record in records:
                (later if record.key in seen else now).append(record)
                seen.add(record.key)
            result.merge(self._write_round(now))
            records = later
        return result

    # -- one round: distinct article keys ----------------------------------

    def _write_round(self, records: list[Record]) -> WriteResult:
        result = WriteResult()
        stored = {doc["key"]: doc for doc in self.articles.find(
            {"key": {"$in": [r.key for r in records]}},
            {"_id": 0, "key": 1, "content_hash": 1, "cluster": 1})}
        unchanged = [r for r in records if stored.get(r.key, {}).get("content_hash") == r.content_hash]
        fresh = [r for r in records if stored.get(r.key, {}).get("content_hash") != r.content_hash]
        new = [r for r in fresh if r.key not in stored]
        result.counts[URL_ALIAS] += sum(1 for r in records if r.is_url_alias)

        # Signatures and the near-duplicate lookup run in a helper thread
        # while this one compresses pages and computes search terms (numpy,
        # zstd and the server release the GIL).
        candidates = self._background.submit(self._signatures_and_candidates, fresh, new,
                                             result.counts)
        pages = [r.stored_page(self.codec) for r in fresh]
        latest = [r.latest_fields() for r in fresh]
        assignment = self.clusters.assign(new, candidates.result())
        clusters = assignment.clusters
        result.counts[NEAR_DUPLICATE] += sum(1 for r in new if clusters[r.key] != r.key
                                             or r.key in assignment.renamed.values())
        # A new article's cluster is the one it was assigned; a new version
        # stays in its article's.
        snapshot_docs = [r.version_document(clusters.get(r.key) or stored[r.key].get("cluster")
                                            or r.key, page)
                         for r, page in zip(fresh, pages)]

        # Snapshots first: an article never points at a version not stored.
        # Plain inserts: the unique (key, content_hash) index refuses a
        # version stored before (a page changed back, a concurrent crawl).
        _, errors = _bulk(self.snapshots, [InsertOne(doc) for doc in snapshot_docs])
        refused: set[int] = set()
        already: set[int] = set()
        for index, error in errors.items():
            if error.get("code") == DUPLICATE_KEY:
                result.counts[DUPLICATE_KEY_ERROR] += 1
                already.add(index)
            else:
                refused.add(index)
                result.failed.append((fresh[index].item, error.get("errmsg", "write error")))

        article_ops, owners = [], []
        for r in unchanged:
            article_ops.append(self._seen_op(r))
            owners.append(r)
        for i, r in enumerate(fresh):
            if i in refused:
                continue
            article_ops.append(self._new_version_op(r, latest[i]) if r.key in stored
                               else self._new_article_op(r, latest[i], clusters[r.key]))
            owners.append(r)
        _, errors = _bulk(self.articles, article_ops)
        retry = [i for i, e in errors.items() if e.get("code") == DUPLICATE_KEY]
        if retry:
            # Another writer stored one of these new articles meanwhile.
            result.counts[DUPLICATE_KEY_ERROR] += len(retry)
            for i in retry:
                del errors[i]
            _, again = _bulk(self.articles, [
                self._new_version_op(owners[i], owners[i].latest_fields())
                for i in retry])
            errors.update({retry[j]: e for j, e in again.items()})
        raced = {owners[i].key for i in retry}
        failed_articles = set()
        for index, error in errors.items():
            if error.get("code") != DUPLICATE_KEY:
                failed_articles.add(owners[index].key)
                result.failed.append((owners[index].item, error.get("errmsg", "write error")))

        for r in unchanged:
            if r.key not in failed_articles:
                result.counts[UNCHANGED] += 1
        for i, r in enumerate(fresh):
            if i in refused or r.key in failed_articles:
                continue
            if i in already:
                result.counts[UNCHANGED] += 1  # that version was already stored
            elif r.key not in stored and r.key not in raced:
                result.counts[NEW_ARTICLE] += 1
            else:
                result.counts[NEW_VERSION] += 1
        written = [r for i, r in enumerate(fresh) if i not in refused and r.key not in failed_articles]
        self.clusters.write([r for r in written if r.key not in stored and r.key not in raced],
                            [r for r in written if r.key in stored or r.key in raced],
                            assignment, result.counts)
        return result

    # -- article updates ---------------------------------------------------

    @staticmethod
    def _seen_op(r: Record) -> UpdateOne:
        return UpdateOne({"key": r.key}, {
            "$max": {"last_seen": r.fetched_at},
            "$min": {"first_seen": r.fetched_at},
            "$addToSet": {"aliases": {"$each": r.aliases}},
        })

    @staticmethod
    def _new_article_op(r: Record, latest: dict, cluster: str) -> InsertOne:
        # An insert, not an upsert: the key was absent a moment ago, and if
        # another writer stored it since, the unique index says so and the
        # item is sent again as a new version.
        document = {"key": r.key, **latest, "cluster": cluster, "versions": 1,
                    "hashes": [r.content_hash], "aliases": r.aliases,
                    "first_seen": r.fetched_at, "last_seen": r.fetched_at}
        return InsertOne(document)

    @staticmethod
    def _new_version_op(r: Record, latest: dict) -> UpdateOne:
        # An update pipeline, so that the latest fields are replaced only
        # when this snapshot is newer than the one they show (a replayed
        # spill file may be older), and the version count stays exact.
        newer = {"$lt": [{"$ifNull": ["$latest_at", _EPOCH]}, _lit(r.fetched_at)]}
        latest = {name: {"$cond": [newer, _lit(value), f"${name}"]}
                  for name, value in latest.items()}
        return UpdateOne({"key": r.key}, [
            {"$set": {
                **latest,
                "last_seen": {"$max": ["$last_seen", _lit(r.fetched_at)]},
                "first_seen": {"$min": ["$first_seen", _lit(r.fetched_at)]},
                "aliases": {"$setUnion": [{"$ifNull": ["$aliases", []]}, _lit(r.aliases)]},
                "hashes": {"$setUnion": [{"$ifNull": ["$hashes", []]}, _lit([r.content_hash])]},
            }},
            {"$set": {"versions": {"$size": "$hashes"}}},
        ])

    # -- near duplicates ---------------------------------------------------

    def _signatures_and_candidates(self, fresh: list[Record], new: list[Record],
                                   counts: Counter) -> dict[int, list[dict]]:
        """Computes the signatures of ``fresh`` records, and returns the
        stored signatures sharing a band key with a ``new`` one, by band key."""
        for r in fresh:
            r.lsh  # noqa: B018 - cached
        return self.clusters.candidates(new, counts)
