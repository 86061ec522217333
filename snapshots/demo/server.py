"""Serve the demo site over HTTP/1.1 on loopback.

``start()`` serves from a background thread and returns a :class:`DemoSite`;
``python -m snapshots demo`` serves in the foreground (for benchmarks, from
a separate process). Keep-alive connections and pre-rendered bytes keep the
server far from being the bottleneck of a crawl.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from snapshots.demo import catalog as catalog_module
from snapshots.demo.catalog import Catalog
from snapshots.demo.sections import build_site
from snapshots.demo.site import Site


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DemoNews/1.0"
    # Headers and body are separate writes: without this, Nagle's algorithm
    # and delayed ACKs add ~40 ms to every keep-alive response.
    disable_nagle_algorithm = True
    timeout = 60  # idle keep-alive connections end after a minute

    def setup(self):
        super().setup()
        self.server.track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_GET(self):
        self._respond(send_body=True)

    def do_HEAD(self):
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        server: _Server = self.server
        server.count(self.path)
        if server.delay:
            time.sleep(server.delay)  # a slow site (benchmarks, fault tests)
        page = server.site.get(self.path)
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        for name, value in page.headers:
            self.send_header(name, value)
        if page.cut_at is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if not send_body:
            return
        if page.cut_at is None:
            try:
                self.wfile.write(page.body)
            except (BrokenPipeError, ConnectionResetError):
                # A client that gives up on a large page (DOWNLOAD_MAXSIZE).
                self.close_connection = True
            return
        # Announce the whole body, send part of it, hang up.
        self.wfile.write(page.body[:page.cut_at])
        self.close_connection = True

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address):
        super().__init__(address, _Handler)
        self.site: Site | None = None
        self.delay = 0.0  # seconds before each response
        self.hits: Counter = Counter()
        self.target_hits: Counter = Counter()
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()

    def count(self, target: str) -> None:
        with self._lock:
            self.hits[urlsplit(target).path] += 1
            self.target_hits[target] += 1

    def clear_counts(self) -> None:
        with self._lock:
            self.hits.clear()
            self.target_hits.clear()

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """End keep-alive connections, so nothing is served after stop()."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class DemoSite:
    """A running demo site.

    ``hits`` counts requests per path (query ignored), ``target_hits`` per
    request target as sent (path and query).
    """

    def __init__(self, server: _Server, catalog: Catalog, site: Site):
        self._server = server
        self.catalog = catalog
        self.site = site
        self.host, self.port = server.server_address[:2]
        self.url = f"http://{self.host}:{self.port}"
        self._thread: threading.Thread | None = None

    @property
    def hits(self) -> Counter:
        return self._server.hits

    @property
    def target_hits(self) -> Counter:
        return self._server.target_hits

    @property
    def delay(self) -> float:
        """Seconds each response waits; may be changed while serving."""
        return self._server.delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        self._server.delay = seconds

    def reset(self) -> None:
        """Forget the pages that already failed once, and the request counts."""
        self.site.reset()
        self._server.clear_counts()

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop` (from another thread)."""
        self._server.serve_forever(poll_interval=0.2)

    def _serve_in_background(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="demo-site", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoSite:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def create(host: str = "127.0.0.1", port: int = 0, *, articles: int = 240,
           now: datetime | None = None, seed: int = 0, delay: float = 0.0) -> DemoSite:
    """A bound but not yet serving demo site: call ``serve_forever()``.
    ``delay``: seconds each response waits (a slow site)."""
    catalog = catalog_module.build(articles=articles, now=now, seed=seed)
    server = _Server((host, port))
    server.delay = delay
    bound_host, bound_port = server.server_address[:2]
    site = build_site(catalog, f"http://{bound_host}:{bound_port}")
    server.site = site
    return DemoSite(server, catalog, site)


def start(host: str = "127.0.0.1", port: int = 0, *, articles: int = 240,
          now: datetime | None = None, seed: int = 0, delay: float = 0.0) -> DemoSite:
    """Serve the demo site from a background thread; ``port=0`` picks a free port."""
    demo = create(host, port, articles=articles, now=now, seed=seed, delay=delay)
    demo._serve_in_background()
    return demo
