"""A circuit breaker for the store: :class:`StoreCircuit`.

With MongoDB down, every known-article lookup and every batch would wait
out a server-selection timeout (``MONGO_CONNECT_TIMEOUT``): a crawl of a
few hundred listing pages and batches spends most of its time waiting.
Once a store call has failed for want of a server, the circuit *opens*: no
caller asks the store (lookups answer "nothing known", batches go to the
spill file at once) until, every ``STORE_PROBE_INTERVAL`` seconds, one
batch write is let through as a probe. A probe that succeeds *closes* the
circuit and the crawl stores again.

One circuit per crawl, shared by the spider and the store pipeline
(:meth:`StoreCircuit.of`). Stats, under ``snapshots/store/circuit/``:
``opened``, ``closed``, ``probes``, and ``short_circuited/<call>`` for each
call not made (``lookup``, ``batch``, ``run``).
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger(__name__)

STATS = "snapshots/store/circuit/"


class StoreCircuit:
    def __init__(self, stats, probe_interval: float, clock=time.monotonic):
        self.stats = stats
        self.probe_interval = max(0.0, probe_interval)
        self.clock = clock
        self._open = False
        self._next_probe = 0.0
        self._lock = threading.Lock()  # callers: the reactor and the writer's thread

    @classmethod
    def of(cls, crawler) -> "StoreCircuit":
        """The crawl's circuit, made on first use."""
        circuit = getattr(crawler, "_store_circuit", None)
        if circuit is None:
            circuit = crawler._store_circuit = cls(
                crawler.stats, crawler.settings.getfloat("STORE_PROBE_INTERVAL"))
        return circuit

    @property
    def is_open(self) -> bool:
        return self._open

    def allow(self, call: str, probe: bool = False) -> bool:
        """Whether ``call`` may ask the store now. While the circuit is open,
        a caller with ``probe=True`` is let through once per interval."""
        with self._lock:
            if not self._open:
                return True
            if probe and self.clock() >= self._next_probe:
                self._next_probe = self.clock() + self.probe_interval
                self.stats.inc_value(STATS + "probes")
                return True
        self.stats.inc_value(STATS + "short_circuited/" + call)
        return False

    def failed(self, error: BaseException | str = "") -> None:
        """A store call failed for want of a server: open the circuit."""
        with self._lock:
            self._next_probe = self.clock() + self.probe_interval
            if self._open:
                return
            self._open = True
        self.stats.inc_value(STATS + "opened")
        logger.warning("The store is unreachable (%s): not asking it again for %.0f s; "
                       "items go to the spill file meanwhile",
                       str(error).splitlines()[0] if str(error) else type(error).__name__,
                       self.probe_interval)

    def succeeded(self) -> None:
        """A store call worked: close the circuit."""
        with self._lock:
            if not self._open:
                return
            self._open = False
        self.stats.inc_value(STATS + "closed")
        logger.info("The store answers again")
