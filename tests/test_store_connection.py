"""ping() and mask_uri(): the start-up check and its message; the local server's cache."""

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


@pytest.mark.parametrize("ram_mb, cache", [(24 * 1024, "11776M"), (1024, "256M"), (4096, "1536M")])
def test_local_server_cache_is_sized_as_mongod_sizes_it(monkeypatch, ram_mb, cache):
    # Half of (RAM - 1 GB), at least 256 MB: MongoDB's default WiredTiger cache.
    pages = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": ram_mb * 2**20 // 4096}
    monkeypatch.setattr(localdb.os, "sysconf", pages.__getitem__)
    assert localdb.cache_size() == cache
