"""Connecting to MongoDB, and saying clearly why it failed."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pymongo
from pymongo.errors import ConfigurationError, PyMongoError

START_HINT = "start the local server with: python -m snapshots localdb"


class StoreUnavailable(RuntimeError):
    """MongoDB cannot be reached (or the URI is unusable)."""


def mask_uri(uri: str) -> str:
    """``uri`` with its password replaced by ``***``, fit for logs."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<unparsable MongoDB URI>"
    if "@" not in parts.netloc:
        return uri
    userinfo, _, hosts = parts.netloc.rpartition("@")
    user, sep, _password = userinfo.partition(":")
    netloc = f"{user}{':***' if sep else ''}@{hosts}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def client(uri: str, timeout: float, **options) -> pymongo.MongoClient:
    """A client that gives up on an unreachable server after ``timeout`` seconds.

    ``tz_aware`` so that datetimes read back are aware UTC, like the items.
    """
    ms = max(1, int(timeout * 1000))
    options.setdefault("socketTimeoutMS", max(ms, 30_000))
    return pymongo.MongoClient(
        uri, serverSelectionTimeoutMS=ms, connectTimeoutMS=ms, tz_aware=True,
        appname="snapshots", **options,
    )


def unavailable_message(uri: str, error: BaseException | str) -> str:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return f"MongoDB unavailable at {mask_uri(uri)} ({reason}); {START_HINT}"


def ping(uri: str, timeout: float) -> None:
    """Return if the server at ``uri`` answers within ``timeout`` seconds,
    else raise :class:`StoreUnavailable` with a one-line message."""
    try:
        with client(uri, timeout) as c:
            c.admin.command("ping")
    except (PyMongoError, ConfigurationError, ValueError) as exc:
        raise StoreUnavailable(unavailable_message(uri, exc)) from None
