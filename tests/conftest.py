"""Shared fixtures: the real servers integration tests talk to.

- ``mongo_uri``: a local MongoDB-protocol server (SecantusDB's secantusd-py)
  on a free loopback port, one per test session.
- ``mongo_db``: a fresh database on it for one test, dropped afterwards.
- ``demo_site``: the bundled demo news site served over HTTP on 127.0.0.1.
- ``redis_server``: Debian's redis-server on a free loopback port, one per test.
- ``run_crawl``: runs ``scrapy crawl`` in a child process, as an operator
  would, and returns its exit code, log and final stats.
"""

from __future__ import annotations

import uuid

import pymongo
import pytest

from snapshots import localdb
# Helpers live in tests/helpers.py; these names stay importable from here
# for the tests that import them from conftest.
from tests.helpers import FAST, ROOT, CrawlResult, crawl_command, read_stats, scrapy_crawl  # noqa: F401


@pytest.fixture(scope="session")
def mongo_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("localdb")
    server = localdb.start(data / "data", log_file=data / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mongo_uri(mongo_server) -> str:
    return mongo_server.uri


@pytest.fixture
def mongo_db(mongo_uri):
    client = pymongo.MongoClient(mongo_uri)
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield client[name]
    client.drop_database(name)
    client.close()


@pytest.fixture(scope="session")
def demo_site():
    from snapshots.demo import server

    site = server.start(port=0)
    yield site
    site.stop()


@pytest.fixture
def redis_server(tmp_path):
    """Debian's redis-server on a free loopback port, in its own folder, for one test."""
    from snapshots.frontier import devserver

    server = devserver.start(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def run_crawl(tmp_path):
    def run(spider: str = "tech", **kwargs) -> CrawlResult:
        return scrapy_crawl(tmp_path, spider, **kwargs)

    return run


# -- markers ----------------------------------------------------------------
# A test is "integration" when it talks to a real server or process (one of
# these fixtures, or a module that starts servers or child processes itself);
# every other test is "unit". So `pytest -m unit` runs in seconds, and a new
# test file needs no marker of its own.
SERVER_FIXTURES = frozenset({"mongo_server", "mongo_uri", "mongo_db", "demo_site", "redis_server",
                             "run_crawl"})
# Names a module uses when it starts servers or child processes itself.
PROCESS_NAMES = frozenset({"subprocess", "scrapy_crawl", "crawl_command", "server", "localdb",
                           "devserver", "ProxySite", "WorkerProcesses"})


def _integration(item) -> bool:
    if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    return module is not None and bool(PROCESS_NAMES & set(vars(module)))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("unit") or item.get_closest_marker("integration"):
            continue
        item.add_marker(pytest.mark.integration if _integration(item) else pytest.mark.unit)
