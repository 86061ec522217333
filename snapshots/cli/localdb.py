"""``python -m snapshots localdb``: run the local MongoDB-protocol server."""

from __future__ import annotations

import signal
import threading

from snapshots import localdb

HELP = "run the local MongoDB-protocol server for development"


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=27017,
                        help="port on 127.0.0.1 (default: %(default)s, MONGO_URI's default; 0 picks a free one)")
    parser.add_argument("--storage-path", default=".localdb", help="data folder (default: %(default)s)")


def run(args) -> int:
    server = localdb.start(args.storage_path, port=args.port)
    print(f"local MongoDB-protocol server at {server.uri} (data in {args.storage_path}); Ctrl-C stops it",
          flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(1):
        if server.process.poll() is not None:
            print(f"server exited with {server.process.returncode}")
            return 1
    server.stop()
    return 0
