"""A frontier shared by several crawl processes, on Redis (scrapy-redis).

Set ``FRONTIER_URL`` (a setting, or the environment variable) to a Redis
URL and every ``scrapy crawl SPIDER`` pointed at it, on any host, shares one
run of SPIDER: one priority queue of requests, one duplicate filter, one
set of start requests. Without it the crawl uses Scrapy's own scheduler and
this package never imports redis.

- ``scheduler``: scrapy-redis's scheduler, with the run membership and the
  leases below, built through ``from_crawler``.
- ``queue``: scrapy-redis's priority queue; a pop moves the request into a
  per-worker lease instead of dropping it, so a worker killed mid-request
  loses nothing: the survivors re-queue its leases.
- ``dupefilter``: scrapy-redis's duplicate filter with the project's request
  fingerprinter, whose fingerprints expire after RESNAPSHOT_INTERVAL_HOURS.
- ``run``: who seeds, who is working, when the run is over.
- ``leases``: which of this worker's leased requests are finished and stored.

Redis keys, for SPIDER (e.g. ``tech``): ``SPIDER:requests`` (the queue),
``SPIDER:dupefilter`` and ``SPIDER:dupefilter:run:ID`` (fingerprints),
``SPIDER:run`` (the run), ``SPIDER:workers`` (heartbeats),
``SPIDER:idle``, ``SPIDER:leases:WORKER``.
"""

from __future__ import annotations

SCHEDULER = "snapshots.frontier.scheduler.FrontierScheduler"


class Frontier:
    """Scrapy add-on: swaps in the shared scheduler when FRONTIER_URL is set.

    An add-on rather than a plain SCHEDULER setting so that ``-s
    FRONTIER_URL=...`` (or scrapyd's ``-d setting=``) alone turns it on.
    """

    def update_settings(self, settings) -> None:
        if settings.get("FRONTIER_URL"):
            settings.set("SCHEDULER", SCHEDULER, priority="addon")
