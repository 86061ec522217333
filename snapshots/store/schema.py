"""Collections, their validators and their indexes.

:func:`ensure_schema` is idempotent, also under concurrency (two crawls
starting at once on a fresh database), and runs whenever a writer opens the
store: a missing collection is created with its validator, an existing one
gets it through ``collMod``, and indexes are created if absent.
"""

from __future__ import annotations

import logging
import time

from pymongo import ASCENDING as ASC
from pymongo import DESCENDING as DESC
from pymongo import IndexModel
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import OperationFailure

logger = logging.getLogger(__name__)

ARTICLES = "articles"
SNAPSHOTS = "snapshots"
RUNS = "runs"
# The near-duplicate index (snapshots.store.clusters): machine data only.
SIGNATURES = "signatures"
BOILERPLATE_BANDS = "boilerplate_bands"

NAMESPACE_EXISTS = 48
# What two writers building the same indexes at once may be answered (by
# name: the codes differ across server versions).
_INDEX_RACE = {"NamespaceExists", "IndexBuildAlreadyInProgress", "IndexBuildAborted"}

_STR = {"bsonType": "string"}
_STR_OR_NULL = {"bsonType": ["string", "null"]}
_DATE = {"bsonType": "date"}
_DATE_OR_NULL = {"bsonType": ["date", "null"]}
_STR_LIST = {"bsonType": "array", "items": {"bsonType": "string"}}
_HASH = {"bsonType": "string", "pattern": "^[0-9a-f]{32}$"}
_URL = {"bsonType": "string", "pattern": "^https?://"}

VALIDATORS = {
    ARTICLES: {"$jsonSchema": {
        "bsonType": "object",
        "required": ["key", "url", "site", "title", "body", "content_hash", "hashes",
                     "versions", "first_seen", "last_seen", "latest_at", "cluster",
                     "aliases", "terms"],
        "properties": {
            "key": _URL, "url": _URL, "canonical_url": _STR_OR_NULL,
            "site": _STR, "category": _STR, "title": _STR,
            "published_at": _DATE_OR_NULL, "source": _STR_OR_NULL,
            "authors": _STR_LIST, "editor": _STR_OR_NULL, "page_category": _STR_OR_NULL,
            "language": _STR_OR_NULL, "body": _STR_LIST,
            "content_hash": _HASH, "hashes": {"bsonType": "array", "items": _HASH, "minItems": 1},
            "versions": {"bsonType": ["int", "long"], "minimum": 1},
            "first_seen": _DATE, "last_seen": _DATE, "latest_at": _DATE,
            "cluster": _URL, "aliases": {"bsonType": "array", "items": _URL, "minItems": 1},
            "terms": _STR_LIST, "terms_partial": {"bsonType": "bool"},
        },
    }},
    SNAPSHOTS: {"$jsonSchema": {
        "bsonType": "object",
        "required": ["key", "content_hash", "fetched_at", "url", "site", "cluster",
                     "title", "body", "html", "html_codec"],
        "properties": {
            "key": _URL, "content_hash": _HASH, "fetched_at": _DATE, "url": _URL,
            "canonical_url": _STR_OR_NULL, "site": _STR, "category": _STR, "cluster": _URL,
            "title": _STR, "published_at": _DATE_OR_NULL, "published_at_raw": _STR_OR_NULL,
            "timezone": _STR_OR_NULL, "source": _STR_OR_NULL, "authors": _STR_LIST,
            "editor": _STR_OR_NULL, "page_category": _STR_OR_NULL, "body": _STR_LIST,
            "related": {"bsonType": "array", "items": {
                "bsonType": "object", "required": ["url", "title"],
                "additionalProperties": False,
                "properties": {"url": _STR, "title": _STR}}},
            "language": _STR_OR_NULL,
            "html": {"bsonType": "binData"}, "html_codec": {"enum": ["zstd", "zlib"]},
            "html_size": {"bsonType": ["int", "long"], "minimum": 0},
            "html_capped_at": {"bsonType": ["int", "long"], "minimum": 0},
            "body_capped_at": {"bsonType": ["int", "long"], "minimum": 0},
            "encoding": _STR_OR_NULL, "status": {"bsonType": ["int", "long"]},
            "extras": _STR,
        },
    }},
    SIGNATURES: {"$jsonSchema": {
        "bsonType": "object",
        "required": ["key", "cluster", "origin", "cluster_origin", "latest_at", "bands", "minhash"],
        "properties": {
            "key": _URL, "cluster": _URL, "origin": _DATE, "cluster_origin": _DATE,
            "latest_at": _DATE, "bands": {"bsonType": "array", "items": {"bsonType": ["int", "long"]}},
            "minhash": {"bsonType": "binData"},
        },
    }},
    BOILERPLATE_BANDS: {"$jsonSchema": {
        "bsonType": "object",
        "required": ["_id", "members"],
        "properties": {"_id": {"bsonType": ["int", "long"]}, "members": {"bsonType": ["int", "long"]}},
    }},
    RUNS: {"$jsonSchema": {
        "bsonType": "object",
        "required": ["spider", "started_at", "status"],
        "properties": {
            "spider": _STR, "job": _STR_OR_NULL, "sites": _STR_LIST,
            "started_at": _DATE, "finished_at": _DATE_OR_NULL,
            "status": {"enum": ["running", "finished", "failed"]}, "reason": _STR_OR_NULL,
            "counts": {"bsonType": "object"},
            "accounting": {"bsonType": "object"}, "monitors": {"bsonType": "object"},
            "errors": {"bsonType": ["int", "long"]},
            "stats": {"bsonType": "array", "items": {
                "bsonType": "object", "required": ["name", "value"],
                "additionalProperties": False,
                "properties": {"name": _STR, "value": {}}}},
        },
    }},
}

# Each index with the question it serves (docs/analysts.md lists them too).
INDEXES = {
    ARTICLES: [
        IndexModel([("key", ASC)], unique=True, name="key_unique"),  # dedup level 1
        IndexModel([("aliases", ASC), ("last_seen", DESC)], name="aliases_last_seen"),  # known URLs
        IndexModel([("category", ASC), ("published_at", DESC)], name="category_published"),
        IndexModel([("site", ASC), ("published_at", DESC)], name="site_published"),
        IndexModel([("source", ASC), ("published_at", DESC)], name="source_published"),
        IndexModel([("published_at", DESC)], name="published"),
        IndexModel([("cluster", ASC), ("first_seen", ASC)], name="cluster_first_seen"),
        IndexModel([("latest_at", DESC)], name="latest_at"),  # changed since a date
        IndexModel([("first_seen", DESC)], name="first_seen"),  # new since a date
        # Keyword search, newest first: the sort comes from the index.
        IndexModel([("terms", ASC), ("published_at", DESC)], name="terms_published"),
        # The few pages whose terms were cut short (docs/analysts.md).
        IndexModel([("terms_partial", ASC)], sparse=True, name="terms_partial"),
    ],
    SIGNATURES: [
        IndexModel([("key", ASC)], unique=True, name="key_unique"),
        IndexModel([("bands", ASC)], name="bands"),  # near-duplicate candidates
        IndexModel([("cluster", ASC)], name="cluster"),  # renaming a cluster
    ],
    BOILERPLATE_BANDS: [],  # read whole, by the writer at start
    SNAPSHOTS: [
        IndexModel([("key", ASC), ("content_hash", ASC)], unique=True,
                   name="key_content_hash_unique"),  # dedup level 2
        IndexModel([("key", ASC), ("fetched_at", DESC)], name="key_fetched"),  # an article's history
        IndexModel([("fetched_at", DESC)], name="fetched"),  # snapshots since a date
        IndexModel([("cluster", ASC), ("fetched_at", DESC)], name="cluster_fetched"),
    ],
    RUNS: [
        IndexModel([("started_at", DESC)], name="started"),
        IndexModel([("spider", ASC), ("started_at", DESC)], name="spider_started"),
    ],
}


# Indexes of earlier releases that newer ones replace (dropped when found):
# every index costs each write.
RETIRED_INDEXES = {
    ARTICLES: ["terms", "lsh"],  # now terms_published; signatures.bands
}


def ensure_schema(db: Database) -> None:
    """Create or update every collection's validator and indexes.

    Safe when several crawls start at once on a fresh database: whoever
    creates a collection first wins, the others update its validator.
    """
    existing = set(db.list_collection_names())
    for name, validator in VALIDATORS.items():
        if name not in existing and not _create(db, name, validator):
            existing.add(name)  # another writer made it between the two calls
        if name in existing:
            _set_validator(db, name, validator)
        if INDEXES[name]:
            _create_indexes(db[name], INDEXES[name])
        _drop_retired(db[name], RETIRED_INDEXES.get(name, ()))


def _drop_retired(collection: Collection, names) -> None:
    present = set(collection.index_information()) if names else set()
    for name in present.intersection(names):
        try:
            collection.drop_index(name)
        except OperationFailure as exc:  # another writer dropped it first
            logger.debug("dropping index %s: %s", name, exc)


_VALIDATION = {"validationLevel": "strict", "validationAction": "error"}


def _create(db: Database, name: str, validator: dict) -> bool:
    """Create ``name`` with its validator; False if it exists already.

    ``check_exists=False``: pymongo's own check (a listCollections before
    the create) raises ``CollectionInvalid`` when another writer won the
    race, before the server could answer. MongoDB answers NamespaceExists
    (code 48; recent versions accept a create with the same options);
    SecantusDB accepts it silently: either way it has its validator.
    """
    try:
        db.create_collection(name, check_exists=False, validator=validator, **_VALIDATION)
    except OperationFailure as exc:
        if exc.code != NAMESPACE_EXISTS:
            raise
        return False
    return True


def _set_validator(db: Database, name: str, validator: dict) -> None:
    try:
        db.command("collMod", name, validator=validator, **_VALIDATION)
    except OperationFailure as exc:  # e.g. no collMod privilege
        logger.warning("could not set the validator of %s: %s", name, exc)


def _create_indexes(collection: Collection, indexes: list[IndexModel], attempts: int = 5) -> None:
    """``createIndexes`` is idempotent for identical specs; two writers
    building the same index at once may see IndexBuildAlreadyInProgress,
    or the collection's implicit creation racing: both are retried."""
    for attempt in range(attempts):
        try:
            collection.create_indexes(indexes)
            return
        except OperationFailure as exc:
            if (exc.details or {}).get("codeName") not in _INDEX_RACE or attempt + 1 == attempts:
                raise
            time.sleep(0.1 * (attempt + 1))
