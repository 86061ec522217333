"""Re-extraction of stored pages with the current rules.

Every snapshot keeps its raw page and the ``extractor_version`` that read
its fields. :func:`reextract` runs the current extraction over the
snapshots another version read (or all, with ``everything``), in batches,
in worker processes, and writes back only what changed:

- the snapshot's fields (``extras`` too: the crawl's own keys, such as the
  job, kept as stored), its ``content_hash`` when title or body changed,
  and ``extractor_version``; the previous values of the changed fields and
  the version that produced them are appended to its ``history``;
- the article's ``hashes`` (the snapshot's old hash replaced by its new one);
- the article, when that snapshot is the one it shows: the same fields,
  the search terms, its near-duplicate signature and its cluster, as the
  crawl would assign it now (see :meth:`Reextraction._recluster`);
- a snapshot whose fields are unchanged gets only the new version.

No snapshot is ever created or removed: re-extraction corrects what was
read from a page, it is not a new fetch. Every processed snapshot carries
the current version afterwards, so an interrupted run resumes where it
stopped and a second run finds nothing to do.

A crawl may write the same articles meanwhile: ``hashes`` is changed by
one update on the server, whatever another writer added stays (and an old
hash a writer stores again is put back), and the article's fields are
replaced only while it still shows the re-extracted snapshot, so a crawl's
newer version keeps its fields.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from pymongo import UpdateOne
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from snapshots import settings as defaults
from snapshots.extract.version import with_selectors
from snapshots.page import CRAWL_EXTRAS, SiteContext, article_item

from . import terms
from .clusters import Clusters, refresh_signature
from .documents import Record, content_hash, decompress_html, stored_extras
from .schema import ARTICLES, SIGNATURES, SNAPSHOTS

logger = logging.getLogger(__name__)

# The stored fields extraction produces, compared one by one.
FIELDS = ("title", "published_at", "published_at_raw", "source", "authors", "editor",
          "page_category", "body", "related", "language", "extras")
# Of those, what the article shows of its latest snapshot.
ARTICLE_FIELDS = ("title", "published_at", "source", "authors", "editor", "page_category",
                  "language", "body")
_PROJECTION = {"_id": 1, "key": 1, "url": 1, "canonical_url": 1, "site": 1, "category": 1,
               "fetched_at": 1, "timezone": 1, "content_hash": 1, "extractor_version": 1,
               "html": 1, "html_codec": 1, "encoding": 1, "extras": 1, **{name: 1 for name in FIELDS}}


def extract_fields(page: bytes, codec: str, url: str, fetched_at: datetime,
                   site: SiteContext, crawl_extras: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The stored form of a page's fields, as the crawl would store them
    had it fetched the page at ``fetched_at``: the crawl's own entry point
    (:func:`snapshots.page.article_item`), with ``crawl_extras`` (what the
    crawl added to ``extras``) kept. A worker task: pure."""
    item = article_item(decompress_html(page, codec), url, fetched_at, site)
    fields = {name: getattr(item, name) for name in FIELDS}
    fields["title"] = fields["title"] or ""
    fields["related"] = [{"url": str(r.get("url") or ""), "title": str(r.get("title") or "")}
                         for r in item.related]
    fields["extras"] = stored_extras({**(crawl_extras or {}), **item.extras})
    fields["extractor_version"] = item.extractor_version
    return fields


def crawl_extras(stored: Any) -> dict[str, Any]:
    """The keys of a snapshot's stored ``extras`` (JSON text) that the crawl
    added, not extraction (:data:`snapshots.page.CRAWL_EXTRAS`)."""
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return {}
    if not isinstance(stored, Mapping):
        return {}
    return {name: stored[name] for name in CRAWL_EXTRAS if name in stored}


@dataclass
class Report:
    """What a run did: snapshots seen, and per field how many changed."""

    dry_run: bool = False
    seen: int = 0
    changed: int = 0  # snapshots with at least one field changed
    unchanged: int = 0
    failed: int = 0  # the page could not be re-extracted (kept as it was)
    articles: int = 0  # articles whose shown fields were updated
    reclustered: int = 0  # articles that joined or left a near-duplicate cluster
    clusters_renamed: int = 0  # clusters named after a re-extracted article, now their earliest
    hash_collisions: int = 0  # the new content equals another snapshot of the article
    fields: Counter = field(default_factory=Counter)  # field -> changed
    filled: Counter = field(default_factory=Counter)  # field -> was empty, now set
    emptied: Counter = field(default_factory=Counter)  # field -> was set, now empty

    def table(self) -> str:
        verb = "would change" if self.dry_run else "changed"
        lines = [f"{self.seen} snapshots re-extracted: {self.changed} {verb}, {self.unchanged} unchanged, "
                 f"{self.failed} failed; {self.articles} articles updated"
                 + (f", {self.reclustered} moved to another cluster" if self.reclustered else "")
                 + (f", {self.clusters_renamed} clusters renamed" if self.clusters_renamed else "")
                 + (f"; {self.hash_collisions} now equal to another snapshot of their article"
                    if self.hash_collisions else "")]
        if self.fields:
            width = max(len(name) for name in self.fields)
            lines.append(f"{'field':<{width}}  changed  filled  emptied")
            for name in FIELDS:
                if self.fields[name]:
                    lines.append(f"{name:<{width}}  {self.fields[name]:>7}  {self.filled[name]:>6}  "
                                 f"{self.emptied[name]:>7}")
        return "\n".join(lines)


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def changed_fields(stored: Mapping[str, Any], fresh: Mapping[str, Any]) -> dict[str, Any]:
    """Field -> stored value, for the fields whose fresh value differs."""
    out = {}
    for name in FIELDS:
        old, new = _utc(stored.get(name)), _utc(fresh.get(name))
        if _empty(old) and _empty(new):
            continue
        if old != new:
            out[name] = stored.get(name)
    return out


def _query(version: str, since: datetime | None, site: str | None, everything: bool,
           site_versions: Mapping[str, str] | None = None) -> dict:
    """Snapshots to re-extract: those another version read. A site whose
    profile has selectors has its own version (``site_versions``)."""
    query: dict[str, Any] = {}
    if not everything:
        own = {name: v for name, v in (site_versions or {}).items() if v != version}
        if own:
            query["$or"] = [{"site": {"$nin": sorted(own)}, "extractor_version": {"$ne": version}},
                            *({"site": name, "extractor_version": {"$ne": v}} for name, v in sorted(own.items()))]
        else:
            query["extractor_version"] = {"$ne": version}
    if since is not None:
        query["fetched_at"] = {"$gte": since}
    if site:
        query["site"] = site
    return query


class Reextraction:
    """One run over the store; :meth:`run` in an asyncio loop."""

    def __init__(self, db: Database, *, workers, version: str, default_site: SiteContext,
                 sites: Mapping[str, SiteContext] | None = None,
                 since: datetime | None = None, site: str | None = None,
                 everything: bool = False, dry_run: bool = False, batch_size: int = 50,
                 band_limit: int = defaults.NEARDUP_BAND_LIMIT,
                 progress: Callable[[Report, int], None] | None = None):
        self.db = db
        self.snapshots = db[SNAPSHOTS]
        self.articles = db[ARTICLES]
        self.signatures = db[SIGNATURES]
        self.clusters = Clusters(db, band_limit)
        self.workers = workers
        self.version = version
        self.default_site = default_site
        self.sites = sites or {}
        self.query = _query(version, since, site, everything,
                            {name: with_selectors(version, context.selectors_digest)
                             for name, context in self.sites.items()})
        self.dry_run = dry_run
        self.batch_size = max(1, batch_size)
        self.progress = progress
        self.report = Report(dry_run=dry_run)

    def total(self) -> int:
        return self.snapshots.count_documents(self.query)

    def _batches(self):
        # By _id, from where the last batch ended: documents updated by this
        # run drop out of the query, others are never read twice.
        last = None
        while True:
            query = dict(self.query)
            if last is not None:
                query["_id"] = {"$gt": last}
            batch = list(self.snapshots.find(query, _PROJECTION).sort("_id", 1).limit(self.batch_size))
            if not batch:
                return
            last = batch[-1]["_id"]
            yield batch

    async def run(self) -> Report:
        total = self.total()
        for batch in self._batches():
            results = await asyncio.gather(*(self._extract(doc) for doc in batch), return_exceptions=True)
            self._apply(batch, results)
            if self.progress is not None:
                self.progress(self.report, total)
        return self.report

    async def _extract(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        # The site as the crawl saw it (profile selectors), in the zone the
        # snapshot was read in.
        site = self.sites.get(doc.get("site") or "", self.default_site)
        site = replace(site, name=doc.get("site") or site.name, category=doc.get("category") or "",
                       timezone=doc.get("timezone") or site.timezone)
        return await self.workers.run(
            extract_fields, bytes(doc["html"]), doc.get("html_codec") or "zlib", doc["url"],
            _utc(doc["fetched_at"]), site, crawl_extras(doc.get("extras")))

    def _apply(self, batch: list[dict], results: list) -> None:
        now = datetime.now(timezone.utc)
        snapshot_ops: list[tuple[dict, UpdateOne]] = []
        for doc, fresh in zip(batch, results):
            self.report.seen += 1
            if isinstance(fresh, BaseException):
                self.report.failed += 1
                logger.warning("Cannot re-extract %s (%s): %s", doc.get("url"), doc.get("_id"), fresh)
                continue
            changed = changed_fields(doc, fresh)
            if not changed:
                self.report.unchanged += 1
                if not self.dry_run and doc.get("extractor_version") != fresh["extractor_version"]:
                    snapshot_ops.append((doc, UpdateOne(
                        {"_id": doc["_id"]}, {"$set": {"extractor_version": fresh["extractor_version"]}})))
                continue
            self.report.changed += 1
            for name, old in changed.items():
                self.report.fields[name] += 1
                if _empty(old):
                    self.report.filled[name] += 1
                elif _empty(fresh.get(name)):
                    self.report.emptied[name] += 1
            if self.dry_run:
                continue
            self._write_changed(doc, fresh, changed, now)
        if snapshot_ops:
            self.snapshots.bulk_write([op for _, op in snapshot_ops], ordered=False)

    def _write_changed(self, doc: dict, fresh: dict, changed: dict, now: datetime) -> None:
        old_hash = doc["content_hash"]
        new_hash = content_hash(fresh["title"], fresh["body"])
        entry = {"replaced_at": now, "extractor_version": doc.get("extractor_version"),
                 "content_hash": old_hash, "fields": changed}
        update = {name: fresh[name] for name in FIELDS if name in changed}
        update["extractor_version"] = fresh["extractor_version"]
        update["content_hash"] = new_hash
        try:
            self.snapshots.update_one({"_id": doc["_id"]},
                                      {"$set": update, "$push": {"history": entry}})
        except DuplicateKeyError:
            # Under the new rules this page reads as another stored version
            # of the same article: the fields are corrected, its hash kept.
            self.report.hash_collisions += 1
            new_hash = old_hash
            update["content_hash"] = old_hash
            self.snapshots.update_one({"_id": doc["_id"]},
                                      {"$set": update, "$push": {"history": entry}})
        self._article_update(doc, fresh, changed, old_hash, new_hash, now)

    def _article_update(self, doc: dict, fresh: dict, changed: dict, old_hash: str, new_hash: str,
                        now: datetime) -> None:
        key = doc["key"]
        if new_hash != old_hash:
            self._replace_hash(key, old_hash, new_hash)
        # The article shows this snapshot's fields only while it is its
        # newest: the filter of the update says so, so that a version a
        # crawl stored meanwhile keeps its fields.
        shows = {"key": key, "content_hash": old_hash, "latest_at": doc["fetched_at"]}
        article = self.articles.find_one(shows, {"_id": 1, "cluster": 1, "extractor_version": 1,
                                                 **{n: 1 for n in ARTICLE_FIELDS}})
        if article is None:
            return
        record = Record({**{k: doc.get(k) for k in ("url", "canonical_url", "site", "category")},
                         **fresh, "fetched_at": doc["fetched_at"]})
        latest = record.latest_fields()
        shown = {name: latest[name] for name in ARTICLE_FIELDS}
        previous = {name: article.get(name) for name in ARTICLE_FIELDS
                    if _utc(article.get(name)) != _utc(shown[name])}
        update = {**shown, "content_hash": new_hash, "extractor_version": fresh["extractor_version"],
                  **terms.stored(record.terms)}
        operation: dict[str, Any] = {"$set": update}
        if not terms.is_partial(record.terms):
            operation["$unset"] = {terms.PARTIAL: ""}
        if previous or new_hash != old_hash:
            operation["$push"] = {"history": {
                "replaced_at": now, "extractor_version": article.get("extractor_version"),
                "content_hash": old_hash, "fields": previous}}
        if not self.articles.update_one({**shows, "_id": article["_id"]}, operation).matched_count:
            return  # a crawl stored a newer version between the read and the write
        if previous or new_hash != old_hash:
            self.report.articles += 1
        if "body" in changed or "published_at" in changed:
            # Its signature (body) or its place in time (published_at) moved.
            refresh_signature(self.db, record)
            self._recluster(record, article.get("cluster") or key)

    def _replace_hash(self, key: str, old_hash: str, new_hash: str) -> None:
        """The snapshot's new hash in place of its old one in ``hashes``, in
        one update on the server: a hash another writer adds at the same
        moment is never overwritten by a list read before it."""
        def replaced(drop: list[str]) -> list[dict]:
            return [{"$set": {"hashes": {"$setUnion": [
                        {"$setDifference": [{"$ifNull": ["$hashes", []]}, {"$literal": drop}]},
                        {"$literal": [new_hash]}]}}},
                    {"$set": {"versions": {"$size": "$hashes"}}}]

        self.articles.update_one({"key": key}, replaced([old_hash]))
        # A writer that stored a snapshot with the old hash again (an older
        # reading of the page) before the update above: its hash goes back.
        if self.snapshots.find_one({"key": key, "content_hash": old_hash}, {"_id": 1}) is not None:
            self.articles.update_one({"key": key}, [
                {"$set": {"hashes": {"$setUnion": [{"$ifNull": ["$hashes", []]}, {"$literal": [old_hash]}]}}},
                {"$set": {"versions": {"$size": "$hashes"}}}])

    def _recluster(self, record: Record, stored_cluster: str) -> None:
        """The cluster the crawl would give the article now, from its fresh
        signature and time: that of its earliest near duplicate, renamed
        after it if it is the earlier copy, or its own (no near duplicate,
        or a body too short to compare). Other members of the cluster it
        leaves stay where they are."""
        counts: Counter = Counter()
        assignment = self.clusters.assign([record], self.clusters.candidates([record], counts))
        self.clusters.write([], [], assignment, counts)  # clusters renamed after it
        self.report.clusters_renamed += len(assignment.renamed)
        cluster = assignment.clusters[record.key]
        if record.signature is not None:
            self.signatures.update_one({"key": record.key}, {"$set": {
                "cluster": cluster, "origin": record.origin,
                "cluster_origin": assignment.origins[cluster]}})
        if cluster != stored_cluster and assignment.renamed.get(stored_cluster) != cluster:
            self.report.reclustered += 1
        self.articles.update_one({"key": record.key}, {"$set": {"cluster": cluster}})
        self.snapshots.update_many({"key": record.key}, {"$set": {"cluster": cluster}})


def run_reextraction(db: Database, *, workers: int,
                     worker_timeout: float = defaults.WORKER_TIMEOUT, **kwargs) -> Report:
    """Run :class:`Reextraction` in its own event loop, with ``workers``
    worker processes (0: in this process)."""
    from snapshots.extract.version import extractor_version
    from snapshots.processes import WorkerProcesses

    async def main() -> Report:
        pool = WorkerProcesses(workers, timeout=worker_timeout)
        pool.preload(extract_fields)
        try:
            return await Reextraction(db, workers=pool, version=extractor_version(), **kwargs).run()
        finally:
            await pool.close()

    return asyncio.run(main())
