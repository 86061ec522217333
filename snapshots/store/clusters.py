"""Near-duplicate clusters, looked up in a compact collection.

Each article with a signature has one small document in ``signatures``
(about 400 bytes: key, cluster, times, 16 band keys, the 64-value MinHash),
so the per-batch lookup of candidates reads those and never an article
with its body and terms.

A band key shared by more than ``NEARDUP_BAND_LIMIT`` articles is
boilerplate (a template, a stock paragraph): it is recorded in
``boilerplate_bands``, no longer looked up, and no longer stored with new
signatures, so no band's fan-out can grow with the store. Real copies of a
story share most of their 16 bands, so skipping a few does not lose them.

A cluster is named by the key of its *representative*: the member with the
earliest ``published_at``, or ``first_seen`` when the page gave no time
(ties go to the smaller key). When an earlier copy arrives later, the
cluster is renamed after it in ``articles``, ``snapshots`` and
``signatures``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from bson import Binary
from pymongo import InsertOne, UpdateOne
from pymongo.database import Database
from pymongo.errors import BulkWriteError

from . import neardup
from .schema import ARTICLES, BOILERPLATE_BANDS, SIGNATURES, SNAPSHOTS

# Outcome names (the pipeline prefixes "snapshots/store/").
BOILERPLATE_MARKED = "neardup/boilerplate_bands"  # band keys found over the bound
BOILERPLATE_SKIPPED = "neardup/boilerplate_skipped"  # band lookups skipped as boilerplate
CANDIDATES = "neardup/candidates"  # signatures read by lookups
MOVED = "clusters/moved"  # clusters renamed after an earlier copy
FAILED = "neardup/failed"  # signatures the server refused (logged)
DUPLICATE_KEY = 11000

# Band keys per lookup query. A server checks each candidate it fetches
# against the whole ``$in`` list: MongoDB with a binary search, the
# development server value by value, so one query of 1,600 keys costs it
# 1,600 x 16 comparisons per candidate. Small chunks keep that bounded.
LOOKUP_CHUNK = 32

logger = logging.getLogger(__name__)


@dataclass
class Assignment:
    """The cluster of each new article, when each cluster's representative
    was published, and the stored clusters renamed."""

    clusters: dict[str, str] = field(default_factory=dict)  # key -> cluster
    origins: dict[str, datetime] = field(default_factory=dict)  # cluster -> time
    renamed: dict[str, str] = field(default_factory=dict)  # old cluster -> new


class Clusters:
    """The ``signatures`` collection and the cluster of each new article."""

    def __init__(self, db: Database, band_limit: int):
        self.db = db
        self.signatures = db[SIGNATURES]
        self.boilerplate_bands = db[BOILERPLATE_BANDS]
        self.band_limit = max(1, band_limit)
        # Small: at most 16 entries per band_limit articles, in practice few.
        self.boilerplate = {d["_id"] for d in self.boilerplate_bands.find({}, {"_id": 1})}

    # -- lookup ------------------------------------------------------------

    def candidates(self, new: Iterable[Any], counts: Counter) -> dict[int, list[dict]]:
        """Stored signatures sharing a band key with a ``new`` record
        (``Record``), by band key; boilerplate bands left out."""
        wanted: set[int] = set()
        for r in new:
            for band in r.lsh:
                if band in self.boilerplate:
                    counts[BOILERPLATE_SKIPPED] += 1
                else:
                    wanted.add(band)
        by_band: dict[int, list[dict]] = {}
        seen: dict[str, dict] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            chunk = ordered[start: start + LOOKUP_CHUNK]
            looked_up = set(chunk)
            for doc in self.signatures.find(
                    {"bands": {"$in": chunk}},
                    {"_id": 0, "key": 1, "cluster": 1, "cluster_origin": 1, "minhash": 1, "bands": 1}):
                doc = seen.setdefault(doc["key"], doc)  # one object per signature
                if "sig" not in doc:
                    counts[CANDIDATES] += 1
                    doc["sig"] = neardup.from_bytes(doc["minhash"])
                    when = doc["cluster_origin"]  # aware, whatever the client's options
                    doc["cluster_origin"] = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
                for band in looked_up.intersection(doc["bands"]):
                    by_band.setdefault(band, []).append(doc)
        crowded = [band for band, docs in by_band.items() if len(docs) > self.band_limit]
        if crowded:
            self._mark(crowded, {band: len(by_band[band]) for band in crowded})
            counts[BOILERPLATE_MARKED] += len(crowded)
            for band in crowded:
                del by_band[band]
        return by_band

    def _mark(self, bands: list[int], members: dict[int, int]) -> None:
        self.boilerplate.update(bands)
        self.boilerplate_bands.bulk_write(
            [UpdateOne({"_id": b}, {"$max": {"members": members[b]}}, upsert=True) for b in bands],
            ordered=False)

    # -- assignment --------------------------------------------------------

    def assign(self, new: list[Any], by_band: dict[int, list[dict]]) -> Assignment:
        """The cluster of each ``new`` record: that of its best-placed
        near duplicate (the one whose cluster starts earliest), renamed after
        the record if the record is earlier than the cluster's
        representative."""
        out = Assignment()
        origin: dict[str, datetime] = {}  # cluster -> its representative's time
        renamed: dict[str, str] = {}

        def current(cluster: str) -> str:
            while cluster in renamed:
                cluster = renamed[cluster]
            return cluster

        stored_clusters: set[str] = set()
        for docs in by_band.values():
            for doc in docs:
                stored_clusters.add(doc["cluster"])
                origin.setdefault(doc["cluster"], doc["cluster_origin"])
        for r in new:
            cluster = r.key
            if r.signature is not None:
                seen = {id(d): d for b in r.lsh for d in by_band.get(b, ())}.values()
                joined = {current(d["cluster"]) for d in seen
                          if d["key"] != r.key and neardup.similarity(r.signature, d["sig"]) >= neardup.THRESHOLD}
                if joined:
                    cluster = min(joined, key=lambda c: (origin[c], c))
            if cluster == r.key:
                origin[r.key] = r.origin
            elif (r.origin, r.key) < (origin[cluster], cluster):
                renamed[cluster] = r.key  # the record is the earlier copy
                origin[r.key] = r.origin
                cluster = r.key
            out.clusters[r.key] = cluster
            if r.signature is not None:
                # Later records of this batch may be copies of this one.
                entry = {"key": r.key, "cluster": cluster, "sig": r.signature}
                for band in r.lsh:
                    by_band.setdefault(band, []).append(entry)
        out.clusters = {key: current(c) for key, c in out.clusters.items()}
        out.origins = {c: origin[c] for c in {*out.clusters.values(), *map(current, stored_clusters)}}
        out.renamed = {old: current(old) for old in stored_clusters if old in renamed}
        return out

    # -- writes ------------------------------------------------------------

    def write(self, new: list[Any], changed: list[Any], assignment: Assignment,
              counts: Counter) -> None:
        """Signatures of new articles, the latest signature of changed
        ones, then the renamed clusters everywhere."""
        ops: list[InsertOne | UpdateOne] = []
        for r in new:
            if r.signature is not None:
                cluster = assignment.clusters[r.key]
                ops.append(InsertOne({"key": r.key, "cluster": cluster, "origin": r.origin,
                                      "cluster_origin": assignment.origins[cluster],
                                      **self._latest(r)}))
        for r in changed:
            if r.signature is not None:
                # Only a newer version replaces the signature (a replayed
                # spill file may be older); an article first stored without
                # one (a short body) gets one, in its own cluster.
                ops.append(UpdateOne(
                    {"key": r.key, "latest_at": {"$lt": r.fetched_at}},
                    {"$set": self._latest(r),
                     "$setOnInsert": {"cluster": r.key, "origin": r.origin, "cluster_origin": r.origin}},
                    upsert=True))
        if ops:
            try:
                self.signatures.bulk_write(ops, ordered=False)
            except BulkWriteError as exc:
                # Duplicate keys: another writer stored that signature, or
                # a newer one is stored already.
                failed = [e for e in exc.details.get("writeErrors", ()) if e.get("code") != DUPLICATE_KEY]
                if failed:
                    counts[FAILED] += len(failed)
                    logger.error("could not store %d signatures: %s", len(failed), failed[0].get("errmsg"))
        for old, new_key in assignment.renamed.items():
            counts[MOVED] += 1
            self.signatures.update_many({"cluster": old}, {"$set": {
                "cluster": new_key, "cluster_origin": assignment.origins[new_key]}})
            for name in (ARTICLES, SNAPSHOTS):
                self.db[name].update_many({"cluster": old}, {"$set": {"cluster": new_key}})

    def _latest(self, r: Any) -> dict[str, Any]:
        return {"latest_at": r.fetched_at, "bands": [b for b in r.lsh if b not in self.boilerplate],
                "minhash": Binary(neardup.to_bytes(r.signature))}


def refresh_signature(db: Database, r: Any) -> None:
    """Make ``r`` (a ``Record`` shown as its article's latest version, e.g.
    re-extracted) the signature of its article; its cluster is kept."""
    signatures = db[SIGNATURES]
    if r.signature is None:
        signatures.delete_one({"key": r.key})
        return
    boilerplate = {d["_id"] for d in db[BOILERPLATE_BANDS].find({"_id": {"$in": r.lsh}}, {"_id": 1})}
    signatures.update_one({"key": r.key}, {
        "$set": {"latest_at": r.fetched_at, "bands": [b for b in r.lsh if b not in boilerplate],
                 "minhash": Binary(neardup.to_bytes(r.signature))},
        "$setOnInsert": {"cluster": r.key, "origin": r.origin, "cluster_origin": r.origin},
    }, upsert=True)
