"""scrapy-redis's priority queue, popping into a lease.

scrapy-redis pops a request by removing it from the sorted set: a worker
killed before the page is stored loses it. Here the pop moves it, in one
Lua script, into the worker's own lease set (same member, same score); the
worker removes it once the request is finished and its items are stored,
and the survivors move the leases of a worker whose heartbeat stopped back
into the queue.
"""

from __future__ import annotations

from scrapy_redis.queue import PriorityQueue

# KEYS: queue, this worker's leases, idle flags. ARGV: worker.
POP = """
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('ZADD', KEYS[2], head[2], head[1])
redis.call('HSET', KEYS[3], ARGV[1], '0')
return head[1]
"""

# KEYS: queue, leases. Moves every lease back (a member already queued keeps
# its better score) and returns how many there were.
RETURN_LEASES = """
local n = redis.call('ZCARD', KEYS[2])
if n > 0 then
  redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], KEYS[2], 'AGGREGATE', 'MIN')
  redis.call('DEL', KEYS[2])
end
return n
"""


class LeasedPriorityQueue(PriorityQueue):
    """The shared queue of one spider; ``pop`` leases to ``worker``."""

    def __init__(self, server, spider, key, *, leases_key: str, idle_key: str, worker: str,
                 serializer=None):
        super().__init__(server, spider, key, serializer=serializer)
        self.leases_key = leases_key
        self.idle_key = idle_key
        self.worker = worker
        self._pop = server.register_script(POP)
        self._return = server.register_script(RETURN_LEASES)

    def encode(self, request) -> bytes:
        return self._encode_request(request)

    def pop(self, timeout=0):
        """The best request and its encoded form (the lease's member), or None."""
        data = self._pop(keys=[self.key, self.leases_key, self.idle_key], args=[self.worker])
        if data is None:
            return None
        return self._decode_request(data), data

    def release(self, members: list[bytes]) -> None:
        """Drop finished leases."""
        if members:
            self.server.zrem(self.leases_key, *members)

    def return_leases(self, leases_key: str | None = None) -> int:
        """Put a worker's leases (by default this one's) back in the queue."""
        return self._return(keys=[self.key, leases_key or self.leases_key])
