"""Start and stop the local MongoDB-protocol server used for development.

Production talks to any MongoDB 6+ through ``MONGO_URI``. On machines
without ``mongod``, development and tests use SecantusDB's ``secantusd-py``
(installed from requirements-dev.txt), run here as a child process: this
module never imports SecantusDB, it only starts its executable.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pymongo

EXECUTABLE = "secantusd-py"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def cache_size() -> str:
    """The storage engine's cache as mongod sizes its WiredTiger cache by
    default: half of (RAM - 1 GB), at least 256 MB. The server's own
    default (1 GB) holds the index of about 15,000 articles; past it every
    insert into a random place of the index (the search terms) waits on
    eviction. The cache grows only as it is used."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(256, (ram - 2**30) // 2 // 2**20)}M"


def find_executable() -> str:
    """The server's executable: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / EXECUTABLE
    if beside.exists():
        return str(beside)
    found = shutil.which(EXECUTABLE)
    if not found:
        raise FileNotFoundError(
            f"{EXECUTABLE} not found: pip install -r requirements-dev.txt"
        )
    return found


@dataclass
class LocalServer:
    process: subprocess.Popen
    host: str
    port: int
    storage_path: str

    @property
    def uri(self) -> str:
        return f"mongodb://{self.host}:{self.port}"

    def stop(self, timeout: float = 20) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "LocalServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_for_ping(uri: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"local MongoDB-protocol server exited with {process.returncode}")
        try:
            with pymongo.MongoClient(uri, serverSelectionTimeoutMS=500) as client:
                client.admin.command("ping")
                return
        except pymongo.errors.PyMongoError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer from {uri} after {timeout:.0f}s") from None
            time.sleep(0.2)


def start(
    storage_path: str | os.PathLike,
    port: int = 0,
    host: str = "127.0.0.1",
    timeout: float = 60,
    log_file: str | os.PathLike | None = None,
) -> LocalServer:
    """Start the server on ``host:port`` (0: a free port) and wait for ping."""
    port = port or free_port(host)
    Path(storage_path).mkdir(parents=True, exist_ok=True)
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL
    process = subprocess.Popen(
        # Standalone, as a single mongod: no replica-set oplog, whose copy of
        # every written document (and its pruning, once past its cap) costs
        # this server more than the writes themselves. Nothing here needs
        # change streams or transactions.
        [find_executable(), "--host", host, "--port", str(port), "--standalone",
         "--storage-path", str(storage_path), "--cache-size", cache_size(),
         "--log-level", "WARNING"],
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = LocalServer(process, host, port, str(storage_path))
    try:
        wait_for_ping(server.uri, timeout, process)
    except BaseException:
        server.stop()
        raise
    return server
