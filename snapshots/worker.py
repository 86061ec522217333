"""A child process that runs the crawl's CPU-heavy pure functions.

    python -m snapshots.worker

Started by :class:`snapshots.processes.WorkerProcesses`. Reads requests
from standard input and writes replies to standard output, one frame each:
a 4-byte big-endian length, then a pickle. Its first frame, once it
has imported everything, is :data:`READY`. A request is ``(job, task, args,
kwargs)`` with ``task`` one of :data:`TASKS`; a reply is ``(job, True,
result)`` or ``(job, False, exception)``. Exits when its input closes.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys
from typing import Any, BinaryIO

# What a worker may be asked to run: pure functions, no Scrapy, imported
# on first use (the crawl process imports this module for the framing).
TASKS = {
    "extract": "snapshots.extract:extract_article",  # page bytes + URL -> Extracted
    "derive": "snapshots.store.documents:derive",  # terms, signature, compressed page
    "reextract": "snapshots.store.reextract:extract_fields",  # stored page -> stored fields
}

HEADER = struct.Struct("!I")
READY = (None, True, "ready")


def frame(message: Any) -> bytes:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def run(task: str, args: tuple, kwargs: dict) -> Any:
    module, name = TASKS[task].split(":")
    return getattr(importlib.import_module(module), name)(*args, **kwargs)


def _read(stream: BinaryIO, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data and len(data) == size else None


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    while (head := _read(requests, HEADER.size)) is not None:
        body = _read(requests, HEADER.unpack(head)[0])
        if body is None:
            return
        job, task, args, kwargs = pickle.loads(body)
        try:
            reply = (job, True, run(task, args, kwargs))
        except Exception as exc:
            reply = (job, False, _picklable(exc))
        replies.write(frame(reply))
        replies.flush()


def main() -> None:
    # Ctrl-C reaches the whole process group: the crawl process shuts down
    # gracefully and then closes this worker's input, which ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Replies get a descriptor of their own; anything printed goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for path in TASKS.values():
        importlib.import_module(path.split(":")[0])  # before READY: a broken install shows here
    replies.write(frame(READY))
    replies.flush()
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
