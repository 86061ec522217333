"""``scrapy crawl``, which first checks that MongoDB answers.

A crawl whose items cannot be stored should not start: instead of a wall of
tracebacks it prints one line naming the URI (password masked) and how to
start the local server, and exits non-zero.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

STORE_PIPELINE = "pipelines.store.MongoStorePipeline"


class Command(ScrapyCrawlCommand):
    def run(self, args, opts) -> None:
        settings = self.settings
        pipelines = settings.getdict("ITEM_PIPELINES")
        if pipelines.get(STORE_PIPELINE) is not None:
            from snapshots.store.connection import StoreUnavailable, ping

            try:
                ping(settings.get("MONGO_URI"), settings.getfloat("MONGO_CONNECT_TIMEOUT"))
            except StoreUnavailable as exc:
                print(f"ERROR: {exc}", file=sys.stderr)
                self.exitcode = 1
                return
        super().run(args, opts)
