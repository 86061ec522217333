"""ping() and mask_uri(): the start-up check and its message."""

from __future__ import annotations

import pytest

from snapshots import localdb
from snapshots.store import StoreUnavailable, mask_uri, ping


@pytest.mark.parametrize("uri, masked", [
    ("mongodb://127.0.0.1:27017", "mongodb://127.0.0.1:27017"),
    ("mongodb://bob:s3cr%40t@db.example:27017/snap?authSource=admin",
     "mongodb://bob:***@db.example:27017/snap?authSource=admin"),
    ("mongodb+srv://bob:pw@cluster0.example.net", "mongodb+srv://bob:***@cluster0.example.net"),
    ("mongodb://bob@h1,h2/?replicaSet=rs", "mongodb://bob@h1,h2/?replicaSet=rs"),
])
def test_mask_uri(uri, masked):
    assert mask_uri(uri) == masked


def test_ping_ok(mongo_uri):
    ping(mongo_uri, 2)


def test_ping_unreachable_names_uri_and_fix():
    uri = f"mongodb://ann:hunter2@127.0.0.1:{localdb.free_port()}"
    with pytest.raises(StoreUnavailable) as exc:
        ping(uri, 0.3)
    message = str(exc.value)
    assert "\n" not in message and "hunter2" not in message
    assert "ann:***@127.0.0.1" in message and "python -m snapshots localdb" in message


def test_ping_bad_uri():
    with pytest.raises(StoreUnavailable):
        ping("not-a-uri", 0.3)
