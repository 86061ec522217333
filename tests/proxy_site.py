"""Several hosts of made-up sites (``news.example.com``, ``www.example.com``
...) served on one loopback port, reached through Scrapy's own proxy
support (``http_proxy``): the crawler asks for ``http://news.example.com/``,
the request goes to this server as an HTTP proxy request, and the server
answers for the host it names. Host names, registrable domains and
``allowed_domains`` are then those of real sites, with no DNS and no port
in the URLs.
"""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.listing_layouts import esc


def article_page(title: str, related: list[tuple[str, str]] = (), canonical: str | None = None) -> str:
    body = "".join(f"<p>{esc(title)}。这是第{n}段正文，记者从多个渠道了解到相关情况，业内人士对此进行了分析和解读。</p>"
                   for n in range(1, 5))
    links = "".join(f'<li><a href="{esc(url)}">{esc(text)}</a></li>' for url, text in related)
    head = f'<link rel="canonical" href="{esc(canonical)}">' if canonical else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>{head}</head><body>'
            f'<div class="article"><h1>{esc(title)}</h1><div class="info">2025-03-21 10:00 来源：示例网</div>'
            f'<div class="content">{body}</div><div class="related"><h3>相关阅读</h3><ul>{links}</ul></div>'
            f"</div></body></html>")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        server: ProxySite = self.server.owner
        url = self.path if self.path.startswith("http") else f"http://{self.headers['Host']}{self.path}"
        parts = urlsplit(url)
        url = f"http://{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        server.hits[url] += 1
        text = server.pages.get(url)
        body = text.encode("utf-8") if text is not None else b"not found"
        self.send_response(200 if text is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8" if text is not None else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class ProxySite:
    """``pages`` maps absolute URLs (no port) to HTML; ``hits`` counts requests."""

    def __init__(self, pages: dict[str, str]):
        self.pages = pages
        self.hits: Counter = Counter()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.owner = self
        self.proxy = "http://127.0.0.1:%d" % self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="proxy-site", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def env(self) -> dict[str, str]:
        """Environment for a crawl that reaches these hosts through the proxy."""
        return {"http_proxy": self.proxy, "https_proxy": self.proxy, "no_proxy": "", "NO_PROXY": ""}
