"""The store for the command-line tools (``python -m snapshots report``,
``replay``, ``export``, ``web`` ...), which run outside Scrapy: the
project's settings (snapshots/settings.py), then the command's own
``--mongo-uri`` and ``--db``."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from scrapy.settings import Settings


def project_settings() -> Settings:
    from snapshots import settings as module

    settings = Settings()
    settings.setmodule(module, priority="project")
    return settings


def add_store_arguments(parser) -> None:
    parser.add_argument("--mongo-uri", help="default: MONGO_URI (setting or environment)")
    parser.add_argument("--db", help="database name; default: MONGO_DATABASE")


def open_database(args):
    """(client, database) for the command's --mongo-uri/--db, after a ping
    that fails with the store's one-line message."""
    from .connection import client, ping

    settings = project_settings()
    uri = args.mongo_uri or settings.get("MONGO_URI")
    timeout = settings.getfloat("MONGO_CONNECT_TIMEOUT")
    ping(uri, timeout)
    mongo = client(uri, timeout)
    return mongo, mongo[args.db or settings.get("MONGO_DATABASE")], settings


@contextmanager
def command_database(args):
    """``(database, settings)`` for a command, closed afterwards; exits with
    status 2 and the store's one-line message when MongoDB does not answer."""
    from .connection import StoreUnavailable

    try:
        mongo, db, settings = open_database(args)
    except StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None
    try:
        yield db, settings
    finally:
        mongo.close()
