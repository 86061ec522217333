"""The crawl's CPU-heavy pure work, in child processes beside it.

Extracting an article (one lxml parse and the rules over it) costs about
as much as Scrapy's whole engine spends on the page, and the store adds
search terms (word segmentation), a MinHash signature and compression.
Inline, all of it shares one core with downloading and scheduling; in
child processes (``python -m snapshots.worker``) it runs on the other
cores. The pipes to them are read and written by the crawl's asyncio loop
itself: no thread, no lock, one frame per task each way.

``WorkerProcesses`` is an extension (``EXTENSIONS``); the spider and the
store pipeline reach it with :meth:`WorkerProcesses.of`, name the functions
they will send with :meth:`~WorkerProcesses.preload` (so that the children
import them before work starts) and call them with ``await
workers.run(function, *args)``: any module-level function, sent by
reference. With
``WORKER_PROCESSES = 0``, with the extension disabled, or under a reactor
other than Scrapy's default asyncio one, the same tasks run in the crawl
process.

A task that runs longer than ``WORKER_TIMEOUT`` seconds fails with
:class:`WorkerTimeout` (its worker is killed and replaced) instead of
stalling the crawl; the tasks queued behind it go to the replacement. When
a worker cannot start at all, tasks run in the crawl process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import subprocess
import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from itertools import count
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.reactor import is_asyncio_reactor_installed

from snapshots import worker as worker_module
from snapshots.worker import HEADER, call, frame

logger = logging.getLogger(__name__)

STATS = "snapshots/workers/"
# Seconds a worker gets to exit once its input is closed.
EXIT_GRACE = 10.0


class WorkerTimeout(Exception):
    """A task ran past WORKER_TIMEOUT."""


def default_processes() -> int:
    """One fewer than the CPUs (the crawl keeps one), at most 4."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class _Job:
    __slots__ = ("future", "message", "started", "tries")

    def __init__(self, message: tuple, future: asyncio.Future) -> None:
        self.message = message  # (function, pickled call)
        self.future = future
        self.started = 0.0  # when its worker got to it
        self.tries = 0


class _Worker(asyncio.Protocol):
    """One child process and the jobs sent to it, in the order sent (it
    answers them in that order). Reads its replies as an asyncio protocol
    on the child's standard output."""

    def __init__(self, pool: WorkerProcesses, process: subprocess.Popen) -> None:
        self.pool = pool
        self.process = process
        self.jobs: OrderedDict[int, _Job] = OrderedDict()
        self.buffer = bytearray()
        self.outbox: list[bytes] = []  # frames sent before the pipe is connected
        self.writer: asyncio.WriteTransport | None = None
        self.ready = False  # it has started and imported its modules
        self.timed_out: _Job | None = None

    def send(self, job_id: int, job: _Job) -> None:
        if not self.jobs and self.ready:
            job.started = time.monotonic()
        self.jobs[job_id] = job
        if self.writer is None:
            self.outbox.append(frame((job_id, job.message[1])))
        else:
            self.writer.write(frame((job_id, job.message[1])))

    def connected(self, writer: asyncio.WriteTransport) -> None:
        self.writer = writer
        for data in self.outbox:
            writer.write(data)
        self.outbox.clear()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            size = HEADER.unpack_from(self.buffer)[0]
            if len(self.buffer) < HEADER.size + size:
                return
            job_id, ok, value = pickle.loads(self.buffer[HEADER.size:HEADER.size + size])
            del self.buffer[:HEADER.size + size]
            if job_id is None:  # READY
                self.ready = True
            else:
                self._answer(job_id, ok, value)
            if self.jobs:  # the clock of the task it turns to
                next(iter(self.jobs.values())).started = time.monotonic()

    def _answer(self, job_id: int, ok: bool, value: Any) -> None:
        job = self.jobs.pop(job_id)
        if job.future.done():  # its caller was cancelled
            return
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)

    def connection_lost(self, exc: Exception | None) -> None:
        # Its output closed: the child is exiting, or is of no more use.
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.writer is not None:
            self.writer.close()
        self.pool._ended(self)


class WorkerProcesses:
    """``await run(function, *args, **kwargs)``: the function's result,
    computed in a worker process (or here, when there is none)."""

    def __init__(self, processes: int, *, timeout: float, stats=None,
                 command: list[str] | None = None) -> None:
        self.processes = max(0, processes)
        self.timeout = timeout
        self.stats = stats
        self.command = command or [sys.executable, "-m", worker_module.__name__]
        self.modules: list[str] = []  # imported by each child before its first task
        self.workers: list[_Worker] = []
        self._ids = count()
        self._started = False
        self._closing = False
        self._all_ended: asyncio.Future | None = None
        self._watch: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler):
        setting = crawler.settings.get("WORKER_PROCESSES")
        # Empty: a default that depends on the machine, so not a literal
        # of settings.py.
        processes = default_processes() if setting in (None, "") else int(setting)
        if not processes:
            raise NotConfigured("WORKER_PROCESSES is 0")
        if not is_asyncio_reactor_installed():
            logger.warning("Worker processes need the asyncio reactor: running their tasks "
                           "in the crawl process")
            raise NotConfigured("not the asyncio reactor")
        pool = cls(processes, timeout=crawler.settings.getfloat("WORKER_TIMEOUT"),
                   stats=crawler.stats)
        crawler.signals.connect(pool.close, signal=signals.engine_stopped)
        return pool

    @classmethod
    def of(cls, crawler) -> WorkerProcesses:
        """The crawl's workers, or an in-process stand-in when they are off."""
        return crawler.get_extension(cls) or cls(0, timeout=0)

    def preload(self, *functions: Callable[..., Any]) -> None:
        """Have the children import the modules of ``functions`` before
        their first task (a broken install then shows at start-up, and the
        first page does not pay for the imports). A function not named
        here still runs: its module is imported on first use."""
        for function in functions:
            if function.__module__ not in self.modules:
                self.modules.append(function.__module__)

    # -- processes -----------------------------------------------------

    def start(self) -> None:
        """Start the processes; the first task does, if nothing did before
        (so a crawl whose spider never asks starts none)."""
        self._started = True
        for _ in range(self.processes - len(self.workers)):
            self._spawn()
        if self.workers and self.timeout > 0:
            self._watch_overdue()

    def _spawn(self) -> None:
        # The parent's import path, so that the child finds this project
        # wherever it runs from (a checkout, an installed package, a
        # scrapyd egg).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        process = subprocess.Popen([*self.command, *self.modules], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, env=env)
        worker = _Worker(self, process)
        self.workers.append(worker)
        self._inc("started")
        asyncio.ensure_future(self._connect(worker))

    async def _connect(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        try:
            writer, _ = await loop.connect_write_pipe(asyncio.Protocol, worker.process.stdin)
            await loop.connect_read_pipe(lambda: worker, worker.process.stdout)
        except OSError as exc:  # the pipes are unusable: as if it had exited
            logger.error("Cannot talk to a worker process: %s", exc)
            worker.process.kill()
            worker.process.wait()
            self._ended(worker)
            return
        worker.connected(writer)

    def _ended(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        status = worker.process.returncode
        if self._closing:
            if not self.workers and self._all_ended is not None and not self._all_ended.done():
                self._all_ended.set_result(None)
            return
        jobs = list(worker.jobs.values())
        if not worker.ready:  # it never got to a task: a replacement would fail too
            logger.error("A worker process could not start (exit status %s)%s", status,
                         "" if self.workers else ": running its tasks in the crawl process "
                         "instead (see WORKER_PROCESSES)")
            self._inc("failed_to_start")
        else:
            if worker.timed_out is not None:
                jobs.remove(worker.timed_out)
                self._inc("timeouts")
                self._fail(worker.timed_out, WorkerTimeout(
                    f"{worker.timed_out.message[0].__qualname__} took longer than {self.timeout:g} s "
                    "(WORKER_TIMEOUT)"))
            elif jobs:
                jobs[0].tries += 1  # the task it was on may be what killed it
                if jobs[0].tries > 1:
                    self._fail(jobs.pop(0), RuntimeError(
                        f"a worker process died twice on this task (exit status {status})"))
            logger.warning("A worker process ended (exit status %s); starting another", status)
            self._inc("restarts")
            self._spawn()
        for job in jobs:
            self._submit(job)

    def _watch_overdue(self) -> None:
        now = time.monotonic()
        for worker in self.workers:
            # Start-up does not count: a task's clock starts once its worker is ready.
            if worker.ready and worker.jobs and worker.timed_out is None:
                job = next(iter(worker.jobs.values()))
                if now - job.started > self.timeout:
                    worker.timed_out = job
                    worker.process.kill()
        if not self._closing:
            self._watch = asyncio.get_running_loop().call_later(
                min(1.0, self.timeout), self._watch_overdue)

    async def close(self) -> None:
        """Let the workers finish what they hold, and exit."""
        self._closing = True
        if self._watch is not None:
            self._watch.cancel()
        if not self.workers:
            return
        self._all_ended = asyncio.get_running_loop().create_future()
        for worker in self.workers:
            if worker.writer is not None:
                worker.writer.close()  # end of input: the child exits
            else:
                worker.process.kill()
        try:
            await asyncio.wait_for(asyncio.shield(self._all_ended), EXIT_GRACE)
        except asyncio.TimeoutError:
            for worker in list(self.workers):
                worker.process.kill()

    # -- tasks -------------------------------------------------------------

    async def run(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)``, in a worker process; its
        exceptions are raised here. ``function`` must be importable by
        reference (a module-level function), its arguments and result
        picklable."""
        if not self._started and not self._closing:
            self.start()
        if not self.workers:
            return function(*args, **kwargs)
        job = _Job((function, call(function, args, kwargs)),
                   asyncio.get_running_loop().create_future())
        self._submit(job)
        return await job.future

    def _submit(self, job: _Job) -> None:
        if not self.workers:
            try:
                job.future.set_result(worker_module.run(job.message[1]))
            except Exception as exc:
                job.future.set_exception(exc)
            return
        worker = min(self.workers, key=lambda w: len(w.jobs))
        worker.send(next(self._ids), job)

    @staticmethod
    def _fail(job: _Job, exc: Exception) -> None:
        if not job.future.done():
            job.future.set_exception(exc)

    def _inc(self, name: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(STATS + name)
