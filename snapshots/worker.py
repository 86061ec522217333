"""A child process that runs the crawl's CPU-heavy pure functions.

    python -m snapshots.worker [MODULE ...]

Started by :class:`snapshots.processes.WorkerProcesses`, which names the
modules to import before work starts (those of the functions it will be
sent). Reads requests from standard input and writes replies to standard
output, one frame each: a 4-byte big-endian length, then a pickle. Its
first frame, once it has imported the modules, is :data:`READY`. A request
is ``(job, call)``, ``call`` the pickle of ``(function, args, kwargs)`` with
a module-level function, pickled by reference (its module and name), so
that a call that cannot be unpickled here is still answered; a reply is
``(job, True, result)`` or ``(job, False, exception)``. Exits when its
input closes.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable
from typing import Any, BinaryIO

HEADER = struct.Struct("!I")
READY = (None, True, "ready")


def frame(message: Any) -> bytes:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def call(function: Callable[..., Any], args: tuple, kwargs: dict) -> bytes:
    """The pickled call; raises here, in the caller, if ``function`` is not
    importable by reference (a lambda, a nested function)."""
    return pickle.dumps((function, args, kwargs), pickle.HIGHEST_PROTOCOL)


def run(data: bytes) -> Any:
    function, args, kwargs = pickle.loads(data)
    return function(*args, **kwargs)


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
        job, data = pickle.loads(body)
        try:
            reply = (job, True, run(data))
        except Exception as exc:  # the function's, or its module's import error
            reply = (job, False, _picklable(exc))
        replies.write(frame(reply))
        replies.flush()


def main(modules: list[str]) -> None:
    # Ctrl-C reaches the whole process group: the crawl process shuts down
    # gracefully and then closes this worker's input, which ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Replies get a descriptor of their own; anything printed goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for module in modules:
        importlib.import_module(module)  # before READY: a broken install shows here
    replies.write(frame(READY))
    replies.flush()
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main(sys.argv[1:])
