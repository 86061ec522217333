"""Collections, their validators and their indexes.

:func:`ensure_schema` is idempotent and runs whenever a writer opens the
store: a missing collection is created with its validator, an existing one
gets it through ``collMod``, and indexes are created if absent.
"""

from __future__ import annotations

import logging

from pymongo import ASCENDING as ASC
from pymongo import DESCENDING as DESC
from pymongo import IndexModel
from pymongo.database import Database
from pymongo.errors import OperationFailure

logger = logging.getLogger(__name__)

ARTICLES = "articles"
SNAPSHOTS = "snapshots"
RUNS = "runs"

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
            "lsh": {"bsonType": "array", "items": {"bsonType": ["int", "long"]}},
            "minhash": {"bsonType": ["binData", "null"]},
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
            "encoding": _STR_OR_NULL, "status": {"bsonType": ["int", "long"]},
            "extras": _STR,
        },
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
        IndexModel([("terms", ASC)], name="terms"),  # keyword search
        # The few pages whose terms were cut short (terms.query checks them).
        IndexModel([("terms_partial", ASC)], sparse=True, name="terms_partial"),
        IndexModel([("lsh", ASC)], name="lsh"),  # near-duplicate candidates
    ],
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


def ensure_schema(db: Database) -> None:
    """Create or update every collection's validator and indexes."""
    existing = set(db.list_collection_names())
    for name, validator in VALIDATORS.items():
        if name in existing:
            try:
                db.command("collMod", name, validator=validator,
                           validationLevel="strict", validationAction="error")
            except OperationFailure as exc:  # e.g. no collMod privilege
                logger.warning("could not set the validator of %s: %s", name, exc)
        else:
            try:
                db.create_collection(name, validator=validator,
                                     validationLevel="strict", validationAction="error")
            except OperationFailure as exc:
                if exc.code != 48:  # NamespaceExists: another writer made it first
                    raise
        db[name].create_indexes(INDEXES[name])
