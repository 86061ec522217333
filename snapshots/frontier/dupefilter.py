"""scrapy-redis's duplicate filter, with the project's fingerprints and a TTL.

scrapy-redis keeps every fingerprint in one set that grows for ever, and
fingerprints with its own function (canonicalize_url, tracking parameters
kept). Here:

- the fingerprint is the crawler's (``REQUEST_FINGERPRINTER_CLASS``:
  tracking parameters ignored), so the filter, HttpCache and JOBDIR agree;
- article fingerprints live in a sorted set scored by the Redis server's
  clock: one is "seen" for RESNAPSHOT_INTERVAL_HOURS, then fetched again,
  and the frontier's heartbeat trims the expired ones, which bounds the set
  to the pages of one interval;
- listing pages are deduplicated per run, in a set that expires with the
  interval: every run walks the listings again, as without the frontier;
- what this worker has asked about once it remembers for the run (as
  Scrapy's own filter does): listings and related links name the same pages
  many times, and each answer from memory is a round trip to Redis saved.
"""

from __future__ import annotations

import logging

from scrapy_redis.dupefilter import RFPDupeFilter

logger = logging.getLogger(__name__)

# KEYS: the fingerprint set. ARGV: fingerprint, TTL in seconds. 1: seen.
SEEN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) > now - tonumber(ARGV[2]) then return 1 end
redis.call('ZADD', KEYS[1], now, ARGV[1])
-- An abandoned frontier's fingerprints go too.
redis.call('EXPIRE', KEYS[1], math.ceil(2 * tonumber(ARGV[2])))
return 0
"""

# KEYS: the fingerprint set. ARGV: TTL in seconds. Returns how many expired.
TRIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
return redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
"""


class ExpiringDupeFilter(RFPDupeFilter):
    def __init__(self, server, key: str, *, fingerprinter, ttl_seconds: float, stats,
                 debug: bool = False):
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter
        self.ttl = max(1, int(ttl_seconds))
        self.stats = stats
        self.run_key: str | None = None  # set when the worker has joined a run
        self._known: set[bytes] = set()  # fingerprints already in Redis
        self._seen = server.register_script(SEEN)
        self._trim = server.register_script(TRIM)

    @classmethod
    def from_crawler(cls, crawler, server=None, key: str = ""):
        settings = crawler.settings
        return cls(server, key, fingerprinter=crawler.request_fingerprinter,
                   ttl_seconds=settings.getfloat("RESNAPSHOT_INTERVAL_HOURS") * 3600,
                   stats=crawler.stats, debug=settings.getbool("DUPEFILTER_DEBUG"))

    def request_fingerprint(self, request) -> bytes:
        return self.fingerprinter.fingerprint(request)

    def request_seen(self, request) -> bool:
        fp = self.request_fingerprint(request)
        listing = request.meta.get("kind") == "listing" and self.run_key
        known = (b"L" if listing else b"A") + fp
        if known in self._known:
            return True
        if listing:
            pipe = self.server.pipeline()
            pipe.sadd(self.run_key, fp).expire(self.run_key, self.ttl)
            seen = pipe.execute()[0] == 0
        else:
            seen = bool(self._seen(keys=[self.key], args=[fp, self.ttl]))
        self._known.add(known)
        return seen

    def trim(self) -> int:
        return self._trim(keys=[self.key], args=[self.ttl])

    def log(self, request, spider) -> None:
        # As Scrapy's own filter: counted, so runs with and without the
        # frontier report the same stat.
        self.stats.inc_value("dupefilter/filtered")
        super().log(request, spider)

    def close(self, reason: str = "") -> None:
        # scrapy-redis deletes the fingerprints here: they are shared by the
        # other workers and outlive the run (see the TTL above).
        pass
