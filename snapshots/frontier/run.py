"""One run of a spider on the shared frontier: who seeds, who works, when it ends.

A run lives in the hash ``SPIDER:run`` (id, state, seeder). The first
worker to arrive when there is no running run starts one and pushes the
start requests; later workers join it. Every worker keeps a heartbeat in
``SPIDER:workers`` (scored by the Redis server's clock, so the hosts'
clocks don't matter) and an idle flag in ``SPIDER:idle``, which a pop
clears. The run is over when the queue is empty, every live worker is
idle and no worker holds a lease; then each worker closes with its stats.
A worker whose heartbeat is older than FRONTIER_LEASE_SECONDS is dead: the
first survivor to notice moves its leases back into the queue.

Every step is one Lua script, so the workers see each other atomically.
"""

from __future__ import annotations

# The Redis server's clock, in seconds.
NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""

# KEYS: workers, queue, idle. ARGV: lease timeout, lease key prefix.
# Returns {requests re-queued, workers removed}.
RECOVER = NOW + """
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local moved = 0
for _, w in ipairs(dead) do
  local leases = ARGV[2] .. w
  local n = redis.call('ZCARD', leases)
  if n > 0 then
    redis.call('ZUNIONSTORE', KEYS[2], 2, KEYS[2], leases, 'AGGREGATE', 'MIN')
    redis.call('DEL', leases)
    moved = moved + n
  end
  redis.call('ZREM', KEYS[1], w)
  redis.call('HDEL', KEYS[3], w)
end
return {moved, #dead}
"""

# KEYS: run, workers, queue. ARGV: worker, id for a new run.
# Returns {run id, 1 if this worker seeds it}.
JOIN = NOW + """
local state = redis.call('HGET', KEYS[1], 'state')
local seeder = 0
if state ~= 'running' or (redis.call('ZCARD', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[3]) == 0) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'id', ARGV[2], 'state', 'running', 'seeder', ARGV[1],
             'started_at', tostring(now))
  seeder = 1
end
redis.call('ZADD', KEYS[2], now, ARGV[1])
return {redis.call('HGET', KEYS[1], 'id'), seeder}
"""

# KEYS: workers. ARGV: worker. 1 if the worker had been given up as dead.
HEARTBEAT = NOW + """
return redis.call('ZADD', KEYS[1], now, ARGV[1])
"""

# KEYS: run, workers, queue, idle. ARGV: worker, run id, lease key prefix.
# Marks the worker idle; 1 when its run is over (now, or already).
IDLE = NOW + """
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[2] then return 1 end
if redis.call('HGET', KEYS[1], 'state') == 'finished' then return 1 end
redis.call('HSET', KEYS[4], ARGV[1], '1')
if redis.call('ZCARD', KEYS[3]) > 0 then return 0 end
for _, w in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if redis.call('HGET', KEYS[4], w) ~= '1' then return 0 end
  if redis.call('EXISTS', ARGV[3] .. w) == 1 then return 0 end
end
redis.call('HSET', KEYS[1], 'state', 'finished', 'finished_at', tostring(now))
return 1
"""

# KEYS: run, workers, queue, idle, leases, run fingerprints. ARGV: worker, run id.
# Returns this worker's leases to the queue and leaves; the last worker of a
# finished run clears it. Returns the number of leases returned.
LEAVE = """
local n = redis.call('ZCARD', KEYS[5])
if n > 0 then
  redis.call('ZUNIONSTORE', KEYS[3], 2, KEYS[3], KEYS[5], 'AGGREGATE', 'MIN')
  redis.call('DEL', KEYS[5])
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
if redis.call('HGET', KEYS[1], 'id') == ARGV[2] and redis.call('ZCARD', KEYS[2]) == 0
   and redis.call('ZCARD', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[6])
end
return n
"""


class FrontierKeys:
    """The Redis keys of one spider's frontier."""

    def __init__(self, spider_name: str):
        base = spider_name
        self.queue = f"{base}:requests"
        self.dupefilter = f"{base}:dupefilter"
        self.run = f"{base}:run"
        self.workers = f"{base}:workers"
        self.idle = f"{base}:idle"
        self.lease_prefix = f"{base}:leases:"

    def leases(self, worker: str) -> str:
        return self.lease_prefix + worker

    def run_dupefilter(self, run_id: str) -> str:
        return f"{self.dupefilter}:run:{run_id}"


class RunMembership:
    """This worker's place in the run: join, heartbeat, idle, leave."""

    def __init__(self, server, keys: FrontierKeys, worker: str, lease_seconds: float):
        self.server = server
        self.keys = keys
        self.worker = worker
        self.lease_seconds = lease_seconds
        self.run_id: str | None = None
        self.seeder = False
        self._recover = server.register_script(RECOVER)
        self._join = server.register_script(JOIN)
        self._heartbeat = server.register_script(HEARTBEAT)
        self._idle = server.register_script(IDLE)
        self._leave = server.register_script(LEAVE)

    def recover(self) -> tuple[int, int]:
        """Re-queue the leases of dead workers: (requests, workers)."""
        k = self.keys
        moved, dead = self._recover(keys=[k.workers, k.queue, k.idle],
                                    args=[self.lease_seconds, k.lease_prefix])
        return int(moved), int(dead)

    def join(self, new_run_id: str) -> tuple[int, int]:
        recovered = self.recover()
        k = self.keys
        run_id, seeder = self._join(keys=[k.run, k.workers, k.queue], args=[self.worker, new_run_id])
        self.run_id = run_id.decode() if isinstance(run_id, bytes) else str(run_id)
        self.seeder = bool(seeder)
        return recovered

    def heartbeat(self) -> bool:
        """True if this worker had been given up as dead (its leases re-queued)."""
        return bool(self._heartbeat(keys=[self.keys.workers], args=[self.worker]))

    def idle(self) -> bool:
        """Mark this worker idle; True when the run is over."""
        k = self.keys
        return bool(self._idle(keys=[k.run, k.workers, k.queue, k.idle],
                               args=[self.worker, self.run_id, k.lease_prefix]))

    def leave(self) -> int:
        """Leave the run, returning this worker's leases to the queue."""
        k = self.keys
        return int(self._leave(
            keys=[k.run, k.workers, k.queue, k.idle, k.leases(self.worker), k.run_dupefilter(self.run_id)],
            args=[self.worker, self.run_id]))

    def info(self) -> dict[str, str]:
        return {key.decode(): value.decode() for key, value in self.server.hgetall(self.keys.run).items()}
