"""``python -m snapshots demo``: serve the bundled demo news site."""

from __future__ import annotations

import signal
import threading
from datetime import datetime

HELP = "serve the bundled demo news site on 127.0.0.1"


def add_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port (default: 8765)")
    parser.add_argument("--articles", type=int, default=240, help="tech articles on the main site")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated content")
    parser.add_argument("--now", type=datetime.fromisoformat, default=None,
                        help="the site's 'now' (ISO time, Beijing time if naive); default: the clock")
    parser.add_argument("--delay-ms", type=float, default=0,
                        help="wait this long before each response (a slow site; default: 0)")


def run(args) -> int:
    from snapshots.demo import server

    site = server.create(args.host, args.port, articles=args.articles, now=args.now, seed=args.seed,
                         delay=args.delay_ms / 1000)
    stopping = threading.Event()

    def stop(*_):
        # shutdown() waits for serve_forever(), which runs in this thread:
        # call it from another one.
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=site.stop, daemon=True).start()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    print(f"demo site at {site.url} ({args.articles} tech articles); Ctrl-C stops it", flush=True)
    site.serve_forever()
    return 0
